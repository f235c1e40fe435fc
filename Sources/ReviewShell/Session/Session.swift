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

    /// Applies a change made by `command`, recording its inverse for undo.
    public func apply(_ change: WorkspaceChange, command: String) throws(ReviewError) {
        let inverse = try workspace.apply(change)
        undoStack.append((command, inverse))
        redoStack.removeAll()
        hasUnsavedChanges = true
        onChange?(command, change)
    }

    /// Called after every applied change (the journal hooks in here).
    public var onChange: ((_ command: String, _ change: WorkspaceChange) -> Void)?

    /// Reverts the latest change; returns the command it undid.
    public func undo() throws(ReviewError) -> String? {
        guard let last = undoStack.popLast() else { return nil }
        let redo = try workspace.apply(last.inverse)
        redoStack.append((last.command, redo))
        hasUnsavedChanges = true
        onChange?("undo", last.inverse)
        return last.command
    }

    /// Re-applies the latest undone change; returns its command.
    public func redo() throws(ReviewError) -> String? {
        guard let last = redoStack.popLast() else { return nil }
        let undo = try workspace.apply(last.inverse)
        undoStack.append((last.command, undo))
        hasUnsavedChanges = true
        onChange?("redo", last.inverse)
        return last.command
    }

    /// Number of changes undo can revert.
    public var undoDepth: Int { undoStack.count }

    /// The whole session as a snapshot.
    public func snapshot() -> Snapshot {
        var settings = self.settings.snapshotValues
        for (key, value) in extras { settings[key] = value }
        return Snapshot(workspace: workspace, settings: settings, notes: notes, history: cells.map(\.command))
    }

    /// Replaces the session's state with a snapshot's (the caller has validated it).
    public func restore(_ snapshot: Snapshot, path: String?) throws(ReviewError) {
        let settings = try Settings(snapshotValues: snapshot.settings)
        workspace = snapshot.workspace
        self.settings = settings
        notes = snapshot.notes
        extras = snapshot.settings.filter { !Settings.descriptions.map(\.name).contains($0.key) }
        cells = snapshot.history.enumerated().map { Cell(number: $0.offset + 1, command: $0.element, output: "", failed: false) }
        undoStack.removeAll()
        redoStack.removeAll()
        hasUnsavedChanges = false
        snapshotPath = path
        sourceDescription = path ?? sourceDescription
    }
}
