import Foundation
import GRDB
import Testing
@testable import ReviewKit

@Suite struct ExportTests {
    let workspace = try! EmbeddedReview.load().workspace

    @Test func caspTableIsTable2() {
        let lines = MarkdownExport.caspTable(workspace).split(separator: "\n")
        #expect(lines[0] == "| Study | Q1 | Q2 | Q3 | Q4 | Q5 | Q6 | Q7 | Q8 | Q9 | Q10 | Total score |")
        #expect(lines.count == 2 + 33)
        #expect(lines[2] == "| Ben-Dor I et al. | 1.0 | 1.0 | 0.5 | 1.0 | 0.5 | 0.5 | 1.0 | 1.0 | 1.0 | 1.0 | 8.5 |")
        #expect(lines[7] == "| Janoušková et al. | 1.0 | 1.0 | 0.0 | 0.0 | 0.5 | 0.0 | 0.5 | 0.0 | 1.0 | 0.5 | 4.5 |")
    }

    @Test func themeTablesFollowThePaper() {
        let barriers = MarkdownExport.themeTable(workspace, direction: .barrier).split(separator: "\n").map(String.init)
        #expect(barriers[0] == "| COM-B | TDF | Sub-theme | Quote |")
        #expect(barriers.count == 2 + 18)
        #expect(barriers[2].hasPrefix("| Psychological capability | Knowledge | 1. Lack of knowledge from other staff members | “I, for example"))
        #expect(barriers[3].hasPrefix("|  |  | 2. Difference in knowledge | “If I’m in that meeting"))
        #expect(barriers[4].hasPrefix("| Physical opportunity | Environmental Context and Resources | 1. Interaction"))
        let facilitators = MarkdownExport.themeTable(workspace, direction: .facilitator).split(separator: "\n")
        #expect(facilitators.count == 2 + 28)
        // A quote with a known citation ends with it in brackets.
        #expect(facilitators.contains { $0.hasSuffix("[(34), p. 354] |") })
        #expect(MarkdownExport.cell("a|b\nc") == "a\\|b<br>c")
        #expect(MarkdownExport.document(workspace).contains("## Facilitators"))
    }

    @Test func jsonIsValidAndOrdered() throws {
        var generator = RandomWorkspace(seed: 31)
        let random = generator.workspace().workspace
        for source in [workspace, random, Workspace()] {
            let bytes = JSONExport.encode(source)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["format"] as? String == "review-workspace")
            #expect(object["version"] as? Int == 2)
            let studies = try #require(object["studies"] as? [[String: Any]])
            #expect(studies.map { $0["id"] as? String } == source.studies.map(\.id))
            #expect(studies.map { $0["label"] as? String } == source.studies.map(\.label))
            let quotes = try #require(object["quotes"] as? [[String: Any]])
            #expect(quotes.count == source.quotes.count)
            for (row, quote) in quotes.enumerated() {
                let expected = source.quote(atRow: row)
                #expect(quote["text"] as? String == expected.text)
                #expect(quote["id"] as? Int == expected.id)
                #expect((quote["page"] as? String) == expected.page)
                #expect((quote["study"] as? String) == expected.studyID)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let order = ["\"format\"", "\"version\"", "\"metadata\"", "\"studies\"", "\"appraisals\"", "\"subthemes\"", "\"quotes\"", "\"findings\"", "\"cerqual\""]
            let positions = order.map { text.range(of: $0)!.lowerBound }
            #expect(positions == positions.sorted())
            #expect(JSONExport.encode(source) == bytes)
        }
    }

    func exportedDatabase(_ source: Workspace) throws -> (URL, URL) {
        let directory = temporaryDirectory()
        let url = directory.appendingPathComponent("review.sqlite")
        try SQLiteExport.write(source, to: url)
        return (directory, url)
    }

