import Foundation
import Testing
@testable import ReviewKit

/// The snapshot reader and writer agree on every value (issue 16): what saves, loads; what the reader
/// refuses, the writer never writes; a BOM is tolerated as docs/formats.md says; settings errors are located.
@Suite struct SnapshotRulesTests {
    /// A snapshot file's bytes with `body` lines between the header and the checksum.
    func file(_ body: String, version: Int = 2) -> [UInt8] {
        var bytes = Array("review-snapshot \(version)\n\(body)".utf8)
        bytes += Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(bytes)))\n".utf8)
        return bytes
    }

    @Test func aByteOrderMarkIsToleratedAndLeftOutOfTheChecksum() throws {
        let bytes = SnapshotWriter.encode(try EmbeddedReview.load())
        let withMark = [0xEF, 0xBB, 0xBF] + bytes
        let (plain, _, plainSum) = try SnapshotReader.decodeWithInfo(bytes, progress: nil)
        let (marked, version, markedSum) = try SnapshotReader.decodeWithInfo(withMark, path: "bom.snapshot", progress: nil)
        #expect(version == Snapshot.formatVersion)
        #expect(markedSum == plainSum)
        expectSameWorkspace(marked.workspace, plain.workspace)
        // Written back, the mark is gone and the bytes are the writer's.
        #expect(SnapshotWriter.encode(marked) == bytes)
        // A changed byte after a BOM is still caught.
        var damaged = withMark
        damaged[200] ^= 0x01
        let error = try #require(throws: FileError.self) { try SnapshotReader.decode(damaged, path: "bom.snapshot") }
        #expect(error.message.contains("checksum mismatch"))
    }

    @Test func valuesOutsideTheirRuleAreRefusedByTheReader() throws {
        let studies = "@studies\n"
        let themes = "@subthemes\n"
        let cases: [(String, Int, Int, String)] = [
            (studies + "S1\tA\t2147483648\t\t\t\t\t\t\n@end\n", 3, 6, "reference must be a whole number from 1 to 2147483647; got '2147483648'"),
            (studies + "S1\tA\t0\t\t\t\t\t\t\n@end\n", 3, 6, "reference must be a whole number from 1 to 2147483647; got '0'"),
            (studies + "S1\tA\t\t\t\t\t\t\t9223372036854775807\n@end\n", 3, 12, "participants must be a whole number from 0 to 2147483647"),
            (studies + "S1\tA\t\t1700\t\t\t\t\t\n@end\n", 3, 7, "year must be a whole number from 1800 to 2200; got '1700'"),
            (themes + "1\tbarrier\tphysical-opportunity\tknowledge\t2147483648\tx\n@end\n", 3, 42, "sub-theme number must be a whole number from 1 to 2147483647"),
            (themes + "2147483648\tbarrier\tphysical-opportunity\tknowledge\t1\tx\n@end\n", 3, 1, "sub-theme id must be a whole number"),
            (themes + "1\tbarrier\tphysical-opportunity\tknowledge\t1\tx\n1\tbarrier\tphysical-opportunity\tknowledge\t2\ty\n@end\n", 4, 1, "sub-theme id 1 appears twice"),
            ("@quotes\nQ2147483648\t\t\t\t\t\t\t\tx\n@end\n", 3, 1, "quote id must be Q followed by a whole number from 1 to 2147483647"),
            ("@quotes\nQ1\t\t\t\t\t\t0\t\tx\n@end\n", 3, 9, "reference must be a whole number from 1 to 2147483647; got '0'"),
        ]
        for (body, line, column, message) in cases {
            let error = try #require(throws: FileError.self, "\(message)") { try SnapshotReader.decode(file(body), path: "x.snapshot") }
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.line == line && error.column == column, "\(message): \(error) \(String(describing: error.column))")
        }
    }

    @Test func whatTheWriterCannotWriteSafelyIsRefusedBeforeTheOldFileIsTouched() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("t.snapshot")
        let good = try EmbeddedReview.load()
        try SnapshotFile.write(good, to: url)
        let before = try AtomicFile.read(url)
        for study in [Study(id: "A1", label: "A", reference: 2_147_483_648), Study(id: "A1", label: "A", participants: 9_223_372_036_854_775_807),
                      Study(id: "A1", label: "A", reference: 0)] {
            var snapshot = good
            snapshot.workspace.studies.append(study)  // as an editing command that skipped the rule would
            let error = try #require(throws: FileError.self) { try SnapshotFile.write(snapshot, to: url) }
            #expect(error.message.hasPrefix("cannot save: study A1: "), "\(error)")
            #expect(error.message.hasSuffix("a snapshot with it would not load again"))
            #expect(try AtomicFile.read(url) == before)
        }
        var snapshot = good
        snapshot.workspace.subThemes.append(SubTheme(id: 999, direction: .barrier, component: .physicalOpportunity,
                                                     domain: .knowledge, number: 2_147_483_648, label: "x"))
        #expect(throws: FileError.self) { try SnapshotFile.write(snapshot, to: url) }
        #expect(try AtomicFile.read(url) == before)
    }

    @Test func everyValueTheRulesAllowRoundTrips() throws {
        var workspace = Workspace()
        try workspace.apply(.addStudy(Study(id: "S1", label: "Edge", reference: ValueRules.largestNumber, year: 2200, participants: ValueRules.largestNumber), at: nil))
        try workspace.apply(.addStudy(Study(id: "S2", label: "Low", reference: 1, year: 1800, participants: 0), at: nil))
        try workspace.apply(.addSubTheme(SubTheme(id: ValueRules.largestNumber, direction: .facilitator, component: .reflectiveMotivation,
                                                  domain: .goals, number: ValueRules.largestNumber, label: "max"), at: nil))
        try workspace.apply(.addQuote(Quote(id: ValueRules.largestNumber, text: "last", direction: .facilitator, component: .reflectiveMotivation,
                                            domain: .goals, subTheme: ValueRules.largestNumber, studyID: "S1", reference: ValueRules.largestNumber)))
        let decoded = try SnapshotReader.decode(SnapshotWriter.encode(Snapshot(workspace: workspace)))
        expectSameWorkspace(decoded.workspace, workspace)
    }

    @Test func settingErrorsNameTheFileAndLine() throws {
        let bytes = file("@meta\n@settings\nformat\ttable\nwidth\tninety\n@end\n")
        let snapshot = try SnapshotReader.decode(bytes, path: "s.snapshot")
        #expect(snapshot.settingLines == ["format": 4, "width": 5])
        let error = snapshot.settingError("width", "width must be a number from 40 to 400")
        #expect(error.path == "s.snapshot" && error.line == 5 && error.column == 7)
        #expect(error.description == "s.snapshot:5:7: setting 'width': width must be a number from 40 to 400")
        #expect(error.lineText == "width\tninety")
        // A snapshot made in memory has no lines to point at, but the message still names the setting.
        #expect(Snapshot(workspace: Workspace()).settingError("pager", "bad").description == "<input>: setting 'pager': bad")
    }
}
