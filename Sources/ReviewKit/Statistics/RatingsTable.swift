/// Raw categorical ratings counted into a subjects × categories table for classic Fleiss' kappa.
///
/// Classic Fleiss' kappa (Fleiss 1971) needs the same number of ratings n for every subject; the
/// raters need not be the same people from subject to subject. Subjects with fewer ratings than the
/// most any subject has are left out, with a note saying how many: when every rater column holds a
/// rating for some subject, this is exactly what R `irr::kappam.fleiss` does (it drops every subject
/// with a missing rating). The coefficients that use incomplete subjects are on ``RatingsMatrix``
/// (Krippendorff's alpha, Fleiss' kappa in Gwet's generalisation, Gwet's AC1, …).
///
/// Labels are trimmed and, by default, labels that differ only by case are one category (see
/// ``RatingsMatrix``). Categories are those used by the subjects kept, in numeric order when every
/// label is a number (so "9" comes before "10"), otherwise in case-insensitive text order.
public struct RatingsTable: Sendable, Equatable {
    /// The category labels, in the order of the columns of ``counts``.
    public let categoryLabels: [String]
    /// The number of ratings of each subject (row) in each category (column).
    public let counts: [[Int]]
    /// The number of ratings each subject kept has.
    public let ratingsPerSubject: Int
    /// The subjects left out because they had fewer ratings than ``ratingsPerSubject``.
    public let droppedSubjects: Int
    /// The identifiers of the subjects kept, in row order ("row N" without a subject column).
    public let subjectIDs: [String]
    /// What was read, merged and left out: the matrix's notes, then the note on dropped subjects.
    public let notes: [RatingsNote]

    /// The number of subjects (rows) kept.
    public var subjects: Int { counts.count }

    /// Counts the complete subjects of a ratings matrix.
    ///
    /// - Throws: ``StatisticsError`` when no subject has two or more ratings.
    /// `cancellation` is checked between subjects; a cancel throws a ``StatisticsError`` marked `isInterruption`.
    public init(_ matrix: RatingsMatrix, cancellation: CancellationToken = .none) throws(StatisticsError) {
        let r = matrix.raterCount
        let codes = matrix.codes
        var perUnit: [Int] = []
        perUnit.reserveCapacity(matrix.unitCount)
        for unit in 0..<matrix.unitCount {
            try cancellation.check(every: unit, StatisticsError.init)
            perUnit.append(codes[(unit * r)..<(unit * r + r)].reduce(0) { $0 + ($1 >= 0 ? 1 : 0) })
        }
        let n = perUnit.max() ?? 0
        guard n >= 2 else { throw .tooFewRaters(n) }
        let kept = perUnit.indices.filter { perUnit[$0] == n }
        // Columns: the categories the kept subjects used, in category order.
        var used = [Bool](repeating: false, count: matrix.categories.count)
        for unit in kept {
            try cancellation.check(every: unit, StatisticsError.init)
            for code in codes[(unit * r)..<(unit * r + r)] where code >= 0 { used[Int(code)] = true }
        }
        let columns = used.indices.filter { used[$0] }
        var column = [Int](repeating: -1, count: used.count)
        for (index, category) in columns.enumerated() { column[category] = index }
        var counts = Array(repeating: Array(repeating: 0, count: columns.count), count: kept.count)
        defer { if cancellation.isCancelled { Discard.inBackground(&counts, leaving: []) } }
        for (row, unit) in kept.enumerated() {
            try cancellation.check(every: row, StatisticsError.init)
            for code in codes[(unit * r)..<(unit * r + r)] where code >= 0 { counts[row][column[Int(code)]] += 1 }
        }
        var notes = matrix.notes
        let dropped = matrix.unitCount - kept.count
        if dropped > 0 {
            let rows = perUnit.indices.filter { perUnit[$0] < n }.map { matrix.sourceRows[$0] }
            notes.append(
                RatingsNote(
                    .incompleteUnitsDropped,
                    "left out \(dropped) of \(matrix.unitCount) subjects with fewer than \(n) ratings ("
                        + RatingsMatrixReader.rowList(rows)
                        + "): classic Fleiss' kappa needs the same number of ratings for every subject, "
                        + "so, as R irr::kappam.fleiss does, subjects with missing ratings are dropped; "
                        + "Krippendorff's alpha and Gwet's AC1 use every rating"))
        }
        self.categoryLabels = columns.map { matrix.categories[$0] }
        self.counts = counts
        self.ratingsPerSubject = n
        self.droppedSubjects = dropped
        self.subjectIDs = kept.map { matrix.unitIDs[$0] }
        self.notes = notes
    }

