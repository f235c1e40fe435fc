import ReviewKit

/// The state a shell works on: the review document (workspace, undo history, journal), the settings, notes,
/// the numbered cells, and what the session was loaded from.
public final class Session {
    /// The review being edited: workspace, undo and redo, journal.
    public let document: ReviewDocument
    /// Settings (`set`); `journal` turns the document's journaling on or off.
    public var settings: Settings {
        didSet { document.isJournaling = settings.journal }
    }
    /// Notes (`note`).
    public var notes: [String] = []
    /// Numbered cells (`history`).
    public var cells: [Cell] = []
    /// Where results go instead of the screen (`once FILE`, `output FILE`).
    public var outputRedirection = OutputRedirection()
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
        document.isJournaling = settings.journal
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

    /// Journals a change to the notes or a setting a snapshot keeps, then counts it as unsaved; the caller
    /// makes the change only when this returns.
    public func record(_ edit: SessionEdit, command: String) throws(ReviewError) {
        try document.record(edit, command: command)
        sessionModified = true
    }

    /// The whole session as a snapshot.
    public func snapshot() -> Snapshot {
        var settings = self.settings.snapshotValues
        for (key, value) in extras { settings[key] = value }
        let failed = cells.filter(\.failed).map { String($0.number) }
        settings[Self.failedCellsKey] = failed.isEmpty ? nil : failed.joined(separator: ",")
        return Snapshot(workspace: workspace, settings: settings, notes: notes, history: cells.map(\.command))
    }

    /// Records a save to `path` that was read back: the session is saved, based on that file, and the journal
    /// lets go of the changes the file now holds (the only way a save clears it).
    public func markSaved(to path: String, save: SnapshotFile.VerifiedSave) {
        snapshotPath = path
        sourceDescription = path
        hasUnsavedChanges = false
        savedBase = save.base
        try? journal?.clear(after: save)
        document.hasUnjournaledChanges = false
    }

    /// Loads a snapshot in place of the session (`load`): this session's cells stay in the notebook after the
    /// loaded history, and the journal's records are discarded (the reviewer chose to: `load` refuses unsaved
    /// changes without `discard`); `path` nil means the embedded review.
    public func load(_ snapshot: Snapshot, path: String?, base: JournalBase) throws(FileError) {
        let earlier = cells
        try restore(snapshot, path: path)
        if path == nil { sourceDescription = EmbeddedReview.shortName }
        cells += earlier.map { cell in
            var cell = cell
            cell.number += snapshot.history.count
            return cell
        }
        savedBase = base
        try? journal?.discardRecords(newBase: base)
    }

    /// The snapshot setting that lists the numbers of the cells that failed ("3,7"), so that a failed command
    /// stays failed after save and load and `history save` never replays it. An older build keeps the
    /// setting as it is (unknown settings are carried through), so the format needs no new section.
    static let failedCellsKey = "history.failed"

    /// The failed cell numbers a snapshot records; an entry that is not a cell of its history is refused.
    static func failedCells(_ snapshot: Snapshot) throws(FileError) -> Set<Int> {
        guard let text = snapshot.settings[failedCellsKey], !text.isEmpty else { return [] }
        var numbers = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int(String(part).trimmingSpaces), number >= 1, number <= snapshot.history.count else {
                throw snapshot.settingError(failedCellsKey, "'\(part)' is not a cell number from 1 to \(snapshot.history.count)")
            }
            numbers.insert(number)
        }
        return numbers
    }

    /// Replaces the session's state with a snapshot's; an invalid setting is an error at its file and line,
    /// and then nothing has changed.
    public func restore(_ snapshot: Snapshot, path: String?) throws(FileError) {
        var settings = try Settings(snapshot: snapshot)
        settings.keepRunPreferences(of: self.settings)
        let failed = try Self.failedCells(snapshot)
        document.replace(with: snapshot.workspace)
        self.settings = settings
        notes = snapshot.notes
        extras = snapshot.settings.filter { Settings.setting(named: $0.key) == nil && $0.key != Self.failedCellsKey }
        cells = snapshot.history.enumerated().map { Cell(number: $0.offset + 1, command: $0.element, output: "", failed: failed.contains($0.offset + 1)) }
        hasUnsavedChanges = false
        snapshotPath = path
        sourceDescription = path ?? sourceDescription
    }
}
