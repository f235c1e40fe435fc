import Foundation
import ReviewKit

/// `export`: CSV tables, Markdown tables, JSON or a SQLite database, written atomically.
struct ExportCommand: Command {
    let name = "export"
    let group = CommandGroup.files
    let summary = "export CSV, Markdown tables, JSON, a SQLite database or the PRISMA2020 template"
    let usage = [
        "export csv DIRECTORY | export csv [studies|appraisals|subthemes|quotes] FILE.csv",
        "export csv findings|finding_subthemes|finding_sources|cerqual FILE.csv",
        "export markdown FILE.md [casp|barriers|facilitators|soqf|profile]",
        "export json FILE.json",
        "export sqlite FILE.db",
        "export prisma FILE.csv",
        "export ris FILE.ris | export codebook FILE.qdc | export qdpx FILE.qdpx",
    ]
    let details = """
    CSV files have the columns 'import' reads (a round trip gives the same workspace); a folder also receives the findings and \
    their GRADE-CERQual judgements (findings.csv, finding_subthemes.csv, finding_sources.csv, cerqual.csv), which JSON and \
    SQLite hold too (snake_case keys, levels as slugs; docs/formats.md). Markdown prints Table 2 and the barrier and \
    facilitator tables as the paper does, soqf and profile the Summary of Qualitative Findings and the Evidence Profile; without a \
    table name it writes all of them (the CERQual tables once a finding is assessed). The SQLite database (schema in docs/formats.md) opens \
    in sqlite3, R (RSQLite) and pandas. 'export prisma' writes the PRISMA 2020 flow counts ('prisma') in the PRISMA2020 R package's \
    template layout, so 'PRISMA_flowdiagram(PRISMA_data(read.csv(FILE)))' draws it (unknown counts are NA). 'export ris' writes the studies' \
    references (UTF-8, CRLF; a study without one as a minimal record), 'export codebook' the framework as a REFI-QDA codebook and 'export qdpx' \
    the whole review as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder, each reviewer's codings as that User's \
    (docs/coming-from-other-tools.md). Every export is written atomically.
    """
    let examples = ["export csv extraction/", "export csv quotes quotes.csv", "export markdown tables.md", "export markdown barriers.md barriers", "export sqlite review.db", "export json review.json", "export prisma prisma.csv",
                    "export csv cerqual cerqual.csv", "export markdown findings.md soqf",
                    "export ris studies.ris", "export codebook framework.qdc", "export qdpx review.qdpx"]

    static let formats = ["csv", "markdown", "json", "sqlite", "prisma"] + InterchangeFormat.names
    static let markdownTables = ["casp", "table2", "barriers", "barrier", "facilitators", "facilitator", "soqf", "profile", "all"]

    let signature = ArgumentSignature(positionals: [
        .required("format", .keyword(formats), missing: "export what? csv, markdown, json, sqlite or prisma"),
        .optional("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue) + SynthesisCSVTable.allCases.map(\.rawValue))),
        .optional("table", .keywordOrFile(["casp", "barriers", "facilitators", "soqf", "profile"])),
    ])

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        // The file is the last word after the format (`export csv quotes FILE.csv` names a table first).
        guard arguments.positionals.count >= 2 else { return [] }
        let words = arguments.positionals.dropFirst()
        let csvTable = arguments.positionals[0].text.lowercased() == "csv" && words.count == 2
        return [(csvTable ? words.last : words.first).map(\.text) ?? ""]
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let format = arguments.positionals[0]
        let kind = format.text.lowercased()
        guard ["csv", "markdown", "md", "json", "sqlite", "db", "prisma"].contains(kind) || InterchangeFormat(word: kind) != nil else {
            throw arguments.error("unknown export format '\(format.text)'", at: format.span, notes: ["expected csv, markdown, json, sqlite, prisma, ris, codebook or qdpx"])
        }
        if kind == "csv", let written = try Self.exportSynthesisTable(arguments, in: context) { return written }
        guard var fileWord = arguments.positional(1) else { throw arguments.missing("name the file to write, e.g. 'export \(kind) FILE'") }
        if let interchange = InterchangeFormat(word: kind) { return try run(interchange, file: fileWord, arguments, in: context) }
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
                    throw arguments.error("unknown table '\(third.text)'", at: third.span, notes: ["expected casp, barriers, facilitators, soqf or profile"])
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
                // One rule in ReviewKit: a .csv path is one table (named, or the file's own name), never a folder.
                let written = try CSVExport.export(table, workspace: workspace, to: url, progress: context.output.progress("exporting"),
                                                 cancellation: context.cancellation)
                if written.count == 1 { return .message("wrote \(written[0].rawValue) to \(fileWord.text)") }
                // A folder also receives the findings and their CERQual judgements (CSVExport.writeAll).
                return .message("wrote " + (written.map(\.fileName) + SynthesisCSVTable.allCases.map(\.fileName)).joined(separator: ", ") + " to \(fileWord.text)")
            case "markdown", "md":
                let text: String
                switch markdownTable {
                case "casp", "table2": text = MarkdownExport.caspTable(workspace)
                case "barriers", "barrier": text = MarkdownExport.themeTable(workspace, direction: .barrier)
                case "facilitators", "facilitator": text = MarkdownExport.themeTable(workspace, direction: .facilitator)
                case "soqf": text = MarkdownExport.summaryOfFindings(workspace, bands: context.settings.bands)
                case "profile": text = MarkdownExport.evidenceProfile(workspace, bands: context.settings.bands)
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
