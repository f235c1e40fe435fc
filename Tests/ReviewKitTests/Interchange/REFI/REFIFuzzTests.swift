import Foundation
import Testing
@testable import ReviewKit

/// Mutated REFI-QDA files never crash: each either reads, and its import plan applies cleanly, or fails with a
/// located error.
@Suite struct REFIFuzzTests {
    @Test func mutatedProjectsReadAndApplyOrFailLocated() throws {
        let seeds = try ["handmade", "atlas-like"].map { name in
            try [UInt8](Data(contentsOf: REFIFixture.folder.appendingPathComponent(name).appendingPathComponent("project.qde")))
        }
        let sources = try ["handmade", "atlas-like"].map { name -> [String: [UInt8]] in
            let folder = REFIFixture.folder.appendingPathComponent(name).appendingPathComponent("sources")
            var files: [String: [UInt8]] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files[file] = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            }
            return files
        }
        let fragments = ["<Code guid=\"x\" name=\"Barrier\" isCodable=\"true\">", "</Code>", "startPosition=\"-3\"", "endPosition=\"99999999\"",
                         "<!ENTITY", "&amp;", "&bogus;", "\"", "<", ">", "<![CDATA[", "Knowledge", "targetGUID=\"nope\"", "\u{FEFF}", "\r\n"].map { Array($0.utf8) }
        let seed = try EmbeddedReview.load().workspace
        var rng = SplitMix64(seed: 99)
        var read = 0, failed = 0
        for round in 0..<160 {
            var bytes = seeds[round % 2]
            for _ in 0..<(1 + rng.next(below: 4)) {
                let position = bytes.isEmpty ? 0 : rng.next(below: bytes.count)
                // Mostly printable ASCII, so that most mutants stay UTF-8 and reach the parser and the importer.
                let ascii = UInt8(32 + rng.next(below: 95))
                switch rng.next(below: 9) {
                case 0, 1: if !bytes.isEmpty { bytes.removeSubrange(position..<min(bytes.count, position + 1 + rng.next(below: 8))) }
                case 2, 3: bytes.insert(ascii, at: position)
                case 4, 5: bytes.insert(contentsOf: fragments[rng.next(below: fragments.count)], at: position)
                case 6, 7: if !bytes.isEmpty { bytes[position] = ascii }
                default: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
            do {
                let project = try REFIProject(qde: bytes, path: "fuzz.qde")
                let archive = QDPXArchive(project: project, sources: sources[round % 2])
                for var workspace in [Workspace(), seed] {
                    let plan = REFIImport.plan(archive, into: workspace)
                    do {
                        try workspace.apply(plan.change)
                    } catch {
                        Issue.record("round \(round): the plan does not apply: \(error)")
                    }
                }
                _ = try QDPXArchive(bytes: archive.encoded())
                read += 1
            } catch {
                #expect(error.line != nil && error.path?.hasPrefix("fuzz.qde") == true, "\(error)")
                failed += 1
            }
        }
        #expect(read > 30 && failed > 30, "read \(read), failed \(failed)")
    }

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
