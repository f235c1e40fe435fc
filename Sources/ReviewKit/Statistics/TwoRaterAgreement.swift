/// The agreement coefficients of two raters from their cross table, with the variance formulas of
/// R irrCAC's contingency-table functions (`pa2.table`, `scott2.table`, `gwet.ac1.table`,
/// `bp2.table`, `krippen2.table`; Gwet 2014, ch. 2–4) and Cohen's kappa as ``CohenKappa`` computes it.
///
/// With p_kl = n_kl / N, marginals r_k (rows, first rater) and c_l, π_k = (r_k + c_k)/2 and q the
/// number of categories (rows of the table, used or not):
/// - percent agreement pa = Σ p_kk, Var = (pa − pa²)/N;
/// - Scott's pi: pe = Σ π_k²; Var = [Σ p_kl (δ_kl − (1 − π̂)(π_k + π_l))² − (pa − 2(1 − π̂)pe)²] / (N(1 − pe)²);
/// - Krippendorff's alpha: pa′ = (1 − ε)pa + ε with ε = 1/(2N), pe as Scott's; Var as Scott's;
/// - Gwet's AC1: pe = Σ π_k(1 − π_k)/(q − 1);
///   Var = [Σ p_kl (δ_kl − 2(1 − AC1)(1 − (π_k + π_l)/2)/(q − 1))² − (pa − 2(1 − AC1)pe)²] / (N(1 − pe)²);
/// - Brennan–Prediger: pe = 1/q, Var = (pa − pa²) / (N(1 − pe)²);
/// - intervals value ± t₁₋α/₂,N−1 · SE with the upper bound capped at 1; Cohen's kappa keeps its
///   large-sample SE and normal interval.
///
/// On the same complete ratings these values equal ``RatingsMatrix``'s, and each standard error is
/// that of the raw-ratings formulas times √((N − 1)/N) (the table forms divide by N², the raw forms by N(N − 1)).
public struct TwoRaterAgreement: Sendable, Equatable {
    /// The category labels, in table order.
    public let categoryLabels: [String]
    /// The cross table (rows: first rater).
    public let table: [[Int]]
    /// Percent agreement, Cohen's kappa, Scott's pi, Gwet's AC1, Brennan–Prediger and Krippendorff's alpha.
    public let estimates: [AgreementEstimate]

    /// The estimate of one coefficient, if computed.
    public subscript(_ coefficient: AgreementCoefficient) -> AgreementEstimate? {
        estimates.first { $0.coefficient == coefficient }
    }

