import ReviewKit

/// The state a shell works on: the workspace, settings, notes, the numbered cells and the undo history.
public final class Session {
    /// The review workspace.
    public var workspace: Workspace
    /// Settings (`set`).
    public var settings: Settings
    /// Notes (`note`).
    public var notes: [String] = []
    /// Numbered cells (`history`).
    public var cells: [Cell] = []
    /// Changes that `undo` reverts: the command that made each and its inverse.
    var undoStack: [(command: String, inverse: WorkspaceChange)] = []
    /// Changes that `redo` re-applies.
    var redoStack: [(command: String, inverse: WorkspaceChange)] = []
    /// Whether there are changes not saved to a snapshot.
    public var hasUnsavedChanges = false
    /// The snapshot file the session was loaded from or last saved to.
    public var snapshotPath: String?
    /// A short description of what is loaded, for the banner.
    public var sourceDescription: String
    /// Extra session state saved in snapshots (tutorial progress and the like).
    public var extras: [String: String] = [:]

    /// Creates a session over a workspace.
    public init(workspace: Workspace, settings: Settings = Settings(), source: String) {
        self.workspace = workspace
        self.settings = settings
        sourceDescription = source
    }

    /// A session on the embedded review.
    public static func embedded() throws -> Session {
        let snapshot = try EmbeddedReview.load()
        return Session(workspace: snapshot.workspace, source: EmbeddedReview.shortName)
    }

    /// The query context under the current settings.
    public var queryContext: QueryContext { QueryContext(workspace: workspace, bands: settings.bands) }

    /// The crash-recovery journal: every change is appended (and flushed) before it is acknowledged.
    public var journal: Journal?
    /// Opens the journal when the first change comes (a session that changes nothing writes no journal).
    public var openJournal: (() -> Journal?)?
    /// What the workspace was loaded from, so a recovered journal can be replayed onto the same thing.
    public var savedBase: JournalBase = .embedded

    /// Applies a change made by `command`, journals it, and records its inverse for undo.
    public func apply(_ change: WorkspaceChange, command: String) throws(ReviewError) {
        let inverse = try applyJournaled(change, command: command)
        undoStack.append((command, inverse))
        redoStack.removeAll()
    }

    /// Applies a change and appends it to the journal; if the journal cannot be written, the change is taken back.
    private func applyJournaled(_ change: WorkspaceChange, command: String) throws(ReviewError) -> WorkspaceChange {
        let inverse = try workspace.apply(change)
        if journal == nil, let open = openJournal {
            openJournal = nil
            journal = open()
        }
        if let journal {
            do throws(FileError) {
                try journal.append(command: command, change: change)
            } catch {
                _ = try? workspace.apply(inverse)
                throw ReviewError("the change was not made: it could not be recorded in the recovery journal (\(error.description))")
            }
        }
        hasUnsavedChanges = true
        return inverse
    }

    /// Reverts the latest change; returns the command it undid.
    public func undo() throws(ReviewError) -> String? {
        guard let last = undoStack.popLast() else { return nil }
        let redo = try applyJournaled(last.inverse, command: "undo")
        redoStack.append((last.command, redo))
        return last.command
    }

    /// Re-applies the latest undone change; returns its command.
    public func redo() throws(ReviewError) -> String? {
        guard let last = redoStack.popLast() else { return nil }
        let undo = try applyJournaled(last.inverse, command: "redo")
        undoStack.append((last.command, undo))
        return last.command
    }

    /// Empties the journal after a clean save or load (its changes are in the snapshot now).
    public func clearJournal() {
        try? journal?.clear(base: savedBase)
    }

    /// Number of changes undo can revert.
    public var undoDepth: Int { undoStack.count }

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
        workspace = snapshot.workspace
        self.settings = settings
        notes = snapshot.notes
        let failed = try Self.failedCells(snapshot)
        extras = snapshot.settings.filter { !Settings.descriptions.map(\.name).contains($0.key) && $0.key != Self.failedCellsKey }
        cells = snapshot.history.enumerated().map { Cell(number: $0.offset + 1, command: $0.element, output: "", failed: failed.contains($0.offset + 1)) }
        undoStack.removeAll()
        redoStack.removeAll()
        hasUnsavedChanges = false
        snapshotPath = path
        sourceDescription = path ?? sourceDescription
    }
}
