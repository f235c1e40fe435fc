import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// The session's side of the crash-recovery journal (issue 16): what is journaled, what marks the session
/// unsaved, what clears the journal, and what happens when the journal cannot be written.
@Suite struct SessionJournalTests {
    /// A shell on the embedded review whose journal opens in a fresh folder (or fails to open).
    static func shell(journalIn directory: URL, failingToOpen: Bool = false) throws -> (Shell, BufferedOutput) {
        let session = try Session.embedded()
        session.document.openJournal = { () throws(FileError) -> any JournalSink in
            if failingToOpen { throw FileError(path: "/nowhere/journal.log", message: "no space left on device") }
            return try Journal(url: Journal.newURL(in: directory), base: .embedded)
        }
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = directory.path
        return (Shell(session: session, input: ScriptLineSource(text: ""), output: output, options: options), output)
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-session-journal-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func records(_ journal: Journal) throws -> [JournalRecord] {
        try Journal.parse(AtomicFile.read(journal.url), url: journal.url).records
    }

    @Test func notesAndKeptSettingsAreJournaledAndReplayed() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        #expect(shell.run("note the 8.0 totals sit between bands"), "\(output.errors)")
        #expect(shell.run("set mapping standard"), "\(output.errors)")
        #expect(shell.run("set width 80"), "\(output.errors)")
        let journal = try #require(shell.session.journal)
        let records = try Self.records(journal)
        #expect(records.map(\.session) == [.notes(["the 8.0 totals sit between bands"]), .setting(key: "mapping", value: "standard")],
                "width belongs to the run: not journaled")
        let recovery = try Journal.parse(AtomicFile.read(journal.url), url: journal.url)
        let state = recovery.replaySession(notes: [], settings: Settings().snapshotValues)
        #expect(state.notes == ["the 8.0 totals sit between bands"])
        #expect(state.settings["mapping"] == "standard")
        journal.discard()
    }

    @Test func runPreferencesLeaveNothingUnsaved() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        for command in ["set pager off", "set width 80", "set colour off", "set glyphs ascii", "set journal on"] {
            #expect(shell.run(command), "\(output.errors)")
            #expect(!shell.session.hasUnsavedChanges, "'\(command)' marked the session unsaved")
        }
        #expect(shell.session.journal == nil, "nothing to journal, so no journal was opened")
        #expect(shell.requestQuit() == nil, "quit does not warn")
        #expect(shell.run("set bands \"high >8..10; moderate 6..8; low ..5.5\""))
        #expect(shell.session.hasUnsavedChanges)
        shell.session.journal?.discard()
    }

    @Test func snapshotsKeepOnlyTheKeptSettingsAndLoadKeepsTheRunsOwn() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        #expect(shell.run("set width 80"))
        #expect(shell.run("set format csv"))
        #expect(shell.run("save kept.snapshot"), "\(output.errors)")
        let saved = try SnapshotFile.read(from: directory.appendingPathComponent("kept.snapshot"))
        #expect(saved.settings["format"] == "csv" && saved.settings["width"] == nil, "\(saved.settings)")
        #expect(shell.run("set width 120"))
        #expect(shell.run("load kept.snapshot"), "\(output.errors)")
        #expect(shell.session.settings.width == 120, "load keeps the run's width")
        #expect(shell.session.settings.format == .csv)
        shell.session.journal?.discard()
    }

    @Test func saveClearsTheJournalOnlyAfterReadingTheFileBack() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        #expect(shell.run("add study \"Saved et al.\" year=2024"), "\(output.errors)")
        let journal = try #require(shell.session.journal)
        #expect(journal.recordCount == 1)
        // A save to a device cannot be read back: it is refused as unverified and the journal keeps the change.
        #expect(!shell.run("save /dev/null"))
        #expect(journal.recordCount == 1)
        #expect(shell.session.hasUnsavedChanges)
        #expect(shell.run("save kept.snapshot"), "\(output.errors)")
        #expect(journal.recordCount == 0)
        #expect(journal.base.path == directory.appendingPathComponent("kept.snapshot").standardizedFileURL.path)
        journal.discard()
    }

    @Test func loadDiscardsTheRecordsAndStartsFromTheLoadedFile() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        #expect(shell.run("save base.snapshot"))
        #expect(shell.run("note dropped on purpose"))
        let journal = try #require(shell.session.journal)
        #expect(journal.recordCount == 1)
        #expect(shell.run("load base.snapshot discard"), "\(output.errors)")
        #expect(journal.recordCount == 0)
        #expect(journal.base.source == .file)
        journal.discard()
    }

    @Test func anEditIsRefusedWhenAJournalAppendFails() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory)
        #expect(shell.run("note kept"))
        let journal = try #require(shell.session.journal)
        journal.abandon()  // the file descriptor is gone: every append now fails
        #expect(!shell.run("note lost"))
        #expect(output.errors.contains("the change was not made: it could not be recorded in the crash-recovery journal"), "\(output.errors)")
        #expect(shell.session.notes == ["kept"])
        #expect(!shell.run("add study \"Refused\""))
        #expect(!shell.session.workspace.studies.contains { $0.label == "Refused" })
        #expect(!shell.run("set mapping standard"))
        #expect(shell.session.settings.mapping == .seed)
        journal.discard()
    }

    @Test func anEditIsRefusedWhenTheJournalCannotBeCreatedAndJournalOffIsTheWayOn() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (shell, output) = try Self.shell(journalIn: directory, failingToOpen: true)
        let studies = shell.session.workspace.studies.count
        #expect(!shell.run("add study \"Refused\""))
        #expect(output.errors.contains("the change was not made: the crash-recovery journal could not be created"), "\(output.errors)")
        #expect(shell.session.workspace.studies.count == studies)
        #expect(!shell.run("note refused too"))
        #expect(shell.session.notes.isEmpty)
        #expect(!shell.session.hasUnsavedChanges)
        // Each refusal names the escape hatch.
        #expect(output.errors.components(separatedBy: "set journal off").count == 3, "\(output.errors)")
        #expect(shell.run("set journal off"))
        #expect(shell.run("add study \"Allowed\""), "\(output.errors)")
        #expect(shell.session.workspace.studies.count == studies + 1)
        // The journal cannot come back on while it lacks a change: save first.
        #expect(!shell.run("set journal on"))
        #expect(output.errors.contains("'save FILE' first"), "\(output.errors)")
        #expect(shell.run("save allowed.snapshot"), "\(output.errors)")
        #expect(shell.run("set journal on"), "\(output.errors)")
    }
}
