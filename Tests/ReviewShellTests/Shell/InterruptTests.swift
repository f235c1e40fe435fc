import Foundation
import Synchronization
import Testing
@testable import ReviewShell
import ReviewKit

/// Ctrl-C inside the shell, driven through the shell's cancellation token (the SIGINT handler only sets the
/// flag that token follows): the command stops and says "interrupted", the workspace and the files are as they
/// were, and a script stops there with status 130, even with --keep-going.
@Suite struct InterruptTests {
    /// A token that cancels itself at its `after`-th check: work is stopped part way, deterministically.
    final class Tripwire: Sendable {
        let checks = Atomic<Int>(0)
        let after: Int
        init(after: Int) { self.after = after }
        var token: CancellationToken { CancellationToken(linkedTo: { self.checks.wrappingAdd(1, ordering: .relaxed).newValue >= self.after }) }
    }

    final class Fixture {
        let folder: URL
        let output = BufferedOutput()
        let shell: Shell

        init(cancellation: CancellationToken, keepGoing: Bool = false) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-interrupt-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var options = ShellOptions()
            options.workingDirectory = folder.path
            options.keepGoing = keepGoing
            shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([String]()), output: output, options: options,
                          cancellation: cancellation)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    /// 200,000 new quotes to import (ids after the embedded review's).
    static var bigQuotes: String {
        var text = "id,text,domain,direction,study\n"
        for row in 0..<200_000 { text += "Q\(10_000 + row),quote number \(row),ecr,barrier,S01\n" }
        return text
    }

    @Test func anInterruptedImportChangesNothingAndSaysSo() throws {
        let fixture = try Fixture(cancellation: Tripwire(after: 20).token)
        try fixture.write("big.csv", Self.bigQuotes)
        let before = SnapshotWriter.encode(fixture.shell.session.snapshot())
        #expect(!fixture.shell.run("import quotes big.csv"))
        #expect(fixture.output.errors == "interrupted\n")
        #expect(fixture.shell.exitStatus == 130)
        #expect(fixture.shell.session.workspace.quotes.count == 46)
        #expect(fixture.shell.session.document.undoDepth == 0)
        var after = fixture.shell.session.snapshot()
        after.history = []
        after.settings["history.failed"] = nil
        var expected = try SnapshotReader.decode(before)
        expected.history = []
        #expect(SnapshotWriter.encode(after) == SnapshotWriter.encode(expected))
    }

    @Test func anInterruptedExportOrSaveLeavesTheOldFile() throws {
        let token = CancellationToken()
        let fixture = try Fixture(cancellation: token)
        for (command, name) in [("export json out.json", "out.json"), ("export csv quotes out.csv", "out.csv"), ("save out.snapshot", "out.snapshot"),
                                ("export sqlite out.db", "out.db")] {
            try fixture.write(name, "old")
            token.cancel()
            #expect(!fixture.shell.run(command), "\(command)")
            token.reset()
            #expect(try String(contentsOf: fixture.folder.appendingPathComponent(name), encoding: .utf8) == "old", "\(command)")
        }
        #expect(fixture.output.errors == String(repeating: "interrupted\n", count: 4))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).sorted() == ["out.csv", "out.db", "out.json", "out.snapshot"])
    }

    @Test func kappaOnAHugeRatingsFileStops() throws {
        let fixture = try Fixture(cancellation: Tripwire(after: 30).token)
        var text = "record_id,A,B,C\n"
        for row in 0..<300_000 { text += "R\(row),include,\(row % 3 == 0 ? "exclude" : "include"),maybe\n" }
        try fixture.write("big.csv", text)
        #expect(!fixture.shell.run("kappa fleiss ratings big.csv"))
        #expect(fixture.output.errors == "interrupted\n")
        #expect(fixture.output.text.isEmpty)
    }

    @Test func aScriptStopsAtTheInterruptEvenWithKeepGoing() throws {
        let token = CancellationToken()
        let fixture = try Fixture(cancellation: token, keepGoing: true)
        try fixture.write("big.csv", Self.bigQuotes)
        token.cancel()
        let ok = fixture.shell.runScript("import quotes big.csv\nnote \"after\"\n", file: "run.review")
        #expect(!ok)
        #expect(fixture.shell.session.notes.isEmpty)
        #expect(fixture.shell.exitStatus == 130)
        #expect(fixture.output.errors.hasPrefix("run.review:1: interrupted\n"), "\(fixture.output.errors)")
        // A command that finishes although Ctrl-C came still stops the script, and says so.
        let second = try Fixture(cancellation: token)
        #expect(!second.shell.runScript("note one\nnote two\n", file: "notes.review"))
        #expect(second.shell.session.notes == ["one"])
        #expect(second.output.errors == "notes.review:1: interrupted\n")
    }

    @Test func theJSONFormOfTheInterruptIsAnError() throws {
        let token = CancellationToken()
        token.cancel()
        let fixture = try Fixture(cancellation: token)
        fixture.shell.options.jsonErrors = true
        try fixture.write("big.csv", Self.bigQuotes)
        #expect(!fixture.shell.run("import quotes big.csv"))
        #expect(fixture.output.errors.contains("\"message\":\"interrupted\""))
        #expect(fixture.output.errors.contains("\"exitCode\":130"))
    }
}
