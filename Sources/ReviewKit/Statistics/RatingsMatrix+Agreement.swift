/// The chance-corrected agreement coefficients of Gwet (2014, *Handbook of Inter-Rater Reliability*,
/// 4th ed., ch. 2–5) for two or more raters with missing ratings, with the variance formulas of
/// R irrCAC (`R/agree.coeff3.raw.r`: `pa.coeff.raw`, `fleiss.kappa.raw`, `conger.kappa.raw`,
/// `gwet.ac1.raw`, `bp.coeff.raw`).
///
/// Notation: n units (each with at least one rating), q categories, r raters, r_ik the number of
/// ratings of unit i in category k, r_i = Σ_k r_ik, n₂ the number of units with r_i ≥ 2.
/// - pa = (1/n₂) Σ_{i: r_i ≥ 2} Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)); units with one rating do not count.
/// - π_k = (1/n) Σ_i r_ik / r_i (every unit, including those with one rating).
/// - Fleiss: pe = Σ_k π_k²; Gwet's AC1: pe = Σ_k π_k (1 − π_k) / (q − 1); Brennan–Prediger: pe = 1/q;
///   Conger: pe = Σ_k (p̄_k² − s_k² / r) from each rater's own proportions p_gk.
/// - each coefficient is (pa − pe) / (1 − pe); its variance is Gwet's linearisation
///   v = 1/(n(n − 1)) Σ_i (c*_i − c)², where c*_i is unit i's contribution corrected for the
///   estimated chance agreement; the interval is c ± t₁₋α/₂,n−1 · √v with the upper bound capped at 1
///   (as irrCAC). No finite-population correction is applied.
///
/// A coefficient whose chance agreement is 1 (everyone used one category) is undefined (0/0) and
/// reported as such, never as 1; percent agreement stays defined.
extension RatingsMatrix {
    /// Percent agreement: the share of agreeing rater pairs among units rated at least twice.
    public func percentAgreement(confidenceLevel: Double = 0.95) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        return percentAgreement(AgreementCounts(self), confidenceLevel: confidenceLevel)
    }

    func percentAgreement(_ data: AgreementCounts, confidenceLevel: Double) -> AgreementEstimate {
        guard data.pairableUnits > 0 else { return data.undefined(.percentAgreement, reason: .noPairs) }
        let pa = data.observedAgreement
        // irrCAC: pa_i scaled by n/n₂, singletons contribute 0.
        let scale = Double(data.units) / Double(data.pairableUnits)
        let contributions = (0..<data.units).map { scale * data.unitAgreement($0) }
        return data.estimate(
            .percentAgreement, value: pa, pa: pa, pe: 0, contributions: contributions, centre: pa,
            level: confidenceLevel, method: AgreementCounts.gwetMethod)
    }

    /// Fleiss' kappa in Gwet's generalisation to missing ratings (irrCAC `fleiss.kappa.raw`).
    ///
    /// With complete data its value equals classic Fleiss' kappa (``FleissKappa``), but its standard
    /// error is Gwet's non-null one, not the standard error under H0 that ``FleissKappa`` reports.
    public func fleissKappa(confidenceLevel: Double = 0.95) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        return fleissKappa(AgreementCounts(self), confidenceLevel: confidenceLevel)
    }

    func fleissKappa(_ data: AgreementCounts, confidenceLevel: Double) -> AgreementEstimate {
        if let reason = data.chanceCorrectedProblem(needsVariety: true) {
            return data.undefined(.fleissKappa, reason: reason)
        }
        let pi = data.classificationShares
        let pe = pi.reduce(0) { $0 + $1 * $1 }
        return data.linearised(.fleissKappa, pe: pe, level: confidenceLevel) { unit in
            // pe_i = Σ_k r_ik π_k / r_i (the weights are the identity).
            (0..<data.categories).reduce(0) { $0 + data.count(unit, $1) * pi[$1] } / data.perUnit[unit]
        }
    }

    /// Gwet's AC1 (irrCAC `gwet.ac1.raw`).
    public func gwetAC1(confidenceLevel: Double = 0.95) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        return gwetAC1(AgreementCounts(self), confidenceLevel: confidenceLevel)
    }

    func gwetAC1(_ data: AgreementCounts, confidenceLevel: Double) -> AgreementEstimate {
        if let reason = data.chanceCorrectedProblem(needsVariety: false) {
            return data.undefined(.gwetAC1, reason: reason)
        }
        let q = Double(data.categories)
        let pi = data.classificationShares
        let factor = 1 / (q - 1)  // Σ w_kl / (q(q − 1)) with identity weights
        let pe = factor * pi.reduce(0) { $0 + $1 * (1 - $1) }
        return data.linearised(.gwetAC1, pe: pe, level: confidenceLevel) { unit in
            factor * (0..<data.categories).reduce(0) { $0 + data.count(unit, $1) * (1 - pi[$1]) }
                / data.perUnit[unit]
        }
    }

    /// Brennan & Prediger's coefficient (irrCAC `bp.coeff.raw`): chance agreement 1/q over the
    /// categories (declared ones included, used or not).
    public func brennanPrediger(confidenceLevel: Double = 0.95) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        return brennanPrediger(AgreementCounts(self), confidenceLevel: confidenceLevel)
    }

    func brennanPrediger(_ data: AgreementCounts, confidenceLevel: Double) -> AgreementEstimate {
        if let reason = data.chanceCorrectedProblem(needsVariety: false) {
            return data.undefined(.brennanPrediger, reason: reason)
        }
        // pe is a constant, so the correction term of the linearisation vanishes.
        return data.linearised(.brennanPrediger, pe: 1 / Double(data.categories), level: confidenceLevel, unitChance: nil)
    }

    /// Conger's kappa (irrCAC `conger.kappa.raw`): chance agreement from each rater's own marginals;
    /// with two raters and no missing rating it equals Cohen's kappa.
    public func congerKappa(confidenceLevel: Double = 0.95) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        return congerKappa(AgreementCounts(self), confidenceLevel: confidenceLevel)
    }

    func congerKappa(_ data: AgreementCounts, confidenceLevel: Double) -> AgreementEstimate {
        if let reason = data.chanceCorrectedProblem(needsVariety: true) {
            return data.undefined(.congerKappa, reason: reason)
        }
        let r = raterCount
        let q = data.categories
        let n = Double(data.units)
        // p_gk: rater g's share of their own ratings in category k.
        var perRater = Array(repeating: 0.0, count: r)
        var classified = Array(repeating: 0.0, count: r * q)
        for unit in 0..<data.units {
            for g in 0..<r {
                if let k = category(unit: unit, rater: g) {
                    classified[g * q + k] += 1
                    perRater[g] += 1
                }
            }
        }
        let p = (0..<(r * q)).map { classified[$0] / perRater[$0 / q] }
        let mean = (0..<q).map { k in (0..<r).reduce(0) { $0 + p[$1 * q + k] } / Double(r) }
        var pe = 0.0
        for k in 0..<q {
            let sumSquares = (0..<r).reduce(0) { $0 + p[$1 * q + k] * p[$1 * q + k] }
            let variance = (sumSquares - Double(r) * mean[k] * mean[k]) / Double(r - 1)
            pe += mean[k] * mean[k] - variance / Double(r)
        }
        // Column sums Σ_h p_hk, for the factor (Σ_h p_hk − p_gk).
        let columnTotals = mean.map { $0 * Double(r) }
        return data.linearised(.congerKappa, pe: pe, level: confidenceLevel) { unit in
            var lambda = 0.0
            for g in 0..<r {
                let rated = category(unit: unit, rater: g)
                let epsilon = rated == nil ? 0.0 : 1.0
                let share = perRater[g] / n
                for k in 0..<q {
                    let delta = rated == k ? 1.0 : 0.0
                    let inner = (n / perRater[g]) * (delta - (epsilon - share) * p[g * q + k])
                    lambda += inner * (columnTotals[k] - p[g * q + k])
                }
            }
            return lambda / Double(r * (r - 1))
        }
    }

    /// Cohen's kappa for a matrix of exactly two raters, on the units both rated, with the
    /// large-sample standard error and normal interval of ``CohenKappa`` (or ``WeightedKappa`` for
    /// `.linear` / `.quadratic`, whose weights follow the category order).
    ///
    /// - Throws: ``StatisticsError`` when there are not exactly two raters, when weights are asked for
    ///   unordered categories, or for a metric other than nominal, linear or quadratic.
    public func cohenKappa(
        metric: AgreementMetric = .nominal, confidenceLevel: Double = 0.95
    ) throws(StatisticsError) -> AgreementEstimate {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        guard raterCount == 2 else { throw TwoRaterTable.notTwoRaters(self) }
        switch metric {
        case .ordinal, .interval:
            throw StatisticsError(
                "Cohen's kappa takes nominal, linear or quadratic weights; \(metric.rawValue) is a metric of Krippendorff's alpha")
        case .linear, .quadratic:
            guard categoriesAreOrdered else {
                throw StatisticsError(
                    "weighted kappa needs ordered categories: declare their order (e.g. yes, can't tell, no) "
                        + "or use numbers")
            }
        case .nominal: break
        }
        let method = "large-sample SE (Fleiss, Cohen & Everitt 1969; as SAS and statsmodels); normal interval"
        guard let table = try? TwoRaterTable(self) else {
            return AgreementEstimate(
                coefficient: .cohenKappa, metric: metric, value: nil,
                undefinedReason: "no subject was rated by both raters", observedAgreement: nil, chanceAgreement: nil,
                standardError: nil, confidenceInterval: nil, units: 0, ratings: 0, method: method)
        }
        let units = table.subjects
        func undefined(_ reason: String) -> AgreementEstimate {
            AgreementEstimate(
                coefficient: .cohenKappa, metric: metric, value: nil, undefinedReason: reason,
                observedAgreement: nil, chanceAgreement: nil, standardError: nil, confidenceInterval: nil,
                units: units, ratings: 2 * units, method: method)
        }
        switch metric {
        case .nominal:
            guard table.categoryLabels.count >= 2, let kappa = try? CohenKappa(table: table.counts, confidenceLevel: confidenceLevel)
            else { return undefined(AgreementCounts.UndefinedReason.singleCategory.text) }
            return AgreementEstimate(
                coefficient: .cohenKappa, metric: .nominal, value: kappa.kappa,
                observedAgreement: kappa.observedAgreement, chanceAgreement: kappa.expectedAgreement,
                standardError: kappa.standardError,
                confidenceInterval: ConfidenceInterval(
                    level: confidenceLevel, lower: kappa.lowerBound, upper: kappa.upperBound, degreesOfFreedom: nil),
                units: units, ratings: 2 * units, method: method)
        case .linear, .quadratic:
            // The full category list, so that weights reflect distances on the whole scale.
            let q = categories.count
            var full = Array(repeating: Array(repeating: 0, count: q), count: q)
            for unit in 0..<unitCount {
                if let a = category(unit: unit, rater: 0), let b = category(unit: unit, rater: 1) { full[a][b] += 1 }
            }
            do {
                let weighted = try WeightedKappa(
                    table: full, weighting: metric == .linear ? .linear : .quadratic, confidenceLevel: confidenceLevel)
                return weighted.estimate(units: units, method: method)
            } catch {
                return undefined(error.message)
            }
        case .ordinal, .interval:
            return undefined("not a kappa weighting")  // refused above
        }
    }
}

