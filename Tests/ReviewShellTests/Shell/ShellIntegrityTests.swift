import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// Issue 16 at the shell: the one rule per number field, file reading, output integrity, runaway scripts,
/// control characters from data, and the smaller refusals. Each test failed before its fix.
@Suite struct ShellIntegrityTests {
    /// A non-interactive shell on a session, writing into a buffer, with files relative to `directory`.
    static func shell(_ session: Session? = nil, in directory: URL? = nil, configure: (inout ShellOptions) -> Void = { _ in }) throws -> (Shell, BufferedOutput) {
        let session = try session ?? Session.embedded()
        session.settings.colour = false
        session.settings.journal = false
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = (directory ?? FileManager.default.temporaryDirectory).path
        configure(&options)
        return (Shell(session: session, input: ScriptLineSource(text: ""), output: output, options: options), output)
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-integrity-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: one rule per field (data loss: saves that load refuses)

    @Test(arguments: [
        ("add study \"A\" ref=2147483648", "2147483648"),
        ("add study \"A\" participants=9223372036854775807", "9223372036854775807"),
        ("add study \"A\" ref=0", "0"),
        ("add study \"A\" year=99999999999999999999", "99999999999999999999"),
        ("add theme barrier knowledge \"Too far\" number=2147483648", "2147483648"),
        ("edit study S01 participants=-1", "-1"),
    ])
    func editingRefusesWhatTheSnapshotReaderRefuses(command: String, value: String) throws {
        let (shell, output) = try Self.shell()
        let before = SnapshotWriter.encode(Snapshot(workspace: shell.session.workspace))
        #expect(!shell.run(command), "'\(command)' was accepted")
        // The caret is under the value: the error column is where the value starts.
        let column = Array(command).count - value.count + 1
        #expect(output.errors.contains("\n  " + String(repeating: " ", count: column - 1) + "^"), "\(output.errors)")
        #expect(SnapshotWriter.encode(Snapshot(workspace: shell.session.workspace)) == before)
    }

    @Test func whatEditingAcceptsSavesAndLoadsBack() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(in: directory)
        #expect(shell.run("add study \"Largest\" ref=2147483647 participants=2147483647 year=2200"), "\(output.errors)")
        #expect(shell.run("save largest.snapshot"), "\(output.errors)")
        #expect(shell.run("load largest.snapshot"), "\(output.errors)")
        #expect(shell.session.workspace.studies.last?.reference == 2147483647)
    }

    // MARK: files

