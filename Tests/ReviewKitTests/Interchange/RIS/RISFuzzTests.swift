import Testing
@testable import ReviewKit

/// Mutated RIS files never crash the reader: each either reads or fails with a located error.
@Suite struct RISFuzzTests {
    @Test func mutatedFilesReadOrFailLocated() throws {
        let seeds = try ["zotero-like.ris", "endnote-like.ris", "endnote-latin1.ris", "rayyan-like.ris"].map(RISFixture.bytes)
        let fragments: [[UInt8]] = [Array("TY  - ".utf8), Array("ER  -".utf8), Array("\r\n".utf8), Array("AU  - ".utf8), [0xFF, 0xFE],
                                    [0xEF, 0xBB, 0xBF], [0xC3], [0x00], Array("N1  - RAYYAN-INCLUSION: {\"".utf8), Array("=>[".utf8), [0x0D]]
        var rng = SplitMix64(seed: 2026)
        var read = 0, failed = 0
        for round in 0..<1200 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + rng.next(below: 6)) {
                let position = bytes.isEmpty ? 0 : rng.next(below: bytes.count)
                switch rng.next(below: 4) {
                case 0: if !bytes.isEmpty { bytes.remove(at: position) }
                case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
                case 2: bytes.insert(contentsOf: fragments[rng.next(below: fragments.count)], at: position)
                default: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
            do {
                let document = try RISReader.decode(bytes, path: "fuzz.ris")
                _ = RISWriter.encode(document.records)
                _ = RISImport.plan(document, into: Workspace())
                read += 1
            } catch {
                #expect(error.line != nil, "\(error)")
                #expect(error.path == "fuzz.ris")
                failed += 1
            }
        }
        #expect(read > 0 && failed > 0)
    }
}
