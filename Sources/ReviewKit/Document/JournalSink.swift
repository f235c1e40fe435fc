/// Where a document records each accepted change before acknowledging it (the crash-recovery journal, or a
/// client's own log).
public protocol JournalSink: AnyObject {
    /// Records a change made by `command`; an error means it was not recorded and the change must not stand.
    func record(_ change: WorkspaceChange, command: String) throws(FileError)
    /// Records a change to the state a snapshot keeps beside the workspace (the notes, a setting); an error
    /// means it was not recorded and the edit must not be made.
    func record(_ edit: SessionEdit, command: String) throws(FileError)
}

extension Journal: JournalSink {
    /// Appends the change to the journal file (flushed before returning).
    public func record(_ change: WorkspaceChange, command: String) throws(FileError) {
        try append(command: command, change: change)
    }

    /// Appends the session edit to the journal file (flushed before returning).
    public func record(_ edit: SessionEdit, command: String) throws(FileError) {
        try append(command: command, session: edit)
    }
}