    @Test func sourceSaysWhatIsWrongWithTheFile() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(in: directory)
        #expect(!shell.run("source /dev/zero"))
        #expect(!output.errors.contains("permission denied?"), "\(output.errors)")
        #expect(output.errors.contains("device"), "\(output.errors)")
        #expect(!shell.run("source missing.review"))
        #expect(output.errors.contains("no such file"), "\(output.errors)")
    }

    @Test(.timeLimit(.minutes(1)))
    func loadImportAndSourceOfAFIFOWithNoWriterRefuseInsteadOfHanging() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["pipe.snapshot", "pipe.csv", "pipe.review"] {
            #expect(mkfifo(directory.appendingPathComponent(name).path, 0o600) == 0)
        }
        let (shell, output) = try Self.shell(in: directory)
        let before = SnapshotWriter.encode(Snapshot(workspace: shell.session.workspace))
        for command in ["load pipe.snapshot discard", "import studies pipe.csv", "source pipe.review"] {
            #expect(!shell.run(command), "'\(command)' was accepted")
        }
        #expect(output.errors.components(separatedBy: "pipe").count >= 4, "\(output.errors)")
        let same = SnapshotWriter.encode(Snapshot(workspace: shell.session.workspace)) == before
        #expect(same)
    }

    @Test func aBadSettingInASnapshotIsAnErrorAtItsFileAndLine() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = SnapshotWriter.encode(Snapshot(workspace: Workspace(), settings: ["mapping": "sideways"]))
        try Data(bytes).write(to: directory.appendingPathComponent("odd.snapshot"))
        let (shell, output) = try Self.shell(in: directory)
        #expect(!shell.run("load odd.snapshot"))
        let line = try #require(String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("mapping\t") }) + 1
        #expect(output.errors.contains("odd.snapshot:\(line):9: error: setting 'mapping': unknown mapping 'sideways'"), "\(output.errors)")
        #expect(shell.session.workspace.studies.count == 33, "the session is as it was")
    }

    @Test func exportOfOneNamedTableToACSVFileWritesThatFile() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(in: directory)
        #expect(shell.run("export csv quotes x.csv"), "\(output.errors)")
        var isFolder: ObjCBool = true
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.csv").path, isDirectory: &isFolder) && !isFolder.boolValue)
        let text = try String(contentsOf: directory.appendingPathComponent("x.csv"), encoding: .utf8)
        #expect(text.hasPrefix("id,text,"), "\(text.prefix(80))")
        #expect(!shell.run("export csv x.csv"), "which table? x is none")
        #expect(output.errors.contains("which table?"), "\(output.errors)")
    }

    @Test func runningScriptsShareThePipedInputLineLimit() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = "note " + String(repeating: "x", count: StreamLineSource.defaultMaxLineBytes)
        try ("note first\n" + long + "\n").write(to: directory.appendingPathComponent("long.review"), atomically: true, encoding: .utf8)
        let (shell, output) = try Self.shell(in: directory)
        #expect(!shell.run("source long.review"))
        #expect(output.errors.contains("line 2 is longer than \(StreamLineSource.defaultMaxLineBytes) bytes"), "\(output.errors.prefix(300))")
        #expect(shell.session.notes.isEmpty, "nothing in the script ran")
    }

    // MARK: hangs

    @Test(.timeLimit(.minutes(1)))
    func aScriptThatSourcesItselfStopsAtTheDepthLimitUnderKeepGoing() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "source self.review\nsource self.review\n".write(to: directory.appendingPathComponent("self.review"), atomically: true, encoding: .utf8)
        let (shell, output) = try Self.shell(in: directory) { $0.keepGoing = true }
        #expect(!shell.run("source self.review"))
        #expect(output.errors.components(separatedBy: "nested more than").count == 2, "one error, not 2^32: \(output.errors.count) bytes")
        // The next top-level command runs normally.
        #expect(shell.run("studies count"))
    }

    @Test func longCellsWrapIntoLinesThatFitAndLoseNothing() {
        let cjk = String(repeating: "参与者说没有人告诉我", count: 3_000)
        let lines = DisplayWidth.wrap("before " + cjk + " after", width: 37)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 37 })
        #expect(lines.joined().filter { $0 != " " } == "before" + cjk + "after")
    }

    @Test func notebookCellsRenderTheirResultOnlyWhenAskedAndAsBefore() throws {
        let (shell, _) = try Self.shell()
        #expect(shell.run("studies"))
        let cell = try #require(shell.session.cells.last)
        let expected = Renderer(format: .table, width: 100).render(try shell.execute(Invocation("studies")!).notebookExcerpt)
        #expect(cell.output == expected)
    }

    // MARK: output integrity

    @Test func loadDoesNotChangeTheCommandLineFormat() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (writer, _) = try Self.shell(in: directory)
        #expect(writer.run("set format csv"))
        #expect(writer.run("save csv.snapshot"))
        let (shell, output) = try Self.shell(in: directory) { $0.format = .json }
        #expect(shell.run("load csv.snapshot"), "\(output.errors)")
        #expect(shell.run("studies count"))
        let last = output.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("{") || last.hasPrefix("["), "still JSON after load: \(last)")
    }

    @Test func tutorialStepFailuresGoToStandardErrorAndSetTheStatus() throws {
        let (shell, output) = try Self.shell(Session(workspace: Workspace(), source: "an empty workspace"))
        #expect(!shell.run("tutorial 3"), "step 3 quotes Q21, which an empty workspace lacks")
        #expect(shell.exitStatus == 1)
        #expect(output.errors.contains("Q21"), "\(output.errors)")
        #expect(!output.text.contains("error:"), "errors are not printed on stdout: \(output.text)")
        #expect(output.text.contains("review> quote Q21"), "the step itself is still shown")
    }

    @Test func quizRefusesMachineFormats() throws {
        let (shell, output) = try Self.shell { $0.format = .json }
        #expect(!shell.run("quiz 1 --seed 3"))
        #expect(output.text.isEmpty, "no prose on stdout under --format json: \(output.text)")
        #expect(output.errors.contains("cannot print json"))
    }

    // MARK: control characters from data

    @Test func controlCharactersInDataAreShownVisiblyOnATerminal() throws {
        let hostile = "title\u{1B}]0;owned\u{07} clear\u{1B}[2J\u{9B}31m\rend"
        let (terminal, shown) = try Self.shell { $0.outputIsTerminal = true; $0.errorIsTerminal = true }
        #expect(terminal.run("note " + hostile))
        #expect(terminal.run("note"))
        #expect(!shown.text.contains("\u{1B}") && !shown.text.contains("\u{07}") && !shown.text.contains("\r") && !shown.text.contains("\u{9B}"), "\(shown.text.debugDescription)")
        // A lone CR ends a line in a table cell (DisplayWidth.wrap, as CR LF does), so it cannot move the cursor back either.
        #expect(shown.text.contains("␛]0;owned␇") && shown.text.contains("␛[2J") && shown.text.contains("<U+009B>") && shown.text.contains("\n   end"))
        #expect(!terminal.run("nosuch\u{1B}[2J"))
        #expect(!shown.errors.contains("\u{1B}[2J") && shown.errors.contains("␛[2J"), "\(shown.errors.debugDescription)")
        // Files and machine formats on a pipe keep the text verbatim.
        #expect(terminal.session.notes == [hostile])
        let (pipe, piped) = try Self.shell { $0.outputIsTerminal = false; $0.format = .csv }
        #expect(pipe.run("note " + hostile))
        #expect(pipe.run("note"))
        #expect(piped.text.contains(hostile))
    }

    @Test func ownColourSequencesStillWork() {
        let text = "\u{1B}[1mStudies\u{1B}[0m and \u{1B}[2J"
        #expect(TerminalSafety.visible(text, onTerminal: true, keepingColour: true) == "\u{1B}[1mStudies\u{1B}[0m and ␛[2J")
        #expect(TerminalSafety.visible(text, onTerminal: false) == text)
    }

    // MARK: smaller refusals

    @Test(arguments: ["set bands \"high 10..0\"", "set bands \"high >8..8; low ..5\"", "kappa label 1e308", "kappa label nan", "kappa label inf", "exit now", "quit later"])
    func refused(command: String) throws {
        let (shell, output) = try Self.shell()
        let bands = shell.session.settings.bands
        #expect(!shell.run(command), "'\(command)' was accepted: \(output.text)")
        #expect(!output.text.contains("inf.000") && !output.text.contains("poor"))
        #expect(!shell.quitRequested)
        #expect(shell.session.settings.bands == bands)
    }
}
