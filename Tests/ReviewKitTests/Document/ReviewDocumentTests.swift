import Testing
@testable import ReviewKit

/// The document: the one editing semantics every client shares (validate, journal, undo, redo).
@Suite struct ReviewDocumentTests {
    /// A journal that keeps records in memory, and can be told to fail.
    final class MemoryJournal: JournalSink {
        var records: [(command: String, change: WorkspaceChange)] = []
        var edits: [(command: String, edit: SessionEdit)] = []
        var failing = false

        func record(_ change: WorkspaceChange, command: String) throws(FileError) {
            if failing { throw FileError(path: "journal", message: "disk full") }
            records.append((command, change))
        }

        func record(_ edit: SessionEdit, command: String) throws(FileError) {
            if failing { throw FileError(path: "journal", message: "disk full") }
            edits.append((command, edit))
        }
    }

    static let study = Study(id: "S1", label: "Smith et al.")

    @Test func changesAreJournaledUndoneAndRedone() throws {
        let document = ReviewDocument(workspace: Workspace())
        let journal = MemoryJournal()
        document.journal = journal
        try document.apply(.addStudy(Self.study, at: nil), command: "add study Smith")
        try document.apply(.updateStudy(Study(id: "S1", label: "Smith et al.", year: 2020)), command: "edit study S1 year=2020")
        #expect(document.workspace.study("S1")?.year == 2020)
        #expect(document.isModified)
        #expect(try document.undo() == "edit study S1 year=2020")
        #expect(document.workspace.study("S1")?.year == nil)
        #expect(try document.redo() == "edit study S1 year=2020")
        #expect(document.workspace.study("S1")?.year == 2020)
        #expect(journal.records.map(\.command) == ["add study Smith", "edit study S1 year=2020", "undo", "redo"])
        #expect(document.undoDepth == 2 && document.redoDepth == 0)
    }

    @Test func aNewChangeClearsRedoAndAnInvalidOneChangesNothing() throws {
        let document = ReviewDocument(workspace: Workspace())
        try document.apply(.addStudy(Self.study, at: nil), command: "a")
        _ = try document.undo()
        #expect(document.redoDepth == 1)
        try document.apply(.addStudy(Study(id: "S2", label: "Jones"), at: nil), command: "b")
        #expect(document.redoDepth == 0)
        #expect(throws: ReviewError.self) { try document.apply(.addStudy(Study(id: "S2", label: "again"), at: nil), command: "c") }
        #expect(document.workspace.studies.map(\.id) == ["S2"])
        #expect(document.undoDepth == 1)
    }

    @Test func aChangeTheJournalCannotRecordIsTakenBack() throws {
        let document = ReviewDocument(workspace: Workspace())
        let journal = MemoryJournal()
        journal.failing = true
        document.journal = journal
        do {
            try document.apply(.addStudy(Self.study, at: nil), command: "add")
            Issue.record("the change stood without being journaled")
        } catch {
            #expect(error.kind == .journal)
        }
        #expect(document.workspace.studies.isEmpty)
        #expect(!document.isModified)
        #expect(document.undoDepth == 0)
    }

    @Test func anUndoTheJournalCannotRecordKeepsItsHistory() throws {
        let document = ReviewDocument(workspace: Workspace())
        let journal = MemoryJournal()
        document.journal = journal
        try document.apply(.addStudy(Self.study, at: nil), command: "add")
        journal.failing = true
        #expect(throws: ReviewError.self) { _ = try document.undo() }
        #expect(document.workspace.studies.count == 1)
        journal.failing = false
        #expect(try document.undo() == "add")
        #expect(document.workspace.studies.isEmpty)
    }

    @Test func theJournalOpensWithTheFirstChangeOnly() throws {
        let document = ReviewDocument(workspace: Workspace())
        var opened = 0
        let journal = MemoryJournal()
        document.openJournal = {
            opened += 1
            return journal
        }
        #expect(opened == 0)
        try document.apply(.addStudy(Self.study, at: nil), command: "add")
        try document.apply(.removeStudy(id: "S1"), command: "remove")
        #expect(opened == 1)
        #expect(journal.records.count == 2)
    }

    @Test func aJournalThatCannotBeOpenedRefusesTheChangeAndIsTriedAgain() throws {
        let document = ReviewDocument(workspace: Workspace())
        var attempts = 0
        let journal = MemoryJournal()
        document.openJournal = { () throws(FileError) -> any JournalSink in
            attempts += 1
            if attempts == 1 { throw FileError(path: "journal", message: "no space left on device") }
            return journal
        }
        do {
            try document.apply(.addStudy(Self.study, at: nil), command: "add")
            Issue.record("the change stood although no journal could be opened")
        } catch {
            #expect(error.kind == .journal)
            #expect(error.message.contains("could not be created"))
        }
        #expect(document.workspace.studies.isEmpty && !document.isModified)
        do throws(ReviewError) { try document.record(.notes(["n"]), command: "note n") } catch { Issue.record("\(error)") }
        try document.apply(.addStudy(Self.study, at: nil), command: "add")
        #expect(attempts == 2)
        #expect(journal.edits.map(\.command) == ["note n"] && journal.records.map(\.command) == ["add"])
    }

    @Test func withJournalingOffChangesAreMadeAndMarked() throws {
        let document = ReviewDocument(workspace: Workspace())
        let journal = MemoryJournal()
        journal.failing = true
        document.journal = journal
        document.isJournaling = false
        try document.apply(.addStudy(Self.study, at: nil), command: "add")
        try document.record(.notes(["n"]), command: "note n")
        #expect(document.workspace.studies.count == 1)
        #expect(document.hasUnjournaledChanges)
        document.replace(with: Workspace())
        #expect(!document.hasUnjournaledChanges)
    }

    @Test func replacingTheWorkspaceClearsHistory() throws {
        let document = ReviewDocument(workspace: Workspace())
        try document.apply(.addStudy(Self.study, at: nil), command: "add")
        document.replace(with: Workspace())
        #expect(document.undoDepth == 0 && !document.isModified && document.workspace.studies.isEmpty)
        #expect(try document.undo() == nil)
    }
}
