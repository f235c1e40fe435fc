import ReviewKit

/// `import`: studies, appraisals, sub-themes or coded quotes from a CSV file, all or nothing; or references (RIS)
/// and REFI-QDA codebooks and projects (`ImportCommand+Interchange.swift`).
struct ImportCommand: Command {
    let name = "import"
    let group = CommandGroup.files
    let summary = "import a CSV table, references (RIS) or a REFI-QDA codebook or project (all or nothing)"
    let usage = ["import FILE.csv [delimiter=,|;|tab] [extra=ignore|error]", "import FILE.json", "import studies|appraisals|subthemes|quotes FILE.csv",
                 "import ris FILE.ris [uncertain=leave|new|attach]", "import codebook FILE.qdc", "import qdpx FILE.qdpx [coder=NAME]",
                 "import screening FILE [format=plain|rayyan|covidence] [stage=NAME]"]
    let details = """
    CSV per RFC 4180, UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields may hold commas, quotes and newlines. \
    The header names the columns (any order; docs/formats.md lists them); the table is recognised from the header when not named. \
    Rows with an existing id update it, new ids are added. Every row is checked first: one bad cell (named by file, row and column) \
    and nothing is imported. 'undo' takes a whole import back. What spreadsheets write is read: semicolon- or tab-separated files \
    (told from the header, with a note; delimiter= chooses), UTF-16 from Excel's "Unicode text", whole numbers written 35.0, and \
    empty header cells at the end. A column the table does not have (such as "Reviewer notes") is left out with a note; \
    extra=error refuses the file instead. A .json file is a workspace written by 'export json': its \
    studies, appraisals, sub-themes and quotes are imported together, all or nothing (errors name the JSON path, $.quotes[3].domain).

    ris: references from Zotero, EndNote, Rayyan or Covidence become studies, or attach to the study they match (same DOI, else same \
    title and year); a duplicate in the file is imported once, a possible match is left out and listed (uncertain=new adds it, \
    uncertain=attach attaches it to its single candidate). codebook: codes become components, domains, directions and sub-themes by name; \
    others are listed as free codes. qdpx: a REFI-QDA project from NVivo, ATLAS.ti, MAXQDA or QualCoder: sources become studies, coded \
    passages quotes, free codes tags, case variables study fields, and each User's codings that reviewer's codings (a User named \
    'consensus' the consensus), so 'agreement' and 'disagreements' work on them; where coders differ with no consensus those fields \
    stay uncoded until 'consensus' settles them, or coder=NAME records NAME's coding as their consensus. Whatever is not mapped is listed on standard error. docs/coming-from-other-tools.md has the steps.

    screening: reviewers' include / maybe / exclude decisions (docs/formats.md): a plain table (record id, then one column per reviewer), \
    a Rayyan export (RIS or CSV with RAYYAN-INCLUSION notes) or Covidence-style votes (Covidence #, Reviewer, Vote; an assumed layout), \
    recognised from the file. Synonyms (Included, Yes, Y, 1, true; Unsure, ?, 0; Excluded, No, N, -1, false) are folded and counted; \
    any other word is an error at its cell. A reviewer's decision replaces their earlier one on the record; 'undo' takes the import back.
    """
    let examples = ["import studies extraction.csv", "import quotes coded-quotes.csv", "import quotes coded-quotes.csv delimiter=, extra=error", "import ris sessions/included.ris", "import codebook sessions/framework.qdc",
                    "import qdpx sessions/nvivo-like.qdpx",
                    "import screening sessions/screening.csv"]
    let signature = ArgumentSignature(positionals: [.required("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue) + InterchangeFormat.names + ["screening"]),
                                                              missing: "'import' needs a file"),
                                                    .optional("file", .file)],
                                      options: [.init("uncertain", .keyword(["leave", "new", "attach"])), .init("coder", aliases: ["primary"]),
                                                .init("delimiter", aliases: ["separator", "sep"], .keyword([",", ";", "tab"])),
                                                .init("extra", .keyword(["ignore", "error"])),
                                                .init("format", .keyword(["plain", "rayyan", "covidence"])), .init("stage")])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var kind: CSVTableKind?
        var fileWord = arguments.positionals[0]
        if fileWord.text.lowercased() == "screening" {
            guard let second = arguments.positional(1) else {
                throw arguments.missing("'import screening' needs a file, e.g. 'import screening sessions/screening.csv'")
            }
            return try importScreening(second, arguments, in: context)
        }
        for key in ["format", "stage"] {
            if let option = arguments.option(key) { throw arguments.error("\(key)= applies to 'import screening'", at: option.span) }
        }
        if let second = arguments.positional(1), let format = InterchangeFormat(word: arguments.positionals[0].text) {
            return try run(format, file: second, arguments, in: context)
        }
        if let option = arguments.options.first(where: { !CSVImportOptions.shellKeys.contains($0.key) }) {
            throw arguments.error("\(option.key)= applies to 'import ris' and 'import qdpx', not to CSV", at: option.span)
        }
        var options = try CSVImportOptions(arguments)
        options.mapping = context.settings.mapping
        if let second = arguments.positional(1) {
            kind = try ExportCommand.table(arguments.positionals[0], arguments)
            fileWord = second
        }
        if kind == nil, fileWord.text.lowercased().hasSuffix(".json") { return try importJSON(fileWord, arguments, in: context) }
        let result: CSVImportResult
        do throws(FileError) {
            result = try CSVImport.readForAppend(from: context.files.url(forReading: fileWord.text), as: kind, options: options,
                                        into: context.workspace, progress: context.output.progress("importing"), cancellation: context.cancellation)
        } catch {
            throw Diagnostic(error.naming(fileWord.text))
        }
        context.reportInterchange(result.notes)
        guard !result.isEmpty else {
            return .message("nothing to import: \(result.rows) \(result.kind.rawValue) row(s), all unchanged")
        }
        try RecordOptions.commit(result.change, arguments, context)
        return .message("imported \(result.kind.rawValue) from \(fileWord.text): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged ('undo' takes it back)")
    }
}
