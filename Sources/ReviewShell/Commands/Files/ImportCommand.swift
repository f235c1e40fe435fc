import ReviewKit

/// `import`: studies, appraisals, sub-themes or coded quotes from a CSV file, all or nothing.
struct ImportCommand: Command {
    let name = "import"
    let group = CommandGroup.files
    let summary = "import studies, CASP appraisals, sub-themes or coded quotes from a CSV file (all or nothing)"
    let usage = ["import FILE.csv", "import studies|appraisals|subthemes|quotes FILE.csv"]
    let details = """
    CSV per RFC 4180, UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields may hold commas, quotes and newlines. \
    The header names the columns (any order; docs/formats.md lists them); the table is recognised from the header when not named. \
    Rows with an existing id update it, new ids are added. Every row is checked first: one bad cell (named by file, row and column) \
    and nothing is imported. 'undo' takes a whole import back.
    """
    let examples = ["import studies extraction.csv", "import quotes coded-quotes.csv"]
    let signature = ArgumentSignature(positionals: [.required("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue)), missing: "'import' needs a CSV file"),
                                                    .optional("file", .file)])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var kind: CSVTableKind?
        var fileWord = arguments.positionals[0]
        if let second = arguments.positional(1) {
            kind = try ExportCommand.table(arguments.positionals[0], arguments)
            fileWord = second
        }
        let result: CSVImportResult
        do throws(FileError) {
            result = try CSVImport.readForAppend(from: context.files.url(fileWord.text), as: kind, options: CSVImportOptions(mapping: context.settings.mapping),
                                        into: context.workspace, progress: context.output.progress("importing"))
        } catch {
            throw Diagnostic(error.naming(fileWord.text))
        }
        guard !Interrupt.wasRequested else { throw arguments.error("import interrupted by Ctrl-C; nothing was imported", at: fileWord.span) }
        guard !result.isEmpty else {
            return .message("nothing to import: \(result.rows) \(result.kind.rawValue) row(s), all unchanged")
        }
        try RecordOptions.commit(result.change, arguments, context)
        return .message("imported \(result.kind.rawValue) from \(fileWord.text): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged ('undo' takes it back)")
    }
}
