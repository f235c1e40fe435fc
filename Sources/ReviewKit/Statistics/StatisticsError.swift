/// An error from an agreement statistic, with a message written for the person who supplied the data.
///
/// The message starts in lowercase so that a caller can prefix it, for example
/// `"error: " + error.message`. Examples: `"no subjects"`, `"the table must be square: …"`,
/// `"row 2, column 3: '2.5' is not a whole number of ratings"`. When the error comes from parsing
/// text or a table of cells, ``location`` says where, so that a caller can draw a caret under it.
public struct StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the input an error lies.
    public enum Location: Equatable, Sendable {
        /// A range of Character offsets in the text that was parsed (0-based, half-open).
        case span(Range<Int>)
        /// A cell of a table of cells: 1-based data row (the header, if any, is not counted) and 1-based column.
        case cell(row: Int, column: Int)
        /// A whole column of a table of cells, 1-based.
        case column(Int)
    }

    /// What went wrong, in lowercase plain English; subject and row numbers are 1-based.
    public let message: String
    /// Where the problem is, when the input was text or cells; nil for errors about the data as a whole.
    public let location: Location?
    /// Whether the computation stopped because it was asked to (Ctrl-C), not because of the data.
    public let isInterruption: Bool

    /// Creates an error with the given message and, optionally, where it lies.
    public init(_ message: String, location: Location? = nil) {
        self.message = message
        self.location = location
        isInterruption = false
    }

    /// The error for a computation that stopped at a cancel (``Interrupted``).
    public init(_ interruption: Interrupted) {
        message = interruption.description
        location = nil
        isInterruption = true
    }

    /// The message itself.
    public var description: String { message }
}

extension StatisticsError {
    static let noSubjects = StatisticsError("no subjects")
    static let tooFewCategories = StatisticsError("at least two categories are needed")
    static let singleCategory = StatisticsError(
        "kappa is undefined: every rating falls in one category")

    static func unequalRatings(subject: Int, count: Int, expected: Int) -> StatisticsError {
        StatisticsError(
            "subject \(subject) has \(count) \(count == 1 ? "rating" : "ratings"); expected \(expected) "
                + "(every subject needs the same number of raters)")
    }

    static func tooFewRaters(_ count: Int) -> StatisticsError {
        StatisticsError(
            "at least two raters are needed per subject; each subject has \(count) "
                + (count == 1 ? "rating" : "ratings"))
    }

    static func invalidConfidenceLevel(_ level: Double) -> StatisticsError {
        StatisticsError("the confidence level must be between 0 and 1 (exclusive); got \(level)")
    }

    static func labelCount(_ count: Int, expected: Int) -> StatisticsError {
        StatisticsError("expected \(expected) category labels; got \(count)")
    }

    static func duplicateLabel(_ label: String) -> StatisticsError {
        StatisticsError("category labels must be unique; \"\(label)\" appears more than once")
    }

    static func tooManyRatings(location: Location? = nil) -> StatisticsError {
        StatisticsError(
            "too many ratings: the counts add up to more than \(CountsTable.maximumTotal) (2^53), "
                + "beyond which they cannot all be represented exactly", location: location)
    }

    /// Checks that a confidence level lies strictly between 0 and 1.
    static func validate(confidenceLevel: Double) throws(StatisticsError) {
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw invalidConfidenceLevel(confidenceLevel)
        }
    }

    /// Returns the given labels after checking them, or "1", "2", … when there are none.
    static func labels(_ labels: [String]?, count: Int) throws(StatisticsError) -> [String] {
        guard let labels else { return (0..<count).map { String($0 + 1) } }
        guard labels.count == count else { throw labelCount(labels.count, expected: count) }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw duplicateLabel(label)
        }
        return labels
    }

    /// Checks that `table` is a square cross table of two raters with at least two categories and returns
    /// its labels (checked, or "1", "2", …): the one check Cohen's, weighted and two-rater agreement share.
    static func squareTableLabels(_ table: [[Int]], _ labels: [String]?) throws(StatisticsError) -> [String] {
        let k = table.count
        for (row, values) in table.enumerated() where values.count != k {
            throw StatisticsError(
                "the table must be square: it has \(k) rows but row \(row + 1) has \(values.count) columns")
        }
        guard k >= 2 else { throw .tooFewCategories }
        return try Self.labels(labels, count: k)
    }
}
