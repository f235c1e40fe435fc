/// Krippendorff's alpha for any number of raters with missing ratings, for nominal, ordinal and
/// interval data.
///
/// The value comes from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"): only units with two or more values are pairable; o_ck = Σ_u (number of c–k
/// pairs in u) / (m_u − 1); n_c = Σ_k o_ck; n.. = Σ_c n_c; and
/// α = 1 − (n.. − 1) · Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck, with
/// - nominal: δ²_ck = 1 for c ≠ k;
/// - ordinal: δ²_ck = (Σ_{g between c and k} n_g − (n_c + n_k)/2)², over the categories in order;
/// - interval: δ²_ck = (v_c − v_k)² for numeric category values.
///
/// The standard error is Gwet's (2014) linearisation as coded in R irrCAC `krippen.alpha.raw`, with
/// the weights w_ck = 1 − δ²_ck / max δ² (for which irrCAC's weighted alpha equals Krippendorff's);
/// like irrCAC it is centred on α′ (alpha without the small-sample term) and the interval is
/// α ± t₁₋α/₂ · SE with n₀ − 1 degrees of freedom, n₀ being every unit with a rating, the upper bound
/// capped at 1. For the ordinal metric the weights depend on the observed n_g; the standard error
/// treats them as fixed.
extension RatingsMatrix {
    /// Krippendorff's alpha with the given metric.
    ///
    /// - Throws: ``StatisticsError`` when the ordinal metric is asked for unordered categories, the
    ///   interval metric for labels that are not numbers, or a metric that is not nominal, ordinal or
    ///   interval.
    public func krippendorffAlpha(
        metric: AgreementMetric = .nominal, confidenceLevel: Double = 0.95
    ) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        let position = try krippendorffPositions(metric)
        return krippendorffAlpha(AgreementCounts(self), metric: metric, position: position, confidenceLevel: confidenceLevel)
    }

    /// The category values the metric needs (numbers for interval, none otherwise), or why it cannot apply.
    func krippendorffPositions(_ metric: AgreementMetric) throws(StatisticsError) -> [Double] {
        switch metric {
        case .nominal:
            return []
        case .ordinal:
            guard categoriesAreOrdered else {
                throw StatisticsError(
                    "ordinal alpha needs ordered categories: declare their order (e.g. yes, can't tell, no) or use numbers")
            }
            return []
        case .interval:
            guard let values = categoryValues else {
                throw StatisticsError("interval alpha needs numeric categories; these are labels such as '\(categories[0])'")
            }
            return values
        case .linear, .quadratic:
            throw StatisticsError(
                "Krippendorff's alpha takes a nominal, ordinal or interval metric; \(metric.rawValue) weights belong to kappa")
        }
    }

    func krippendorffAlpha(
        _ data: AgreementCounts, metric: AgreementMetric, position: [Double], confidenceLevel: Double
    ) -> AgreementEstimate {
        let q = categories.count
        let method =
            "coincidence matrix (Krippendorff 2011); SE: Gwet (2014) as in R irrCAC krippen.alpha.raw; "
            + "interval α ± t(n₀ − 1)·SE, upper bound capped at 1"
        // Pairable units and their category counts.
        let pairable = (0..<data.units).filter { data.perUnit[$0] >= 2 }
        let values = pairable.reduce(0) { $0 + Int(data.perUnit[$1]) }
        func undefined(_ reason: String) -> AgreementEstimate {
            AgreementEstimate(
                coefficient: .krippendorffAlpha, metric: metric, value: nil, undefinedReason: reason,
                observedAgreement: nil, chanceAgreement: nil, standardError: nil, confidenceInterval: nil,
                units: pairable.count, ratings: values, method: method)
        }
        guard !pairable.isEmpty else { return undefined(AgreementCounts.UndefinedReason.noPairs.text) }

        // Coincidences o_ck and value totals n_c.
        var o = Array(repeating: 0.0, count: q * q)
        for unit in pairable {
            let m = data.perUnit[unit]
            for c in 0..<q {
                let nc = data.count(unit, c)
                guard nc > 0 else { continue }
                for k in 0..<q {
                    let nk = data.count(unit, k)
                    guard nk > 0 else { continue }
                    o[c * q + k] += nc * (nk - (c == k ? 1 : 0)) / (m - 1)
                }
            }
        }
        let totals = (0..<q).map { c in (0..<q).reduce(0) { $0 + o[c * q + $1] } }
        let grand = totals.reduce(0, +)

        // Squared distances δ²_ck.
        var distance = Array(repeating: 0.0, count: q * q)
        for c in 0..<q {
            for k in 0..<q where k != c {
                switch metric {
                case .ordinal:
                    let (low, high) = (min(c, k), max(c, k))
                    let between = (low...high).reduce(0) { $0 + totals[$1] } - (totals[c] + totals[k]) / 2
                    distance[c * q + k] = between * between
                case .interval:
                    let d = position[c] - position[k]
                    distance[c * q + k] = d * d
                default:
                    distance[c * q + k] = 1
                }
            }
        }
        var observed = 0.0
        var expected = 0.0
        for c in 0..<q {
            for k in 0..<q {
                observed += o[c * q + k] * distance[c * q + k]
                expected += totals[c] * totals[k] * distance[c * q + k]
            }
        }
        guard expected > 0 else {
            return undefined(
                "every pairable value is the same, so no disagreement is expected by chance and alpha is 0/0")
        }
        let alpha = 1 - (grand - 1) * observed / expected

        // Gwet's linearised variance with w = 1 − δ²/max δ² (irrCAC krippen.alpha.raw).
        let largest = distance.max() ?? 1
        let w = distance.map { 1 - $0 / largest }
        let n = Double(pairable.count)
        let meanRatings = Double(values) / n
        let epsilon = 1 / Double(values)
        var unitSums: [Double] = []
        unitSums.reserveCapacity(pairable.count)
        var pi = Array(repeating: 0.0, count: q)
        for unit in pairable {
            var sum = 0.0
            for k in 0..<q {
                let rk = data.count(unit, k)
                guard rk > 0 else { continue }
                var weighted = 0.0
                for l in 0..<q { weighted += w[k * q + l] * data.count(unit, l) }
                sum += rk * (weighted - 1)
                pi[k] += rk / (meanRatings * n)
            }
            unitSums.append(sum)
        }
        let paPrime = zip(pairable, unitSums).reduce(0) { $0 + $1.1 / (meanRatings * (data.perUnit[$1.0] - 1)) } / n
        let pa = (1 - epsilon) * paPrime + epsilon
        var pe = 0.0
        var piWeighted = Array(repeating: 0.0, count: q)
        for k in 0..<q {
            for l in 0..<q {
                pe += w[k * q + l] * pi[k] * pi[l]
                piWeighted[k] += (w[k * q + l] + w[l * q + k]) / 2 * pi[l]
            }
        }
        let alphaPrime = (paPrime - pe) / (1 - pe)
        var contributions: [Double] = []
        contributions.reserveCapacity(pairable.count)
        for (index, unit) in pairable.enumerated() {
            let ri = data.perUnit[unit]
            let paI = unitSums[index] / (meanRatings * (ri - 1)) - paPrime * (ri - meanRatings) / meanRatings
            let kappaI = (paI - pe) / (1 - pe)
            let chance = (0..<q).reduce(0) { $0 + data.count(unit, $1) * piWeighted[$1] } / meanRatings
                - pe * (ri - meanRatings) / meanRatings
            contributions.append(kappaI - 2 * (1 - alphaPrime) * (chance - pe) / (1 - pe))
        }
        return data.estimate(
            .krippendorffAlpha, value: alpha, pa: pa, pe: pe, contributions: contributions, centre: alphaPrime,
            level: confidenceLevel, metric: metric, units: pairable.count, ratings: values,
            degreesOfFreedom: data.units - 1, method: method)
    }
}
