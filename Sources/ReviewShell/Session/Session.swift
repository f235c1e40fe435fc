import ReviewKit

/// The state a shell works on: the review document (workspace, undo history, journal), the settings, notes,
/// the numbered cells, and what the session was loaded from.
public final class Session {
    /// The review being edited: workspace, undo and redo, journal.
    public let document: ReviewDocument
    /// Settings (`set`).
    public var settings: Settings
    /// Notes (`note`).
    public var notes: [String] = []
    /// Numbered cells (`history`).
    public var cells: [Cell] = []
    /// The snapshot file the session was loaded from or last saved to.
    public var snapshotPath: String?
    /// A short description of what is loaded, for the banner.
    public var sourceDescription: String
    /// Extra session state saved in snapshots (tutorial progress and the like).
    public var extras: [String: String] = [:]
    /// What the workspace was loaded from, so a recovered journal can be replayed onto the same thing.
    public var savedBase: JournalBase = .embedded
    /// Whether settings or notes changed since the session was loaded or saved.
    private var sessionModified = false

    /// Creates a session over a workspace.
    public init(workspace: Workspace, settings: Settings = Settings(), source: String) {
        document = ReviewDocument(workspace: workspace)
        self.settings = settings
        sourceDescription = source
    }

    /// A session on the embedded review.
    public static func embedded() throws -> Session {
        let snapshot = try EmbeddedReview.load()
        return Session(workspace: snapshot.workspace, source: EmbeddedReview.shortName)
    }

    /// The review workspace; setting it puts a new workspace in place with no history (a recovery).
    public var workspace: Workspace {
        get { document.workspace }
        set { document.replace(with: newValue) }
    }

    /// Whether there are changes not saved to a snapshot: to the workspace, the settings or the notes.
    public var hasUnsavedChanges: Bool {
        get { document.isModified || sessionModified }
        set {
            sessionModified = newValue
            if !newValue { document.isModified = false }
        }
    }

    /// The query context under the current settings.
    public var queryContext: QueryContext { QueryContext(workspace: workspace, bands: settings.bands) }

    /// The crash-recovery journal every change is appended to (and flushed) before it is acknowledged.
    public var journal: Journal? {
        get { document.journal as? Journal }
        set { document.journal = newValue }
    }

    /// Opens the journal when the first change comes (a session that changes nothing writes no journal).
    public var openJournal: (() -> Journal?)? {
        get { document.openJournal.map { open in { open() as? Journal } } }
        set { document.openJournal = newValue.map { open in { open() } } }
    }

    /// Empties the journal after a clean save or load (its changes are in the snapshot now).
    public func clearJournal() {
        try? journal?.clear(base: savedBase)
    }

    /// The whole session as a snapshot.
    public func snapshot() -> Snapshot {
        var settings = self.settings.snapshotValues
        for (key, value) in extras { settings[key] = value }
        let failed = cells.filter(\.failed).map { String($0.number) }
        settings[Self.failedCellsKey] = failed.isEmpty ? nil : failed.joined(separator: ",")
        return Snapshot(workspace: workspace, settings: settings, notes: notes, history: cells.map(\.command))
    }

    /// Records a clean save to `path`: the session is saved, based on that file, and the journal is emptied.
    public func markSaved(to path: String, base: JournalBase) {
        snapshotPath = path
        sourceDescription = path
        hasUnsavedChanges = false
        savedBase = base
        clearJournal()
    }

    /// Loads a snapshot in place of the session (`load`): this session's cells stay in the notebook after the
    /// loaded history, and the journal is emptied; `path` nil means the embedded review.
    public func load(_ snapshot: Snapshot, path: String?, base: JournalBase) throws(ReviewError) {
        let earlier = cells
        try restore(snapshot, path: path)
        if path == nil { sourceDescription = EmbeddedReview.shortName }
        cells += earlier.map { cell in
            var cell = cell
            cell.number += snapshot.history.count
            return cell
        }
        savedBase = base
        clearJournal()
    }

    /// The snapshot setting that lists the numbers of the cells that failed ("3,7"), so that a failed command
    /// stays failed after save and load and `history save` never replays it. An older build keeps the
    /// setting as it is (unknown settings are carried through), so the format needs no new section.
    static let failedCellsKey = "history.failed"

    /// The failed cell numbers a snapshot records; an entry that is not a cell of its history is refused.
    static func failedCells(_ snapshot: Snapshot) throws(ReviewError) -> Set<Int> {
        guard let text = snapshot.settings[failedCellsKey], !text.isEmpty else { return [] }
        var numbers = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int(String(part).trimmingSpaces), number >= 1, number <= snapshot.history.count else {
                throw ReviewError("setting '\(failedCellsKey)' in the snapshot: '\(part)' is not a cell number from 1 to \(snapshot.history.count)")
            }
            numbers.insert(number)
        }
        return numbers
    }

    /// Replaces the session's state with a snapshot's (the caller has validated it).
    public func restore(_ snapshot: Snapshot, path: String?) throws(ReviewError) {
        let settings = try Settings(snapshotValues: snapshot.settings)
        document.replace(with: snapshot.workspace)
        self.settings = settings
        notes = snapshot.notes
        let failed = try Self.failedCells(snapshot)
        extras = snapshot.settings.filter { Settings.setting(named: $0.key) == nil && $0.key != Self.failedCellsKey }
        cells = snapshot.history.enumerated().map { Cell(number: $0.offset + 1, command: $0.element, output: "", failed: failed.contains($0.offset + 1)) }
        hasUnsavedChanges = false
        snapshotPath = path
        sourceDescription = path ?? sourceDescription
    }
}
