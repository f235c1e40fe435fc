import Foundation
import GRDB
import Testing
@testable import ReviewKit

/// quotes.csv's `subtheme` column: the sub-theme's id, as `export json` and `export sqlite` write it (one vocabulary);
/// import reads the id, a code (what earlier versions wrote) and a label.
@Suite struct CSVSubThemeColumnTests {
    let workspace = try! EmbeddedReview.load().workspace

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The cells of one column of a CSV export, in row order (header dropped).
    func column(_ name: String, of bytes: [UInt8]) throws -> [String] {
        let rows = try CSV.rows(bytes)
        let index = try #require(rows.first?.firstIndex(of: name))
        return rows.dropFirst().map { $0[index] }
    }

    @Test("quotes.csv names each quote's sub-theme by the id that export json and export sqlite write")
    func sameIDsInEveryExport() throws {
        var generator = RandomWorkspace(seed: 77)
        for source in [workspace, generator.workspace(studies: 6, quotes: 120).workspace] {
            let csv = try column("subtheme", of: CSVExport.encode(.quotes, workspace: source))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(JSONExport.encode(source))) as? [String: Any])
            let json = try #require(document["quotes"] as? [[String: Any]]).map { ($0["subtheme"] as? Int).map(String.init) ?? "" }
            let directory = temporaryDirectory()
            defer { cleanUp(directory) }
            let url = directory.appendingPathComponent("review.sqlite")
            try SQLiteExport.write(source, to: url)
            let queue = try DatabaseQueue(path: url.path)
            let sqlite = try queue.read { db in try Int?.fetchAll(db, sql: "SELECT subtheme FROM quotes ORDER BY id") }.map { $0.map(String.init) ?? "" }
            try queue.close()
            #expect(csv == json)
            #expect(csv == sqlite)
            #expect(csv.contains { !$0.isEmpty })
            #expect(csv.allSatisfy { $0.isEmpty || Int($0) != nil }, "ids only, no codes or labels")
        }
    }

    @Test("export csv folder, import its tables into an empty workspace: the same workspace")
    func folderRoundTripIntoAnEmptyWorkspace() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var generator = RandomWorkspace(seed: 4)
        for source in [workspace, generator.workspace(studies: 5, quotes: 80).workspace] {
            try CSVExport.writeAll(workspace: source, to: directory)
            var rebuilt = Workspace()
            rebuilt.metadata = source.metadata
            for kind in [CSVTableKind.studies, .subthemes, .appraisals, .quotes] {
                try rebuilt.apply(try CSVImport.read(from: directory.appendingPathComponent(kind.fileName), into: rebuilt).change)
            }
            // studies.csv carries a reference's authors … keywords; the rest of a reference stays with the study.
            var expected = source
            for study in source.studies { try expected.apply(.updateStudy(study.withCSVBibliography)) }
            expectSameWorkspace(rebuilt, expected)
            #expect(try CSVImport.read(from: directory.appendingPathComponent("quotes.csv"), into: rebuilt).changes.isEmpty,
                    "importing the same file again changes nothing")
        }
    }

    @Test("a quotes.csv from an earlier version (sub-themes by code) still imports to the same quotes")
    func olderFilesWithCodesImport() throws {
        let old = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("shaw-2025-quotes-codes.csv")))
        let cells = try column("subtheme", of: old)
        #expect(cells.contains("B/Know/1") && cells.allSatisfy { $0.isEmpty || $0.contains("/") }, "the fixture holds codes")
        var rebuilt = Workspace()
        rebuilt.metadata = workspace.metadata
        for kind in [CSVTableKind.studies, .subthemes, .appraisals] {
            try rebuilt.apply(try CSVImport.decode(CSVExport.encode(kind, workspace: workspace), into: rebuilt).change)
        }
        try rebuilt.apply(try CSVImport.decode(old, path: "quotes.csv", into: rebuilt).change)
        expectSameWorkspace(rebuilt, workspace)
        // The new export of the same workspace, imported over it, changes nothing: codes and ids name the same sub-themes.
        #expect(try CSVImport.decode(CSVExport.encode(.quotes, workspace: workspace), into: rebuilt).changes.isEmpty)
    }

    @Test("ids as pandas writes them (3.0 in a column with gaps) are ids; an unknown id is an error at its cell")
    func pandasSpellingsAndUnknownIDs() throws {
        let header = "id,text,subtheme\n"
        let theme = try #require(workspace.subThemes.first { $0.id == 7 })
        let result = try CSVImport.decode(Array((header + "100,a quote,7.0\n101,another, 7 \n102,none,\n").utf8), path: "quotes.csv", into: workspace)
        var updated = workspace
        try updated.apply(result.change)
        #expect(updated.quote(100)?.subTheme == 7 && updated.quote(100)?.domain == theme.domain)
        #expect(updated.quote(101)?.subTheme == 7)
        #expect(updated.quote(102)?.subTheme == nil)
        for bad in ["9999", "7.5"] {
            let error = try #require(throws: FileError.self) {
                try CSVImport.decode(Array((header + "100,a quote,\(bad)\n").utf8), path: "quotes.csv", into: workspace)
            }
            #expect(error.message.contains("unknown sub-theme '\(bad)'; give its id"), "\(error.message)")
            #expect(error.line == 2 && error.column == 13)
        }
    }
}

extension Study {
    /// The study as a CSV round trip keeps it: studies.csv carries a reference's authors … keywords only.
    var withCSVBibliography: Study {
        guard let record = bibliography else { return self }
        var kept = self
        kept.bibliography = BibliographicRecord(authors: record.authors, title: record.title, journal: record.journal, volume: record.volume,
                                                issue: record.issue, pages: record.pages, doi: record.doi, url: record.url,
                                                abstract: record.abstract, keywords: record.keywords)
        return kept
    }
}