    @Test func sqliteOpensWithGRDB() throws {
        let (directory, url) = try exportedDatabase(workspace)
        defer { cleanUp(directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["review.sqlite"])
        let queue = try DatabaseQueue(path: url.path)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM studies") == 33)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM quotes") == 46)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM subthemes") == 46)
            #expect(try Double.fetchOne(db, sql: "SELECT total FROM casp_scores WHERE study = 'S01'") == 8.5)
            // The view keeps the tables' slugs and ids under their names; display names only in *_label columns.
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM quote_coding WHERE id = 21"))
            let quote = try #require(workspace.quote(21))
            let theme = try #require(workspace.subTheme(quote.subTheme!))
            #expect(Array(row.columnNames) == ["id", "direction", "direction_label", "component", "component_label", "domain", "domain_label",
                                               "subtheme", "subtheme_code", "subtheme_label", "study", "study_label", "reference", "page", "text"])
            #expect(row["component"] as String? == "psychological-capability" && row["component_label"] as String? == "Psychological capability")
            #expect(row["domain"] as String? == "skills" && row["domain_label"] as String? == "Skills")
            #expect(row["direction"] as String? == "facilitator" && row["direction_label"] as String? == "Facilitator")
            #expect(row["reference"] as Int? == 34)
            #expect(row["subtheme"] as Int? == theme.id && row["subtheme_code"] as String? == theme.code && row["subtheme_label"] as String? == theme.label)
            // Every row: the view's coded columns equal the quotes table's, and each label is its slug's name.
            let mismatches = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM quote_coding v JOIN quotes q ON q.id = v.id
                WHERE v.direction IS NOT q.direction OR v.component IS NOT q.component OR v.domain IS NOT q.domain
                   OR v.subtheme IS NOT q.subtheme OR v.study IS NOT q.study
                """)
            #expect(mismatches == 0)
            let labelled = try Row.fetchAll(db, sql: "SELECT component, component_label, domain, domain_label, direction, direction_label FROM quote_coding")
            #expect(labelled.count == 46)
            for row in labelled {
                let component = (row["component"] as String?).flatMap { slug in COMBComponent.allCases.first { $0.slug == slug } }
                let domain = (row["domain"] as String?).flatMap { slug in TDFDomain.allCases.first { $0.slug == slug } }
                let direction = (row["direction"] as String?).flatMap { slug in Direction.allCases.first { $0.slug == slug } }
                #expect(row["component_label"] as String? == component?.name)
                #expect(row["domain_label"] as String? == domain?.name)
                #expect(row["direction_label"] as String? == direction?.name)
            }
            let casp = try #require(try Row.fetchOne(db, sql: "SELECT * FROM casp_scores WHERE study = 'S06'"))
            #expect(Array(casp.columnNames.prefix(3)) == ["study", "study_label", "reviewer"])
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        try queue.close()
    }

    @Test func sqliteRoundTripsRandomText() throws {
        var generator = RandomWorkspace(seed: 8)
        let source = generator.workspace().workspace
        let (directory, url) = try exportedDatabase(source)
        defer { cleanUp(directory) }
        let queue = try DatabaseQueue(path: url.path)
        let texts = try queue.read { db in try String.fetchAll(db, sql: "SELECT text FROM quotes ORDER BY id") }
        #expect(texts == (0..<source.quotes.count).map { source.quotes.text(atRow: $0) })
        let labels = try queue.read { db in try String.fetchAll(db, sql: "SELECT label FROM studies ORDER BY position") }
        #expect(labels == source.studies.map(\.label))
        try queue.close()
        // Exporting again replaces the file whole.
        try SQLiteExport.write(workspace, to: url)
        let count = try DatabaseQueue(path: url.path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM quotes") }
        #expect(count == 46)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"))) func sqliteOpensWithTheSqlite3Tool() throws {
        let (directory, url) = try exportedDatabase(workspace)
        defer { cleanUp(directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", url.path,
                             "SELECT count(*) FROM quote_coding; SELECT study_label, total FROM casp_scores WHERE study = 'S06'; PRAGMA integrity_check;"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "46\nJanoušková et al.|4.5\nok\n")
    }

    @Test func exportsAreAtomic() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("quotes.csv")
        try CSVExport.write(.quotes, workspace: workspace, to: url)
        let before = try AtomicFile.read(url)
        #expect(throws: FileError.self) {
            try AtomicFile.write(Array("partial".utf8), to: url, progress: nil, failingAt: .write(afterBytes: 3))
        }
        #expect(try AtomicFile.read(url) == before)
        let failing = try #require(throws: FileError.self) {
            try AtomicFile.replace(url) { temporary in
                try Data("half".utf8).write(to: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        }
        #expect(failing.path == url.path)
        #expect(try AtomicFile.read(url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["quotes.csv"])
        try CSVExport.writeAll(workspace: workspace, to: directory)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["quotes.csv", "studies.csv", "appraisals.csv", "subthemes.csv",
                                                                                       "findings.csv", "finding_subthemes.csv", "finding_sources.csv", "cerqual.csv", "screening.csv"])
    }
}
