import Foundation
import Testing
@testable import ReviewKit

/// Deeply nested codebooks and damaged archives are refused with a located error. (Mutated projects are fuzzed
/// by the harness in Tests/ReviewFuzzTests, target `refi`.)
@Suite struct REFIFuzzTests {
    @Test func deepAndDamagedInputsAreRefused() throws {
        let deep = "<CodeBook><Codes>" + String(repeating: "<Code guid=\"a\" name=\"x\" isCodable=\"true\">", count: 300) + "</CodeBook>"
        let error = try #require(throws: FileError.self) { try REFICodebook(qdc: Array(deep.utf8), path: "deep.qdc") }
        #expect(error.message.contains("nested more than"), "\(error)")
        var rng = SplitMix64(seed: 5)
        let zip = try QDPXArchive(project: REFIProject(name: "p", sources: [.init(guid: "a", plainTextPath: "internal://a.txt")]),
                                  sources: ["a.txt": Array("hello".utf8)]).encoded()
        for _ in 0..<120 {
            var bytes = zip
            for _ in 0..<(1 + rng.next(below: 3)) { bytes[rng.next(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            do { _ = try QDPXArchive(bytes: bytes, path: "z.qdpx") } catch { #expect(error.path?.hasPrefix("z.qdpx") == true || error.path == nil, "\(error)") }
        }
    }
}
