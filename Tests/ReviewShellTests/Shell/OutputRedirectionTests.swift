import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// Results to files from inside the shell (issue 10): `into FILE`, `once FILE`, `output FILE`, checked by
/// reading the files back with the project's RFC 4180 reader (and, in OutputFilesBinaryTests, with Python).
@Suite struct OutputRedirectionTests {
    func file(_ harness: CommandHarness, _ name: String) -> String? {
        (try? Data(contentsOf: harness.directory.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ harness: CommandHarness, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent(name).path)
    }

    @Test func intoWritesTheResultAndSaysSoOnStandardError() throws {
        let h = try CommandHarness()
        let expected = try h.table("quotes where direction = barrier")
        #expect(h.shell.run("quotes where direction = barrier into barriers.csv"))
        #expect(h.output.text.isEmpty, "the result goes to the file, not the screen: \(h.output.text.prefix(200))")
        #expect(h.output.errors == "wrote \(expected.rows.count) rows to barriers.csv\n")
        let rows = try CSVText.rows(try #require(file(h, "barriers.csv")))
        #expect(rows.count == expected.rows.count + 1)
        // Files hold the machine vocabulary (docs/formats.md): keys as the header, the quote id as a number.
        let machine = MachineTable(expected)
        #expect(rows[0] == machine.keys)
        #expect(rows.dropFirst().map { $0[0] } == machine.rows.map { $0[0].cell })
        #expect(try #require(file(h, "barriers.csv")).contains("\r\n"), "a CSV file has CRLF line ends, as exports do")
    }

    @Test func aQuotedIntoIsTextNotAClause() throws {
        let h = try CommandHarness()
        // The word into inside quotes stays part of the filter.
        let plan = try OutputClause.split(Invocation("quotes where text contains \"into\"")!)
        #expect(plan == nil)
        let matching = try h.table("quotes where text contains \"into\"")
        #expect(!matching.rows.isEmpty, "the seed has quotes with the word 'into'")
        #expect(h.shell.run("quotes where text contains \"into\" into hits.csv"))
        let rows = try CSVText.rows(try #require(file(h, "hits.csv")))
        #expect(rows.count == matching.rows.count + 1)
        // A bare last word 'into' with nothing after it is no clause either.
        #expect(OutputClause.split(Invocation("quotes where text contains into")!) == nil)
        // A clause with a word after it that is not an option is left to the command.
        #expect(OutputClause.split(Invocation("quotes into x.csv sideways")!) == nil)
    }

    @Test func theClauseIsStrippedWithColumnsKeptForCarets() throws {
        let (command, clause) = try #require(OutputClause.split(Invocation("studies where year > 2015 into s.tsv format=csv bom")!))
        #expect(command.text == "studies where year > 2015")
        #expect(clause.map(\.text) == ["into", "s.tsv", "format=csv", "bom"])
        #expect(clause[clause.startIndex + 1].span == 31..<36)
    }

    @Test func anUnknownExtensionOrMissingFolderIsAnErrorAtTheFileName() throws {
        let h = try CommandHarness()
        #expect(!h.shell.run("quotes into barriers.xls"))
        #expect(h.output.errors.contains("error: unknown extension '.xls'"), "\(h.output.errors)")
        #expect(h.output.errors.contains("  quotes into barriers.xls\n              ^~~~~~~~~~~~\n"), "\(h.output.errors)")
        #expect(h.output.errors.contains("quote it: \"into\""))
        #expect(!exists(h, "barriers.xls"))

        let missing = try CommandHarness()
        #expect(!missing.shell.run("studies into nowhere/s.csv"))
        #expect(missing.output.errors.contains("error: cannot write 'nowhere/s.csv': the folder 'nowhere' does not exist"), "\(missing.output.errors)")
        #expect(missing.output.errors.contains("              ^~~~~~~~~~~~~"), "\(missing.output.errors)")

        let folder = try CommandHarness()
        try FileManager.default.createDirectory(at: folder.directory.appendingPathComponent("out.csv"), withIntermediateDirectories: false)
        #expect(!folder.shell.run("studies into out.csv"))
        #expect(folder.output.errors.contains("it is a folder; give a file name"), "\(folder.output.errors)")

        let format = try CommandHarness()
        #expect(!format.shell.run("studies into s.csv format=xls"))
        #expect(format.output.errors.contains("unknown format 'xls'"))
        #expect(!format.shell.run("studies into s.json bom"))
        #expect(format.output.errors.contains("'bom' applies to CSV and TSV files, not json"), "\(format.output.errors)")
    }

    @Test func formatComesFromTheExtensionOrFormatOption() throws {
        let h = try CommandHarness()
        let studies = try h.table("studies")
        #expect(h.shell.run("studies into s.tsv"))
        let tsv = try #require(file(h, "s.tsv"))
        #expect(tsv.hasPrefix(MachineTable(studies).keys.joined(separator: "\t") + "\n"))
        #expect(h.shell.run("studies into s.out format=json"))
        let json = try #require(file(h, "s.out"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["rows"] as? [Any])?.count == studies.rows.count)
        #expect(h.shell.run("studies into s.md"))
        #expect(try #require(file(h, "s.md")).contains("| " + studies.columns[0].label + " |"))
        #expect(h.shell.run("bands into bands.txt"))
        #expect(try #require(file(h, "bands.txt")).contains("high"))
    }

    @Test func theCommandLineFormatDoesNotChangeTheFileFormat() throws {
        let h = try CommandHarness()
        h.shell.options.format = .json
        #expect(h.shell.run("studies into s.csv"))
        #expect(try #require(file(h, "s.csv")).hasPrefix("id,"))
        // '-' is standard output in the session's (here the command line's) format.
        #expect(h.shell.run("bands into -"))
        #expect(h.output.text.hasPrefix("{\"type\":"), "\(h.output.text.prefix(80))")
    }

    @Test func bomAndGuardReachTheFile() throws {
        let h = try CommandHarness()
        #expect(h.shell.run("add study \"=HYPERLINK(1)\" id=S99 year=2020"))
        #expect(h.shell.run("studies into plain.csv"))
        #expect(h.shell.run("studies into excel.csv excel"))
        let plain = try #require(try? Data(contentsOf: h.directory.appendingPathComponent("plain.csv")))
        let excel = try #require(try? Data(contentsOf: h.directory.appendingPathComponent("excel.csv")))
        #expect(!plain.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: plain, as: UTF8.self).contains(",=HYPERLINK(1),"))
        #expect(String(decoding: excel, as: UTF8.self).contains(",'=HYPERLINK(1),"))
        #expect(!String(decoding: excel, as: UTF8.self).contains(",=HYPERLINK"))
    }

    @Test func outputAddsRowsUnderOneHeaderAndRefusesAnotherTable() throws {
        let h = try CommandHarness()
        let barriers = try h.table("quotes where direction = barrier")
        let facilitators = try h.table("quotes where direction = facilitator")
        #expect(h.shell.run("output all.csv"))
        #expect(h.output.text.contains("results go to all.csv (csv) until 'output off'"))
        #expect(h.shell.run("quotes where direction = barrier"))
        #expect(h.shell.run("set width 90"))
        #expect(h.output.text.contains("width = 90"), "acknowledgements still go to the screen")
        #expect(h.shell.run("quotes where direction = facilitator"))
        #expect(h.output.errors.contains("added \(facilitators.rows.count) rows to all.csv (\(barriers.rows.count + facilitators.rows.count) rows in all)"), "\(h.output.errors)")
        let rows = try CSVText.rows(try #require(file(h, "all.csv")))
        #expect(rows.count == 1 + barriers.rows.count + facilitators.rows.count)
        #expect(rows.filter { $0 == rows[0] }.count == 1, "one header")
        // Another table is refused: a CSV file holds one table; the file keeps what it had.
        #expect(!h.shell.run("studies"))
        #expect(h.output.errors.contains("holds a table with the columns"), "\(h.output.errors)")
        #expect(try CSVText.rows(try #require(file(h, "all.csv"))).count == rows.count)
        #expect(h.shell.run("output off"))
        #expect(h.output.text.contains("results go to the screen again (2 results, \(barriers.rows.count + facilitators.rows.count) rows written to all.csv)"), "\(h.output.text)")
        let before = h.output.text.count
        #expect(h.shell.run("bands"))
        #expect(h.output.text.count > before, "results are on the screen again")
    }

    @Test func outputToJSONWritesOneDocumentPerLine() throws {
        let h = try CommandHarness()
        #expect(h.shell.run("output results.json"))
        #expect(h.shell.run("bands"))
        #expect(h.shell.run("studies"))
        #expect(h.shell.run("output"))
        let lines = try #require(file(h, "results.json")).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    @Test func onceTakesTheNextResultOnly() throws {
        let h = try CommandHarness()
        #expect(h.shell.run("once next.csv"))
        #expect(h.shell.run("set width 100"))
        #expect(h.shell.run("bands"))
        #expect(exists(h, "next.csv"))
        let screen = h.output.text.count
        #expect(h.shell.run("bands"))
        #expect(h.output.text.count > screen, "the second result is on the screen")
        // A failing command uses 'once' up.
        #expect(h.shell.run("once later.csv"))
        #expect(!h.shell.run("studies where nonsense"))
        #expect(h.shell.run("bands"))
        #expect(!exists(h, "later.csv"))
    }

    @Test func commandsWithoutAResultRefuseIntoBeforeRunning() throws {
        let h = try CommandHarness()
        #expect(!h.shell.run("save s.snapshot into s.csv"))
        #expect(h.output.errors.contains("'save' shows no result to write"), "\(h.output.errors)")
        #expect(!exists(h, "s.snapshot"))
        #expect(!exists(h, "s.csv"))
        #expect(!h.shell.run("expect rows = 2 from bands into b.csv"))
        #expect(h.output.errors.contains("'expect' checks a result and writes none"))
        // expect itself runs as before, also while 'output' is on, and its failure goes to the screen.
        #expect(h.shell.run("output all.csv"))
        #expect(h.shell.run("expect rows = 33 from studies"))
        #expect(!exists(h, "all.csv"), "expect writes nothing")
        #expect(!h.shell.run("expect rows = 1 from studies"))
        #expect(h.output.errors.contains("expect failed"))
        // Text that a CSV file cannot hold stays on the screen under 'output'; 'into' such a file refuses it.
        #expect(h.shell.run("help once"))
        #expect(h.output.text.contains("once FILE"))
        #expect(!h.shell.run("help once into help.csv"))
        #expect(h.output.errors.contains("'help' gave text, which a CSV file cannot hold"), "\(h.output.errors)")
        #expect(h.shell.run("help once into help.txt"))
        #expect(try #require(file(h, "help.txt")).contains("once FILE"))
    }

    @Test func historyAndNotebookKeepTheClause() throws {
        let h = try CommandHarness()
        #expect(h.shell.run("bands into bands.csv"))
        let cell = try #require(h.session.cells.last)
        #expect(cell.command == "bands into bands.csv")
        #expect(cell.output.contains("(written to bands.csv)"))
        #expect(cell.output.contains("high"), "the notebook keeps the result itself")
        #expect(h.shell.run("history save replay.review"))
        #expect(try #require(file(h, "replay.review")).contains("bands into bands.csv"))
    }

    @Test func readOnlyRunsRefuseFilesButNotStandardOutput() throws {
        let h = try CommandHarness()
        h.shell.options.readOnly = true
        #expect(!h.shell.run("bands into bands.csv"))
        #expect(h.output.errors.contains("read-only run"))
        #expect(!exists(h, "bands.csv"))
        #expect(!h.shell.run("output all.csv"))
        #expect(h.shell.run("bands into - format=csv"))
        #expect(h.output.text.hasPrefix("band,"), "\(h.output.text.prefix(60))")
    }

    @Test func dryRunListsTheFilesIntoWrites() throws {
        let h = try CommandHarness()
        let preview = ScriptPreview(commands: .standard, files: FileResolver(workingDirectory: h.directory.path), session: h.session)
        let found = preview.writes(in: "bands into b.csv\nquotes where text contains \"into\"\noutput all.json\nstudies into -\n", file: "s.review")
        #expect(found.writes.map(\.path) == ["b.csv", "all.json"])
        #expect(found.writes.map(\.command) == ["into", "output"])
    }

    @Test func scriptsWriteBesideThemselves() throws {
        let h = try CommandHarness()
        let folder = h.directory.appendingPathComponent("analysis")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "output tables.md\nbands\nstudies where year > 2018\noutput off\nbands into bands.json\n".write(to: folder.appendingPathComponent("run.review"), atomically: true, encoding: .utf8)
        #expect(h.shell.run("source analysis/run.review"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tables.md").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bands.json").path))
        let markdown = try String(contentsOf: folder.appendingPathComponent("tables.md"), encoding: .utf8)
        #expect(markdown.components(separatedBy: "\n|---").count == 3, "two tables, one after the other")
    }
}
