/// A field a filter, sort or group-by can name, for quotes or for studies.
public struct Field: Sendable, Equatable, Hashable {
    /// What a field holds, which decides the operators and values it takes.
    public enum Kind: Sendable, Equatable, Hashable {
        /// A COM-B component (values: component names, or capability/opportunity/motivation).
        case component
        /// A top-level COM-B source.
        case source
        /// A TDF domain.
        case domain
        /// Barrier or facilitator.
        case direction
        /// Free text (compared case- and accent-insensitively).
        case text
        /// A whole number.
        case integer
        /// A number with decimals (CASP totals).
        case number
        /// A quote id (Q12).
        case quoteID
        /// A study (id or label).
        case study
        /// A sub-theme (code, id or label).
        case subTheme
        /// A CASP answer (yes / can't tell / no, or its score).
        case answer
        /// A quality band name.
        case band
    }

    /// What the field belongs to.
    public enum Subject: String, Sendable { case quote, study }

    /// The name typed in queries ("domain", "study.casp").
    public let name: String
    /// What the field holds.
    public let kind: Kind
    /// Whether it belongs to quotes or studies.
    public let subject: Subject
    /// A one-line description for help and completion.
    public let summary: String
    /// Other names accepted.
    public let aliases: [String]

    /// Creates a field.
    public init(_ name: String, _ kind: Kind, _ subject: Subject, _ summary: String, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.subject = subject
        self.summary = summary
        self.aliases = aliases
    }

    /// The operators this field takes.
    public var operators: [String] {
        switch kind {
        case .integer, .number, .answer, .quoteID: ["=", "!=", "<", "<=", ">", ">=", "in"]
        case .text: ["=", "!=", "contains", "~", "in"]
        case .subTheme, .study: ["=", "!=", "contains", "in"]
        default: ["=", "!=", "in"]
        }
    }

    /// The pseudo-field `count` that `sort by count` uses to order groups by their size.
    public static func groupCount(for subject: Subject) -> Field {
        Field("count", .integer, subject, "the number of records in each group (sort by count)")
    }

    /// Fields of a study.
    public static let studyFields: [Field] = [
        Field("id", .text, .study, "the study's id (S01)"),
        Field("label", .text, .study, "the label the review uses (Ben-Dor I et al.)", aliases: ["name", "author"]),
        Field("reference", .integer, .study, "the review's reference number", aliases: ["ref"]),
        Field("year", .integer, .study, "year of publication"),
        Field("country", .text, .study, "where it was conducted"),
        Field("design", .text, .study, "study design"),
        Field("collection", .text, .study, "how data were collected", aliases: ["data-collection"]),
        Field("analysis", .text, .study, "how data were analysed"),
        Field("participants", .integer, .study, "number of participants", aliases: ["n"]),
        Field("casp", .number, .study, "CASP total, 0–10", aliases: ["total", "score"]),
        Field("band", .band, .study, "quality band under the cut-offs in use", aliases: ["quality"]),
        Field("reviewer", .text, .study, "who appraised it"),
        Field("quotes", .integer, .study, "number of coded quotes attributed to it"),
    ] + (1...10).map { Field("q\($0)", .answer, .study, "CASP Q\($0): \(CASPQuestion.all[$0 - 1].shortLabel)") }

    /// Fields of a coded quote (study fields are reachable as `study.FIELD`).
    public static let quoteFields: [Field] = [
        Field("id", .quoteID, .quote, "the quote's id (Q12)"),
        Field("text", .text, .quote, "the verbatim quote", aliases: ["quote"]),
        Field("direction", .direction, .quote, "barrier or facilitator", aliases: ["dir", "type"]),
        Field("component", .component, .quote, "COM-B component (or capability / opportunity / motivation)", aliases: ["comb", "com-b"]),
        Field("source", .source, .quote, "COM-B source: capability, opportunity or motivation"),
        Field("domain", .domain, .quote, "TDF domain", aliases: ["tdf"]),
        Field("subtheme", .subTheme, .quote, "sub-theme (code B/ECR/2, id or label)", aliases: ["theme", "sub-theme"]),
        Field("study", .study, .quote, "the study it comes from (id or label)"),
        Field("reference", .integer, .quote, "the review's reference number in its citation", aliases: ["ref"]),
        Field("page", .text, .quote, "the page in its citation"),
    ]

    /// Looks up a field by name or alias for a subject; quote queries also accept `study.NAME`.
    public static func named(_ name: String, for subject: Subject) -> (field: Field, viaStudy: Bool)? {
        let key = name.lowercased()
        if subject == .quote, key.hasPrefix("study.") {
            let rest = String(key.dropFirst(6))
            return studyFields.first { $0.name == rest || $0.aliases.contains(rest) }.map { ($0, true) }
        }
        let fields = subject == .quote ? quoteFields : studyFields
        return fields.first { $0.name == key || $0.aliases.contains(key) }.map { ($0, false) }
    }

    /// Every name a subject's queries accept, for completion and suggestions.
    public static func names(for subject: Subject) -> [String] {
        subject == .quote ? quoteFields.map(\.name) + studyFields.map { "study." + $0.name } : studyFields.map(\.name)
    }
}
