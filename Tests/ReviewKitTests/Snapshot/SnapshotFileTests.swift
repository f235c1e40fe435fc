import Foundation
import Testing
@testable import ReviewKit

@Suite struct SnapshotFileTests {
    @Test func randomWorkspacesRoundTripThroughAFile() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var generator = RandomWorkspace(seed: 0x5EED)
        for index in 0..<25 {
            let snapshot = generator.workspace(studies: 1 + index % 9, quotes: index * 7)
            let url = directory.appendingPathComponent("s\(index).snapshot")
            var fractions: [Double] = []
            let saved = try SnapshotFile.write(snapshot, to: url) { fractions.append($0) }
            let (loaded, info) = try SnapshotFile.load(from: url)
            expectSameWorkspace(snapshot.workspace, loaded.workspace)
            #expect(loaded.settings == snapshot.settings)
            #expect(loaded.notes == snapshot.notes)
            #expect(loaded.history == snapshot.history)
            #expect(info == saved)
            #expect(info.version == Snapshot.formatVersion)
            #expect(fractions.last == 1)
            #expect(fractions == fractions.sorted())
            // Deterministic: the same snapshot gives the same bytes, and they are the file's bytes.
            #expect(SnapshotWriter.encode(loaded) == (try AtomicFile.read(url)))
        }
    }

    @Test func checksumCanBeVerifiedWithZlibRules() throws {
        // The trailer is CRC-32 (zlib's) of every byte before the trailer line.
        let bytes = SnapshotWriter.encode(Snapshot(workspace: Workspace()))
        let text = String(decoding: bytes, as: UTF8.self)
        let trailerStart = text.range(of: "checksum crc32 ")!.lowerBound
        let body = Array(text[..<trailerStart].utf8)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the standard check value
        #expect(text.hasSuffix("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n"))
    }

    @Test func readsVersionOneAndTheSessionsFile() throws {
        // The embedded review was version 1 before; a version-1 file must still load the same.
        // Versions 1 and 2 have no @prisma section, so the flow the embedded review starts with is left out.
        var current = try EmbeddedReview.load()
        current.workspace.prisma = PRISMAFlow()
        var v1 = SnapshotWriter.encode(current)
        let text = String(decoding: v1, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] = "review-snapshot 1"
        lines.removeLast(2)  // "" after the final newline, and the old checksum
        var body = Array((lines.joined(separator: "\n") + "\n").utf8)
        body += Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n".utf8)
        v1 = body
        let (decoded, version, _) = try SnapshotReader.decodeWithInfo(v1, path: "v1.snapshot", progress: nil)
        #expect(version == 1)
        expectSameWorkspace(decoded.workspace, current.workspace)
    }

    @Test func versionOneKeepsItsOwnEscapingRules() throws {
        // In version 1, "\#" was not an escape: it read as a backslash and '#'; blank lines were skipped.
        var body = Array("review-snapshot 1\n@meta\nk\t\\#x\n@notes\n\nnote\n@end\n".utf8)
        body += Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n".utf8)
        let snapshot = try SnapshotReader.decode(body)
        #expect(snapshot.workspace.metadata["k"] == "\\#x")
        #expect(snapshot.notes == ["note"])
    }

    @Test func linesThatLookLikeCommentsOrSectionsSurvive() throws {
        var workspace = Workspace()
        workspace.metadata["#tag"] = "@x"
        workspace.metadata["@at"] = "#y"
        let snapshot = Snapshot(workspace: workspace, settings: ["#s": "v"], notes: ["# heading", "", "@end", "\\#"], history: ["", "#1"])
        let decoded = try SnapshotReader.decode(SnapshotWriter.encode(snapshot))
        #expect(decoded.workspace.metadata == workspace.metadata)
        #expect(decoded.settings == snapshot.settings)
        #expect(decoded.notes == snapshot.notes)
        #expect(decoded.history == snapshot.history)
    }

    // MARK: corruption

    func sample() -> [UInt8] {
        var generator = RandomWorkspace(seed: 7)
        return SnapshotWriter.encode(generator.workspace(studies: 4, quotes: 20))
    }

    @Test func truncationAtEveryOffsetIsAnError() {
        let bytes = sample()
        for length in 0..<bytes.count {
            #expect(throws: FileError.self, "truncated to \(length) of \(bytes.count) bytes") {
                try SnapshotReader.decode(Array(bytes[0..<length]), path: "t.snapshot")
            }
        }
    }

    @Test func everyFlippedBitIsAnError() {
        let bytes = sample()
        var generator = RandomWorkspace(seed: 99)
        // Every byte once with a random bit, plus each bit of the header and the trailer.
        var cases: [(Int, UInt8)] = (0..<bytes.count).map { ($0, UInt8(1) << UInt8(generator.below(8))) }
        for offset in Array(0..<20) + Array((bytes.count - 25)..<bytes.count) {
            for bit in 0..<8 { cases.append((offset, UInt8(1) << UInt8(bit))) }
        }
        for (offset, mask) in cases {
            var damaged = bytes
            damaged[offset] ^= mask
            #expect(throws: FileError.self, "byte \(offset) ^ \(mask)") { try SnapshotReader.decode(damaged, path: "f.snapshot") }
        }
    }

    @Test func headersThatAreNotOursAreNamed() throws {
        let cases: [(String, String)] = [
            ("", "empty"),
            ("PK\u{3}\u{4}binary", "not a review snapshot"),
            ("id,label\nS01,x\n", "not a review snapshot"),
            ("review-snapshot\n", "version number"),
            ("review-snapshot x\n", "version number"),
            ("review-snapshot 0\n", "version number"),
            ("review-snapshot 99\n@end\n", "newer review"),
        ]
        for (text, expected) in cases {
            let error = try #require(throws: FileError.self) { try SnapshotReader.decode(Array(text.utf8), path: "x.snapshot") }
            #expect(error.message.contains(expected), "\(text.debugDescription): \(error.message)")
            #expect(error.path == "x.snapshot")
            #expect(error.line == 1)
            #expect(error.message == error.message.lowercased(), "\(error.message)")
        }
    }

    /// Builds a snapshot from body text with a correct checksum, so the parser itself is exercised.
    func withChecksum(_ body: String) -> [UInt8] {
        var bytes = Array(body.utf8)
        bytes += Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(bytes)))\n".utf8)
        return bytes
    }

    @Test func parseErrorsNameLineAndColumn() throws {
        let header = "review-snapshot 2\n@studies\nS01\tA label\t\t\t\t\t\t\t\n"
        let cases: [(String, Int, Int, String)] = [
            (header + "S02\tB\t\tnineteen\t\t\t\t\t\n@end\n", 4, 8, "year must be a whole number"),
            (header + "S01\tB\t\t\t\t\t\t\t\n@end\n", 4, 1, "appears twice"),
            (header + "S 3\tB\t\t\t\t\t\t\t\n@end\n", 4, 1, "letters, digits"),
            (header + "S04\tB\t\t1700\t\t\t\t\t\n@end\n", 4, 8, "from 1800 to 2200"),
            (header + "@quotes\nQ1\tbarrier\tpsychological-capability\tknowledge\t\tS01\t\t\ttext\nQ1\t\t\t\t\t\t\t\tagain\n@end\n", 6, 1, "ascend"),
            (header + "@quotes\nQ1\tbarier\t\t\t\t\t\t\ttext\n@end\n", 5, 4, "unknown direction 'barier'"),
            (header + "@quotes\nQ1\t\t\t\t\tS09\t\t\ttext\n@end\n", 5, 8, "unknown study"),
            (header + "@quotes\nQ1\t\t\t\t\t\t\t\t   \n@end\n", 5, 11, "needs its text"),
            (header + "@quotes\nQ1\t\t\t\t\t\t\t\ttext\textra\n@end\n", 5, 16, "expected 9 tab-separated fields"),
            (header + "@subthemes\n99999999999\tbarrier\tpsychological-capability\tknowledge\t1\tx\n@end\n", 5, 1, "sub-theme id"),
            (header + "@quotes\nQ1\t\t\t\t99999999999\t\t\t\ttext\n@end\n", 5, 7, "unknown sub-theme"),
            (header + "@meta\nk\tv\nk\tw\n@end\n", 6, 1, "appears twice"),
            (header + "@meta\nk\tbad \\q escape\n@end\n", 5, 7, "unknown escape"),
            (header + "@bogus\n@end\n", 4, 1, "unknown section"),
            (header + "@end\nmore\n", 5, 1, "after '@end'"),
            (header, 3, 0, "no '@end'"),
        ]
        for (text, line, column, expected) in cases {
            let error = try #require(throws: FileError.self) { try SnapshotReader.decode(withChecksum(text), path: "p.snapshot") }
            #expect(error.message.contains(expected), "\(expected): got \(error.message)")
            #expect(error.line == line, "\(expected): line \(String(describing: error.line))")
            if column > 0 { #expect(error.column == column, "\(expected): column \(String(describing: error.column))") }
            #expect(error.description.hasPrefix("p.snapshot:\(line)"))
        }
    }

    @Test func invalidUTF8WithAValidChecksumIsNamed() throws {
        var body = Array("review-snapshot 2\n@meta\nkey\tva".utf8) + [0xFF, 0xFE] + Array("lue\n@end\n".utf8)
        body += Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n".utf8)
        let error = try #require(throws: FileError.self) { try SnapshotReader.decode(body, path: "u.snapshot") }
        #expect(error.message.contains("invalid UTF-8 byte 0xff"))
        #expect(error.line == 3)
        #expect(error.column == 7)
    }

    @Test func hugeLinesAreReportedWithoutCopyingThem() throws {
        let huge = String(repeating: "x", count: 200_000)
        let text = "review-snapshot 2\n@studies\nS01\t\(huge)\tbad\n@end\n"
        let error = try #require(throws: FileError.self) { try SnapshotReader.decode(withChecksum(text)) }
        #expect(error.line == 3)
        #expect(error.lineText == nil)
        #expect(error.message.contains("expected 9"))
        // A huge but valid quote loads.
        let snapshot = Snapshot(workspace: { var w = Workspace(); try! w.apply(.addQuote(Quote(id: 1, text: huge))); return w }())
        #expect(try SnapshotReader.decode(SnapshotWriter.encode(snapshot)).workspace.quote(1)?.text == huge)
    }

    @Test func largeSnapshotsVerifyBesideTheParse() throws {
        // Over 4 MiB the checksum runs on another thread; damage must still be caught and reported first.
        var generator = RandomWorkspace(seed: 3)
        var snapshot = generator.workspace(studies: 3, quotes: 0)
        let text = String(repeating: "lived experience ", count: 400)
        for id in 1...700 { try snapshot.workspace.apply(.addQuote(Quote(id: id, text: text))) }
        let bytes = SnapshotWriter.encode(snapshot)
        #expect(bytes.count > 4 << 20)
        expectSameWorkspace(try SnapshotReader.decode(bytes).workspace, snapshot.workspace)
        var damaged = bytes
        damaged[bytes.count / 2] = UInt8(ascii: "\t")  // also breaks the parse; the checksum error wins
        let error = try #require(throws: FileError.self) { try SnapshotReader.decode(damaged) }
        #expect(error.message.contains("checksum mismatch"))
    }

    // MARK: files

    @Test func readErrorsAreClearAndLowercase() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let missing = try #require(throws: FileError.self) { try SnapshotFile.read(from: directory.appendingPathComponent("nope.snapshot")) }
        #expect(missing.message == "cannot read: no such file")
        let folder = try #require(throws: FileError.self) { try SnapshotFile.read(from: directory) }
        #expect(folder.message.contains("is a directory"))
        #expect(AtomicFile.posixError(EACCES, display: "x", action: "cannot read").message == "cannot read: permission denied")
        if geteuid() != 0 {
            let locked = directory.appendingPathComponent("locked.snapshot")
            try SnapshotFile.write(Snapshot(workspace: Workspace()), to: locked)
            chmod(locked.path, 0)
            let denied = try #require(throws: FileError.self) { try SnapshotFile.read(from: locked) }
            #expect(denied.message == "cannot read: permission denied")
        }
        let relative = try #require(throws: FileError.self) { try SnapshotFile.read(from: URL(fileURLWithPath: "no-such-dir-\(getpid())/x.snapshot")) }
        #expect(relative.path == "no-such-dir-\(getpid())/x.snapshot")
        let device = try #require(throws: FileError.self) { try SnapshotFile.read(from: URL(fileURLWithPath: "/dev/null")) }
        #expect(device.message == "cannot read: it is a device (such as /dev/zero or /dev/null), not a file")
    }

    @Test func interruptedSavesKeepThePreviousSnapshot() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("review.snapshot")
        var generator = RandomWorkspace(seed: 11)
        let first = generator.workspace()
        try SnapshotFile.write(first, to: url)
        let before = try AtomicFile.read(url)
        let second = generator.workspace(studies: 3, quotes: 300)
        let points: [AtomicFile.FailurePoint] = [.create, .write(afterBytes: 0), .write(afterBytes: 1000), .write(afterBytes: 1 << 30), .sync, .rename]
        for point in points {
            #expect(throws: FileError.self, "\(point)") { try SnapshotFile.write(second, to: url, progress: nil, failingAt: point) }
            #expect(try AtomicFile.read(url) == before, "\(point): the old file must be untouched")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(leftovers == ["review.snapshot"], "\(point): temporary files must be removed, found \(leftovers)")
        }
        try SnapshotFile.write(second, to: url)
        expectSameWorkspace(try SnapshotFile.read(from: url).workspace, second.workspace)
    }

    @Test func savingIntoAMissingFolderOrOverAFolderFails() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let snapshot = Snapshot(workspace: Workspace())
        let noFolder = try #require(throws: FileError.self) {
            try SnapshotFile.write(snapshot, to: directory.appendingPathComponent("missing/x.snapshot"))
        }
        #expect(noFolder.message == "cannot save: the folder '\(directory.path)/missing' does not exist")
        let overFolder = try #require(throws: FileError.self) { try SnapshotFile.write(snapshot, to: directory) }
        #expect(overFolder.message.contains("is a directory"))
    }

    @Test func aFailedLoadLeavesTheWorkspaceAndFileUntouched() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("bad.snapshot")
        var bytes = SnapshotWriter.encode(try EmbeddedReview.load())
        bytes[bytes.count / 2] ^= 0x20
        try AtomicFile.write(bytes, to: url)
        var session = try EmbeddedReview.load()
        let before = session.workspace
        do { session = try SnapshotFile.read(from: url) } catch {}
        expectSameWorkspace(session.workspace, before)
        #expect(try AtomicFile.read(url) == bytes)
    }

    @Test func symbolicLinksAreFollowedAndPermissionsKept() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let real = directory.appendingPathComponent("real.snapshot"), link = directory.appendingPathComponent("link.snapshot")
        try SnapshotFile.write(Snapshot(workspace: Workspace()), to: real)
        chmod(real.path, 0o640)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        var generator = RandomWorkspace(seed: 5)
        let snapshot = generator.workspace()
        try SnapshotFile.write(snapshot, to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        expectSameWorkspace(try SnapshotFile.read(from: real).workspace, snapshot.workspace)
        let attributes = try FileManager.default.attributesOfItem(atPath: real.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
    }
}
