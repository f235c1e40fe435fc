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

    /// Creates a quote.
    public init(id: Int, text: String, direction: Direction? = nil, component: COMBComponent? = nil, domain: TDFDomain? = nil,
                subTheme: Int? = nil, studyID: String? = nil, reference: Int? = nil, page: String? = nil) {
        self.id = id
        self.text = text
        self.direction = direction
        self.component = component
        self.domain = domain
        self.subTheme = subTheme
        self.studyID = studyID
        self.reference = reference
        self.page = page
    }

    /// The citation as the review prints it: "(33), p. 1425", "(45)", or "" when unknown.
    public var citation: String {
        guard let reference else { return page ?? "" }
        return page.map { "(\(reference)), \($0)" } ?? "(\(reference))"
    }

    /// The display id ("Q12").
    public var label: String { "Q\(id)" }
}
