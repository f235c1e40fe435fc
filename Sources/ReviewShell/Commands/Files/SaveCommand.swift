import ReviewKit

/// `save`: the whole session as a snapshot file.
struct SaveCommand: Command {
    let name = "save"
    let group = CommandGroup.files
    let summary = "save the whole session (workspace, settings, notes, history) as a snapshot"
    let usage = ["save [FILE]"]
    let details = """
    Without FILE, saves to the snapshot the session was loaded from or last saved to. The file is plain UTF-8 text in a stable order, \
    so 'git diff' of two snapshots shows what changed (docs/formats.md). Saving is atomic: an interrupted save leaves the previous file intact. \
    The file is read back and checked before the crash-recovery journal lets go of the changes it holds; a save that cannot be \
    read back (to a device or a pipe) is an error and the changes stay unsaved.
    """
    let examples = ["save synthesis.snapshot", "save"]
    let signature = ArgumentSignature(positionals: [.optional("file", .file)], extra: { _ in "'save' takes one file name" })

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        [arguments.positional(0)?.text ?? session.snapshotPath ?? "(no snapshot file yet)"]
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        guard let path = arguments.positional(0)?.text ?? session.snapshotPath else {
            throw arguments.missing("no snapshot file yet: 'save FILE' names one")
        }
        let url = context.files.url(forWriting: path)
        // Read back before the journal lets go of anything: a save that does not load keeps the journal.
        let save: SnapshotFile.VerifiedSave
        do throws(FileError) {
            save = try SnapshotFile.writeVerified(session.snapshot(), to: url, progress: context.output.progress("saving"),
                                                  cancellation: context.cancellation)
        } catch {
            throw Diagnostic(error.naming(path))
        }
        session.markSaved(to: path, save: save)
        let info = save.info
        let w = session.workspace
        return .message("saved \(w.studies.count) studies, \(w.quotes.count) quotes, \(session.cells.count + 1) cells to \(path) (\(info.byteCount) bytes, crc32 \(info.checksumText))")
    }
}

extension FileError {
    /// The error naming the file as the reviewer typed it.
    func naming(_ path: String) -> FileError {
        var error = self
        if error.path != nil { error.path = path }
        return error
    }
}