    /// Counts raw ratings given as one row per subject and one column per rater; "" marks a missing rating.
    ///
    /// Without a header only the values can mark a leading identifier column (all different, not
    /// ratings; see ``RatingsColumns``), which is then left out with a note; prefer
    /// ``RatingsMatrix/init(header:rows:columns:categories:foldCase:)`` with the header. Rows may have
    /// different lengths (absent trailing cells are missing).
    /// - Throws: ``StatisticsError`` when there are no subjects, every rating is missing, or no
    ///   subject has two ratings.
    public init(ratings: [[String]]) throws(StatisticsError) {
        guard !ratings.isEmpty else { throw .noSubjects }
        try self.init(RatingsMatrix(header: nil, rows: ratings))
    }
}

/// Two raters' labels for the same subjects, cross-tabulated for Cohen's kappa.
///
/// Rows are the first rater's categories and columns the second rater's, over the same label list,
/// so the table is square and agreements lie on the diagonal. Labels are trimmed and folded as in
/// ``RatingsMatrix``; a subject is skipped when either rating is missing (only subjects rated by both
/// raters count). Categories are the labels either rater used on those subjects.
public struct TwoRaterTable: Sendable, Equatable {
    /// The category labels, in the order of the rows and of the columns of ``counts``.
    public let categoryLabels: [String]
    /// `counts[i][j]` is the number of subjects the first rater put in category i and the second in j.
    public let counts: [[Int]]
    /// The number of subjects skipped because one or both ratings were missing.
    public let skippedSubjects: Int
    /// The two raters' names.
    public let raterNames: [String]
    /// What was read, merged and left out.
    public let notes: [RatingsNote]

    /// The number of subjects rated by both raters.
    public var subjects: Int { counts.joined().reduce(0, +) }

    /// Cross-tabulates the two raters of a matrix.
    ///
    /// - Throws: ``StatisticsError`` when the matrix does not have exactly two raters or no subject
    ///   was rated by both.
    public init(_ matrix: RatingsMatrix, cancellation: CancellationToken = .none) throws(StatisticsError) {
        guard matrix.raterCount == 2 else { throw Self.notTwoRaters(matrix) }
        var pairs: [(Int, Int)] = []
        var unpaired: [Int] = []
        for unit in 0..<matrix.unitCount {
            try cancellation.check(every: unit, StatisticsError.init)
            if let a = matrix.category(unit: unit, rater: 0), let b = matrix.category(unit: unit, rater: 1) {
                pairs.append((a, b))
            } else {
                unpaired.append(matrix.sourceRows[unit])
            }
        }
        guard !pairs.isEmpty else {
            throw StatisticsError("no subjects: no subject was rated by both raters")
        }
        try cancellation.check(every: 0, StatisticsError.init)
        let used = Set(pairs.flatMap { [$0.0, $0.1] }).sorted()
        try cancellation.check(every: 0, StatisticsError.init)
        let index = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: used.count), count: used.count)
        for (a, b) in pairs {
            counts[index[a]!][index[b]!] += 1
        }
        var notes = matrix.notes
        if !unpaired.isEmpty {
            notes.append(
                RatingsNote(
                    .unpairedUnits,
                    "left out \(StatisticsSupport.count(unpaired.count, "subject")) rated by only one of the two raters ("
                        + RatingsMatrixReader.rowList(unpaired) + ")"))
        }
        self.categoryLabels = used.map { matrix.categories[$0] }
        self.counts = counts
        self.skippedSubjects = unpaired.count + matrix.emptyRowCount
        self.raterNames = matrix.raterNames
        self.notes = notes
    }

    static func notTwoRaters(_ matrix: RatingsMatrix) -> StatisticsError {
        StatisticsError(
            "Cohen's kappa compares exactly two raters; there are \(matrix.raterCount) ("
                + StatisticsSupport.list(matrix.raterNames.map { "'\($0)'" })
                + "): choose two, or use Fleiss' or Conger's kappa")
    }

    /// Cross-tabulates two raters' labels, given in the same subject order; "" marks a missing rating.
    ///
    /// Throws when the two lists differ in length or when no subject was rated by both raters.
    public init(first: [String], second: [String]) throws(StatisticsError) {
        guard first.count == second.count else {
            throw StatisticsError(
                "the two raters must rate the same subjects: the first has \(first.count) "
                    + "ratings and the second \(second.count)")
        }
        guard first.contains(where: { StatisticsSupport.normalized($0) != nil }),
            second.contains(where: { StatisticsSupport.normalized($0) != nil })
        else {
            throw StatisticsError("no subjects: no subject was rated by both raters")
        }
        try self.init(RatingsMatrix(ratings: zip(first, second).map { [$0, $1] }))
    }
}
