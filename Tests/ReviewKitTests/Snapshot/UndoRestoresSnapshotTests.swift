import Foundation
import Testing
@testable import ReviewKit

/// Undo restores the exact state: the snapshot after a change and its undo is byte for byte the one before.
///
/// Issue 16: undo of `remove appraisal` (and of `remove study`) put the appraisal back at the end; the
/// inverse is now `.addAppraisal(_, at:)`, which puts it back in its place.
@Suite struct UndoRestoresSnapshotTests {
    func bytes(_ workspace: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: workspace)) }

    @Test func undoOfRemovingAQuoteOrTheLastStudyRestoresTheSnapshotBytes() throws {
        let original = try EmbeddedReview.load().workspace
        let before = bytes(original)
        for change in [WorkspaceChange.removeQuote(id: 5), .removeQuote(id: 1), .removeStudy(id: "S33")] {
            var workspace = original
            let inverse = try workspace.apply(change)
            try workspace.apply(inverse)
            let same = bytes(workspace) == before
            #expect(same, "undo of \(change)")
        }
    }

    @Test(arguments: ["appraisal", "study"])
    func undoOfRemovingAnAppraisalRestoresItsPlace(what: String) throws {
        var workspace = try EmbeddedReview.load().workspace
        let before = bytes(workspace)
        let first = try #require(workspace.appraisals.first)
        #expect(workspace.appraisals.count > 1)
        // A study no quote cites, in the middle of the list, so its removal is allowed and its appraisal is not last.
        let uncited = workspace.studies.enumerated().first { index, study in
            index > 0 && index < workspace.studies.count - 1 && !workspace.quotes.studies.contains(Int32(index))
                && workspace.appraisals.contains { $0.studyID == study.id } && workspace.appraisals.last?.studyID != study.id
        }
        let change: WorkspaceChange = what == "appraisal" ? .removeAppraisal(studyID: first.studyID, reviewer: first.reviewer)
                                                          : .removeStudy(id: try #require(uncited).element.id)
        let inverse = try workspace.apply(change)
        let redo = try workspace.apply(inverse)
        let same = bytes(workspace) == before
        #expect(same, "the snapshot after '\(change)' and its undo differs from the one before")
        // Redo removes it again, and undoing that restores it again.
        let undoAgain = try workspace.apply(redo)
        #expect(bytes(workspace) != before)
        try workspace.apply(undoAgain)
        #expect(bytes(workspace) == before)
    }
}
