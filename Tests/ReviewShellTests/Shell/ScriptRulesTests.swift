import Foundation
import Testing
@testable import ReviewShell

/// Scripts and the notebook: a failed cell stays failed through save and load, file names in a script are
/// relative to the script, `--keep-going` exits with the most severe status, and scripts end with a summary.
@Suite struct ScriptRulesTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        return folder
    }

    static func shell(in folder: URL, keepGoing: Bool = false) throws -> (Shell, BufferedOutput) {
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = folder.path
        options.keepGoing = keepGoing
        return (Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options), output)
    }

    @Test func aFailedCellStaysFailedThroughSaveAndLoad() throws {
        let folder = try Self.folder()
        let (shell, output) = try Self.shell(in: folder)
        #expect(shell.run("studies count"))
        #expect(!shell.run("quotes where domain = hope"))
        #expect(shell.run("save work.snapshot"))
        #expect(shell.run("load work.snapshot discard"))
        #expect(shell.session.cells.map(\.failed).prefix(2) == [false, true], "\(output.errors)")
        #expect(shell.run("history save replay.review"))
        let replay = try String(contentsOf: folder.appendingPathComponent("replay.review"), encoding: .utf8)
        #expect(replay.contains("studies count"))
        #expect(!replay.contains("domain = hope"))
        // A malformed list is refused with the setting named, not read as "ok".
        let snapshot = try String(contentsOf: folder.appendingPathComponent("work.snapshot"), encoding: .utf8)
        #expect(snapshot.contains("history.failed\t2\n"))
    }

    @Test func fileNamesInAScriptAreRelativeToTheScript() throws {
        let folder = try Self.folder()
        try "a,b\nyes,yes\nno,no\nyes,no\nno,no\n".write(to: folder.appendingPathComponent("sub/ratings.csv"), atomically: true, encoding: .utf8)
        let script = "kappa cohen ratings ratings.csv\nexport csv studies studies.csv\n"
        let (shell, output) = try Self.shell(in: folder)
        #expect(shell.runScript(script, file: "sub/run.review"), "\(output.errors)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sub/studies.csv").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("studies.csv").path))
        // Outside a script, names stay relative to the working directory.
        #expect(!shell.run("kappa cohen ratings ratings.csv"))
    }

    @Test func keepGoingExitsWithTheMostSevereStatusAndSummarises() throws {
        let folder = try Self.folder()
        let (shell, _) = try Self.shell(in: folder, keepGoing: true)
        let script = """
            expect rows = 33 from studies
            quotes where domain = hope
            expect rows = 34 from studies
            studies count
            """
        _ = shell.runScript(script, file: "s.review")
        #expect(shell.exitStatus == 1)
        #expect(shell.scriptTally.summary == "4 commands, 1 expect held, 2 failed at s.review:2, s.review:3")
        let (other, _) = try Self.shell(in: folder, keepGoing: true)
        _ = other.runScript("expect rows = 34 from studies\nstudies count\n", file: "t.review")
        #expect(other.exitStatus == 3)
        #expect(ScriptTally.moreSevere(3, 1) == 1 && ScriptTally.moreSevere(1, 3) == 1 && ScriptTally.moreSevere(0, 3) == 3)
    }

    /// Every printed number can be checked: p-values, z and intervals of `kappa` are numbers to `expect`.
    @Test func printedNumbersAreNumbersToExpect() throws {
        let (shell, output) = try Self.shell(in: ReproduceScriptTests.root)
        let ok = shell.runScript("""
            expect p < 0.001 from kappa fleiss ratings sessions/screening.csv
            expect z > 5 from kappa fleiss ratings sessions/screening.csv
            expect "95% CI lower" = 0.151 from kappa cohen counts "20,5; 10,15"
            """, file: "p.review")
        #expect(ok, "\(output.errors)")
        #expect(shell.exitStatus == 0)
    }
}
