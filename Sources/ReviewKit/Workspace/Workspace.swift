/// The review workspace: studies, CASP appraisals, sub-themes and coded quotes, held in memory.
///
/// Every change goes through `apply(_:)` (see `Workspace+Changes.swift`), which validates it and returns
/// its inverse, so the shell, scripts, snapshots, the journal and undo all share one path.
public struct Workspace: Sendable {
    /// Descriptive metadata (title, source, notes on provenance), written to snapshots in key order.
    public var metadata: [String: String] = [:]
    /// The included studies, in the review's order.
    public internal(set) var studies: [Study] = []
    /// CASP appraisals: at most one per study and reviewer.
    public internal(set) var appraisals: [Appraisal] = []
    /// The sub-themes, in table order.
    public internal(set) var subThemes: [SubTheme] = []
    /// The coded quotes.
    public internal(set) var quotes = QuoteStore()
    /// The PRISMA 2020 flow counts (empty: none recorded); changed only through `WorkspaceChange.setPRISMA`.
    public internal(set) var prisma = PRISMAFlow()
    /// The findings written over the sub-themes and their GRADE-CERQual judgements (changed through
    /// `WorkspaceChange.synthesis`, so they share undo, the journal and snapshots with the coding).
    public internal(set) var synthesis = Synthesis()
    /// Per-reviewer codings of quotes and their consensus (`Workspace+Reviewers.swift`); the quotes' own
    /// coding is resolved from them, so figures and queries read the quotes only.
    public internal(set) var reviewerCodings: [ReviewerCoding] = []
    /// Reviewers' screening decisions on records (`Screening/`), changed through `WorkspaceChange.screening`.
    public internal(set) var screening = ScreeningDecisions()

    /// An empty workspace.
    public init() {}

    /// The index of a study id in `studies`.
    public func studyIndex(of id: String) -> Int? { studies.firstIndex { $0.id == id } }

    /// The index of the study a reviewer names by id: exactly, else ignoring case ("s06" is S06).
    public func studyIndex(matching typed: String) -> Int? {
        studyIndex(of: typed) ?? studies.firstIndex { $0.id.lowercased() == typed.lowercased() }
    }

    /// A study by id.
    public func study(_ id: String) -> Study? { studyIndex(of: id).map { studies[$0] } }

    /// A sub-theme by id.
    public func subTheme(_ id: Int) -> SubTheme? { subThemes.first { $0.id == id } }

    /// The appraisal of a study: the given reviewer's, or the first one (the consensus, when one is
    /// recorded, comes first).
    public func appraisal(of studyID: String, reviewer: String? = nil) -> Appraisal? {
        appraisals.first { $0.studyID == studyID && (reviewer == nil || $0.reviewer == reviewer) }
    }

    /// The quote at a store row, as a value.
    public func quote(atRow row: Int) -> Quote {
        let q = quotes
        let study = q.studies[row]
        return Quote(
            id: Int(q.ids[row]), text: q.texts[row],
            direction: Direction(rawValue: q.directions[row]),
            component: COMBComponent(rawValue: q.components[row]),
            domain: TDFDomain(rawValue: q.domains[row]),
            subTheme: q.subThemes[row] < 0 ? nil : Int(q.subThemes[row]),
            studyID: study < 0 ? nil : studies[Int(study)].id,
            reference: q.references[row] < 0 ? nil : Int(q.references[row]),
            page: q.pages[row].isEmpty ? nil : q.pages[row],
            tags: q.tags[row])
    }

    /// A quote by id.
    public func quote(_ id: Int) -> Quote? { quotes.row(of: id).map { quote(atRow: $0) } }

    /// The next free quote id.
    public var nextQuoteID: Int { Int(quotes.ids.last ?? 0) + 1 }

    /// The next free sub-theme id.
    public var nextSubThemeID: Int { (subThemes.map(\.id).max() ?? 0) + 1 }

    /// The next free study id ("S34").
    public var nextStudyID: String {
        let numbers = studies.compactMap { Int($0.id.dropFirst()) }
        let next = (numbers.max() ?? 0) + 1
        return next < 100 ? "S" + (next < 10 ? "0" : "") + String(next) : "S\(next)"
    }
}
