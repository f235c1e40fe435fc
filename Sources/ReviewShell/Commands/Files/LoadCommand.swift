import ReviewKit

/// `load`: replace the session with a saved snapshot, or the workspace with an `export json` file, checked in full first.
struct LoadCommand: Command {
    let name = "load"
    let group = CommandGroup.files
    let summary = "replace the session with a saved snapshot or a JSON export (checked in full before anything changes)"
    let usage = ["load FILE [discard]", "load FILE.json [discard]"]
    let details = """
    The snapshot is validated completely (format, version, checksum, every field) before the session is touched; on any error \
    the workspace stays exactly as it was. With unsaved changes, 'load' refuses unless 'discard' is given. 'load embedded' returns to the embedded review; \
    'load empty' starts from an empty workspace (to import a review from other tools: 'import ris', 'import qdpx'). \
    A file written by 'export json' (named .json, or starting with '{') loads the same way: the whole workspace it holds \
    (studies, appraisals, sub-themes, quotes, findings and CERQual judgements, screening decisions, PRISMA counts, reviewers' codings) \
    replaces the workspace; the settings and notes stay this session's, and 'save FILE' writes it as a snapshot. \
    Errors name the JSON path ($.quotes[3].domain) or the line and column.
    """
    let examples = ["load synthesis.snapshot", "load embedded discard", "load empty discard"]
    let signature = ArgumentSignature(positionals: [.required("file", .keywordOrFile(["embedded", "empty"]), missing: "'load' needs a snapshot file")],
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
        var exported: String?
        if word.text.lowercased() == "embedded" && !context.files.exists(word.text) {
            snapshot = try arguments.invocation.engine { () throws(ReviewError) in
                do throws(FileError) { return try EmbeddedReview.load() } catch { throw ReviewError(.invalidRecord, error.message) }
            }
            path = nil
        } else if word.text.lowercased() == "empty" && !context.files.exists(word.text) {
            snapshot = Snapshot(workspace: Workspace())
            path = nil
            base = .empty
        } else if JSONWorkspace.isJSONFile(context.files.url(forReading: word.text)) {
            (snapshot, base) = try loadExport(word, in: context)
            path = nil
            exported = word.text
        } else {
            do throws(FileError) {
                let loaded = try SnapshotFile.load(from: context.files.url(forReading: word.text), progress: context.output.progress("loading"),
                                                   cancellation: context.cancellation)
                snapshot = loaded.snapshot
                base = .file(context.files.url(word.text), info: loaded.info)
            } catch {
                throw Diagnostic(error.naming(word.text))
            }
        }
        guard !context.cancellation.isCancelled else { throw .interrupted }
        do throws(FileError) {
            try session.load(snapshot, path: path, base: base)
            if let exported { session.sourceDescription = exported }
        } catch {
            throw Diagnostic(error.naming(word.text))
        }
        let w = session.workspace
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        return .message("loaded \(path ?? exported ?? (base == .empty ? "an empty workspace" : EmbeddedReview.shortName)): " + [
            count(w.studies.count, "study", "studies"), count(w.quotes.count, "coded quote", "coded quotes"),
            count(w.subThemes.count, "sub-theme", "sub-themes"), count(snapshot.notes.count, "note", "notes"),
            count(snapshot.history.count, "history cell", "history cells"),
        ].joined(separator: ", "))
    }
}