/// The per-unit category counts shared by the coefficients, and their common linearised variance.
struct AgreementCounts {
    let units: Int
    let categories: Int
    /// r_ik, unit-major.
    let counts: [Double]
    /// r_i.
    let perUnit: [Double]
    let pairableUnits: Int
    let ratings: Int
    let usedCategories: Int

    static let gwetMethod =
        "SE: Gwet (2014) linearisation as in R irrCAC; interval value ± t(n − 1)·SE, upper bound capped at 1"

    init(_ matrix: RatingsMatrix) {
        units = matrix.unitCount
        categories = matrix.categories.count
        let r = matrix.raterCount
        var counts = Array(repeating: 0.0, count: units * categories)
        var perUnit = Array(repeating: 0.0, count: units)
        var used = [Bool](repeating: false, count: categories)
        for (index, code) in matrix.codes.enumerated() where code >= 0 {
            let unit = index / r
            counts[unit * categories + Int(code)] += 1
            perUnit[unit] += 1
            used[Int(code)] = true
        }
        self.counts = counts
        self.perUnit = perUnit
        self.pairableUnits = perUnit.filter { $0 >= 2 }.count
        self.ratings = Int(perUnit.reduce(0, +))
        self.usedCategories = used.filter { $0 }.count
    }

    func count(_ unit: Int, _ k: Int) -> Double { counts[unit * categories + k] }

