import Foundation
import Testing
import ReviewKit
@testable import ReviewShell

/// `screen`, `consensus screening` and the screening decisions in `export csv`, `export json` (SQLite: ScreeningExportTests):
/// what is exported is read back by `import screening` as the same decisions.
@Suite struct ScreenCommandTests {
    static let sessions = ScreeningCommandsTests.sessions

    @Test func screenEntersReplacesAndUndoesOneDecision() throws {
        let h = try CommandHarness()
        #expect(h.failure("screen EX-04 include")?.message.contains("set reviewer GT") == true)
        #expect(try h.message("screen EX-04 include reviewer=GT title=\"Janoušková’s “views” 🙂\"") == "EX-04: GT include")
        #expect(try h.message("screen EX-04 No reviewer=JM") == "EX-04: JM exclude; GT include")
        _ = try h.result("set reviewer GT")
        #expect(try h.message("screen EX-04 exclude") == "EX-04: GT exclude (was include); JM exclude")
        var record = try #require(h.session.document.workspace.screening["EX-04"])
        #expect(record.title == "Janoušková’s “views” 🙂")
        #expect(record.votes == [ScreeningVote(reviewer: "GT", decision: .exclude), ScreeningVote(reviewer: "JM", decision: .exclude)])
        _ = try h.result("undo")
        record = try #require(h.session.document.workspace.screening["EX-04"])
        #expect(record.decision(of: "GT") == .include)
        #expect(h.failure("screen EX-04 perhaps")?.message.hasPrefix("'perhaps' is not a screening decision") == true)
        #expect(h.failure("screen EX-04 include reviewer=consensus")?.message.contains("consensus screening EX-04 include") == true)
        #expect(h.session.document.workspace.screening["EX-04"]?.decision(of: "GT") == .include)
    }

    @Test func consensusScreeningRecordsTheAgreedDecisionAndQuotesAndStudiesAreUnchanged() throws {
        let h = try CommandHarness()
        _ = try h.result("screen EX-04 include reviewer=GT")
        _ = try h.result("screen EX-04 exclude reviewer=JM")
        #expect(try h.message("consensus screening EX-04 exclude") == "EX-04: consensus exclude; GT include, JM exclude")
        #expect(h.session.document.workspace.screening["EX-04"]?.consensus == .exclude)
        #expect(h.failure("consensus screening EX-04")?.message.contains("which decision?") == true)
        #expect(h.failure("consensus screening EX-04 exclude domain=knowledge")?.message.contains("does not apply") == true)
        #expect(h.failure("consensus Q12 EX-04")?.message.contains("consensus screening RECORD exclude") == true)
        _ = try h.result("undo")
        #expect(h.session.document.workspace.screening["EX-04"]?.consensus == nil)
        // The other forms still work.
        #expect(try h.message("consensus S06 q6=no").hasPrefix("consensus on S06"))
    }

    @Test func exportedScreeningCSVImportsBackAsTheSameDecisions() throws {
        let h = try CommandHarness()
        _ = try h.result("import screening \(Self.sessions)/screening.csv")
        _ = try h.result("screen R-ü1 maybe reviewer=GT title=\"Janoušková, “curly”, 🙂\"")
        let first = try #require(h.session.document.workspace.screening.records.first)
        _ = try h.result("consensus screening \(first.id) exclude")
        let decisions = h.session.document.workspace.screening
        _ = try h.result("export csv screening out.csv")
        let text = try String(contentsOf: h.directory.appendingPathComponent("out.csv"), encoding: .utf8)
        #expect(text.hasPrefix("record,reviewer,decision,title\r\n"))
        #expect(text.split(separator: "\r\n").count == decisions.voteCount + 1)

        let fresh = try CommandHarness()
        try FileManager.default.copyItem(at: h.directory.appendingPathComponent("out.csv"), to: fresh.directory.appendingPathComponent("out.csv"))
        _ = try fresh.result("import screening out.csv")
        #expect(fresh.session.document.workspace.screening == decisions)

        _ = try h.result("export csv folder")
        #expect(try Data(contentsOf: h.directory.appendingPathComponent("folder/screening.csv")) == Data(contentsOf: h.directory.appendingPathComponent("out.csv")))
    }

    @Test func jsonExportHoldsOneRowPerDecision() throws {
        let h = try CommandHarness()
        _ = try h.result("screen EX-04 include reviewer=GT title=\"Views\"")
        _ = try h.result("screen EX-04 exclude reviewer=JM")
        _ = try h.result("screen EX-05 maybe reviewer=GT")
        _ = try h.result("consensus screening EX-04 exclude")
        _ = try h.result("export json out.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: h.directory.appendingPathComponent("out.json"))) as? [String: Any]
        let rows = try #require(json?["screening"] as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(rows[0]["record"] as? String == "EX-04" && rows[0]["reviewer"] as? String == "GT" && rows[0]["decision"] as? String == "include"
                && rows[0]["title"] as? String == "Views")
        #expect(rows[3]["record"] as? String == "EX-05" && rows[3]["title"] is NSNull)
        #expect(rows.contains { $0["reviewer"] as? String == "consensus" && $0["decision"] as? String == "exclude" })

    }
}
