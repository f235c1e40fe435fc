import Foundation
import Testing
import ReviewShell

/// The built binary with piped input: output, errors and exit codes as a script or a pipeline sees them.
@Suite struct BinaryTests {
    @Test func runsACommandAndExitsZero() throws {
        let result = try ReviewProcess.run(["-c", "studies count"])
        #expect(result.status == 0)
        #expect(result.stdout == "studies: 33 (of 33)\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func severalCommandsRunInOrder() throws {
        let result = try ReviewProcess.run(["-c", "quotes where direction = barrier count", "-c", "quotes where direction = facilitator count"])
        #expect(result.stdout == "quotes: 18 (of 46)\nquotes: 28 (of 46)\n")
    }

    @Test func pipedScriptStopsAtTheFirstErrorWithItsLine() throws {
        let result = try ReviewProcess.run([], stdin: "studies count\nquotes where domain = hope\nstudies count\n")
        #expect(result.status == 1)
        #expect(result.stdout == "studies: 33 (of 33)\n")
        #expect(result.stderr.hasPrefix("<stdin>:2:23: error: unknown TDF domain 'hope'\n"))
        #expect(!result.stdout.contains("review>"), "no prompt noise when stdin is not a terminal")
    }

    @Test func keepGoingRunsTheRest() throws {
        let result = try ReviewProcess.run(["--keep-going"], stdin: "quotes where domain = hope\nstudies count\n")
        #expect(result.status == 1)
        #expect(result.stdout == "studies: 33 (of 33)\n")
    }

    @Test func failedExpectExitsThree() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("review-e2e-expect-\(getpid()).review")
        try "expect rows = 33 from studies\nexpect rows = 32 from studies\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try ReviewProcess.run(["run", script.path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(script.path):2:15: error: expect failed: rows is 33, expected = 32"))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try ReviewProcess.run(["--frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--frobnicate"))
        let format = try ReviewProcess.run(["--format", "yaml", "-c", "studies"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("unknown format 'yaml'"))
        let noFiles = try ReviewProcess.run(["run"])
        #expect(noFiles.status == 2)
    }

    @Test func versionAndHelp() throws {
        let version = try ReviewProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == ReviewVersion.current + "\n")
        #expect(version.stderr.isEmpty)
        let help = try ReviewProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit status: 0 success, 1 a command failed, 2 usage error, 3 an expect failed."))
    }

    @Test func jsonErrorsGoToStandardErrorAsJSON() throws {
        let result = try ReviewProcess.run(["--format", "json", "-c", "quotes where domain = hope"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "error")
        #expect(object?["message"] as? String == "unknown TDF domain 'hope'")
        #expect(object?["column"] as? Int == 23)
        let ok = try ReviewProcess.run(["--format", "json", "-c", "quotes where direction = barrier count"])
        let figure = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any]
        #expect(figure?["value"] as? Int == 18)
    }

    @Test func unicodeSurvivesPipesUnderTheCLocale() throws {
        let script = "add study \"Janoušková “bis” et al.\" country=Česko\nstudies where label contains janouskova\n"
        for locale in ["C", "C.UTF-8"] {
            let result = try ReviewProcess.run([], stdin: script, environment: ["LANG": locale, "LC_ALL": locale])
            #expect(result.status == 0, "\(locale): \(result.stderr)")
            #expect(result.stdout.contains("Janoušková “bis” et al."), "\(locale)")
            #expect(result.stdout.contains("Janoušková et al."), "\(locale)")
        }
    }

    @Test func invalidUTF8InputIsReportedWithItsLineAndNotRun() throws {
        var input = Data("studies count\nadd study \"Bad ".utf8)
        input.append(contentsOf: [0xFF, 0xFE])
        input.append(Data("\"\nstudies count\n".utf8))
        let result = try ReviewProcess.run([], input: input)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2: error: invalid UTF-8"))
        #expect(result.stdout == "studies: 33 (of 33)\n")
    }

    @Test func missingSnapshotIsAnErrorNotACrash() throws {
        let result = try ReviewProcess.run(["--load", "/nonexistent/x.snapshot", "-c", "studies count"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("x.snapshot"))
    }

    @Test func emptyWorkspace() throws {
        let result = try ReviewProcess.run(["--empty", "-c", "studies count", "-c", "quotes count"])
        #expect(result.stdout == "studies: 0 (of 0)\nquotes: 0 (of 0)\n")
    }

    @Test func aHugeLineIsRefusedWithItsLineNumber() throws {
        let huge = "note " + String(repeating: "x", count: 2 << 20)
        let result = try ReviewProcess.run(["--keep-going"], stdin: "studies count\n\(huge)\nstudies count\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2: error: longer than 1048576 bytes"))
        #expect(result.stdout == "studies: 33 (of 33)\nstudies: 33 (of 33)\n")
    }

    @Test func aScriptFileWithBadBytesIsNamedAndNotRun() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("review-e2e-latin1-\(getpid()).review")
        var bytes = Data("studies count\nadd study \"Jano".utf8)
        bytes.append(0x9A)  // a Windows-1252 "š", not UTF-8
        bytes.append(Data("kova\"\n".utf8))
        try bytes.write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try ReviewProcess.run(["run", script.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "nothing runs from a file that is not UTF-8")
        #expect(result.stderr.contains("invalid UTF-8 byte 0x9a"))
        #expect(result.stderr.contains("at line 2"))
    }
}