    /// Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)) for a unit rated at least twice, else 0.
    func unitAgreement(_ unit: Int) -> Double {
        let r = perUnit[unit]
        guard r >= 2 else { return 0 }
        var agreeing = 0.0
        for k in 0..<categories {
            let c = count(unit, k)
            agreeing += c * (c - 1)
        }
        return agreeing / (r * (r - 1))
    }

    var observedAgreement: Double {
        (0..<units).reduce(0) { $0 + unitAgreement($1) } / Double(pairableUnits)
    }

    /// π_k = (1/n) Σ_i r_ik / r_i.
    var classificationShares: [Double] {
        var pi = Array(repeating: 0.0, count: categories)
        for unit in 0..<units {
            for k in 0..<categories { pi[k] += count(unit, k) / perUnit[unit] }
        }
        return pi.map { $0 / Double(units) }
    }

    enum UndefinedReason {
        case noPairs, singleCategory

        var text: String {
            switch self {
            case .noPairs: "no unit has two or more ratings, so there is no agreement to measure"
            case .singleCategory:
                "every rating is in one category, so the agreement expected by chance is 1 and the coefficient is 0/0"
            }
        }
    }

    /// Why a chance-corrected coefficient cannot be computed, or nil. `needsVariety`: the chance
    /// agreement comes from the observed marginals, so a single used category makes it 1.
    func chanceCorrectedProblem(needsVariety: Bool) -> UndefinedReason? {
        if pairableUnits == 0 { return .noPairs }
        if needsVariety ? usedCategories < 2 : categories < 2 { return .singleCategory }
        return nil
    }

