/// An error from an agreement statistic, with a message written for the person who supplied the data.
///
/// The message starts in lowercase so that a caller can prefix it, for example
/// `"error: " + error.message`. Examples: `"no subjects"`, `"the table must be square: …"`,
/// `"subject 3 has 5 ratings; expected 6 (every subject needs the same number of raters)"`.
public struct StatisticsError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, in lowercase plain English; subject and row numbers are 1-based.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) {
        self.message = message
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
}
