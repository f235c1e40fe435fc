import Foundation
import Testing
@testable import ReviewKit

/// A journal lets go of changes only for a save that was read back, or on purpose (issue 16, "Data loss").
@Suite struct JournalSafetyTests {
    func change(_ index: Int) -> WorkspaceChange { .addStudy(Study(id: "J\(index)", label: "Journaled \(index)"), at: nil) }

    @Test func aVerifiedSaveClearsTheJournalAndBecomesItsBase() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var workspace = try EmbeddedReview.load().workspace
        let journal = try Journal(url: directory.appendingPathComponent("journal-a.log"), base: .embedded)
        for index in 0..<3 {
            try workspace.apply(change(index))
            try journal.append(command: "add study", change: change(index))
        }
        #expect(journal.hasUnsavedRecords)
        let url = directory.appendingPathComponent("saved.snapshot")
        let saved = try SnapshotFile.writeVerified(Snapshot(workspace: workspace), to: url)
        #expect(saved.info.byteCount == (try AtomicFile.read(url)).count)
        try journal.clear(after: saved)
        #expect(!journal.hasUnsavedRecords)
        #expect(journal.base == .file(url, info: saved.info))
        #expect(journal.base.checksum == saved.info.checksumText)
        journal.close()
        #expect(!FileManager.default.fileExists(atPath: journal.url.path), "an empty journal holds nothing to keep")
    }

    @Test func aSaveThatDoesNotReadBackIsNotVerified() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("saved.snapshot")
        let info = try SnapshotFile.write(try EmbeddedReview.load(), to: url)
        // Damaged after the write (another program, a bad disk): not a proof.
        var bytes = try AtomicFile.read(url)
        bytes[100] ^= 0x20
        try AtomicFile.write(bytes, to: url)
        let damaged = try #require(throws: FileError.self) { try SnapshotFile.verify(url, expecting: info) }
        #expect(damaged.message.hasPrefix("the saved file does not load back: checksum mismatch"), "\(damaged)")
        // Replaced by a different, valid snapshot: not the one written.
        try SnapshotFile.write(Snapshot(workspace: Workspace()), to: url)
        let replaced = try #require(throws: FileError.self) { try SnapshotFile.verify(url, expecting: info) }
        #expect(replaced.message.contains("changed before it could be checked"))
        // A pipe or device cannot be read back.
        let device = try #require(throws: FileError.self) { try SnapshotFile.verify(URL(fileURLWithPath: "/dev/null"), expecting: info) }
        #expect(device.message.contains("not a regular file"))
    }

    @Test func closingKeepsAJournalThatHoldsChanges() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-b.log")
        let journal = try Journal(url: url, base: .embedded)
        try journal.append(command: "add study", change: change(1))
        journal.close()
        #expect(FileManager.default.fileExists(atPath: url.path))
        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.records.count == 1)

        // Carried into a new journal after a recovery, the records are still unsaved and kept.
        let carried = try Journal(url: directory.appendingPathComponent("journal-c.log"), base: .embedded, carrying: recovery.records)
        #expect(carried.hasUnsavedRecords)
        try recovery.discard()
        carried.close()
        #expect(try Journal.pending(at: carried.url)?.records.count == 1)

        // An explicit discard drops them.
        let again = try Journal(url: carried.url, base: .embedded)
        try again.append(command: "add study", change: change(2))
        again.discard()
        #expect(!FileManager.default.fileExists(atPath: carried.url.path))
        #expect(!FileManager.default.fileExists(atPath: carried.url.path + ".lock"))
    }

    @Test func discardingRecordsStartsFromTheNewBase() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let journal = try Journal(url: directory.appendingPathComponent("journal-d.log"), base: .embedded)
        try journal.append(command: "add study", change: change(1))
        try journal.discardRecords(newBase: .empty)
        #expect(!journal.hasUnsavedRecords && journal.base == .empty)
        journal.abandon()
        #expect(try Journal.pending(at: journal.url) == nil)
    }

    @Test func notesAndSettingsAreJournaledAndReplayed() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-e.log")
        let journal = try Journal(url: url, base: .embedded)
        try journal.append(command: "note first", session: .notes(["first"]))
        try journal.append(command: "add study", change: change(1))
        try journal.append(command: "set width 100", session: .setting(key: "width", value: "100"))
        try journal.append(command: "note second", session: .notes(["first", "second \t“x”"]))
        try journal.append(command: "set pager default", session: .setting(key: "pager", value: nil))
        journal.abandon()
        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.records.count == 5 && recovery.ignored == nil)
        let replay = recovery.replay(onto: try EmbeddedReview.load().workspace)
        #expect(replay.applied == 5 && replay.failure == nil)
        #expect(replay.workspace.study("J1") != nil)
        let session = recovery.replaySession(notes: ["old"], settings: ["pager": "less", "format": "json"], upTo: replay.applied)
        #expect(session.notes == ["first", "second \t“x”"])
        #expect(session.settings == ["width": "100", "format": "json"])
        // Stopped where the workspace replay stopped: only the first note.
        #expect(recovery.replaySession(notes: [], settings: [:], upTo: 1).notes == ["first"])
        // A workspace record's JSON is as before (no "session" key), so older readers and journals agree.
        let line = String(decoding: try AtomicFile.read(url), as: UTF8.self).split(separator: "\n")[3]
        #expect(!line.contains("session") && line.contains("\"change\":{\"addStudy\""))
    }
}
