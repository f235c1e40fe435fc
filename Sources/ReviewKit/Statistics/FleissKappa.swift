import Foundation

/// Fleiss' kappa for agreement among a fixed number of raters per subject on a nominal scale.
///
/// With N subjects, n ratings per subject, k categories and n_ij the number of ratings of subject i
/// in category j (Fleiss 1971, *Psychol Bull* 76:378–382):
///
/// - p_j = Σ_i n_ij / (N·n), q_j = 1 − p_j
/// - P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ = mean of P_i, P̄e = Σ_j p_j²
/// - κ = (P̄ − P̄e) / (1 − P̄e)
/// - κ_j = 1 − Σ_i n_ij(n − n_ij) / (N·n·(n − 1)·p_j·q_j)
///
/// The standard error is the one under H0: κ = 0 from Fleiss, Nee & Landis (1979, *Psychol Bull*
/// 86:974–977), as in R `irr::kappam.fleiss` and the SPSS STATS FLEISS KAPPA extension:
/// Var₀(κ) = 2 / [N·n·(n − 1)·(Σ p_j q_j)²] · [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)], and
/// SE₀(κ_j) = √(2 / (N·n·(n − 1))). Each z is κ / SE₀ with a two-sided normal p-value. Like the SPSS
/// extension, the confidence interval is κ ± z₁₋α/₂·SE₀; it uses the null standard error, so it
/// is only an approximation away from κ = 0, and it is not clipped to [−1, 1].
///
/// With two raters this is Scott's π, not Cohen's κ (use ``CohenKappa`` for that).
public struct FleissKappa: Sendable, Equatable {
    /// The agreement statistics for one category, comparing it with all the others combined.
    public struct Category: Sendable, Equatable {
        /// The category label.
        public let label: String
        /// p_j, the share of all ratings that fall in this category.
        public let proportion: Double
        /// κ_j, the category-wise kappa; NaN when nobody used the category (p_j = 0), where it is undefined.
        public let kappa: Double
        /// SE₀(κ_j) under H0: κ_j = 0, the same for every category.
        public let standardError: Double
        /// κ_j / SE₀(κ_j); NaN when κ_j is undefined.
        public let z: Double
        /// The two-sided p-value for z; NaN when κ_j is undefined.
        public let pValue: Double

        /// Two categories are equal when every figure matches, treating NaN as equal to NaN.
        public static func == (lhs: Category, rhs: Category) -> Bool {
            lhs.label == rhs.label && StatisticsSupport.sameValues(lhs.figures, rhs.figures)
        }

        private var figures: [Double] { [proportion, kappa, standardError, z, pValue] }
    }

    /// N, the number of subjects.
    public let subjects: Int
    /// n, the number of ratings of each subject.
    public let raters: Int
    /// The per-category statistics, in the order of the table's columns.
    public let categories: [Category]
    /// P̄, the mean proportion of agreeing rater pairs per subject.
    public let observedAgreement: Double
    /// P̄e = Σ p_j², the agreement expected by chance.
    public let expectedAgreement: Double
    /// κ = (P̄ − P̄e) / (1 − P̄e).
    public let kappa: Double
    /// SE₀(κ), the standard error under H0: κ = 0 (Fleiss, Nee & Landis 1979).
    public let standardError: Double
    /// κ / SE₀(κ).
    public let z: Double
    /// The two-sided p-value for z, 2·(1 − Φ(|z|)).
    public let pValue: Double
    /// The confidence level of the interval, e.g. 0.95.
    public let confidenceLevel: Double
    /// The lower end of the interval κ − z₁₋α/₂·SE₀ (not clipped).
    public let lowerBound: Double
    /// The upper end of the interval κ + z₁₋α/₂·SE₀ (not clipped).
    public let upperBound: Double

    /// The Landis & Koch band for ``kappa``.
    public var strength: AgreementStrength { AgreementStrength(kappa: kappa) }

