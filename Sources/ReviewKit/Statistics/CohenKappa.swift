import Foundation

/// Cohen's kappa for agreement between two raters on a nominal scale (Cohen 1960, *Educ Psychol Meas* 20:37–46).
///
/// From a k × k table n_ij (first rater's category i, second rater's category j) over N subjects,
/// with p_ij = n_ij / N and marginals r_i (first rater) and c_j (second rater):
///
/// - p_o = Σ_i p_ii, p_e = Σ_i r_i c_i, κ = (p_o − p_e) / (1 − p_e)
/// - the asymptotic standard error (ASE) and the standard error under H0: κ = 0 use the formulas of
///   the SAS FREQ procedure and `statsmodels.stats.inter_rater.cohens_kappa`, which are the large-sample
///   variances of Fleiss, Cohen & Everitt (1969):
///   Var(κ) = [Σ_i p_ii (1 − (r_i + c_i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (c_i + r_j)²
///             − (κ − p_e(1 − κ))²] / ((1 − p_e)² N)
///   and Var₀(κ) = [p_e + p_e² − Σ_i r_i c_i (r_i + c_i)] / ((1 − p_e)² N).
/// - the confidence interval is κ ± z₁₋α/₂·ASE (not clipped to [−1, 1]); z = κ / SE₀ with a
///   two-sided normal p-value.
///
/// z and the p-value are NaN when SE₀ is 0, which happens when one rater used a single category
/// (κ is then exactly 0).
public struct CohenKappa: Sendable, Equatable {
    /// The category labels, in the order of the rows and of the columns of ``table``.
    public let categoryLabels: [String]
    /// The cross table: `table[i][j]` subjects put in category i by the first rater and j by the second.
    public let table: [[Int]]
    /// N, the number of subjects in the table.
    public let subjects: Int
    /// p_o, the proportion of subjects on which the raters agree.
    public let observedAgreement: Double
    /// p_e, the agreement expected by chance from the two raters' marginals.
    public let expectedAgreement: Double
    /// κ = (p_o − p_e) / (1 − p_e).
    public let kappa: Double
    /// The asymptotic standard error of κ (ASE, as in SAS and statsmodels), used for the interval.
    public let standardError: Double
    /// The lower end of the interval κ − z₁₋α/₂·ASE (not clipped).
    public let lowerBound: Double
    /// The upper end of the interval κ + z₁₋α/₂·ASE (not clipped).
    public let upperBound: Double
    /// SE₀(κ), the standard error under H0: κ = 0, used for the test.
    public let nullStandardError: Double
    /// κ / SE₀(κ); NaN when SE₀ is 0.
    public let z: Double
    /// The two-sided p-value for z, 2·(1 − Φ(|z|)); NaN when SE₀ is 0.
    public let pValue: Double
    /// The confidence level of the interval, e.g. 0.95.
    public let confidenceLevel: Double

    /// The Landis & Koch band for ``kappa``.
    public var strength: AgreementStrength { AgreementStrength(kappa: kappa) }

