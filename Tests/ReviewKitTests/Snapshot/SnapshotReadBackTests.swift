import Foundation
import Testing
@testable import ReviewKit

/// The streaming save (issue 15): the snapshot is encoded in pieces to the temporary file and read back in
/// pieces before it replaces the old file; the bytes and the checks must be those of the whole-buffer path.
@Suite struct SnapshotReadBackTests {
    /// A random workspace with the awkward text the guide names, in quotes, pages and studies.
    func unicodeSnapshot(seed: UInt64, quotes: Int = 120) throws -> Snapshot {
        var generator = RandomWorkspace(seed: seed)
        var snapshot = generator.workspace(studies: 6, quotes: quotes)
        var id = (snapshot.workspace.quotes.ids.last.map(Int.init) ?? 0) + 1
        for text in ["Janoušková said “it’s fine” 🙂", "👩🏽‍⚕️ nurses\tand\\carers\n“curly”", "漢字 and é\u{301}", "x" + String(repeating: "ž🙂", count: 3000)] {
            var quote = Quote(id: id, text: text)
            quote.studyID = snapshot.workspace.studies.first?.id
            quote.page = "p. “\(id)”"
            try snapshot.workspace.apply(.addQuote(quote))
            id += 1
        }
        snapshot.notes.append("Janoušková’s note 🙂")
        return snapshot
    }

    func snapshots() throws -> [Snapshot] {
        [try EmbeddedReview.load(), Snapshot(workspace: Workspace()), try unicodeSnapshot(seed: 0xC0FFEE), try unicodeSnapshot(seed: 7, quotes: 400)]
    }

    // MARK: writing in pieces

    @Test func piecesJoinToTheWholeBufferEncoding() throws {
        for snapshot in try snapshots() {
            let whole = SnapshotWriter.encode(snapshot)
            for chunkSize in [1, 7, 100, 4096, 1 << 20] {
                var joined: [UInt8] = []
                var crc = CRC32()
                var pieces = 0
                let last = try SnapshotWriter.stream(snapshot, chunkSize: chunkSize, progress: nil) { (piece) throws(FileError) in
                    joined.append(contentsOf: piece)
                    crc.update(piece)
                    pieces += 1
                }
                joined += last
                #expect(joined == whole, "chunk size \(chunkSize)")
                if chunkSize == 1 && snapshot.workspace.quotes.count > 1 { #expect(pieces >= snapshot.workspace.quotes.count - 1) }
                // The trailer is the CRC-32 of the pieces that came before it (zlib's CRC, checked in SnapshotFileTests).
                let body = Array(whole[..<(whole.count - 24)])
                #expect(SnapshotFile.trailerChecksum(whole) == CRC32.checksum(body))
            }
        }
    }

    @Test func aVerifiedSaveWritesTheWholeBufferBytesWhateverThePieceSizes() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        for (index, snapshot) in try snapshots().enumerated() {
            let whole = SnapshotWriter.encode(snapshot)
            // Reads of 1, 2 and 3 bytes end inside every multi-byte character at some point; tiny batches make a
            // batch of every quote line.
            for (readSize, batchBytes) in [(1, 1), (2, 64), (3, 1), (5, 1000), (4096, 1), (1 << 20, 4 << 20)] {
                let url = directory.appendingPathComponent("s\(index).snapshot")
                var fractions: [Double] = []
                let saved = try SnapshotFile.writeVerified(snapshot, to: url, progress: { fractions.append($0) }, failingAt: nil,
                                                           readSize: readSize, batchBytes: batchBytes, headMultiple: batchBytes < 4 << 20 ? 0 : 8)
                #expect(try AtomicFile.read(url) == whole, "read \(readSize), batch \(batchBytes)")
                #expect(saved.info == SnapshotFile.Info(version: Snapshot.formatVersion, checksum: SnapshotFile.trailerChecksum(whole), byteCount: whole.count))
                #expect(fractions == fractions.sorted() && fractions.last == 1)
                expectSameWorkspace(try SnapshotFile.read(from: url).workspace, snapshot.workspace)
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
                #expect(leftovers.isEmpty)
            }
        }
    }

