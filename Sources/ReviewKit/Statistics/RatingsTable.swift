import Foundation

/// Raw categorical ratings (subjects × raters) counted into a subjects × categories table for Fleiss' kappa.
///
/// Each rating is a category label. Labels are trimmed of surrounding whitespace; a label that is
/// empty after trimming is a missing rating and is dropped. Every subject must then have the same
/// number of ratings, because Fleiss' kappa assumes a constant number of raters per subject.
/// The raters need not be the same people from subject to subject.
///
/// Categories are the labels that occur in the data (a category nobody used does not appear), in
/// numeric order when every label is a finite number (so "9" comes before "10"), otherwise in
/// Unicode string order.
public struct RatingsTable: Sendable, Equatable {
    /// The category labels, in the order of the columns of ``counts``.
    public let categoryLabels: [String]
    /// The number of ratings of each subject (row) in each category (column).
    public let counts: [[Int]]
    /// The number of ratings each subject received after missing ratings were dropped.
    public let ratingsPerSubject: Int

    /// The number of subjects (rows).
    public var subjects: Int { counts.count }

    /// Counts raw ratings given as one row per subject and one column per rater; "" marks a missing rating.
    ///
    /// Rows may have different lengths (absent trailing cells count as missing). Throws when there
    /// are no subjects, when every rating is missing, or when a subject's number of ratings differs
    /// from the most common non-zero number; the error names the first such subject (1-based).
    public init(ratings: [[String]]) throws(StatisticsError) {
        guard !ratings.isEmpty else { throw .noSubjects }
        let cleaned = ratings.map { row in row.compactMap(StatisticsSupport.normalized) }

        let perSubject = cleaned.map(\.count)
        let expected = StatisticsSupport.mostCommon(perSubject.filter { $0 > 0 })
        guard expected > 0 else { throw StatisticsError("no ratings: every rating is missing") }
        if let row = perSubject.firstIndex(where: { $0 != expected }) {
            throw .unequalRatings(subject: row + 1, count: perSubject[row], expected: expected)
        }

        let labels = StatisticsSupport.sorted(Set(cleaned.joined()))
        let column = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: labels.count), count: cleaned.count)
        for (subject, row) in cleaned.enumerated() {
            for label in row {
                counts[subject][column[label]!] += 1
            }
        }
        self.categoryLabels = labels
        self.counts = counts
        self.ratingsPerSubject = expected
    }
}

/// Two raters' labels for the same subjects, cross-tabulated for Cohen's kappa.
///
/// Rows are the first rater's categories and columns the second rater's, over the same label list,
/// so the table is square and agreements lie on the diagonal. Labels are trimmed; a subject is
/// skipped when either rating is empty (only subjects rated by both raters count). Categories are
/// the labels either rater used, ordered as in ``RatingsTable``.
public struct TwoRaterTable: Sendable, Equatable {
    /// The category labels, in the order of the rows and of the columns of ``counts``.
    public let categoryLabels: [String]
    /// `counts[i][j]` is the number of subjects the first rater put in category i and the second in j.
    public let counts: [[Int]]
    /// The number of subjects skipped because one or both ratings were missing.
    public let skippedSubjects: Int

    /// The number of subjects rated by both raters.
    public var subjects: Int { counts.joined().reduce(0, +) }

    /// Cross-tabulates two raters' labels, given in the same subject order; "" marks a missing rating.
    ///
    /// Throws when the two lists differ in length or when no subject was rated by both raters.
    public init(first: [String], second: [String]) throws(StatisticsError) {
        guard first.count == second.count else {
            throw StatisticsError(
                "the two raters must rate the same subjects: the first has \(first.count) "
                    + "ratings and the second \(second.count)")
        }
        var pairs: [(String, String)] = []
        for (a, b) in zip(first, second) {
            if let a = StatisticsSupport.normalized(a), let b = StatisticsSupport.normalized(b) {
                pairs.append((a, b))
            }
        }
        guard !pairs.isEmpty else {
            throw StatisticsError("no subjects: no subject was rated by both raters")
        }
        let labels = StatisticsSupport.sorted(Set(pairs.flatMap { [$0.0, $0.1] }))
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        for (a, b) in pairs {
            counts[index[a]!][index[b]!] += 1
        }
        self.categoryLabels = labels
        self.counts = counts
        self.skippedSubjects = first.count - pairs.count
    }
}

/// Helpers shared by the statistics types: label clean-up, label order, the most common count
/// and NaN-aware equality.
enum StatisticsSupport {
    /// The trimmed label, or nil when it is empty (a missing rating).
    static func normalized(_ label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Numeric order when every label is a finite number, else Unicode string order.
    static func sorted(_ labels: Set<String>) -> [String] {
        let numbers = labels.map { label in (label, Double(label)) }
        if numbers.allSatisfy({ $0.1?.isFinite == true }) {
            return numbers.sorted { lhs, rhs in
                lhs.1! != rhs.1! ? lhs.1! < rhs.1! : lhs.0 < rhs.0
            }.map(\.0)
        }
        return labels.sorted()
    }

    /// The most frequent value; ties go to the larger value. 0 for an empty list.
    static func mostCommon(_ values: [Int]) -> Int {
        var frequency: [Int: Int] = [:]
        for value in values { frequency[value, default: 0] += 1 }
        return frequency.max { lhs, rhs in
            lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key < rhs.key
        }?.key ?? 0
    }

    /// Element-wise equality of two lists of figures in which NaN ("undefined") equals NaN.
    static func sameValues(_ lhs: [Double], _ rhs: [Double]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