    /// Computes Fleiss' kappa from a subjects × categories table of counts.
    ///
    /// - Parameters:
    ///   - counts: One row per subject, one column per category; every row must sum to the same
    ///     number of ratings n ≥ 2. Columns of zeros are allowed (their κ_j is NaN).
    ///   - categoryLabels: One label per column; nil gives "1", "2", …
    ///   - confidenceLevel: Strictly between 0 and 1.
    ///   - cancellation: Checked between passes over the table (each a fraction of a second on millions of
    ///     subjects); a cancel throws a ``StatisticsError`` marked `isInterruption`.
    /// - Throws: ``StatisticsError`` for an empty table, ragged rows, fewer than two categories,
    ///   wrong or duplicate labels, a negative count, rows whose sums differ (naming the 1-based
    ///   subject), fewer than two ratings per subject, or when every rating falls in one category.
    public init(
        counts: [[Int]], categoryLabels: [String]? = nil, confidenceLevel: Double = 0.95,
        cancellation: CancellationToken = .none
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        func checkpoint() throws(StatisticsError) { try cancellation.check(every: 0, StatisticsError.init) }
        guard let first = counts.first else { throw .noSubjects }
        let k = first.count
        for (row, values) in counts.enumerated() where values.count != k {
            throw StatisticsError(
                "subject \(row + 1) has \(values.count) category counts; expected \(k)")
        }
        guard k >= 2 else { throw .tooFewCategories }
        try checkpoint()
        let labels = try StatisticsError.labels(categoryLabels, count: k)
        for (row, values) in counts.enumerated() {
            if let column = values.firstIndex(where: { $0 < 0 }) {
                throw StatisticsError(
                    "subject \(row + 1) has a negative count (\(values[column])) "
                        + "in category \"\(labels[column])\"")
            }
        }

        // The total is checked (at most 2^53, see CountsTable) before any sum is formed, so no sum
        // below can overflow; products and squares are formed in Double, which holds every
        // integer up to 2^53 exactly.
        try checkpoint()
        _ = try CountsTable(counts: counts)
        try checkpoint()
        let rowSums = counts.map { $0.reduce(0, +) }
        let n = StatisticsSupport.mostCommon(rowSums.filter { $0 > 0 })
        guard n > 0 else { throw StatisticsError("no ratings: every count is zero") }
        if let row = rowSums.firstIndex(where: { $0 != n }) {
            throw .unequalRatings(subject: row + 1, count: rowSums[row], expected: n)
        }
        guard n >= 2 else { throw .tooFewRaters(n) }

        let N = counts.count
        let total = N * n  // equals the checked total
        try checkpoint()
        let columnSums = (0..<k).map { j in counts.reduce(0) { $0 + $1[j] } }
        try checkpoint()
        guard !columnSums.contains(total) else { throw .singleCategory }

        // P̄ = Σ_i (Σ_j n_ij² − n) / (N·n·(n − 1)) = Σ_i Σ_j n_ij (n_ij − 1) / (N·n·(n − 1)).
        let pairs = Double(total) * Double(n - 1)
        let agreeingPairs = counts.reduce(0.0) { sum, row in
            row.reduce(sum) { $0 + Double($1) * Double($1 - 1) }
        }
        try checkpoint()
        let observed = agreeingPairs / pairs
        let p = columnSums.map { Double($0) / Double(total) }
        let expected = p.reduce(0) { $0 + $1 * $1 }
        let kappa = Self.exactKappa(counts: counts, columnSums: columnSums, n: n)
            ?? (observed - expected) / (1 - expected)
        try checkpoint()

        // Null standard errors (Fleiss, Nee & Landis 1979).
        let pq = p.map { $0 * (1 - $0) }
        let sumPQ = pq.reduce(0, +)
        let skew = zip(p, pq).reduce(0) { $0 + $1.1 * ((1 - $1.0) - $1.0) }
        let variance = 2 * (sumPQ * sumPQ - skew) / (pairs * sumPQ * sumPQ)
        let standardError = max(variance, 0).squareRoot()
        let categoryError = (2 / pairs).squareRoot()

        var categories: [Category] = []
        categories.reserveCapacity(k)
        for j in 0..<k {
            try checkpoint()
            let disagreement = counts.reduce(0.0) { $0 + Double($1[j]) * Double(n - $1[j]) }
            let kappaJ = columnSums[j] == 0 ? Double.nan : 1 - disagreement / (pairs * pq[j])
            let zJ = kappaJ / categoryError
            categories.append(
                Category(
                    label: labels[j], proportion: p[j], kappa: kappaJ,
                    standardError: categoryError, z: zJ,
                    pValue: NormalDistribution.twoSidedPValue(z: zJ)))
        }

        let z = standardError > 0 ? kappa / standardError : .nan
        let critical = NormalDistribution.criticalValue(confidenceLevel: confidenceLevel)
        self.subjects = N
        self.raters = n
        self.categories = categories
        self.observedAgreement = observed
        self.expectedAgreement = expected
        self.kappa = kappa
        self.standardError = standardError
        self.z = z
        self.pValue = NormalDistribution.twoSidedPValue(z: z)
        self.confidenceLevel = confidenceLevel
        self.lowerBound = kappa - critical * standardError
        self.upperBound = kappa + critical * standardError
    }

