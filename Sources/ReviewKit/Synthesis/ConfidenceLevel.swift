/// The overall GRADE-CERQual confidence in a review finding.
public enum ConfidenceLevel: Int, CaseIterable, Sendable, Codable, Comparable {
    /// "high confidence".
    case high = 3
    /// "moderate confidence".
    case moderate = 2
    /// "low confidence".
    case low = 1
    /// "very low confidence".
    case veryLow = 0

    /// The display name ("very low").
    public var name: String {
        switch self {
        case .high: "high"
        case .moderate: "moderate"
        case .low: "low"
        case .veryLow: "very low"
        }
    }

    /// The stable identifier used in snapshots, commands and machine output ("very-low").
    public var slug: String { self == .veryLow ? "very-low" : name }

    /// What the level says about the finding, in the guidance's terms: "It is highly likely that the review
    /// finding is a reasonable representation of the phenomenon of interest" and so on.
    public var meaning: String {
        switch self {
        case .high: "It is highly likely that the review finding is a reasonable representation of the phenomenon of interest."
        case .moderate: "It is likely that the review finding is a reasonable representation of the phenomenon of interest."
        case .low: "It is possible that the review finding is a reasonable representation of the phenomenon of interest."
        case .veryLow: "It is not clear whether the review finding is a reasonable representation of the phenomenon of interest."
        }
    }

    /// The level one step lower, or nil below very low.
    public var lower: ConfidenceLevel? { ConfidenceLevel(rawValue: rawValue - 1) }

    /// Orders from very low to high.
    public static func < (lhs: ConfidenceLevel, rhs: ConfidenceLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses "high", "moderate", "low", "very low" (with or without "confidence").
    public init(parsing text: String) throws(ReviewError) {
        var key = TextFolding.nameKey(text)
        if key.hasSuffix(" confidence") { key.removeLast(" confidence".count) }
        switch key {
        case "high": self = .high
        case "moderate", "mod": self = .moderate
        case "low": self = .low
        case "very low", "verylow": self = .veryLow
        default:
            throw ReviewError("unknown confidence level '\(text)'", notes: ["confidence levels: high, moderate, low, very low"])
        }
    }
}
