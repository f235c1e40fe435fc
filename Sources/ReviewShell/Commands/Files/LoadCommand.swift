import ReviewKit

/// `load`: replace the session with a saved snapshot, checked in full first.
struct LoadCommand: Command {
    let name = "load"
    let group = CommandGroup.files
    let summary = "replace the session with a saved snapshot (checked in full before anything changes)"
    let usage = ["load FILE [discard]"]
    let details = """
    The snapshot is validated completely (format, version, checksum, every field) before the session is touched; on any error \
    the workspace stays exactly as it was. With unsaved changes, 'load' refuses unless 'discard' is given. 'load embedded' returns to the embedded review.
    """
    let examples = ["load synthesis.snapshot", "load embedded discard"]
    let signature = ArgumentSignature(positionals: [.required("file", .keywordOrFile(["embedded"]), missing: "'load' needs a snapshot file")],
                                      extra: { "unexpected '\($0)'; did you mean 'discard'?" }, flags: ["discard"])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        let word = arguments.positionals[0]
        if session.hasUnsavedChanges && !arguments.has("discard") {
            throw arguments.error("there are unsaved changes; 'save' them first, or 'load \(word.text) discard' to drop them", at: word.span)
        }
        let snapshot: Snapshot
        var path: String? = word.text
        var base = JournalBase.embedded
        if word.text.lowercased() == "embedded" && !context.files.exists(word.text) {
            snapshot = try arguments.invocation.engine { () throws(ReviewError) in
                do throws(FileError) { return try EmbeddedReview.load() } catch { throw ReviewError(.invalidRecord, error.message) }
            }
            path = nil
        } else {
            do throws(FileError) {
                let loaded = try SnapshotFile.load(from: context.files.url(word.text), progress: context.output.progress("loading"),
                                                   cancellation: context.cancellation)
                snapshot = loaded.snapshot
                base = .file(context.files.url(word.text), info: loaded.info)
            } catch {
                throw Diagnostic(error.naming(word.text))
            }
        }
        guard !context.cancellation.isCancelled else { throw .interrupted }
        try arguments.invocation.engine { () throws(ReviewError) in try session.load(snapshot, path: path, base: base) }
        let w = session.workspace
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        return .message("loaded \(path ?? EmbeddedReview.shortName): " + [
            count(w.studies.count, "study", "studies"), count(w.quotes.count, "coded quote", "coded quotes"),
            count(w.subThemes.count, "sub-theme", "sub-themes"), count(snapshot.notes.count, "note", "notes"),
            count(snapshot.history.count, "history cell", "history cells"),
        ].joined(separator: ", "))
    }
}