    @Test func aFailureHalfWayKeepsTheOldFile() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("review.snapshot")
        _ = try SnapshotFile.writeVerified(try EmbeddedReview.load(), to: url)
        let before = try AtomicFile.read(url)
        let snapshot = try unicodeSnapshot(seed: 99, quotes: 600)
        let size = SnapshotWriter.encode(snapshot).count
        // The write stops half-way, as on a full disk; then the flush; then the rename.
        for point in [AtomicFile.FailurePoint.write(afterBytes: size / 2), .write(afterBytes: 1), .sync, .rename] {
            #expect(throws: FileError.self, "\(point)") {
                try SnapshotFile.writeVerified(snapshot, to: url, progress: nil, failingAt: point, readSize: 1000)
            }
            #expect(try AtomicFile.read(url) == before, "\(point): the old file must be untouched")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["review.snapshot"], "\(point)")
        }
    }

    @Test func aReadBackThatFailsKeepsTheOldFile() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("review.snapshot")
        _ = try SnapshotFile.writeVerified(try EmbeddedReview.load(), to: url)
        let before = try AtomicFile.read(url)
        let snapshot = try unicodeSnapshot(seed: 5, quotes: 300)
        // The file is checked against a workspace whose last quote differs (as if the writer had dropped a byte).
        var other = snapshot
        let lastID = Int(other.workspace.quotes.ids.last!)
        var changed = other.workspace.quote(lastID)!
        changed.text = "Janoušková 🙂"
        try other.workspace.apply(.updateQuote(changed))
        let error = try #require(throws: FileError.self) {
            try SnapshotFile.write(snapshot, to: url, progress: nil, failingAt: nil) { (fd, display, written) throws(FileError) in
                var readBack = SnapshotReadBack(snapshot: other, display: display, expected: written)
                readBack.readSize = 777
                readBack.batchBytes = 5000
                readBack.headMultiple = 0
                _ = try readBack.check(fd)
            }
        }
        #expect(error.message == "the saved file does not load back: quote Q\(lastID) reads back differently from the workspace (its text)")
        // Or the checksum it expects is not the one in the file.
        let changedBehind = try #require(throws: FileError.self) {
            try SnapshotFile.write(snapshot, to: url, progress: nil, failingAt: nil) { (fd, display, written) throws(FileError) in
                var expected = written
                expected.checksum ^= 1
                _ = try SnapshotReadBack(snapshot: snapshot, display: display, expected: expected).check(fd)
            }
        }
        #expect(changedBehind.message.hasPrefix("the saved file changed before it could be checked"))
        #expect(try AtomicFile.read(url) == before, "the old file must be untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["review.snapshot"])
    }

    @Test func aSaveToADeviceIsWrittenButNotVerified() throws {
        let error = try #require(throws: FileError.self) { try SnapshotFile.writeVerified(try EmbeddedReview.load(), to: URL(fileURLWithPath: "/dev/null")) }
        #expect(error.message == "saved, but it is not a regular file, so the save could not be read back to check it")
    }

    // MARK: the checks, against the reader's

    /// Checks `bytes` (in a file) against `snapshot` the way a save does.
    func readBack(_ bytes: [UInt8], of snapshot: Snapshot, readSize: Int, batchBytes: Int,
                  expected: SnapshotFile.Info? = nil) throws(FileError) -> SnapshotFile.Info {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("r.snapshot")
        try AtomicFile.write(bytes, to: url)
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        var check = SnapshotReadBack(snapshot: snapshot, display: "r.snapshot",
                                     expected: expected ?? SnapshotFile.Info(version: 3, checksum: SnapshotFile.trailerChecksum(bytes), byteCount: bytes.count))
        check.readSize = readSize
        check.batchBytes = batchBytes
        check.headMultiple = 0
        return try check.check(fd)
    }

    /// `text` with its trailer made right again, so that only the reader's line checks can object.
    func rechecksummed(_ bytes: [UInt8]) -> [UInt8] {
        let body = Array(bytes[..<(bytes.count - 24)])
        return body + Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n".utf8)
    }

    func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let range = text.range(of: old)!
        return rechecksummed(Array(text.replacingCharacters(in: range, with: new).utf8))
    }

    @Test func damageIsReportedWhereAndAsTheReaderReportsIt() throws {
        var snapshot = try unicodeSnapshot(seed: 21, quotes: 300)
        var tagged = snapshot.workspace.quote(atRow: 3)
        tagged.tags = ["peer-support"]
        try snapshot.workspace.apply(.updateQuote(tagged))
        let good = SnapshotWriter.encode(snapshot)
        let q = snapshot.workspace.quotes
        let middle = q.count / 2
        let middleLine = "\nQ\(q.ids[middle])\t"
        var damaged: [(String, [UInt8])] = [
            ("unknown direction", replacing(middleLine + (q.directions[middle] == 0 ? "" : Direction(rawValue: q.directions[middle])!.slug), with: middleLine + "sideways", in: good)),
            ("unknown study", replacing("\t" + snapshot.workspace.studies[0].id + "\t", with: "\tNO-SUCH-STUDY\t", in: good)),
            ("too few fields", replacing(middleLine, with: "\nQ\(q.ids[middle])", in: good)),
            ("tag of an unknown quote", replacing("\nQ\(q.ids[3])\tpeer-support", with: "\nQ999999\tpeer-support", in: good)),
            ("bad escape in a note", replacing("Janoušková’s note", with: "Janoušková\\q", in: good)),
            ("truncated", Array(good[..<(good.count - 5)])),
            ("no @end", replacing("@end\n", with: "", in: good)),
        ]
        var flipped = good
        flipped[good.count / 3] ^= 0x01
        damaged.append(("flipped bit", flipped))
        // Invalid UTF-8 inside a quote, with a checksum that covers it.
        let emoji = Array("🙂".utf8)
        let at = try #require((good.count / 2..<good.count).first { good[$0...].starts(with: emoji) })
        var invalid = good
        invalid[at + 1] = 0x41
        damaged.append(("invalid UTF-8", rechecksummed(invalid)))

        for (name, bytes) in damaged {
            let reader = try #require(throws: FileError.self, "\(name)") { try SnapshotReader.decode(bytes, path: "r.snapshot") }
            for (readSize, batchBytes) in [(3, 1), (4096, 700), (1 << 20, 4 << 20)] {
                let error = try #require(throws: FileError.self, "\(name)") {
                    try readBack(bytes, of: snapshot, readSize: readSize, batchBytes: batchBytes,
                                 expected: SnapshotFile.Info(version: 3, checksum: SnapshotFile.trailerChecksum(bytes), byteCount: bytes.count))
                }
                #expect(error.message == "the saved file does not load back: " + reader.message, "\(name), read \(readSize), batch \(batchBytes)")
                #expect(error.line == reader.line, "\(name), read \(readSize), batch \(batchBytes)")
                if name != "invalid UTF-8" && name != "truncated" {
                    #expect(error.column == reader.column, "\(name), read \(readSize), batch \(batchBytes)")
                }
            }
        }
        // Undamaged, it reads back with the writer's checksum and size.
        let info = try readBack(good, of: snapshot, readSize: 999, batchBytes: 4000)
        #expect(info == SnapshotFile.Info(version: 3, checksum: SnapshotFile.trailerChecksum(good), byteCount: good.count))
    }

    @Test func quotesOutOfOrderAcrossBatchesAreCaught() throws {
        let snapshot = try unicodeSnapshot(seed: 3, quotes: 50)
        let text = String(decoding: SnapshotWriter.encode(snapshot), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("Q") })
        lines.swapAt(first + 10, first + 11)
        let bytes = rechecksummed(Array(lines.joined(separator: "\n").utf8))
        #expect(throws: FileError.self) { try SnapshotReader.decode(bytes) }
        for batchBytes in [1, 1 << 20] {
            let error = try #require(throws: FileError.self) { try readBack(bytes, of: snapshot, readSize: 64, batchBytes: batchBytes) }
            // In one batch the reader's own rule speaks; across batches the row no longer matches the workspace's.
            #expect(error.message.contains(batchBytes == 1 ? "quote Q\(snapshot.workspace.quotes.ids[11]) reads back differently from the workspace (its id"
                                                          : "quote ids must ascend"), "\(error)")
        }
    }

    // MARK: UTF-8 in pieces

    @Test func utf8InPiecesAgreesWithTheWholeBufferValidator() {
        var generator = RandomWorkspace(seed: 0xBAD)
        let samples: [[UInt8]] = [Array("Janoušková “quoted” 🙂👩🏽‍⚕️ 漢".utf8), [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                  [0xE2, 0x80], [0x41, 0xF0, 0x9F, 0x99], [0x80], [0xF0, 0x9F, 0x99, 0x82, 0xFF]]
        var cases = samples
        for _ in 0..<300 {
            var bytes = Array(generator.text(12).utf8)
            if generator.chance(0.5), !bytes.isEmpty { bytes[generator.below(bytes.count)] = UInt8(truncatingIfNeeded: generator.next()) }
            if generator.chance(0.3), !bytes.isEmpty { bytes.removeLast(1 + generator.below(min(3, bytes.count))) }
            cases.append(bytes)
        }
        for bytes in cases {
            let whole = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
            // Swift's own decoder is the independent judge of validity.
            #expect((whole == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            for pieceSize in [1, 2, 3, 5] {
                var stream = UTF8Stream()
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + pieceSize)
                    bytes.withUnsafeBufferPointer { stream.feed(UnsafeBufferPointer(rebasing: $0[start..<end])) }
                    start = end
                }
                stream.finish()
                #expect(stream.invalidOffset == whole, "\(bytes) in pieces of \(pieceSize)")
            }
        }
    }
}