    /// κ = (A·T − B·(n − 1)) / ((n − 1)(T² − B)) with T = N·n, A = Σ n_ij(n_ij − 1), B = Σ_j C_j², in
    /// exact 128-bit integers, or nil if a product would not fit (then the Double form is used). With
    /// huge counts P̄ and P̄e can both lie within 1e-9 of 1, where their difference in Double keeps
    /// only a few digits.
    static func exactKappa(counts: [[Int]], columnSums: [Int], n: Int) -> Double? {
        let total = Int128(counts.count) * Int128(n)
        var a = Int128(0)
        for row in counts {
            for x in row where x > 1 {
                let (product, overflow) = Int128(x).multipliedReportingOverflow(by: Int128(x - 1))
                guard !overflow else { return nil }
                a += product
            }
        }
        let b = columnSums.reduce(Int128(0)) { $0 + Int128($1) * Int128($1) }
        let (at, o1) = a.multipliedReportingOverflow(by: total)
        let (bn, o2) = b.multipliedReportingOverflow(by: Int128(n - 1))
        let (tt, o3) = total.multipliedReportingOverflow(by: total)
        let (den, o4) = Int128(n - 1).multipliedReportingOverflow(by: tt - b)
        guard !(o1 || o2 || o3 || o4), den != 0 else { return nil }
        return Double(at - bn) / Double(den)
    }

    /// Computes Fleiss' kappa from raw ratings already counted into a ``RatingsTable``.
    ///
    /// - Throws: ``StatisticsError`` when fewer than two ratings per subject remain, or when every
    ///   rating falls in one category.
    public init(ratings: RatingsTable, confidenceLevel: Double = 0.95, cancellation: CancellationToken = .none) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        guard ratings.ratingsPerSubject >= 2 else { throw .tooFewRaters(ratings.ratingsPerSubject) }
        guard ratings.categoryLabels.count >= 2 else { throw .singleCategory }
        try self.init(
            counts: ratings.counts, categoryLabels: ratings.categoryLabels,
            confidenceLevel: confidenceLevel, cancellation: cancellation)
    }

    /// Two results are equal when every figure matches, treating NaN as equal to NaN.
    public static func == (lhs: FleissKappa, rhs: FleissKappa) -> Bool {
        lhs.subjects == rhs.subjects && lhs.raters == rhs.raters && lhs.categories == rhs.categories
            && StatisticsSupport.sameValues(lhs.figures, rhs.figures)
    }

    private var figures: [Double] {
        [observedAgreement, expectedAgreement, kappa, standardError, z, pValue, confidenceLevel,
         lowerBound, upperBound]
    }
}
