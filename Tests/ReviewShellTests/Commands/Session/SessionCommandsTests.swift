import Testing
@testable import ReviewShell
import ReviewKit

/// set, note, history, notebook, help, quit.
@Suite struct SessionCommandsTests {
    @Test func keptSettingsMarkTheSessionUnsavedAndRunSettingsDoNot() throws {
        let harness = try CommandHarness()
        #expect(!harness.session.hasUnsavedChanges)
        #expect(try harness.message("set width 80") == "width = 80")
        #expect(harness.session.settings.width == 80)
        #expect(!harness.session.hasUnsavedChanges, "width belongs to the run, not the snapshot (issue 16)")
        #expect(try harness.message("set mapping standard") == "mapping = standard")
        #expect(harness.session.hasUnsavedChanges)
        #expect(harness.failure("set width 80 90")?.message == "too many values; quote a value with spaces")
        guard case .figure(let figure) = try harness.result("set mapping") else { Issue.record("no figure"); return }
        #expect(figure.key == "mapping" && figure.value == .text("standard"))
    }

    @Test func historyListsCellsAndSavesAReplayableScript() throws {
        let harness = try CommandHarness()
        harness.shell.run("studies count")
        harness.shell.run("qoutes")
        let table = try harness.table("history")
        #expect(harness.column(table, "status") == [.text("ok"), .text("failed")])
        #expect(try harness.message("history save replay.review") == "wrote 1 commands to replay.review")
        #expect(harness.failure("history x")?.message == "expected a number of cells or 'save FILE'")
        #expect(harness.failure("notebook")?.message == "'notebook export FILE.md'")
        #expect(harness.failure("notebook print x")?.message == "expected 'export'")
    }

    @Test func helpCoversEveryCommandAndTheQueryTopics() throws {
        let harness = try CommandHarness()
        guard case .text(let overview) = try harness.result("help") else { Issue.record("no overview"); return }
        for command in CommandRegistry.standard.commands { #expect(overview.contains(command.name), "\(command.name)") }
        guard case .text(let fields) = try harness.result("help fields") else { Issue.record("no fields"); return }
        #expect(fields == Field.helpText)
        #expect(harness.failure("help qoutes")?.notes.first == "did you mean 'quotes'?")
    }

    @Test func quitWarnsOnceAboutUnsavedChangesAtATerminal() throws {
        let harness = try CommandHarness(interactive: true)
        _ = try harness.result("note unsaved")
        #expect(try harness.message("quit") == Shell.unsavedWarning)
        #expect(!harness.shell.quitRequested)
        #expect(try harness.result("quit") == .empty)
        #expect(harness.shell.quitRequested)
    }
}
