/// An included study, with the fields a review extracts (any of which may be unknown).
public struct Study: Sendable, Equatable, Codable, Identifiable {
    /// The stable id ("S01"); two studies may share a label but never an id.
    public var id: String
    /// The label the review uses ("Ben-Dor I et al.").
    public var label: String
    /// The review's reference number for the study, where known.
    public var reference: Int?
    /// Year of publication.
    public var year: Int?
    /// Country or countries where it was conducted.
    public var country: String?
    /// Study design ("qualitative", "mixed methods"…).
    public var design: String?
    /// How data were collected ("interviews", "focus groups"…).
    public var dataCollection: String?
    /// How data were analysed ("thematic analysis"…).
    public var analysis: String?
    /// Number of participants.
    public var participants: Int?
    /// The study's reference (authors, title, journal, DOI, keywords…, and what a RIS file carried besides),
    /// or nil when none is recorded. Its `year` is always nil: the study's `year` is the one year
    /// (`Study+Bibliography.swift`).
    public var bibliography: BibliographicRecord?

    /// Creates a study.
    public init(id: String, label: String, reference: Int? = nil, year: Int? = nil, country: String? = nil,
                design: String? = nil, dataCollection: String? = nil, analysis: String? = nil, participants: Int? = nil,
                bibliography: BibliographicRecord? = nil) {
        self.id = id
        self.label = label
        self.reference = reference
        self.year = year
        self.country = country
        self.design = design
        self.dataCollection = dataCollection
        self.analysis = analysis
        self.participants = participants
        self.bibliography = bibliography
    }
}
