import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// expect and source: assertions on results, scripts run as part of the command that sources them.
@Suite struct ScriptingCommandsTests {
    @Test func expectComparesAtTheWrittenPrecision() throws {
        let harness = try CommandHarness()
        #expect(try harness.result("expect rows = 33 from studies") == .empty)
        #expect(try harness.result("expect mean = 8.65 from casp stats") == .empty)
        #expect(try harness.result("expect studies_appraised = 33 from casp stats") == .empty, "a field may be named by its key")
        let failed = harness.failure("expect mean = 8.68 from casp stats")
        #expect(failed?.kind == .expectFailed && failed?.exitCode == 3)
        #expect(harness.failure("expect rows = 1 from expect rows = 1 from studies")?.message == "'expect' cannot check another 'expect'")
    }

    @Test func sourcedCommandsBelongToTheSourceCell() throws {
        let harness = try CommandHarness()
        let script = harness.directory.appendingPathComponent("inner.review")
        try "note from the script\nstudies count\n".write(to: script, atomically: true, encoding: .utf8)
        #expect(harness.shell.run("source inner.review"))
        #expect(harness.session.cells.map(\.command) == ["source inner.review"])
        #expect(harness.session.notes == ["from the script"])
        let loop = harness.directory.appendingPathComponent("loop.review")
        try "source loop.review\n".write(to: loop, atomically: true, encoding: .utf8)
        #expect(!harness.shell.run("source loop.review"))
        #expect(harness.output.errors.contains("scripts are nested more than \(SourceCommand.maximumDepth) deep"))
    }
}
