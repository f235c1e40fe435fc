import ReviewKit

/// `import`: studies, appraisals, sub-themes or coded quotes from a CSV file, all or nothing; or references (RIS)
/// and REFI-QDA codebooks and projects (`ImportCommand+Interchange.swift`).
struct ImportCommand: Command {
    let name = "import"
    let group = CommandGroup.files
    let summary = "import a CSV table, references (RIS) or a REFI-QDA codebook or project (all or nothing)"
    let usage = ["import FILE.csv", "import studies|appraisals|subthemes|quotes FILE.csv",
                 "import ris FILE.ris [uncertain=leave|new|attach]", "import codebook FILE.qdc", "import qdpx FILE.qdpx [coder=NAME]"]
    let details = """
    CSV per RFC 4180, UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields may hold commas, quotes and newlines. \
    The header names the columns (any order; docs/formats.md lists them); the table is recognised from the header when not named. \
    Rows with an existing id update it, new ids are added. Every row is checked first: one bad cell (named by file, row and column) \
    and nothing is imported. 'undo' takes a whole import back.

    ris: references from Zotero, EndNote, Rayyan or Covidence become studies, or attach to the study they match (same DOI, else same \
    title and year); a duplicate in the file is imported once, a possible match is left out and listed (uncertain=new adds it, \
    uncertain=attach attaches it to its single candidate). codebook: codes become components, domains, directions and sub-themes by name; \
    others are listed as free codes. qdpx: a REFI-QDA project from NVivo, ATLAS.ti, MAXQDA or QualCoder: sources become studies, coded \
    passages quotes, free codes tags, case variables study fields, and each User's codings that reviewer's codings (a User named \
    'consensus' the consensus), so 'agreement' and 'disagreements' work on them; where coders differ with no consensus those fields \
    stay uncoded until 'consensus' settles them, or coder=NAME records NAME's coding as their consensus. Whatever is not mapped is listed on standard error. docs/coming-from-other-tools.md has the steps.
    """
    let examples = ["import studies extraction.csv", "import quotes coded-quotes.csv", "import ris sessions/included.ris", "import codebook sessions/framework.qdc",
                    "import qdpx sessions/nvivo-like.qdpx"]
    let signature = ArgumentSignature(positionals: [.required("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue) + InterchangeFormat.names),
                                                              missing: "'import' needs a file"),
                                                    .optional("file", .file)],
                                      options: [.init("uncertain", .keyword(["leave", "new", "attach"])), .init("coder", aliases: ["primary"])])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var kind: CSVTableKind?
        var fileWord = arguments.positionals[0]
        if let second = arguments.positional(1), let format = InterchangeFormat(word: arguments.positionals[0].text) {
            return try run(format, file: second, arguments, in: context)
        }
        if let option = arguments.options.first { throw arguments.error("\(option.key)= applies to 'import ris' and 'import qdpx', not to CSV", at: option.span) }
        if let second = arguments.positional(1) {
            kind = try ExportCommand.table(arguments.positionals[0], arguments)
            fileWord = second
        }
        let result: CSVImportResult
        do throws(FileError) {
            result = try CSVImport.readForAppend(from: context.files.url(fileWord.text), as: kind, options: CSVImportOptions(mapping: context.settings.mapping),
                                        into: context.workspace, progress: context.output.progress("importing"), cancellation: context.cancellation)
        } catch {
            throw Diagnostic(error.naming(fileWord.text))
        }
        guard !result.isEmpty else {
            return .message("nothing to import: \(result.rows) \(result.kind.rawValue) row(s), all unchanged")
        }
        try RecordOptions.commit(result.change, arguments, context)
        return .message("imported \(result.kind.rawValue) from \(fileWord.text): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged ('undo' takes it back)")
    }
}
