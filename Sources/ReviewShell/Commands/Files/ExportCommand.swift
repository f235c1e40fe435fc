import Foundation
import ReviewKit

/// `export`: CSV tables, Markdown tables, JSON or a SQLite database, written atomically.
struct ExportCommand: Command {
    let name = "export"
    let group = CommandGroup.files
    let summary = "export CSV, Markdown tables, JSON, a SQLite database, the PRISMA2020 template or a robvis table"
    let usage = [
        "export csv DIRECTORY | export csv [studies|appraisals|subthemes|quotes] FILE.csv [bom] [guard] [excel]",
        "export csv findings|finding_subthemes|finding_sources|cerqual|screening FILE.csv",
        "export markdown FILE.md [casp|barriers|facilitators|soqf|profile]",
        "export json FILE.json",
        "export sqlite FILE.db",
        "export prisma FILE.csv",
        "export robvis FILE.csv [weight=quotes|participants]",
        "export ris FILE.ris | export codebook FILE.qdc | export qdpx FILE.qdpx",
    ]
    let details = """
    CSV files have the columns 'import' reads (a round trip gives the same workspace); a folder also receives the findings and \
    their GRADE-CERQual judgements (findings.csv, finding_subthemes.csv, finding_sources.csv, cerqual.csv), which JSON and \
    SQLite hold too (snake_case keys, levels as slugs; docs/formats.md), and the screening decisions (screening.csv: record, \
    reviewer, decision, title; one row per decision, read back by 'import screening'; a "screening" array in JSON, a table in SQLite). Markdown prints Table 2 and the barrier and \
    facilitator tables as the paper does, soqf and profile the Summary of Qualitative Findings and the Evidence Profile; without a \
    table name it writes all of them (the CERQual tables once a finding is assessed). The SQLite database (schema in docs/formats.md) opens \
    in sqlite3, R (RSQLite) and pandas. 'export prisma' writes the PRISMA 2020 flow counts ('prisma') in the PRISMA2020 R package's \
    template layout, so 'PRISMA_flowdiagram(PRISMA_data(read.csv(FILE)))' draws it (unknown counts are NA). 'export ris' writes the studies' \
    references (UTF-8, CRLF; a study without one as a minimal record), 'export codebook' the framework as a REFI-QDA codebook and 'export qdpx' \
        the whole review as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder, each reviewer's codings as that User's \
    (docs/coming-from-other-tools.md). Every export is written atomically.

    'export robvis' writes the CASP appraisals in robvis's layout, so 'rob_traffic_light(read.csv(FILE, check.names = FALSE), tool = "Generic")' draws them: Study, D1…D10 (CASP questions 1–10), Overall, and with weight= a Weight column (coded quotes or participants per study). Answers are recoded, since robvis misdraws raw CASP answers: yes → Low, can't tell → Some concerns, no → High, unanswered → No information; Overall follows the quality band: high → Low, moderate → Some concerns, low → High, no band → No information (docs/formats.md).

    For spreadsheets (csv and robvis): bom starts the file with a UTF-8 byte-order mark, which Excel needs to read accents and emoji \
    correctly; guard puts a single quote before any cell that starts with = + - @, a tab or a carriage return (plain numbers excepted), so \
    a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection"); excel does both. Both are off by default: \
    they change the bytes, and a guarded file read back by 'import' keeps the quotes in its cells. '-' as the file writes to standard output.
    """
    let examples = ["export csv extraction/", "export csv quotes quotes.csv", "export markdown tables.md", "export markdown barriers.md barriers", "export sqlite review.db", "export json review.json", "export prisma prisma.csv",
                    "export csv cerqual cerqual.csv", "export markdown findings.md soqf",
                    "export csv studies studies-excel.csv excel", "export robvis casp-robvis.csv weight=quotes",
                    "export ris studies.ris", "export codebook framework.qdc", "export qdpx review.qdpx"]

    static let formats = ["csv", "markdown", "json", "sqlite", "prisma", "robvis"] + InterchangeFormat.names
    static let markdownTables = ["casp", "table2", "barriers", "barrier", "facilitators", "facilitator", "soqf", "profile", "all"]

    let signature = ArgumentSignature(positionals: [
        .required("format", .keyword(formats), missing: "export what? csv, markdown, json, sqlite or prisma"),
        .optional("file", .keywordOrFile(CSVTableKind.allCases.map(\.rawValue) + SynthesisCSVTable.allCases.map(\.rawValue))),
        .optional("table", .keywordOrFile(["casp", "barriers", "facilitators", "soqf", "profile"])),
    ], options: [.init("weight", .keyword(RobvisExport.Weight.allCases.map(\.rawValue)))], flags: OutputTarget.flagWords)

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
        guard ["csv", "markdown", "md", "json", "sqlite", "db", "prisma", "robvis"].contains(kind) || InterchangeFormat(word: kind) != nil else {
            throw arguments.error("unknown export format '\(format.text)'", at: format.span, notes: ["expected csv, markdown, json, sqlite, prisma, robvis, ris, codebook or qdpx"])
        }
        let spreadsheet = try Self.spreadsheetOptions(arguments, format: kind)
        if kind == "robvis" { return try Self.exportRobvis(arguments, spreadsheet: spreadsheet, in: context) }
        if kind == "csv", let written = try Self.exportSynthesisTable(arguments, spreadsheet: spreadsheet, in: context) { return written }
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
        let url = context.files.url(forWriting: fileWord.text)
        do throws(FileError) {
            switch kind {
            case "csv":
                // One rule in ReviewKit: a .csv path is one table (named, or the file's own name), never a folder.
                let written = try CSVExport.export(table, workspace: workspace, to: url, byteOrderMark: spreadsheet.byteOrderMark,
                                                 guardingFormulas: spreadsheet.guardsFormulas, progress: context.output.progress("exporting"),
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
