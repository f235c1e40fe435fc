/// What importing a REFI-QDA project would do to a workspace, and everything it could not map.
///
/// The plan is computed against one workspace and applied as one undoable batch (`change`). The parts the
/// workspace cannot hold yet are values here for the caller to store: per-coder codings, free codes (tags),
/// bibliographic records and notes.
public struct REFIImportPlan: Sendable {
    /// How a source was matched to a study.
    public enum StudyMatch: Sendable, Equatable {
        /// A new study.
        case new
        /// The study whose id a case variable ("Study id") gives.
        case byID
        /// The only study whose label is the source's name (case and accents ignored).
        case byName
        /// The quotes of this source belong to no study (the review's own export of unattributed quotes).
        case none
    }

    /// A source and the study it became.
    public struct PlannedStudy: Sendable, Equatable {
        /// The source's GUID.
        public var sourceGUID: String
        /// The source's name.
        public var sourceName: String
        /// The study id (nil for unattributed quotes).
        public var studyID: String?
        /// How it was matched.
        public var match: StudyMatch
        /// The study fields set from case or source variables.
        public var fields: [String]
    }

    /// A selection and the quote it became.
    public struct PlannedQuote: Sendable, Equatable {
        /// The quote as the workspace will hold it after the import, its coding resolved from the coders' as the
        /// workspace resolves reviewers' codings (``Workspace/resolvedCoding(of:)``).
        public var quote: Quote
        /// The selection's GUID.
        public var selectionGUID: String
        /// Each coder's coding, by reviewer name (only coders who applied a framework code); each becomes that
        /// reviewer's ``ReviewerCoding``.
        public var codings: [String: FrameworkCoding]
        /// The coding of a User named "consensus", which becomes the quote's consensus coding.
        public var consensus: FrameworkCoding?
        /// The codings by no user (in `review`'s own export, by its project user): the quote's own coding.
        public var ownCoding: FrameworkCoding?
        /// Free codes applied to the passage, by anyone, in order.
        public var tags: [String]
        /// Whether coders differ on some field with no consensus in the project.
        public var coderDisagreement: Bool
        /// The fields still in dispute after the import (empty when `coder=` recorded a consensus, or none was).
        public var unresolved: [CodingField] = []
        /// Whether the workspace already holds this quote (same study, same text): it is not added again, and
        /// `quote` is the workspace's, coding included.
        public var isExisting: Bool
    }

    /// What a note is attached to.
    public enum NoteTarget: Sendable, Equatable {
        case project
        case study(String)
        case quote(Int)
        /// A code, by its path ("Knowledge > Barrier").
        case code(String)
    }

    /// A note (memo) of the project.
    public struct PlannedNote: Sendable, Equatable {
        /// Its name, when it has one.
        public var title: String?
        /// Its text.
        public var text: String
        /// What it is attached to.
        public var target: NoteTarget
    }

    /// How line ends were counted in the sources.
    public enum LineEndCounting: String, Sendable, Equatable {
        /// Every code point counts, so CR LF is two positions (the spec's rule, QualCoder, `review`).
        case asWritten = "as written"
        /// CR LF counts as one position (ATLAS.ti).
        case crlfAsOne = "crlf as one"
    }

    /// The project's name.
    public var projectName: String
    /// The tool that wrote it.
    public var origin: String?
    /// How line ends were counted.
    public var lineEnds: LineEndCounting
    /// The codebook's resolution (and the sub-themes it adds).
    public var codebook: CodebookImportPlan
    /// The coders as reviewer names, in the project's order (not the consensus, not the quotes' own coding).
    public var coders: [String]
    /// One lowercase line per User whose reviewer name is not its name as written (too long, taken, none).
    public var coderNotes: [String] = []
    /// The quotes whose consensus `coder=` recorded from that coder's coding.
    public var consensusChosen: [Int] = []
    /// Every text source and its study.
    public var studies: [PlannedStudy]
    /// Every imported selection and its quote.
    public var quotes: [PlannedQuote]
    /// Appraisals read from CASP variables.
    public var appraisals: [Appraisal]
    /// Bibliographic records read from case variables, by study id.
    public var bibliography: [String: BibliographicRecord]
    /// The project's notes.
    public var notes: [PlannedNote]
    /// The workspace metadata the review's own export carried in the project description.
    public var metadata: [String: String]
    /// Everything that could not be mapped, one lowercase line each. Nothing is dropped without a line here.
    public var unmapped: [String]
    /// How the import read things (encodings, line-end counting), one lowercase line each.
    public var notices: [String]
    /// The changes, valid against the workspace planned for: sub-themes, studies, appraisals, then quotes.
    public var changes: [WorkspaceChange]

    /// The whole import as one atomic, undoable change.
    public var change: WorkspaceChange { .batch(changes) }

    /// The free codes by quote id.
    public var tags: [Int: [String]] {
        Dictionary(quotes.filter { !$0.tags.isEmpty }.map { ($0.quote.id, $0.tags) }, uniquingKeysWith: { a, _ in a })
    }

    /// The reviewers' codings by quote id and reviewer name.
    public var codings: [Int: [String: FrameworkCoding]] {
        Dictionary(quotes.filter { !$0.codings.isEmpty }.map { ($0.quote.id, $0.codings) }, uniquingKeysWith: { a, _ in a })
    }

    /// The notes attached to the project, in order (for the session's notes).
    public var projectNotes: [String] { notes.filter { $0.target == .project }.map(\.text) }
}
