import Foundation
import GRDB
import Testing
@testable import ReviewKit

/// The screening decisions in the SQLite and CSV exports: one row per decision, decisions as slugs, read back
/// by `ScreeningImport` as the same records.
@Suite struct ScreeningExportTests {
    static func workspace() throws -> Workspace {
        var workspace = Workspace()
        let records = [ScreeningRecord(id: "EX-10", title: "Janoušková, “curly” 🙂",
                                       votes: [.init(reviewer: "GT", decision: .include), .init(reviewer: "JM", decision: .exclude),
                                               .init(reviewer: ReviewerCoding.consensus, decision: .exclude)]),
                       ScreeningRecord(id: "EX-2", votes: [.init(reviewer: "GT", decision: .maybe)])]
        _ = try workspace.apply(.screening(.set(records)))
        return workspace
    }

    @Test func sqliteHasAScreeningTableWithOneRowPerDecision() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("screening-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("review.sqlite")
        try SQLiteExport.write(try Self.workspace(), to: url)
        let rows = try DatabaseQueue(path: url.path).read { db in
            try Row.fetchAll(db, sql: "SELECT record, reviewer, decision, title FROM screening ORDER BY rowid").map {
                [$0["record"] as String, $0["reviewer"] as String, $0["decision"] as String, ($0["title"] as String?) ?? "NULL"]
            }
        }
        #expect(rows == [["EX-2", "GT", "maybe", "NULL"],
                         ["EX-10", "GT", "include", "Janoušková, “curly” 🙂"], ["EX-10", "JM", "exclude", "Janoušková, “curly” 🙂"],
                         ["EX-10", "consensus", "exclude", "Janoušková, “curly” 🙂"]])
    }

    @Test func theCSVTableReadsBackAsTheSameDecisions() throws {
        let workspace = try Self.workspace()
        let bytes = SynthesisCSVTable.screening.encode(workspace)
        let read = try ScreeningImport.decode(bytes, path: "screening.csv")
        #expect(read.format == .covidence)
        var empty = Workspace()
        _ = try empty.apply(try #require(read.change(for: empty).change))
        #expect(empty.screening == workspace.screening)
    }

    @Test func anEmptyStoreExportsAHeaderOnly() {
        #expect(String(decoding: SynthesisCSVTable.screening.encode(Workspace()), as: UTF8.self) == "record,reviewer,decision,title\r\n")
    }
}
