import Foundation
import Testing
@testable import ReviewKit

/// Plain-text renderings of every explanation, compared with files in Golden/.
///
/// Run with `REVIEW_RECORD_GOLDEN=1` to write the files after a deliberate change (that run fails, so the new
/// files are reviewed); otherwise a mismatch fails with the first differing lines.
@Suite("Teaching: golden text")
struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["REVIEW_RECORD_GOLDEN"] == "1"

    /// (file name, term, mapping): every topic under the seed mapping, and the overview and the domains whose
    /// placement differs under the standard mapping.
    static let cases: [(String, String, DomainMapping)] = {
        var cases: [(String, String, DomainMapping)] = []
        for topic in ExplainTopic.all {
            let name = topic.term.isEmpty ? "overview" : topic.term.replacingOccurrences(of: " ", with: "-")
            cases.append((name, topic.term, .seed))
        }
        let standard: [(String, String)] = [("overview", ""), ("skills", "skills"), ("social-professional-role-identity", "spri"),
                                            ("optimism", "optimism"), ("automatic-motivation", "automatic-motivation"), ("mapping", "mapping")]
        for (name, term) in standard { cases.append((name + ".standard", term, .standard)) }
        return cases
    }()

    @Test("every explanation renders as its golden text at width 80", arguments: cases.map { $0.0 })
    func golden(name: String) throws {
        let (_, term, mapping) = Self.cases.first { $0.0 == name }!
        let text = try Explainer(workspace: TeachingFixtures.workspace, mapping: mapping).explain(term).plainText(width: 80)
        try Self.check(text, against: name)
    }

    @Test("tutorial steps and a finished quiz render as their golden text")
    func goldenTutorialAndQuiz() throws {
        for step in Tutorial.steps {
            try Self.check(step.explanation(for: TeachingFixtures.workspace).plainText(width: 80), against: "tutorial-\(step.number)")
        }
        var quiz = try QuizSession(workspace: TeachingFixtures.workspace, count: 2, seed: 7)
        var transcript = ""
        for answer in ["psych", "skills", "reflective", "beliefs about consequences"] {
            if let question = quiz.current, quiz.stage == .component { transcript += question.explanation.plainText(width: 80) + "\n" }
            switch quiz.answer(answer) {
            case .correct(let verdict), .wrong(let verdict), .skipped(let verdict):
                let rendered: String = verdict.explanation.plainText(width: 80)
                transcript += rendered + "\n"
            case .retry(let message, let suggestions): transcript += "retry: \(message) [\(suggestions.joined(separator: ", "))]\n\n"
            case .hint(let hint): transcript += "hint: \(hint)\n\n"
            case .finished(let score): transcript += score.summary + "\n\n"
            }
        }
        transcript += quiz.score.explanation.plainText(width: 80)
        try Self.check(transcript, against: "quiz-seed-7")
    }

    static func check(_ text: String, against name: String) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        if recording {
            // The run that records fails, so a re-recorded file is always reviewed before it is trusted.
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded Golden/\(name).txt; review the diff and run the tests again without REVIEW_RECORD_GOLDEN")
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(name).txt; run the tests with REVIEW_RECORD_GOLDEN=1 to record it")
            return
        }
        guard expected != text else { return }
        let difference = diff(expected, text)
        Issue.record("\(name).txt differs from the rendering (re-record with REVIEW_RECORD_GOLDEN=1 if the change is intended):\n\(difference)")
    }

    /// The first few differing lines, as "-expected" / "+actual" with line numbers.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for line in 0..<max(a.count, b.count) where out.count < 24 {
            let left = line < a.count ? a[line] : nil, right = line < b.count ? b[line] : nil
            guard left != right else { continue }
            if let left { out.append("\(line + 1)- \(left)") }
            if let right { out.append("\(line + 1)+ \(right)") }
        }
        return out.joined(separator: "\n")
    }
}
