import ReviewKit

/// `import FILE.json`: the project's own JSON export read back (a round trip without CSV), one undoable change.
extension ImportCommand {
    func importJSON(_ file: Word, _ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let result: JSONImport.Result
        do throws(FileError) {
            result = try JSONImport.read(from: context.files.url(forReading: file.text), into: context.workspace, mapping: context.settings.mapping)
        } catch {
            throw Diagnostic(error.naming(file.text))
        }
        context.reportInterchange(result.notes + result.tables.flatMap(\.notes))
        let counts = result.tables.map { "\($0.kind.rawValue) \($0.added) added, \($0.updated) updated, \($0.unchanged) unchanged" }
        if case .batch(let changes) = result.change, changes.allSatisfy({ if case .batch(let inner) = $0 { inner.isEmpty } else { false } }) {
            return .message("nothing to import from \(file.text): " + (counts.isEmpty ? "no records" : counts.joined(separator: "; ")))
        }
        try RecordOptions.commit(result.change, arguments, context)
        return .message("imported \(file.text): " + counts.joined(separator: "; ") + " ('undo' takes it back)")
    }
}
