import Foundation

/// Weighted kappa for two raters on an ordered scale (Cohen 1968), with linear or quadratic weights.
///
/// With the k × k table n_ij (rows the first rater), p_ij = n_ij / N, marginals r_i and c_j and
/// agreement weights w_ij (linear 1 − |i − j|/(k − 1), quadratic 1 − (i − j)²/(k − 1)², as R irrCAC
/// `linear.weights` / `quadratic.weights` and SAS with Cicchetti–Allison / Fleiss–Cohen weights):
/// - p_o = Σ w_ij p_ij, p_e = Σ w_ij r_i c_j, κ_w = (p_o − p_e) / (1 − p_e);
/// - with w̄_i. = Σ_j c_j w_ij and w̄_.j = Σ_i r_i w_ij, the large-sample variances of Fleiss, Cohen &
///   Everitt (1969), as SAS FREQ and statsmodels `cohens_kappa(wt=…)`:
///   Var(κ_w) = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ_w))² − (κ_w − p_e(1 − κ_w))²] / ((1 − p_e)² N),
///   Var₀(κ_w) = [Σ r_i c_j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / ((1 − p_e)² N);
/// - the interval is κ_w ± z₁₋α/₂ · SE; z = κ_w / SE₀ with a two-sided normal p-value.
///
/// The weights follow the order of the rows, so the table must list the categories in scale order
/// (rows or columns of zeros are fine and keep the distances right).
public struct WeightedKappa: Sendable, Equatable {
    /// The agreement weights.
    public enum Weighting: String, Sendable, Codable, CaseIterable {
        /// w_ij = 1 − |i − j| / (k − 1).
        case linear
        /// w_ij = 1 − (i − j)² / (k − 1)².
        case quadratic

        /// The k × k weight matrix.
        public func weights(categories k: Int) -> [[Double]] {
            (0..<k).map { i in
                (0..<k).map { j in
                    let d = Double(abs(i - j)) / Double(max(k - 1, 1))
                    return self == .linear ? 1 - d : 1 - d * d
                }
            }
        }
    }

    /// The category labels, in scale order.
    public let categoryLabels: [String]
    /// The cross table (rows: first rater).
    public let table: [[Int]]
    /// The weights used.
    public let weighting: Weighting
    /// N, the number of subjects.
    public let subjects: Int
    /// The weighted observed agreement Σ w_ij p_ij.
    public let observedAgreement: Double
    /// The weighted chance agreement Σ w_ij r_i c_j.
    public let expectedAgreement: Double
    /// κ_w.
    public let kappa: Double
    /// The large-sample standard error of κ_w.
    public let standardError: Double
    /// The lower end of κ_w − z·SE (not clipped).
    public let lowerBound: Double
    /// The upper end of κ_w + z·SE (not clipped).
    public let upperBound: Double
    /// The standard error under H0: κ_w = 0.
    public let nullStandardError: Double
    /// κ_w / SE₀; NaN when SE₀ is 0.
    public let z: Double
    /// The two-sided p-value for z; NaN when SE₀ is 0.
    public let pValue: Double
    /// The confidence level of the interval.
    public let confidenceLevel: Double

    /// Computes weighted kappa from a square table whose rows and columns are in scale order.
    ///
    /// - Throws: ``StatisticsError`` for a table that is not square, has fewer than two categories, a
    ///   negative count, no subjects or too many ratings, or when κ_w is undefined (p_e = 1).
    public init(
        table: [[Int]], categoryLabels: [String]? = nil, weighting: Weighting, confidenceLevel: Double = 0.95
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        let labels = try StatisticsError.squareTableLabels(table, categoryLabels)
        let k = table.count
        let checked = try CountsTable(counts: table)
        guard checked.total > 0 else { throw .noSubjects }
        let N = Double(checked.total)
        let w = weighting.weights(categories: k)
        let r = table.map { Double($0.reduce(0, +)) / N }
        let c = (0..<k).map { j in Double(table.reduce(0) { $0 + $1[j] }) / N }
        var observed = 0.0
        var expected = 0.0
        for i in 0..<k {
            for j in 0..<k {
                observed += w[i][j] * Double(table[i][j]) / N
                expected += w[i][j] * r[i] * c[j]
            }
        }
        guard expected < 1 else {
            throw StatisticsError("weighted kappa is undefined: both raters put every subject in one category")
        }
        let kappa = (observed - expected) / (1 - expected)
        let rowMean = (0..<k).map { i in (0..<k).reduce(0) { $0 + c[$1] * w[i][$1] } }
        let columnMean = (0..<k).map { j in (0..<k).reduce(0) { $0 + r[$1] * w[$1][j] } }
        // Both variances as weighted variances (see CohenKappa): Σ p a² − (Σ p a)² with
        // a_ij = w_ij − (w̄_i. + w̄_.j)(1 − κ_w), and over r_i c_j with a⁰_ij = w_ij − (w̄_i. + w̄_.j).
        var cells: [(weight: Double, value: Double)] = []
        var nullCells: [(weight: Double, value: Double)] = []
        for i in 0..<k {
            for j in 0..<k {
                if table[i][j] > 0 {
                    cells.append((Double(table[i][j]) / N, w[i][j] - (rowMean[i] + columnMean[j]) * (1 - kappa)))
                }
                nullCells.append((r[i] * c[j], w[i][j] - (rowMean[i] + columnMean[j])))
            }
        }
        let scale = (1 - expected) * (1 - expected) * N
        let standardError = (StatisticsSupport.weightedVariance(cells) / scale).squareRoot()
        let nullStandardError = (StatisticsSupport.weightedVariance(nullCells) / scale).squareRoot()
        let critical = NormalDistribution.criticalValue(confidenceLevel: confidenceLevel)
        let z = nullStandardError > 0 ? kappa / nullStandardError : .nan
        self.categoryLabels = labels
        self.table = table
        self.weighting = weighting
        self.subjects = checked.total
        self.observedAgreement = observed
        self.expectedAgreement = expected
        self.kappa = kappa
        self.standardError = standardError
        self.lowerBound = kappa - critical * standardError
        self.upperBound = kappa + critical * standardError
        self.nullStandardError = nullStandardError
        self.z = z
        self.pValue = NormalDistribution.twoSidedPValue(z: z)
        self.confidenceLevel = confidenceLevel
    }

    /// Two results are equal when every figure matches, treating NaN as equal to NaN.
    public static func == (lhs: WeightedKappa, rhs: WeightedKappa) -> Bool {
        lhs.categoryLabels == rhs.categoryLabels && lhs.table == rhs.table && lhs.weighting == rhs.weighting
            && StatisticsSupport.sameValues(lhs.figures, rhs.figures)
    }

    private var figures: [Double] {
        [observedAgreement, expectedAgreement, kappa, standardError, lowerBound, upperBound, nullStandardError,
         z, pValue, confidenceLevel]
    }

    /// The result as an agreement estimate (Cohen's kappa with linear or quadratic weights).
    func estimate(units: Int, method: String) -> AgreementEstimate {
        AgreementEstimate(
            coefficient: .cohenKappa, metric: weighting == .linear ? .linear : .quadratic, value: kappa,
            observedAgreement: observedAgreement, chanceAgreement: expectedAgreement, standardError: standardError,
            confidenceInterval: ConfidenceInterval(
                level: confidenceLevel, lower: lowerBound, upper: upperBound, degreesOfFreedom: nil),
            units: units, ratings: 2 * units, method: method)
    }
}
