/// A coded participant quote: verbatim text with its coding and citation.
public struct Quote: Sendable, Equatable, Codable, Identifiable {
    /// The stable id (shown as "Q12").
    public var id: Int
    /// The quote, verbatim.
    public var text: String
    /// Barrier or facilitator; nil when not yet coded.
    public var direction: Direction?
    /// The COM-B component; nil when not yet coded.
    public var component: COMBComponent?
    /// The TDF domain; nil when not yet coded.
    public var domain: TDFDomain?
    /// The sub-theme id; nil when not assigned.
    public var subTheme: Int?
    /// The study id, where the quote can be attributed to a study.
    public var studyID: String?
    /// The review's reference number, where the text gives it ("(33), p. 1425" → 33).
    public var reference: Int?
    /// The page or locator ("p. 1425"), where given.
    public var page: String?
    /// Free codes (tags) beyond the framework, in the order given; no two the same once case and accents are
    /// folded (`ValueRules.checkTags`).
    public var tags: [String]

    /// Creates a quote.
    public init(id: Int, text: String, direction: Direction? = nil, component: COMBComponent? = nil, domain: TDFDomain? = nil,
                subTheme: Int? = nil, studyID: String? = nil, reference: Int? = nil, page: String? = nil, tags: [String] = []) {
        self.id = id
        self.text = text
        self.direction = direction
        self.component = component
        self.domain = domain
        self.subTheme = subTheme
        self.studyID = studyID
        self.reference = reference
        self.page = page
        self.tags = tags
    }

    /// The citation as the review prints it: "(33), p. 1425", "(45)", or "" when unknown.
    public var citation: String {
        guard let reference else { return page ?? "" }
        return page.map { "(\(reference)), \($0)" } ?? "(\(reference))"
    }

    /// The display id ("Q12").
    public var label: String { "Q\(id)" }
}

extension Quote {
    private enum CodingKeys: String, CodingKey { case id, text, direction, component, domain, subTheme, studyID, reference, page, tags }

    /// Decodes a quote; `tags` may be absent (journals written before quotes had tags).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  direction: try c.decodeIfPresent(Direction.self, forKey: .direction),
                  component: try c.decodeIfPresent(COMBComponent.self, forKey: .component),
                  domain: try c.decodeIfPresent(TDFDomain.self, forKey: .domain),
                  subTheme: try c.decodeIfPresent(Int.self, forKey: .subTheme),
                  studyID: try c.decodeIfPresent(String.self, forKey: .studyID),
                  reference: try c.decodeIfPresent(Int.self, forKey: .reference),
                  page: try c.decodeIfPresent(String.self, forKey: .page),
                  tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [])
    }

    /// Encodes a quote; `tags` is left out when there are none, so journals of untagged quotes read as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(direction, forKey: .direction)
        try c.encodeIfPresent(component, forKey: .component)
        try c.encodeIfPresent(domain, forKey: .domain)
        try c.encodeIfPresent(subTheme, forKey: .subTheme)
        try c.encodeIfPresent(studyID, forKey: .studyID)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(page, forKey: .page)
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
    }
}