    func undefined(_ coefficient: AgreementCoefficient, reason: UndefinedReason) -> AgreementEstimate {
        AgreementEstimate(
            coefficient: coefficient, metric: .nominal, value: nil, undefinedReason: reason.text,
            observedAgreement: pairableUnits > 0 ? observedAgreement : nil, chanceAgreement: nil,
            standardError: nil, confidenceInterval: nil, units: units, ratings: ratings,
            method: Self.gwetMethod)
    }

    /// (pa − pe)/(1 − pe) with Gwet's linearised variance; `unitChance` gives pe_i (nil when pe is a constant).
    func linearised(
        _ coefficient: AgreementCoefficient, pe: Double, level: Double, unitChance: ((Int) -> Double)?
    ) -> AgreementEstimate {
        let pa = observedAgreement
        guard pe < 1 else { return undefined(coefficient, reason: .singleCategory) }
        let value = (pa - pe) / (1 - pe)
        let scale = Double(units) / Double(pairableUnits)
        let contributions = (0..<units).map { unit -> Double in
            let pairable = perUnit[unit] >= 2
            var c = scale * (unitAgreement(unit) - (pairable ? pe : 0)) / (1 - pe)
            if let unitChance {
                c -= 2 * (1 - value) * (unitChance(unit) - pe) / (1 - pe)
            }
            return c
        }
        return estimate(
            coefficient, value: value, pa: pa, pe: pe, contributions: contributions, centre: value, level: level,
            method: Self.gwetMethod)
    }

    /// An estimate with v = Σ (c_i − centre)² / (n(n − 1)) and a t interval with n − 1 df.
    func estimate(
        _ coefficient: AgreementCoefficient, value: Double, pa: Double, pe: Double, contributions: [Double],
        centre: Double, level: Double, metric: AgreementMetric = .nominal, units: Int? = nil,
        ratings: Int? = nil, degreesOfFreedom: Int? = nil, method: String
    ) -> AgreementEstimate {
        let n = contributions.count
        var error: Double?
        var interval: ConfidenceInterval?
        if n >= 2 {
            let sum = contributions.reduce(0) { $0 + ($1 - centre) * ($1 - centre) }
            let se = (max(sum, 0) / (Double(n) * Double(n - 1))).squareRoot()
            let df = degreesOfFreedom ?? (n - 1)
            let t = StudentTDistribution.criticalValue(confidenceLevel: level, degreesOfFreedom: Double(df))
            error = se
            interval = ConfidenceInterval(
                level: level, lower: value - t * se, upper: min(1, value + t * se), degreesOfFreedom: df)
        }
        return AgreementEstimate(
            coefficient: coefficient, metric: metric, value: value, observedAgreement: pa, chanceAgreement: pe,
            standardError: error, confidenceInterval: interval, units: units ?? self.units,
            ratings: ratings ?? self.ratings, method: method)
    }
}
