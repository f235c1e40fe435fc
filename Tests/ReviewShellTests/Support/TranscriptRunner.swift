import Foundation
@testable import ReviewShell
import ReviewKit

/// Runs a script through the real shell loop and returns the session as a reviewer would see it:
/// each command after its prompt, then what it printed (results and errors in order), then the exit status.
enum TranscriptRunner {
    static func run(script: String, file: String, width: Int = 100, keepGoing: Bool = true, session: Session? = nil) throws -> String {
        let session = try session ?? Session.embedded()
        session.settings.width = width
        session.settings.colour = false
        let output = BufferedOutput()
        let input = EchoingLineSource(text: script, output: output)
        var options = ShellOptions()
        options.keepGoing = keepGoing
        options.workingDirectory = goldenDirectory.path
        let shell = Shell(session: session, input: input, output: output, options: options)
        let status = shell.runLoop(file: file)
        return output.transcript + "[exit status \(status)]\n"
    }

    /// Where golden files live.
    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Whether to re-record golden files instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["REVIEW_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with a golden file and returns a message describing the first difference; when recording,
    /// writes the file and returns a message anyway, so the recording run fails.
    static func compare(_ actual: String, golden url: URL) -> String? {
        if recording {
            // Recording is never a pass: the run that writes the file fails, so a re-recorded transcript is
            // always looked at (as swift-argument-parser's snapshot tests do).
            do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch { return "cannot record \(url.lastPathComponent): \(error)" }
            return "recorded \(url.lastPathComponent); review the diff and run the tests again without REVIEW_RECORD_GOLDEN"
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing golden file \(url.lastPathComponent); run with REVIEW_RECORD_GOLDEN=1 to record it"
        }
        guard expected != actual else { return nil }
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) where (index < a.count ? a[index] : "<end>") != (index < e.count ? e[index] : "<end>") {
            return "\(url.lastPathComponent):\(index + 1) differs\n  expected: \(index < e.count ? e[index] : "<end>")\n  actual:   \(index < a.count ? a[index] : "<end>")\n(re-record with REVIEW_RECORD_GOLDEN=1 if the change is intended)"
        }
        return "\(url.lastPathComponent) differs"
    }
}

/// Lines of a script that are echoed after a prompt into the transcript as they are read.
final class EchoingLineSource: LineSource {
    private var lines: [String]
    private var index = 0
    private let output: BufferedOutput

    init(text: String, output: BufferedOutput) {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        self.output = output
    }

    func readLine(prompt: String) -> LineInput {
        guard index < lines.count else { return .endOfInput }
        defer { index += 1 }
        let line = lines[index]
        // Comments and blank lines are echoed too, so the transcript reads like the script.
        output.write((prompt.hasPrefix("review") ? "review> " : prompt) + line + "\n")
        return .line(line)
    }

    func addToHistory(_ entry: String) {}
    var isInteractive: Bool { false }
}