    /// Computes Cohen's kappa from a square cross table of two raters' categories.
    ///
    /// - Parameters:
    ///   - table: `table[i][j]` is the number of subjects the first rater put in category i and the
    ///     second in category j. Rows or columns of zeros are allowed.
    ///   - categoryLabels: One label per row (and column); nil gives "1", "2", …
    ///   - confidenceLevel: Strictly between 0 and 1.
    /// - Throws: ``StatisticsError`` when the table is not square, has fewer than two categories,
    ///   has wrong or duplicate labels, has a negative count, has no subjects, or when both raters
    ///   put every subject in the same single category (κ undefined).
    public init(
        table: [[Int]], categoryLabels: [String]? = nil, confidenceLevel: Double = 0.95
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        let labels = try StatisticsError.squareTableLabels(table, categoryLabels)
        let k = table.count
        for (row, values) in table.enumerated() {
            if let column = values.firstIndex(where: { $0 < 0 }) {
                throw StatisticsError(
                    "row \(row + 1), column \(column + 1) has a negative count (\(values[column]))")
            }
        }
        // The total is checked (at most 2^53, see CountsTable) before any sum is formed, so no sum
        // below can overflow; the products of marginals are formed in Double.
        _ = try CountsTable(counts: table)
        let rowSums = table.map { $0.reduce(0, +) }
        let columnSums = (0..<k).map { j in table.reduce(0) { $0 + $1[j] } }
        let total = rowSums.reduce(0, +)
        guard total > 0 else { throw .noSubjects }
        guard !(0..<k).contains(where: { rowSums[$0] == total && columnSums[$0] == total }) else {
            throw .singleCategory
        }

        let N = Double(total)
        let r = rowSums.map { Double($0) / N }
        let c = columnSums.map { Double($0) / N }
        let observed = Double((0..<k).reduce(0) { $0 + table[$1][$1] }) / N
        let expected = (0..<k).reduce(0.0) { $0 + r[$1] * c[$1] }
        // κ = (N·Σ n_ii − Σ R_i C_i) / (N² − Σ R_i C_i) in exact 128-bit integers (N ≤ 2^53, so
        // N² ≤ 2^106): with huge, skewed counts p_o and p_e are both within 1e-9 of 1 and their
        // difference in Double would keep only a few digits.
        let diagonal = (0..<k).reduce(Int128(0)) { $0 + Int128(table[$1][$1]) }
        let chance = (0..<k).reduce(Int128(0)) { $0 + Int128(rowSums[$1]) * Int128(columnSums[$1]) }
        let big = Int128(total)
        let kappa = Double(big * diagonal - chance) / Double(big * big - chance)

        // The SAS / statsmodels large-sample variances, written as the weighted variances they are:
        // Var(κ)·(1 − p_e)²N = Σ p_ij a_ij² − (Σ p_ij a_ij)² with a_ij = δ_ij − (c_i + r_j)(1 − κ), and
        // Var₀(κ)·(1 − p_e)²N the same over r_i c_j with a⁰_ij = δ_ij − (c_i + r_j). Centred, they
        // cannot come out negative by rounding, and they are exactly 0 when every a_ij is the same.
        var cells: [(weight: Double, value: Double)] = []
        var nullCells: [(weight: Double, value: Double)] = []
        for i in 0..<k {
            for j in 0..<k {
                let agreement = i == j ? 1.0 : 0.0
                if table[i][j] > 0 {
                    cells.append((Double(table[i][j]) / N, agreement - (c[i] + r[j]) * (1 - kappa)))
                }
                nullCells.append((r[i] * c[j], agreement - (c[i] + r[j])))
            }
        }
        let scale = (1 - expected) * (1 - expected) * N
        let variance = StatisticsSupport.weightedVariance(cells) / scale
        let nullVariance = StatisticsSupport.weightedVariance(nullCells) / scale
        let standardError = max(variance, 0).squareRoot()
        let nullStandardError = max(nullVariance, 0).squareRoot()

        let z = nullStandardError > 0 ? kappa / nullStandardError : .nan
        let critical = NormalDistribution.criticalValue(confidenceLevel: confidenceLevel)
        self.categoryLabels = labels
        self.table = table
        self.subjects = total
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

    /// Computes Cohen's kappa from two raters' labels for the same subjects, in the same order.
    ///
    /// The labels are cross-tabulated with ``TwoRaterTable``: they are trimmed, subjects with a
    /// missing ("") rating from either rater are skipped, and categories are ordered numerically
    /// when all labels are numbers, otherwise as strings.
    /// - Throws: ``StatisticsError`` when the lists differ in length, no subject has both ratings,
    ///   or every rating is the same label.
    public init(
        first: [String], second: [String], confidenceLevel: Double = 0.95
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        let crossTable = try TwoRaterTable(first: first, second: second)
        guard crossTable.categoryLabels.count >= 2 else { throw .singleCategory }
        try self.init(
            table: crossTable.counts, categoryLabels: crossTable.categoryLabels,
            confidenceLevel: confidenceLevel)
    }

    /// Two results are equal when every figure matches, treating NaN as equal to NaN.
    public static func == (lhs: CohenKappa, rhs: CohenKappa) -> Bool {
        lhs.categoryLabels == rhs.categoryLabels && lhs.table == rhs.table
            && lhs.subjects == rhs.subjects && StatisticsSupport.sameValues(lhs.figures, rhs.figures)
    }

    private var figures: [Double] {
        [observedAgreement, expectedAgreement, kappa, standardError, lowerBound, upperBound,
         nullStandardError, z, pValue, confidenceLevel]
    }
}
