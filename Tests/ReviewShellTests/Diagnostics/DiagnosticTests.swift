import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// Diagnostics as data: a kind with a stable identifier decides what code does (never the message), and the
/// one renderer prints every error, warning and note, as JSON when asked.
@Suite struct DiagnosticTests {
    static let kinds: [Diagnostic.Kind] = [.unknownCommand, .missingArgument, .unexpectedArgument, .unknownOption, .repeatedOption,
                                           .unknownSubcommand, .invalidArgument, .incompleteInput, .unreadableInput, .file, .expectFailed,
                                           .journal, .history, .unsavedChanges, .usage, .alreadyReported(status: 1)]
        + ReviewError.Kind.allCases.map { .review($0) }

    @Test func identifiersAreUniqueAndStable() {
        let identifiers = Self.kinds.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        #expect(identifiers.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" || $0 == "." } })
        #expect(Diagnostic.Kind.review(.unknownField).identifier == "review.unknown-field")
    }

    /// The diagnostic a command line gives.
    func diagnostic(_ line: String) throws -> Diagnostic? {
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: BufferedOutput())
        do { _ = try shell.execute(Invocation(line)!); return nil } catch { return error }
    }

    @Test func kindsSayWhatWentWrong() throws {
        #expect(try diagnostic("qoutes")?.kind == .unknownCommand)
        #expect(try diagnostic("study")?.kind == .missingArgument)
        #expect(try diagnostic("study S01 S02")?.kind == .unexpectedArgument)
        #expect(try diagnostic("code Q1 colour=red")?.kind == .unknownOption)
        #expect(try diagnostic("add widget")?.kind == .unknownSubcommand)
        #expect(try diagnostic("quotes where domian = knowledge")?.kind == .review(.unknownField))
        #expect(try diagnostic("quotes where domain = hope")?.kind == .review(.unknownName))
        #expect(try diagnostic("quote Q999")?.kind == .invalidArgument)
        let expect = try diagnostic("expect rows = 1 from studies")
        #expect(expect?.kind == .expectFailed)
        #expect(expect?.exitCode == 3)
    }

    @Test func anUnknownSettingIsPointedAtByItsKindNotItsMessage() throws {
        let name = try diagnostic("set colr on")
        #expect(name?.kind == .review(.unknownSetting))
        #expect(name?.column == 5, "the caret is under the setting's name")
        let value = try diagnostic("set colour sometimes")
        #expect(value?.kind == .review(.invalidValue))
        #expect(value?.column == 12, "the caret is under the value")
    }

    @Test func programNotesHaveNoLocationAndRenderAsJSON() {
        let note = Diagnostic.program(.journal, .note, "kept 1 unsaved change", notes: ["start review with --recover"])
        #expect(DiagnosticRenderer().render(note) == "review: note: kept 1 unsaved change\n  start review with --recover\n")
        let json = DiagnosticRenderer(json: true).render(note)
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "note")
        #expect(object?["exitCode"] as? Int == 0, "a note changes no exit status")
        let output = BufferedOutput()
        var options = ShellOptions()
        options.jsonErrors = true
        let shell = Shell(session: Session(workspace: Workspace(), source: "empty"), input: ScriptedLineSource([]), output: output, options: options)
        shell.currentFile = "a.review"
        shell.currentLine = 3
        shell.report(note)
        #expect(output.errors.hasPrefix("{") && !output.errors.contains("a.review"), "a program note takes no script location: \(output.errors)")
        #expect(shell.exitStatus == 0)
    }

    @Test func journalNotesKeepStandardErrorPureJSON() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("review-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let directory = Journal.defaultDirectory(environment: ["XDG_STATE_HOME": state.path])
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let journal = try Journal(url: Journal.newURL(in: directory), base: .embedded)
        try journal.append(command: "add study \"Left behind\"", change: .addStudy(Study(id: "S34", label: "Left behind"), at: nil))
        journal.close(discard: false)
        let result = try ReviewProcess.run(["--format", "json", "-c", "studies count", "-c", "qoutes"], environment: ["XDG_STATE_HOME": state.path])
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 2, "a note about the journal and an error: \(result.stderr)")
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not JSON on stderr: \(line)")
        }
        #expect(result.stderr.contains("\"type\":\"note\""))
        let usage = try ReviewProcess.run(["--format=json", "--frobnicate"])
        #expect(usage.status == 2)
        #expect((try? JSONSerialization.jsonObject(with: Data(usage.stderr.utf8))) != nil, "usage errors are JSON too: \(usage.stderr)")
    }
}