    /// Computes every coefficient from a square table of two raters' categories.
    ///
    /// - Throws: ``StatisticsError`` for a table that is not square, has fewer than two categories,
    ///   wrong labels, a negative count, no subjects or more than 2^53 ratings.
    public init(
        table: [[Int]], categoryLabels: [String]? = nil, confidenceLevel: Double = 0.95
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        let labels = try StatisticsError.squareTableLabels(table, categoryLabels)
        let q = table.count
        let checked = try CountsTable(counts: table)
        guard checked.total > 0 else { throw .noSubjects }
        let N = Double(checked.total)
        let p = table.map { $0.map { Double($0) / N } }
        let r = p.map { $0.reduce(0, +) }
        let c = (0..<q).map { l in p.reduce(0) { $0 + $1[l] } }
        let pi = (0..<q).map { (r[$0] + c[$0]) / 2 }
        let pa = (0..<q).reduce(0) { $0 + p[$1][$1] }
        let units = checked.total
        let df = units - 1
        let method = "SE: Gwet (2014) as in R irrCAC's contingency-table functions; interval value ± t(N − 1)·SE, upper bound capped at 1"

        func interval(_ value: Double, _ se: Double) -> ConfidenceInterval? {
            guard df >= 1 else { return nil }
            let t = StudentTDistribution.criticalValue(confidenceLevel: confidenceLevel, degreesOfFreedom: Double(df))
            return ConfidenceInterval(level: confidenceLevel, lower: value - t * se, upper: min(1, value + t * se), degreesOfFreedom: df)
        }
        func make(_ coefficient: AgreementCoefficient, _ value: Double?, _ pa: Double, _ pe: Double?, variance: Double?) -> AgreementEstimate {
            let se = variance.map { max($0, 0).squareRoot() }
            return AgreementEstimate(
                coefficient: coefficient, metric: .nominal, value: value,
                undefinedReason: AgreementCounts.UndefinedReason.singleCategory.text, observedAgreement: pa,
                chanceAgreement: pe, standardError: se,
                confidenceInterval: value.flatMap { v in se.flatMap { interval(v, $0) } },
                units: units, ratings: 2 * units, method: method)
        }
        // irrCAC writes each variance as Σ p_kl a_kl² − (Σ p_kl a_kl)²; summed as the weighted variance
        // Σ p (a − ā)², which is the same number but cannot turn negative by rounding.
        func spread(_ term: (Int, Int) -> Double) -> Double {
            var cells: [(weight: Double, value: Double)] = []
            for k in 0..<q { for l in 0..<q where p[k][l] > 0 { cells.append((p[k][l], term(k, l))) } }
            return StatisticsSupport.weightedVariance(cells)
        }
        let identity = { (k: Int, l: Int) in k == l ? 1.0 : 0.0 }

        var estimates: [AgreementEstimate] = []
        let agreementSpread = spread(identity)  // pa − pa²
        estimates.append(make(.percentAgreement, pa, pa, 0, variance: agreementSpread / N))

        if let cohen = try? CohenKappa(table: table, categoryLabels: labels, confidenceLevel: confidenceLevel) {
            estimates.append(
                AgreementEstimate(
                    coefficient: .cohenKappa, metric: .nominal, value: cohen.kappa,
                    observedAgreement: cohen.observedAgreement, chanceAgreement: cohen.expectedAgreement,
                    standardError: cohen.standardError,
                    confidenceInterval: ConfidenceInterval(
                        level: confidenceLevel, lower: cohen.lowerBound, upper: cohen.upperBound, degreesOfFreedom: nil),
                    units: units, ratings: 2 * units,
                    method: "large-sample SE (Fleiss, Cohen & Everitt 1969; as SAS and statsmodels); normal interval"))
        } else {
            estimates.append(make(.cohenKappa, nil, pa, nil, variance: nil))
        }

        // Scott's pi and Krippendorff's alpha share pe and the variance.
        let peScott = pi.reduce(0) { $0 + $1 * $1 }
        if peScott < 1 {
            let scott = (pa - peScott) / (1 - peScott)
            let variance = spread { k, l in identity(k, l) - (1 - scott) * (pi[k] + pi[l]) }
                / (N * (1 - peScott) * (1 - peScott))
            estimates.append(make(.scottPi, scott, pa, peScott, variance: variance))
            let epsilon = 1 / (2 * N)
            let paK = (1 - epsilon) * pa + epsilon
            estimates.append(make(.krippendorffAlpha, (paK - peScott) / (1 - peScott), paK, peScott, variance: variance))
        } else {
            estimates.append(make(.scottPi, nil, pa, nil, variance: nil))
            estimates.append(make(.krippendorffAlpha, nil, pa, nil, variance: nil))
        }

        let peGwet = pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        let ac1 = (pa - peGwet) / (1 - peGwet)
        let gwetSpread = spread { k, l in identity(k, l) - 2 * (1 - ac1) * (1 - (pi[k] + pi[l]) / 2) / Double(q - 1) }
        estimates.append(make(.gwetAC1, ac1, pa, peGwet, variance: gwetSpread / (N * (1 - peGwet) * (1 - peGwet))))

        let peBP = 1 / Double(q)
        estimates.append(
            make(.brennanPrediger, (pa - peBP) / (1 - peBP), pa, peBP, variance: agreementSpread / (N * (1 - peBP) * (1 - peBP))))

        self.categoryLabels = labels
        self.table = table
        self.estimates = estimates
    }
}
