import Foundation
import Testing
@testable import ReviewShell

/// sessions/reproduce-shaw-2025.review recomputes the review's reported figures and pins each with `expect`.
@Suite struct ReproduceScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyPinnedFigureHolds() throws {
        let url = Self.root.appendingPathComponent("sessions/reproduce-shaw-2025.review")
        let script = try String(contentsOf: url, encoding: .utf8)
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        let ok = shell.runScript(script, file: "sessions/reproduce-shaw-2025.review")
        #expect(ok, "\(output.errors)")
        #expect(shell.exitStatus == 0)
        #expect(output.errors.isEmpty)
        let expects = script.components(separatedBy: "\n").filter { $0.hasPrefix("expect ") }
        #expect(expects.count >= 30)
    }

    @Test func aChangedFigureFailsWithStatusThree() throws {
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        _ = shell.runScript("expect studies[moderate] = 9 from bands\n", file: "check.review")
        #expect(shell.exitStatus == 3)
        #expect(output.errors.contains("check.review:1:28: error: expect failed: studies[moderate] is 2, expected = 9"))
    }
}
