import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// `import`/`export` of RIS and REFI-QDA through the shell: one undoable change, notes on standard error,
/// duplicates never doubled, and export qdpx → import into an empty workspace gives the same workspace.
@Suite struct InterchangeCommandsTests {
    static let golden = TranscriptRunner.goldenDirectory.appendingPathComponent("fixtures")

    /// The embedded review with references, tags and a second appraisal, as a reviewer would have made them.
    static func richHarness() throws -> CommandHarness {
        let harness = try CommandHarness()
        for line in ["edit study S06 doi=10.1176/appi.ps.201600128 journal=\"Psychiatric Services\" authors=\"Janoušková, M.; Pekara, J.\" keywords=\"peer support; Czech Republic\" title=\"Experiences of peer workers\" volume=68 issue=3 pages=516-524",
                     "tag Q1 \"peer training\"", "tag Q2 \"peer training\"", "tag Q2 \"★ memorable 👩🏽‍⚕️\"", "tag Q3 \"Janous\u{030C}kova\u{0301}; semicolon\""] {
            _ = try harness.result(line)
        }
        return harness
    }

    @Test func exportQdpxThenImportIntoAnEmptyWorkspaceGivesTheSameWorkspace() throws {
        let harness = try Self.richHarness()
        let before = harness.session.workspace
        _ = try harness.result("export qdpx review.qdpx")
        _ = try harness.result("load empty discard")
        #expect(harness.session.workspace.studies.isEmpty)
        _ = try harness.result("import qdpx review.qdpx")
        let after = harness.session.workspace
        #expect(after.studies == before.studies)
        #expect(after.subThemes == before.subThemes)
        #expect(after.appraisals.sorted { ($0.studyID, $0.reviewer) < ($1.studyID, $1.reviewer) }
                == before.appraisals.sorted { ($0.studyID, $0.reviewer) < ($1.studyID, $1.reviewer) })
        #expect(after.metadata == before.metadata)
        #expect(after.quotes.count == before.quotes.count)
        for row in 0..<before.quotes.count {
            let quote = before.quote(atRow: row)
            #expect(after.quote(quote.id) == quote, "\(quote.label)")
        }
        #expect(after.study("S06")?.doi == "10.1176/appi.ps.201600128")
        #expect(after.quote(2)?.tags == ["peer training", "★ memorable 👩🏽‍⚕️"])
        // One undoable change: undo leaves the empty workspace.
        _ = try harness.result("undo")
        #expect(harness.session.workspace.studies.isEmpty && harness.session.workspace.quotes.count == 0)
    }

    @Test func risImportAddsMatchesAndNeverDoubles() throws {
        let harness = try CommandHarness()
        _ = try harness.result("load empty discard")
        let url = Self.golden.appendingPathComponent("peer-work.ris").path
        guard case .message(let first) = try harness.result("import ris \"\(url)\"") else { Issue.record("no message"); return }
        #expect(first.contains("3 new studies") && first.contains("1 duplicate"), "\(first)")
        // The duplicate (same title and year, no DOI) is listed on standard error, not added.
        #expect(harness.output.errors.contains("repeats the record at line 16 (same title and year); not imported twice"), "\(harness.output.errors)")
        #expect(harness.output.errors.contains("'not yet assigned' is not a doi"))
        let studies = harness.session.workspace.studies
        #expect(studies.count == 3)
        #expect(studies[0].authors == ["Janoušková, Marie", "Pekara, Jaroslav"] && studies[0].year == 2017)
        #expect(studies[0].bibliography?.screening?.decision(of: "Ana") == .included)
        #expect(studies[0].bibliography?.year == nil, "the year is the study's")
        #expect(studies[2].bibliography?.doi == nil && studies[2].bibliography?.otherFields.contains(RISField(tag: "DO", value: "not yet assigned")) == true)
        // Again: everything matches, nothing is added.
        _ = try harness.result("import ris \"\(url)\"")
        #expect(harness.session.workspace.studies == studies)
        // Queries reach the new fields; the DOI is compared without case or resolver prefix.
        let table = try harness.table("studies where doi = 10.1080/09638237.2021.0000001")
        #expect(table.rows.count == 1)
        #expect(try harness.table("studies where journal ~ \"mental health\"").rows.count == 1)
        // Export and read back: the same references.
        _ = try harness.result("export ris out.ris")
        let document = try RISReader.read(from: harness.directory.appendingPathComponent("out.ris"))
        #expect(document.records.map(\.title) == studies.map(\.title))
        #expect(document.records.map(\.authors) == studies.map(\.authors))
    }

    @Test func tagsAreUndoableAndQueryable() throws {
        let harness = try CommandHarness()
        _ = try harness.result("tag Q5 \"peer training\"")
        _ = try harness.result("tag Q7 \"Peer Training\"")  // same tag on another quote, first spelling kept in counts
        #expect(harness.session.workspace.quote(7)?.tags == ["Peer Training"])
        guard case .message(let again) = try harness.result("tag Q5 \"PEER training\"") else { Issue.record("no message"); return }
        #expect(again.contains("already has tag"))
        #expect(try harness.table("quotes where tag = \"peer training\"").rows.count == 2)
        #expect(try harness.table("quotes where tag != \"peer training\"").rows.count == harness.session.workspace.quotes.count - 2)
        #expect(try harness.table("quotes where tag ~ train").rows.count == 2)
        #expect(try harness.table("quotes where tag = unknown").rows.count == harness.session.workspace.quotes.count - 2)
        let tags = try harness.table("tags")
        #expect(tags.rows.first == [.text("peer training"), .integer(2), .labelled(.list([.integer(5), .integer(7)]), display: "Q5, Q7")])
        _ = try harness.result("undo")
        #expect(harness.session.workspace.quote(7)?.tags == [])
        _ = try harness.result("untag Q5 \"Peer training\"")
        #expect(harness.session.workspace.quote(5)?.tags == [])
        #expect(harness.failure("untag Q5 \"peer training\"")?.message == "Q5 has no tag 'peer training'")
        #expect(harness.failure("tag Q5 \"\(String(repeating: "x", count: 201))\"")?.message.hasPrefix("a tag is at most 200 characters") == true)
    }

    @Test func aBadFileChangesNothingAndIsLocated() throws {
        let harness = try CommandHarness()
        let before = harness.session.workspace.studies
        let bad = harness.directory.appendingPathComponent("bad.ris")
        try Data("AU  - Orphan, Line\r\nTY  - JOUR\r\nER  - \r\n".utf8).write(to: bad)
        let failure = try #require(harness.failure("import ris bad.ris"))
        #expect(failure.file == "bad.ris" && failure.line == 1 && failure.column != nil, "\(failure)")
        let zip = harness.directory.appendingPathComponent("bad.qdpx")
        try Data("not a zip".utf8).write(to: zip)
        #expect(harness.failure("import qdpx bad.qdpx")?.file == "bad.qdpx")
        #expect(harness.session.workspace.studies == before)
        #expect(harness.session.document.undoDepth == 0)
    }
}
