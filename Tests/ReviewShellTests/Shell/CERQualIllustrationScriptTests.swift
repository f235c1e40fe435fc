import Foundation
import Testing
@testable import ReviewShell

/// sessions/cerqual-illustration.review runs for real: every `expect` in it holds (its transcript is pinned by
/// Golden/cerqual-illustration.review, which sources it).
@Suite struct CERQualIllustrationScriptTests {
    @Test func everyPinnedFigureHolds() throws {
        let url = ReproduceScriptTests.root.appendingPathComponent("sessions/cerqual-illustration.review")
        let script = try String(contentsOf: url, encoding: .utf8)
        #expect(script.hasPrefix("# ILLUSTRATION ONLY"))
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        let ok = shell.runScript(script, file: "sessions/cerqual-illustration.review")
        #expect(ok, "\(output.errors)")
        #expect(shell.exitStatus == 0)
        #expect(output.errors.isEmpty)
        let expects = script.components(separatedBy: "\n").filter { $0.hasPrefix("expect ") }
        #expect(expects.count >= 40)
    }

    @Test func aChangedJudgementFailsWithStatusThree() throws {
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        _ = shell.runScript("""
            finding add "Staff lack knowledge" themes=B/Know/1,B/Know/2
            cerqual F1 adequacy minor "two quotes"
            expect level[adequacy] = "moderate concerns" from cerqual F1

            """, file: "check.review")
        #expect(shell.exitStatus == 3)
        #expect(output.errors.contains("expect failed: level[adequacy] is minor concerns, expected = moderate concerns"))
    }
}
