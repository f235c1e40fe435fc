import Foundation
import Testing
@testable import ReviewKit

/// The optional version-3 sections @bibliography and @tags: written only when used, read back equal, and every
/// bad line refused with its line and column.
@Suite struct SnapshotReferencesTests {
    static func referenced() throws -> Workspace {
        var workspace = try EmbeddedReview.load().workspace
        var s06 = workspace.study("S06")!
        let screening = RayyanScreening.parse("RAYYAN-INCLUSION: {\"Ana\"=>\"Included\", \"Ben\"=>\"Maybe\"} | RAYYAN-LABELS: qualitative").screening
        s06 = s06.attaching(BibliographicRecord(type: "JOUR", authors: ["Janoušková, M.", "Pekara, J."], title: "Peer\twork\nover lines",
                                                 year: 2017, date: "2017/03/01/", journal: "Psychiatric Services", volume: "68", issue: "3",
                                                 pages: "516-524", doi: "https://doi.org/10.1176/APPI.PS.201600128", url: "https://example.org/a\\b",
                                                 abstract: "#not a comment", keywords: ["peer support", "@not a section"], notes: ["a note 👩🏽‍⚕️"],
                                                 accessionNumber: "rayyan-1", screening: screening, otherFields: [RISField(tag: "M3", value: "x")]))
        try workspace.apply(.updateStudy(s06))
        var quote = workspace.quote(atRow: 0)
        quote.tags = ["peer training", "e\u{0301}motion 👩🏽‍⚕️", "#hash", "back\\slash"]
        try workspace.apply(.updateQuote(quote))
        return workspace
    }

    @Test func referencesAndTagsRoundTrip() throws {
        let workspace = try Self.referenced()
        let bytes = SnapshotWriter.encode(Snapshot(workspace: workspace))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\n@bibliography\n") && text.contains("\n@tags\n"))
        let read = try SnapshotReader.decode(bytes).workspace
        #expect(read.studies == workspace.studies)
        #expect(read.quote(atRow: 0) == workspace.quote(atRow: 0))
        #expect(read.study("S06")?.year == 2017 && read.study("S06")?.bibliography?.year == nil)
        #expect(SnapshotWriter.encode(Snapshot(workspace: read)) == bytes, "the same workspace gives the same bytes")
    }

    @Test func aWorkspaceWithoutThemWritesNeitherSection() throws {
        let text = String(decoding: SnapshotWriter.encode(Snapshot(workspace: try EmbeddedReview.load().workspace)), as: UTF8.self)
        #expect(!text.contains("@bibliography") && !text.contains("@tags"))
    }

    static func withChecksum(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return bytes + Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(bytes)))\n".utf8)
    }

    static func snapshot(_ extra: String, version: Int = 3) -> [UInt8] {
        let body = "review-snapshot \(version)\n@meta\n@settings\n@studies\nS01\tSmith\t\t2019\t\t\t\t\t\n@appraisals\n@subthemes\n@quotes\nQ1\t\t\t\t\tS01\t\t\tsome text\n"
            + extra + "@notes\n@history\n@end\n"
        return withChecksum(body)
    }

    @Test func goodSectionsLoad() throws {
        let workspace = try SnapshotReader.decode(Self.snapshot("@bibliography\nS01\tauthor\tSmith, A.\nS01\tdoi\t10.1000/xyz\n@tags\nQ1\tpeer training\n")).workspace
        #expect(workspace.study("S01")?.authors == ["Smith, A."] && workspace.study("S01")?.doi == "10.1000/xyz")
        #expect(workspace.quote(1)?.tags == ["peer training"])
    }

    @Test(arguments: [
        ("@bibliography\nS09\tauthor\tX\n", 11, 1, "reference of unknown study 'S09'"),
        ("@bibliography\nS01\tcolour\tred\n", 11, 5, "unknown bibliography field 'colour'"),
        ("@bibliography\nS01\tdoi\tnot a doi\n", 11, 9, "'not a doi' is not a doi"),
        ("@bibliography\nS01\ttitle\tA\nS01\ttitle\tB\n", 12, 5, "title appears twice for this study"),
        ("@bibliography\nS01\tscreening\t{oops\n", 11, 15, "screening must be the json the writer writes"),
        ("@tags\nQ2\tpeer training\n", 11, 1, "tag of unknown quote 'Q2'"),
        ("@tags\nQ1\tpeer training\nQ1\tPeer Training\n", 12, 4, "quote Q1 has tag 'Peer Training' twice"),
        ("@tags\nQ1\t peer\n", 11, 4, "tag ' peer' starts or ends with a space"),
        ("@tags\nQ1\tpeer\textra\n", 11, 9, "expected 2 tab-separated fields (quote and tag); found 3"),
    ])
    func badLinesAreLocated(_ section: String, _ line: Int, _ column: Int, _ message: String) {
        do {
            _ = try SnapshotReader.decode(Self.snapshot(section), path: "x.snapshot")
            Issue.record("accepted: \(section)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func versionTwoFilesCannotHaveTheNewSections() {
        #expect(throws: FileError.self) { try SnapshotReader.decode(Self.snapshot("@tags\nQ1\tpeer\n", version: 2)) }
    }
}
