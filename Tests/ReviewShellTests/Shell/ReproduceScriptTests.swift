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

/// docs/commands.md is generated from the shell's own help; this keeps the two in step.
@Suite struct CommandReferenceTests {
    @Test func docsMatchTheHelp() throws {
        let url = ReproduceScriptTests.root.appendingPathComponent("docs/commands.md")
        let generated = CommandHelp.markdownReference(.standard)
        if ProcessInfo.processInfo.environment["REVIEW_RECORD_GOLDEN"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(onDisk == generated, "docs/commands.md is out of date: run the tests with REVIEW_RECORD_GOLDEN=1")
    }

    @Test func everyCommandHasExamplesOrUsageAndAGroup() {
        for spec in CommandRegistry.standard.commands {
            #expect(!spec.usage.isEmpty, "\(spec.name)")
            #expect(CommandRegistry.groups.contains(spec.group), "\(spec.name)")
            #expect(!spec.summary.isEmpty && !spec.summary.hasSuffix("."), "\(spec.name): a one-line summary without a full stop")
        }
        let names = CommandRegistry.standard.allNames
        #expect(Set(names).count == names.count, "no two commands share a name or alias")
    }
}
