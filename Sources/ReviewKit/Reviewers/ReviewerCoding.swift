/// One reviewer's coding of one quote (TDF domain, COM-B component, direction, sub-theme), or the team's
/// consensus on it, kept beside the quote's own coding, which stays the *resolved* coding figures use.
///
/// A field left nil was not coded by that reviewer (or, in a consensus, not settled by it).
public struct ReviewerCoding: Sendable, Equatable, Codable {
    /// The coded quote's id.
    public var quoteID: Int
    /// The reviewer's initials or name, or ``ReviewerCoding/consensus`` for the agreed coding.
    public var reviewer: String
    /// Barrier or facilitator.
    public var direction: Direction?
    /// The COM-B component.
    public var component: COMBComponent?
    /// The TDF domain.
    public var domain: TDFDomain?
    /// The sub-theme id.
    public var subTheme: Int?

    /// Creates a coding.
    public init(quoteID: Int, reviewer: String, direction: Direction? = nil, component: COMBComponent? = nil,
                domain: TDFDomain? = nil, subTheme: Int? = nil) {
        self.quoteID = quoteID
        self.reviewer = reviewer
        self.direction = direction
        self.component = component
        self.domain = domain
        self.subTheme = subTheme
    }

    /// A reviewer's coding taken from a quote's coding fields.
    public init(_ quote: Quote, reviewer: String) {
        self.init(quoteID: quote.id, reviewer: reviewer, direction: quote.direction, component: quote.component,
                  domain: quote.domain, subTheme: quote.subTheme)
    }

    /// The reserved reviewer name under which the agreed (consensus) coding or appraisal is stored.
    public static let consensus = "consensus"

    /// Whether this is the team's consensus rather than one reviewer's coding.
    public var isConsensus: Bool { reviewer == Self.consensus }

    /// Whether no field is coded.
    public var isEmpty: Bool { direction == nil && component == nil && domain == nil && subTheme == nil }

    /// The value of a field as its slug ("knowledge", "barrier", "3"), or nil when not coded.
    public func value(of field: CodingField) -> String? {
        switch field {
        case .domain: domain?.slug
        case .component: component?.slug
        case .direction: direction?.slug
        case .subTheme: subTheme.map(String.init)
        }
    }
}

/// A field of a quote's coding that reviewers can disagree on.
public enum CodingField: String, Sendable, Codable, CaseIterable {
    /// The TDF domain.
    case domain
    /// The COM-B component.
    case component
    /// Barrier or facilitator.
    case direction
    /// The sub-theme.
    case subTheme = "subtheme"

    /// The field named by a word ("domain", "sub-theme", "subtheme", "theme", "comb"…), ignoring case.
    public init?(parsing word: String) {
        switch word.lowercased() {
        case "domain", "domains", "tdf": self = .domain
        case "component", "components", "comb", "com-b": self = .component
        case "direction", "directions": self = .direction
        case "subtheme", "sub-theme", "subthemes", "sub-themes", "theme": self = .subTheme
        default: return nil
        }
    }

    /// The display name.
    public var label: String { self == .subTheme ? "sub-theme" : rawValue }
}

/// The rules for a reviewer's name (initials or a name).
public enum ReviewerName {
    /// Checks a name a reviewer types: not blank, at most 40 characters, no tab or line break, and not the
    /// reserved word `consensus`.
    public static func check(_ name: String) throws(ReviewError) {
        guard !name.allSatisfy(\.isWhitespace) else { throw ReviewError("a reviewer needs a name or initials, e.g. GT") }
        guard name.count <= 40 else { throw ReviewError("a reviewer's name has at most 40 characters") }
        guard !name.contains(where: { $0 == "\t" || $0.isNewline }) else {
            throw ReviewError("a reviewer's name cannot contain a tab or a line break")
        }
        guard name.lowercased() != ReviewerCoding.consensus else {
            throw ReviewError("'consensus' is reserved for the agreed coding; choose other initials")
        }
    }
}
