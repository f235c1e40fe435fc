import Foundation
import Testing
@testable import ReviewShell

/// Every `.review` script in Tests/ReviewShellTests/Golden runs through the shell and must print exactly
/// the `.out` file beside it (width 100, no colour). Re-record with REVIEW_RECORD_GOLDEN=1 (that run fails; run again).
@Suite struct GoldenTranscriptTests {
    static let scripts: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TranscriptRunner.goldenDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".review") }.sorted()
    }()

    @Test func goldenScriptsExist() {
        #expect(Self.scripts.count >= 10, "expected the golden transcript scripts in \(TranscriptRunner.goldenDirectory.path)")
    }

    @Test(arguments: scripts)
    func transcript(_ name: String) throws {
        let url = TranscriptRunner.goldenDirectory.appendingPathComponent(name)
        let script = try String(contentsOf: url, encoding: .utf8)
        // Relative file names in the scripts resolve against the golden directory (ShellOptions.workingDirectory).
        let actual = try TranscriptRunner.run(script: script, file: name)
        let golden = url.deletingPathExtension().appendingPathExtension("out")
        if let difference = TranscriptRunner.compare(actual, golden: golden) {
            Issue.record(Comment(rawValue: difference))
        }
    }
}
