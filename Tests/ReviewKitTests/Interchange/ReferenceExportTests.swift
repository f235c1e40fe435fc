import Foundation
import Testing
@testable import ReviewKit

/// References and tags in the CSV, JSON and SQLite exports: read back by Python's csv, json and sqlite3
/// (read_reference_exports.py, an independent reader), and CSV export → import gives them back unchanged.
@Suite struct ReferenceExportTests {
    struct Exported: Decodable {
        struct Study: Decodable, Equatable { let authors: [String]; let keywords: [String]; let doi: String?; let journal: String? }
        struct Export: Decodable { let studies: [String: Study]; let tags: [String: [String]] }
        let json: Export
        let sqlite: Export
        let csv: Export
    }

    @Test func pythonReadsTheSameReferencesAndTagsFromEveryExport() throws {
        let workspace = try SnapshotReferencesTests.referenced()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-exports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("review.json"), db = folder.appendingPathComponent("review.db")
        try JSONExport.write(workspace, to: json)
        try SQLiteExport.write(workspace, to: db)
        try CSVExport.writeAll(workspace: workspace, to: folder.appendingPathComponent("csv"))

        guard let python = SchemaValidator.python() else { Issue.record("python3 is not on PATH"); return }
        let process = Process()
        process.executableURL = python
        process.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("read_reference_exports.py").path,
                             json.path, db.path, folder.appendingPathComponent("csv").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let exported = try JSONDecoder().decode(Exported.self, from: data)

        var tags: [String: [String]] = [:]
        for row in 0..<workspace.quotes.count where !workspace.quotes.tags[row].isEmpty { tags[String(workspace.quotes.ids[row])] = workspace.quotes.tags[row] }
        for (name, export) in [("json", exported.json), ("sqlite", exported.sqlite), ("csv", exported.csv)] {
            #expect(export.tags == tags, "\(name)")
            #expect(export.studies.count == workspace.studies.count, "\(name)")
            for study in workspace.studies {
                #expect(export.studies[study.id] == Exported.Study(authors: study.authors, keywords: study.keywords, doi: study.doi, journal: study.journal),
                        "\(name) \(study.id)")
            }
        }
    }

    @Test func csvExportThenImportKeepsReferencesAndTags() throws {
        let workspace = try SnapshotReferencesTests.referenced()
        var plain = workspace
        // The same studies and quotes without the fields CSV carries (authors … keywords) and without tags; importing
        // the CSV must bring them back. The rest of a reference (notes, Rayyan screening, other RIS fields) is not in
        // the CSV and stays with the study.
        for study in workspace.studies {
            guard var record = study.bibliography else { continue }
            record.authors = []; record.title = nil; record.journal = nil; record.volume = nil; record.issue = nil
            record.pages = nil; record.doi = nil; record.url = nil; record.abstract = nil; record.keywords = []
            var stripped = study
            stripped.bibliography = record
            try plain.apply(.updateStudy(stripped))
        }
        for row in 0..<workspace.quotes.count where !workspace.quotes.tags[row].isEmpty {
            var quote = workspace.quote(atRow: row)
            quote.tags = []
            try plain.apply(.updateQuote(quote))
        }
        var imported = plain
        for kind in [CSVTableKind.studies, .quotes] {
            let result = try CSVImport.decode(CSVExport.encode(kind, workspace: workspace), as: kind, into: imported)
            try imported.apply(result.change)
        }
        #expect(imported.studies == workspace.studies)
        for row in 0..<workspace.quotes.count { #expect(imported.quote(atRow: row) == workspace.quote(atRow: row)) }
    }

    @Test func listCellsKeepSemicolonsAndBackslashes() {
        let items = ["Smith; Jones", "back\\slash", "plain", "trailing\\", " lead", "tail\t", "in side"]
        #expect(CSVListCell.split(CSVListCell.join(items)) == items)
        #expect(CSVListCell.split("a;b ;  ; c") == ["a", "b", "c"])
        #expect(CSVListCell.join([]) == "")
    }

    @Test func aBadDOIOrTagInACSVIsLocated() throws {
        let workspace = try EmbeddedReview.load().workspace
        let studies = "id,label,doi\nS06,Janoušková,nonsense\n"
        let error = try #require(throws: FileError.self) { try CSVImport.decode(Array(studies.utf8), as: .studies, path: "s.csv", into: workspace) }
        #expect(error.line == 2 && error.column == 16 && error.message.contains("'nonsense' is not a DOI"), "\(error)")
        let quotes = "id,text,tags\nQ1,some text,\"a; A\"\n"
        let tagError = try #require(throws: FileError.self) { try CSVImport.decode(Array(quotes.utf8), as: .quotes, path: "q.csv", into: workspace) }
        #expect(tagError.line == 2 && tagError.message.contains("has tag 'A' twice"), "\(tagError)")
    }

    @Test func aProjectOfTheWorkspacesOwnTagsAndReferencesIsValidAndReadsBack() throws {
        let workspace = try SnapshotReferencesTests.referenced()
        let result = QDPXExport.export(workspace)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-refi-own-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("own.qdpx")
        try result.archive.write(to: file)
        guard let verdict = try SchemaValidator.validate([file]) else { return }
        let checked = try #require(verdict.files.first)
        #expect(checked.valid, "\(checked.errors)")
        #expect(checked.problems ?? [] == [], "\(checked.problems ?? [])")
        // Python sees each tag as a code on its quote's selection.
        let codeNames = Dictionary(uniqueKeysWithValues: result.codebook.codebook.allCodes.map { ($0.code.guid, $0.code.name) })
        let first = try #require(checked.selections?.first { $0.name == workspace.quote(atRow: 0).label })
        #expect(Set(workspace.quote(atRow: 0).tags).isSubset(of: Set(first.codes.compactMap { codeNames[$0] })), "\(first.codes)")

        let plan = REFIImport.plan(try QDPXArchive(bytes: result.archive.encoded()), into: Workspace())
        var imported = Workspace()
        try imported.apply(plan.workspaceChange(for: Workspace()).change)
        // A REFI-QDA case carries a reference's authors … keywords as variables, not its notes or screening state.
        func carried(_ study: Study) -> Study {
            var study = study
            study.bibliography = study.bibliography.map {
                BibliographicRecord(authors: $0.authors, title: $0.title, journal: $0.journal, volume: $0.volume, issue: $0.issue,
                                    pages: $0.pages, doi: $0.doi, url: $0.url, abstract: $0.abstract, keywords: $0.keywords)
            }
            return study
        }
        #expect(imported.studies == workspace.studies.map(carried))
        #expect(imported.quote(atRow: 0) == workspace.quote(atRow: 0))
    }
}
