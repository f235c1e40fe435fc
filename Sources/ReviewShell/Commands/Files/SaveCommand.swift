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
    A clean save clears the crash-recovery journal.
    """
    let examples = ["save synthesis.snapshot", "save"]
    let signature = ArgumentSignature(positionals: [.optional("file", .file)], extra: { _ in "'save' takes one file name" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        guard let path = arguments.positional(0)?.text ?? session.snapshotPath else {
            throw arguments.missing("no snapshot file yet: 'save FILE' names one")
        }
        let url = context.files.url(path)
        let info: SnapshotFile.Info
        do throws(FileError) {
            info = try SnapshotFile.write(session.snapshot(), to: url, progress: context.output.progress("saving"), cancellation: context.cancellation)
        } catch {
            throw Diagnostic(error.naming(path))
        }
        session.markSaved(to: path, base: .file(url, info: info))
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
