/// A review being edited: the workspace, the undo and redo history, and the journal every accepted change is
/// written to before it is acknowledged.
///
/// The shell's session holds one; any other client (a test, a server, a notebook kernel) edits a review with
/// the same semantics by holding one too: `apply` validates a change, journals it, and remembers its inverse
/// for `undo`; `undo` and `redo` are journaled like any change; a change the journal cannot record is taken
/// back, so the journal never falls behind the workspace.
///
/// One policy when the journal cannot be written, whether it cannot be created or a later append fails: the
/// edit is refused with a `.journal` error. A client that wants to edit anyway turns `isJournaling` off; the
/// changes it then makes are kept only by a save (`hasUnjournaledChanges` says there are some).
public final class ReviewDocument {
    /// The workspace as it stands.
    public private(set) var workspace: Workspace
    /// Whether the workspace has changed since it was loaded, last saved, or marked saved.
    public var isModified = false
    /// Where changes are journaled (nil: not journaled).
    public var journal: (any JournalSink)?
    /// Opens the journal when the first change comes, so a session that changes nothing writes none. When it
    /// throws, the change is refused (and the next change tries again).
    public var openJournal: (() throws(FileError) -> any JournalSink)?
    /// Whether changes are journaled; off, they are made without crash recovery.
    public var isJournaling = true
    /// Whether changes were made while `isJournaling` was off, so the journal no longer leads to the
    /// workspace: cleared by a save (the client says so) or a `replace`.
    public var hasUnjournaledChanges = false

    /// Changes `undo` reverts: the command that made each and its inverse.
    private var undoStack: [(command: String, inverse: WorkspaceChange)] = []
    /// Changes `redo` re-applies.
    private var redoStack: [(command: String, inverse: WorkspaceChange)] = []

    /// A document on a workspace, unmodified, with no history.
    public init(workspace: Workspace) { self.workspace = workspace }

    /// Applies a change made by `command`, journals it, and records its inverse for undo (redo is cleared).
    /// On an error nothing has changed.
    public func apply(_ change: WorkspaceChange, command: String) throws(ReviewError) {
        let inverse = try applyJournaled(change, command: command)
        undoStack.append((command, inverse))
        redoStack.removeAll()
    }

    /// Reverts the latest change; returns the command it undid, or nil when there is nothing to undo.
    public func undo() throws(ReviewError) -> String? {
        guard let last = undoStack.last else { return nil }
        let redo = try applyJournaled(last.inverse, command: "undo")
        undoStack.removeLast()
        redoStack.append((last.command, redo))
        return last.command
    }

    /// Re-applies the latest undone change; returns its command, or nil when there is nothing to redo.
    public func redo() throws(ReviewError) -> String? {
        guard let last = redoStack.last else { return nil }
        let undo = try applyJournaled(last.inverse, command: "redo")
        redoStack.removeLast()
        undoStack.append((last.command, undo))
        return last.command
    }

    /// How many changes `undo` can revert.
    public var undoDepth: Int { undoStack.count }
    /// How many changes `redo` can re-apply.
    public var redoDepth: Int { redoStack.count }

    /// Puts another workspace in place (a load, a recovery): the history is cleared and the document is unmodified.
    public func replace(with workspace: Workspace) {
        self.workspace = workspace
        undoStack.removeAll()
        redoStack.removeAll()
        isModified = false
        hasUnjournaledChanges = false
    }

    /// Journals a change to the state beside the workspace (the notes, a setting a snapshot keeps) before the
    /// caller makes it; on an error the caller must not make the edit. Opens the journal if needed.
    public func record(_ edit: SessionEdit, command: String) throws(ReviewError) {
        try journalWrite { (journal) throws(FileError) in try journal.record(edit, command: command) }
    }

    /// Applies a change and records it in the journal; if the journal cannot record it, the change is taken back.
    private func applyJournaled(_ change: WorkspaceChange, command: String) throws(ReviewError) -> WorkspaceChange {
        let inverse = try workspace.apply(change)
        do throws(ReviewError) {
            try journalWrite { (journal) throws(FileError) in try journal.record(change, command: command) }
        } catch {
            _ = try? workspace.apply(inverse)
            throw error
        }
        isModified = true
        return inverse
    }

    /// Writes one journal record, opening the journal first if needed; a `.journal` error when it cannot.
    private func journalWrite(_ write: (any JournalSink) throws(FileError) -> Void) throws(ReviewError) {
        guard isJournaling else {
            hasUnjournaledChanges = true
            return
        }
        if journal == nil, let open = openJournal {
            do throws(FileError) {
                journal = try open()
                openJournal = nil
            } catch {
                throw ReviewError(.journal, "the change was not made: the crash-recovery journal could not be created (\(error.description))")
            }
        }
        guard let journal else { return }
        do throws(FileError) {
            try write(journal)
        } catch {
            throw ReviewError(.journal, "the change was not made: it could not be recorded in the crash-recovery journal (\(error.description))")
        }
    }
}
