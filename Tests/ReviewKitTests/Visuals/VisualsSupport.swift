import Foundation
import Testing
@testable import ReviewKit

/// Shared fixtures for the Visuals tests: the embedded review, the repository's docs/figures folder,
/// and facts copied from the seed review into Fixtures/ (tests never read outside the repository).
enum VisualsFixtures {
    static let snapshot = try! EmbeddedReview.load()
    static var workspace: Workspace { snapshot.workspace }

    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    static let figures = repository.appendingPathComponent("docs/figures")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Lines of a tab-separated fixture, without its `#` comment lines.
    static func table(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Table 2 of the seed: label, the ten scores, the printed total.
    static var table2: [(label: String, scores: [Double], total: Double)] {
        try! table("table2.tsv").map { ($0[0], $0[1...10].map { Double($0)! }, Double($0[11])!) }
    }

    /// Tables 3 and 4 of the seed: one row per sub-theme.
    static var subThemeRows: [(direction: String, comb: String, tdf: String, number: Int, label: String)] {
        try! table("tables3-4.tsv").map { ($0[0], $0[1], $0[2], Int($0[3])!, $0[4]) }
    }

    static let recording = ProcessInfo.processInfo.environment["REVIEW_RECORD_GOLDEN"] == "1"

    /// Compares `text` with the golden file docs/figures/`name` (writes it under REVIEW_RECORD_GOLDEN=1).
    static func checkGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try checkGolden(text, at: figures.appendingPathComponent(name), sourceLocation: sourceLocation)
    }

    /// Compares `text` with the golden file at `url` (writes it under REVIEW_RECORD_GOLDEN=1).
    static func checkGolden(_ text: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let name = url.path.replacingOccurrences(of: repository.path + "/", with: "")
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with REVIEW_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if golden != text {
            let a = golden.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs at line \(line + 1):\n golden: \(line < a.count ? a[line] : "<end>")\n actual: \(line < b.count ? b[line] : "<end>")",
                         sourceLocation: sourceLocation)
        }
    }

    /// Text with ANSI SGR sequences removed.
    static func strippingColour(_ text: String) -> String {
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if c == "\u{1B}" {
                while let d = iterator.next(), d != "m" {}
            } else {
                out.append(c)
            }
        }
        return out
    }
}
