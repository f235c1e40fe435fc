import Foundation
import ReviewKit

/// `export`: CSV tables, Markdown tables, JSON or a SQLite database, written atomically.
struct ExportCommand: Command {
    let name = "export"
    let group = CommandGroup.files
    let summary = "export CSV, Markdown tables, JSON, a SQLite database or the PRISMA2020 template"
    let usage = [
        "export csv DIRECTORY | export csv studies|appraisals|subthemes|quotes FILE.csv",
        "export markdown FILE.md [casp|barriers|facilitators]",
        "export json FILE.json",
        "export sqlite FILE.db",
        "export prisma FILE.csv",
    ]
    let details = """
    CSV files have the columns 'import' reads (a round trip gives the same workspace). Markdown prints Table 2 and the barrier and \
    facilitator tables as the paper does; without a table name it writes all three. The SQLite database (schema in docs/formats.md) opens \
    in sqlite3, R (RSQLite) and pandas. 'export prisma' writes the PRISMA 2020 flow counts ('prisma') in the PRISMA2020 R package's \
    template layout, so 'PRISMA_flowdiagram(PRISMA_data(read.csv(FILE)))' draws it (unknown counts are NA). Every export is written atomically.
    """
    let examples = ["export csv extraction/", "export csv quotes quotes.csv", "export markdown tables.md", "export markdown barriers.md barriers", "export sqlite review.db", "export json review.json", "export prisma prisma.csv"]

    static let formats = ["csv", "markdown", "json", "sqlite", "prisma"]
    static let markdownTables = ["casp", "table2", "barriers", "barrier", "facilitators", "facilitator", "all"]

    let signature = ArgumentSignature(positionals: [
        .required("format", .keyword(formats), missing: "export what? csv, markdown, json, sqlite or prisma"),
        .optional("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue))),
        .optional("table", .keywordOrFile(["casp", "barriers", "facilitators"])),
    ])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let format = arguments.positionals[0]
        let kind = format.text.lowercased()
        guard ["csv", "markdown", "md", "json", "sqlite", "db", "prisma"].contains(kind) else {
            throw arguments.error("unknown export format '\(format.text)'", at: format.span, notes: ["expected csv, markdown, json, sqlite or prisma"])
        }
        guard var fileWord = arguments.positional(1) else { throw arguments.missing("name the file to write, e.g. 'export \(kind) FILE'") }
        if kind == "prisma" {
            if let third = arguments.positional(2) { throw arguments.error("unexpected '\(third.text)'", at: third.span) }
            let csv = try arguments.invocation.engine { () throws(ReviewError) in try context.workspace.prisma.templateCSV() }
            try context.files.write(csv, to: fileWord.text, named: fileWord.span, in: arguments.invocation)
            return .message("wrote the PRISMA2020 template to \(fileWord.text) (read it in R with PRISMA_data(read.csv(\"\(fileWord.text)\")))")
        }
        var table: CSVTableKind?
        var markdownTable = "all"
        if let third = arguments.positional(2) {
            if kind == "csv" {
                table = try Self.table(fileWord, arguments)
                fileWord = third
            } else if kind == "markdown" || kind == "md" {
                markdownTable = third.text.lowercased()
                guard Self.markdownTables.contains(markdownTable) else {
                    throw arguments.error("unknown table '\(third.text)'", at: third.span, notes: ["expected casp, barriers or facilitators"])
                }
            } else {
                throw arguments.error("unexpected '\(third.text)'", at: third.span)
            }
        }
        let workspace = context.workspace
        let url = context.files.url(fileWord.text)
        do throws(FileError) {
            switch kind {
            case "csv":
                if let table {
                    try CSVExport.write(table, workspace: workspace, to: url, progress: context.output.progress("exporting"), cancellation: context.cancellation)
                    return .message("wrote \(table.rawValue) to \(fileWord.text)")
                }
                // A folder named for the four CSV files is created when missing (its parent must exist).
                if !FileManager.default.fileExists(atPath: url.path) { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) }
                try CSVExport.writeAll(workspace: workspace, to: url)
                return .message("wrote " + CSVTableKind.allCases.map(\.fileName).joined(separator: ", ") + " to \(fileWord.text)")
            case "markdown", "md":
                let text: String
                switch markdownTable {
                case "casp", "table2": text = MarkdownExport.caspTable(workspace)
                case "barriers", "barrier": text = MarkdownExport.themeTable(workspace, direction: .barrier)
                case "facilitators", "facilitator": text = MarkdownExport.themeTable(workspace, direction: .facilitator)
                default: text = MarkdownExport.document(workspace)
                }
                try MarkdownExport.write(text, to: url)
                return .message("wrote Markdown to \(fileWord.text)")
            case "json":
                try JSONExport.write(workspace, to: url, progress: context.output.progress("exporting"), cancellation: context.cancellation)
                return .message("wrote JSON to \(fileWord.text)")
            default:
                try SQLiteExport.write(workspace, to: url, progress: context.output.progress("exporting"), cancellation: context.cancellation)
                return .message("wrote SQLite database to \(fileWord.text)")
            }
        } catch {
            throw Diagnostic(error.naming(fileWord.text))
        }
    }

    /// The CSV table a word names (studies, appraisals, subthemes, quotes).
    static func table(_ word: Word, _ arguments: ParsedArguments) throws(Diagnostic) -> CSVTableKind {
        guard let table = CSVTableKind(rawValue: word.text.lowercased()) else {
            throw arguments.error("unknown table '\(word.text)'", at: word.span, notes: ["tables: " + CSVTableKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return table
    }
}
