/// A field a filter, sort or group-by can name, for quotes or for studies.
///
/// Every field is declared once, in `Field.quoteFields` (QuoteFields.swift) or `Field.studyFields`
/// (StudyFields.swift): its name and aliases, its value type (which decides the operators and how typed
/// values are read), how its value is read from the workspace, whether it can be grouped, what completion
/// offers for it and its line in `help fields`. Parsing, filtering, sorting, grouping, help, completion and
/// result columns all read the declaration; nothing else names fields.
public struct Field: Sendable {
    /// What a field belongs to.
    public enum Subject: String, Sendable { case quote, study }

    /// The name typed in queries ("domain", "casp").
    public let name: String
    /// Other names accepted.
    public let aliases: [String]
    /// Whether it belongs to quotes or studies.
    public let subject: Subject
    /// What the field holds: decides the operators and how a typed value is read.
    public let type: FieldType
    /// A one-line description for `help fields` and completion.
    public let summary: String
    /// Whether `group by` may name it (free text has a group per record, so it may not).
    public let isGroupable: Bool
    /// What completion offers after `FIELD OP`.
    public let completion: FieldCompletion
    /// How the value is read from the workspace.
    public let reader: FieldReader

    /// Declares a quote field read from a column of the quote store.
    public init(quote name: String, _ type: FieldType, _ summary: String, aliases: [String] = [], groupable: Bool = true,
                completion: FieldCompletion = .none, column: QuoteColumn) {
        self.name = name
        self.aliases = aliases
        subject = .quote
        self.type = type
        self.summary = summary
        isGroupable = groupable
        self.completion = completion
        reader = .quote(column)
    }

    /// Declares a study field whose value `read` computes for one study.
    public init(study name: String, _ type: FieldType, _ summary: String, aliases: [String] = [], groupable: Bool = true,
                completion: FieldCompletion = .none, read: @escaping @Sendable (StudyRow) -> FieldValue) {
        self.name = name
        self.aliases = aliases
        subject = .study
        self.type = type
        self.summary = summary
        isGroupable = groupable
        self.completion = completion
        reader = .study(read)
    }

    /// The stable snake_case key of a result column holding this field ("casp", "data_collection").
    public var key: String { String(name.map { $0 == "-" || $0 == "." ? "_" : $0 }) }

    /// The operators this field takes.
    public var operators: [FilterOperator] { type.operators }

    /// Whether a typed name (lowercased) is this field's name or one of its aliases.
    func isNamed(_ key: String) -> Bool { name == key || aliases.contains(key) }
}

extension Field: Equatable, Hashable {
    /// Fields are equal when they are the same declaration (names are unique per subject).
    public static func == (lhs: Field, rhs: Field) -> Bool { lhs.name == rhs.name && lhs.subject == rhs.subject }

    /// Hashes the subject and name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(subject)
        hasher.combine(name)
    }
}

/// How a field's value is read.
public enum FieldReader: Sendable {
    /// From the columnar quote store (the engine reads codes, never strings, in its hot loops).
    case quote(QuoteColumn)
    /// Computed per study (studies are few: a closure per study is cheap, and a new field needs nothing else).
    case study(@Sendable (StudyRow) -> FieldValue)
}

/// The shape of the quote-store column a quote field reads.
public enum QuoteColumn: Sendable {
    /// One byte code per quote (0 = not coded), named through a vocabulary.
    case codes(CodeColumn)
    /// A whole number per quote; a negative value is unknown.
    case integers(@Sendable (QuoteStore) -> [Int32])
    /// A short string per quote; an empty one is unknown.
    case strings(@Sendable (QuoteStore) -> [String])
    /// The verbatim text (searched through its signatures, folded for comparison).
    case text
    /// The study a quote is attributed to (an index into the workspace's studies, or -1).
    case study
    /// The sub-theme a quote is coded under (a sub-theme id, or -1).
    case subTheme
    /// The quote's free codes: `=` holds when any tag equals the value, `~` when any contains it, `!=` when none
    /// equals it; unknown is a quote without tags.
    case tags
}

/// A byte-code column of the quote store and the vocabulary that names its codes.
public struct CodeColumn: Sendable {
    /// The column's bytes.
    public let bytes: @Sendable (QuoteStore) -> [UInt8]
    /// What the codes mean.
    public let vocabulary: CodeVocabulary

    /// Pairs a column with its vocabulary.
    public init(_ bytes: @escaping @Sendable (QuoteStore) -> [UInt8], _ vocabulary: CodeVocabulary) {
        self.bytes = bytes
        self.vocabulary = vocabulary
    }
}

/// What one study's fields are read from: the study, its first appraisal and the derived figures.
public struct StudyRow {
    /// The study's index in the workspace.
    public let index: Int
    /// The context the query runs in (workspace, bands, cached per-study figures).
    public let context: QueryContext

    /// The study.
    public var study: Study { context.workspace.studies[index] }
    /// Its first CASP appraisal, if any.
    public var appraisal: Appraisal? { context.appraisal(ofStudy: index) }
    /// Its CASP total (first appraisal), or nil when not appraised.
    public var caspTotal: Double? { context.studyTotals[index].map { Double($0) / 2 } }
    /// Its band name under the cut-offs in use ("high", "none", "high+moderate"), or nil when not appraised.
    public var band: String? { context.bandName(ofStudy: index) }
    /// How many coded quotes are attributed to it.
    public var quoteCount: Int { context.studyQuoteCounts[index] }
}
