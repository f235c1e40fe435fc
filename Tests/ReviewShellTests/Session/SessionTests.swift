import Testing
@testable import ReviewShell
import ReviewKit

/// The session: a document plus settings, notes and cells; what counts as unsaved and what a load keeps.
@Suite struct SessionTests {
    @Test func unsavedChangesComeFromTheDocumentOrTheSession() throws {
        let session = try Session.embedded()
        #expect(!session.hasUnsavedChanges)
        try session.document.apply(.addStudy(Study(id: "S34", label: "x"), at: nil), command: "add")
        #expect(session.hasUnsavedChanges && session.document.isModified)
        session.hasUnsavedChanges = false
        #expect(!session.document.isModified, "saving clears the document's mark too")
        session.notes.append("n")
        session.hasUnsavedChanges = true
        #expect(session.hasUnsavedChanges && !session.document.isModified)
    }

    @Test func loadingKeepsThisSessionsCellsAfterTheLoadedHistory() throws {
        let session = try Session.embedded()
        session.cells = [Cell(number: 1, command: "studies", output: "", failed: false)]
        let snapshot = Snapshot(workspace: Workspace(), settings: [:], notes: ["n"], history: ["a", "b"])
        try session.load(snapshot, path: "x.snapshot", base: .empty)
        #expect(session.cells.map(\.command) == ["a", "b", "studies"])
        #expect(session.cells.map(\.number) == [1, 2, 3])
        #expect(session.workspace.studies.isEmpty && session.document.undoDepth == 0)
        #expect(session.sourceDescription == "x.snapshot")
    }
}
