/// What the HTML report needs besides the workspace: plain data the shell already holds.
public struct ReportInputs: Sendable, Equatable {
    /// A note from the notebook.
    public struct Note: Sendable, Equatable {
        /// A heading, when the note has one.
        public var title: String?
        /// The note's text; blank lines separate paragraphs.
        public var text: String

        /// Creates a note.
        public init(title: String? = nil, text: String) {
            self.title = title
            self.text = text
        }
    }

    /// One agreement figure, already formatted (the shell computes it with `FleissKappa`/`CohenKappa` or
    /// takes it from the review as reported).
    public struct AgreementRow: Sendable, Equatable {
        /// What was measured ("Fleiss' kappa, title/abstract screening, 3 raters").
        public var measure: String
        /// The value ("0.588").
        public var value: String
        /// The confidence interval ("0.536 to 0.640"), or "".
        public var interval: String
        /// The interpretation ("moderate (Landis & Koch 1977)"), or "".
        public var interpretation: String
        /// Where the figure comes from ("reported, section 2.3" or "computed from 120 decisions").
        public var source: String

        /// Creates a row.
        public init(measure: String, value: String, interval: String = "", interpretation: String = "", source: String = "") {
            self.measure = measure
            self.value = value
            self.interval = interval
            self.interpretation = interpretation
            self.source = source
        }
    }

    /// The command that produced a part of the report.
    public struct ProvenanceEntry: Sendable, Equatable {
        /// The part: a `ReviewReport.Section` id ("casp") or any label.
        public var section: String
        /// The command, exactly as typed.
        public var command: String

        /// Creates an entry.
        public init(section: String, command: String) {
            self.section = section
            self.command = command
        }
    }

    /// The report's title; nil uses the workspace's `title` metadata.
    public var title: String?
    /// CASP quality-band cut-offs (the session's `bands` setting).
    public var bands: QualityBands
    /// The TDF → COM-B mapping (the session's `mapping` setting).
    public var mapping: DomainMapping
    /// Colours for CASP answers.
    public var palette: AppraisalPalette
    /// The PRISMA 2020 counts; nil when none are recorded.
    public var prisma: PRISMAFlow?
    /// Notes from the notebook, in order.
    public var notes: [Note]
    /// Agreement figures, in order.
    public var agreement: [AgreementRow]
    /// The commands behind each part, in order.
    public var provenance: [ProvenanceEntry]
    /// Who made the report ("review 1.2"), printed in the footer and a meta tag.
    public var generator: String
    /// A date to print, when wanted; nothing reads the clock, so the same inputs give the same file.
    public var date: String?

    /// Creates inputs; everything but the workspace is optional.
    public init(title: String? = nil, bands: QualityBands = .seed, mapping: DomainMapping = .seed, palette: AppraisalPalette = .cochrane,
                prisma: PRISMAFlow? = nil, notes: [Note] = [], agreement: [AgreementRow] = [], provenance: [ProvenanceEntry] = [],
                generator: String = "review", date: String? = nil) {
        self.title = title
        self.bands = bands
        self.mapping = mapping
        self.palette = palette
        self.prisma = prisma
        self.notes = notes
        self.agreement = agreement
        self.provenance = provenance
        self.generator = generator
        self.date = date
    }
}
