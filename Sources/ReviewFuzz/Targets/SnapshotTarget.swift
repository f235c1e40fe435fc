import ReviewKit

/// Mutated snapshots: no crash, every refusal a located lowercase error naming the file, and every snapshot
/// the reader accepts can be written again and reads back the same (the reader and writer agree on every value).
///
/// Most mutants get a fresh checksum, so the parser behind the checksum is what is fuzzed.
public final class SnapshotTarget: FuzzTarget {
    public let name = "snapshot"
    let seeds: [[UInt8]]

    /// A target seeded with the embedded review and a workspace of awkward text.
    public init() throws {
        let embedded = try EmbeddedReview.load()
        seeds = [SnapshotWriter.encode(embedded), SnapshotWriter.encode(FuzzWorkspaces.awkward(embedded.workspace))]
    }

    public func generate(_ mutator: inout Mutator) -> [UInt8] {
        let bytes = mutator.mutate(mutator.pick(seeds), donor: mutator.pick(seeds))
        return mutator.chance(85) ? Self.withFreshChecksum(bytes) : bytes
    }

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotReader.decode(input, path: "fuzz.snapshot")
        } catch {
            if error.path != "fuzz.snapshot" { return .finding("a refusal that does not name the file: \(error)") }
            if error.line == nil { return .finding("a refusal without a line: \(error.message)") }
            if let problem = FuzzRules.messageProblem(error.message) { return .finding(problem) }
            return .refused
        }
        // What loads can be saved (the writer's rules are the reader's) and reads back the same.
        do throws(ReviewError) { try ValueRules.check(snapshot.workspace) } catch {
            return .finding("a snapshot that loads but could not be saved: \(error.message)")
        }
        let encoded = SnapshotWriter.encode(snapshot)
        do {
            let again = try SnapshotReader.decode(encoded, path: "again.snapshot")
            if SnapshotWriter.encode(again) != encoded { return .finding("the re-encoded snapshot differs") }
        } catch {
            return .finding("a snapshot that loads, saved, does not load again: \(error)")
        }
        return .accepted
    }

    /// The bytes with their trailer replaced by the right checksum (or one added), so parsing gets past it.
    static func withFreshChecksum(_ bytes: [UInt8]) -> [UInt8] {
        var body = bytes
        if let range = lastLine(of: body), String(decoding: body[range], as: UTF8.self).hasPrefix("checksum") {
            body.removeSubrange(range.lowerBound...)
        }
        if let last = body.last, last != 10 { body.append(10) }
        let start = body.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let digits = String(CRC32.checksum(Array(body[start...])), radix: 16)
        return body + Array("checksum crc32 \(String(repeating: "0", count: 8 - digits.count) + digits)\n".utf8)
    }

    static func lastLine(of bytes: [UInt8]) -> Range<Int>? {
        var end = bytes.count
        if end > 0 && bytes[end - 1] == 10 { end -= 1 }
        var start = end
        while start > 0 && bytes[start - 1] != 10 { start -= 1 }
        return start < end ? start..<end : nil
    }
}
