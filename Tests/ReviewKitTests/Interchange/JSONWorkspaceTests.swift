import Foundation
import Testing
@testable import ReviewKit

/// `JSONWorkspace`: the JSON export read back as a whole workspace (`load FILE.json`).
@Suite struct JSONWorkspaceTests {
    @Test("random workspaces: export json, read back whole, the same snapshot encoding (references reduced to what the export carries)")
    func randomRoundTrip() throws {
        var generator = RandomWorkspace(seed: 90)
        for round in 0..<12 {
            var source = generator.workspace(studies: 3 + round, quotes: 15 * round).workspace
            for study in source.studies { try source.apply(.updateStudy(study.withCSVBibliography)) }
            let back = try JSONWorkspace.decode(JSONExport.encode(source), path: "r.json")
            expectSameWorkspace(back, source)
            #expect(SnapshotWriter.encode(Snapshot(workspace: back)) == SnapshotWriter.encode(Snapshot(workspace: source)), "round \(round)")
        }
    }

    @Test("the export now ends with prisma and codings, in the snapshot's vocabulary")
    func prismaAndCodingsArrays() throws {
        var workspace = try EmbeddedReview.load().workspace
        try workspace.apply(.setReviewerCoding(ReviewerCoding(quoteID: 3, reviewer: "GT", direction: .barrier, component: nil, domain: nil)))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(JSONExport.encode(workspace))) as? [String: Any])
        let prisma = try #require(document["prisma"] as? [[String: Any]])
        #expect(prisma.map { $0["key"] as? String ?? "" } == workspace.prisma.keyValuePairs.map(\.key))
        #expect(prisma.first { $0["key"] as? String == "studies_included" }?["count"] as? Int == 33)
        let codings = try #require(document["codings"] as? [[String: Any]])
        #expect(codings.count == 1 && codings[0]["quote"] as? Int == 3 && codings[0]["reviewer"] as? String == "GT")
        #expect(codings[0]["direction"] as? String == "barrier" && codings[0]["domain"] is NSNull && codings[0]["subtheme"] is NSNull)
        let back = try JSONWorkspace.decode(JSONExport.encode(workspace))
        #expect(SnapshotWriter.encode(Snapshot(workspace: back)) == SnapshotWriter.encode(Snapshot(workspace: workspace)))
    }

    @Test("a syntax error is located at its line and column with the line for a caret; the JSON import says so too")
    func syntaxErrorsAreLocated() throws {
        let text = "{\n  \"format\": \"review-workspace\",\n  \"version\": 2,,\n  \"studies\": []\n}"
        let error = try #require(throws: FileError.self) { try JSONWorkspace.decode(Array(text.utf8), path: "x.json") }
        #expect(error.path == "x.json" && error.line == 3 && error.column == 16, "\(error)")
        #expect(error.lineText == "  \"version\": 2,,")
        #expect(error.message.hasPrefix("not a JSON document"), "\(error.message)")
        let imported = try #require(throws: FileError.self) { try JSONImport.decode(Array(text.utf8), path: "x.json", into: Workspace()) }
        #expect(imported.line == 3 && imported.column == 16)
        let cut = try #require(throws: FileError.self) { try JSONWorkspace.decode(Array("{\n  \"format\": \"review-".utf8), path: "c.json") }
        #expect(cut.line == 2 && cut.column == 21, "\(cut)")
        #expect(JSONWorkspace.looksLikeJSON(Array("\u{FEFF} \n{".utf8)) && !JSONWorkspace.looksLikeJSON(Array("review-snapshot 3\n".utf8)))
    }
}
