import Foundation
import Testing
@testable import ReviewKit

/// Mutated snapshots: no crash, every refusal a located error, and every snapshot the reader accepts can
/// be written again and reads back the same (the reader and writer agree on every value).
///
/// A short seeded campaign runs with the tests; `REVIEW_FUZZ_ITERATIONS=100000` (and `REVIEW_FUZZ_SEED`)
/// runs a longer one. Most mutants get a fresh checksum, so the parser behind the checksum is what is fuzzed.
@Suite struct SnapshotFuzzTests {
    @Test func mutatedSnapshotsLoadOrFailWithALocatedError() throws {
        var generator = RandomWorkspace(seed: 16)
        let seeds = [SnapshotWriter.encode(try EmbeddedReview.load())]
            + (0..<6).map { SnapshotWriter.encode(generator.workspace(studies: 2 + $0, quotes: 5 * $0)) }
        var mutator = Mutator(seed: Mutator.seed(0x5EED_0016))
        let iterations = Mutator.iterations(default: 400)
        var accepted = 0, refused = 0
        for iteration in 0..<iterations {
            let seed = seeds[mutator.below(seeds.count)]
            var bytes = mutator.mutate(seed, donor: seeds[mutator.below(seeds.count)])
            if mutator.chance(85) { bytes = withFreshChecksum(bytes) }
            do {
                let snapshot = try SnapshotReader.decode(bytes, path: "fuzz.snapshot")
                accepted += 1
                // What loads can be saved (the writer's rules are the reader's) and reads back the same.
                try ValueRules.check(snapshot.workspace)
                let again = try SnapshotReader.decode(SnapshotWriter.encode(snapshot), path: "again.snapshot")
                let same = SnapshotWriter.encode(again) == SnapshotWriter.encode(snapshot)
                #expect(same, "iteration \(iteration): the re-encoded snapshot differs")
            } catch let error as FileError {
                refused += 1
                #expect(error.path == "fuzz.snapshot", "iteration \(iteration): \(error)")
                #expect(error.line != nil, "iteration \(iteration): no line in '\(error.message)'")
                #expect(!error.message.isEmpty && error.message.first?.isUppercase == false, "iteration \(iteration): \(error.message)")
            } catch {
                Issue.record("iteration \(iteration): \(error)")
            }
        }
        #expect(accepted + refused == iterations)
        #expect(refused > 0 && accepted > 0, "the mutations should produce both outcomes (accepted \(accepted), refused \(refused))")
        print("snapshot fuzz: \(iterations) inputs, \(accepted) accepted, \(refused) refused with a located error")
    }

    /// The bytes with their trailer replaced by the right checksum (or one added), so parsing gets past it.
    func withFreshChecksum(_ bytes: [UInt8]) -> [UInt8] {
        var body = bytes
        if let range = lastLine(of: body), String(decoding: body[range], as: UTF8.self).hasPrefix("checksum") {
            body.removeSubrange(range.lowerBound...)
        }
        if let last = body.last, last != 10 { body.append(10) }
        var start = 0
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        return body + Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(Array(body[start...]))))\n".utf8)
    }

    func lastLine(of bytes: [UInt8]) -> Range<Int>? {
        var end = bytes.count
        if end > 0 && bytes[end - 1] == 10 { end -= 1 }
        var start = end
        while start > 0 && bytes[start - 1] != 10 { start -= 1 }
        return start < end ? start..<end : nil
    }
}
