/// An answer to one CASP checklist question.
public enum CASPAnswer: UInt8, CaseIterable, Sendable, Codable {
    case no = 0
    case cantTell = 1
    case yes = 2

    /// The score in half points (yes = 2, can't tell = 1, no = 0), so totals stay exact.
    public var halfPoints: Int { Int(rawValue) }

    /// The score the seed review uses (yes 1, can't tell 0.5, no 0).
    public var score: Double { Double(rawValue) / 2 }

    /// The display form ("yes", "can't tell", "no").
    public var name: String {
        switch self {
        case .yes: "yes"
        case .cantTell: "can't tell"
        case .no: "no"
        }
    }

    /// The stable identifier used in files ("yes", "cant-tell", "no").
    public var slug: String {
        switch self {
        case .yes: "yes"
        case .cantTell: "cant-tell"
        case .no: "no"
        }
    }

    /// Parses a typed answer: a name, a slug, or a score (1, 0.5, 0; "1.0" and "0.0" as Table 2 prints them).
    public init?(parsing text: String) {
        switch TextFolding.nameKey(text) {
        case "yes", "y", "1", "1.0", "1.00": self = .yes
        case "can't tell", "cant tell", "cannot tell", "can not tell", "?", "ct", "0.5", ".5", "0.50", "unclear": self = .cantTell
        case "no", "n", "0", "0.0", "0.00": self = .no
        default: return nil
        }
    }
}
