/// Whether a coded quote describes a barrier to or a facilitator of the behaviour.
public enum Direction: UInt8, CaseIterable, Sendable, Codable, Comparable {
    case barrier = 1
    case facilitator = 2

    /// The display name ("Barrier").
    public var name: String { self == .barrier ? "Barrier" : "Facilitator" }

    /// The stable identifier used in files ("barrier").
    public var slug: String { self == .barrier ? "barrier" : "facilitator" }

    /// Other names a reviewer may type.
    public var aliases: [String] {
        self == .barrier ? ["barrier", "barriers", "b", "hinder", "hindrance"] : ["facilitator", "facilitators", "f", "enabler", "enablers"]
    }

    /// Orders barriers before facilitators, as the review's tables do.
    public static func < (lhs: Direction, rhs: Direction) -> Bool { lhs.rawValue < rhs.rawValue }
}
