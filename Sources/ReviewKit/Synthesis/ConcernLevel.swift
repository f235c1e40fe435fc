/// How much concern one GRADE-CERQual component raises for a finding (2018 wording).
///
/// The older papers' "no / minor / moderate / substantial" scale is refused rather than mapped, so the two
/// vocabularies are never mixed in one assessment.
public enum ConcernLevel: Int, CaseIterable, Sendable, Codable, Comparable {
    /// "no or very minor concerns".
    case noOrVeryMinor = 0
    /// "minor concerns".
    case minor = 1
    /// "moderate concerns".
    case moderate = 2
    /// "serious concerns".
    case serious = 3

    /// The published wording ("moderate concerns").
    public var name: String {
        switch self {
        case .noOrVeryMinor: "no or very minor concerns"
        case .minor: "minor concerns"
        case .moderate: "moderate concerns"
        case .serious: "serious concerns"
        }
    }

    /// The stable identifier used in snapshots, commands and machine output ("no-or-very-minor").
    public var slug: String {
        switch self {
        case .noOrVeryMinor: "no-or-very-minor"
        case .minor: "minor"
        case .moderate: "moderate"
        case .serious: "serious"
        }
    }

    /// Whether the level is worse than "no or very minor concerns", so an explanation is expected.
    public var needsExplanation: Bool { self != .noOrVeryMinor }

    /// Orders from least to most concern.
    public static func < (lhs: ConcernLevel, rhs: ConcernLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a typed level: the published wording with or without "concerns", its slug, or a short form
    /// ("none", "very minor", "minor", "moderate", "serious").
    /// - Throws: ``ReviewError`` naming the four levels; "substantial" gets a note on the older wording.
    public init(parsing text: String) throws(ReviewError) {
        var key = TextFolding.nameKey(text)
        if key.hasSuffix(" concerns") { key.removeLast(" concerns".count) }
        if key.hasSuffix(" concern") { key.removeLast(" concern".count) }
        switch key {
        case "no or very minor", "no", "none", "very minor", "no concerns", "nvm": self = .noOrVeryMinor
        case "minor": self = .minor
        case "moderate", "mod": self = .moderate
        case "serious": self = .serious
        case "substantial":
            throw ReviewError("'\(text)' is the older CERQual wording; the 2018 guidance says 'serious concerns'",
                              notes: ["concern levels: no or very minor, minor, moderate, serious"])
        default:
            throw ReviewError("unknown concern level '\(text)'",
                              notes: ["concern levels: no or very minor, minor, moderate, serious"])
        }
    }
}
