import Testing
@testable import ReviewKit

/// Import batches (studies added and updated, appraisals set) take a linear path with index maps built once.
/// The second implementation they are checked against is applying the same changes one by one.
@Suite struct RecordBatchTests {
    func bytes(_ workspace: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: workspace)) }

    /// A mixed import-shaped batch: new studies, updates of seed studies, new and replaced appraisals.
    func batch(_ workspace: Workspace, seed: UInt64) -> [WorkspaceChange] {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        var changes: [WorkspaceChange] = []
        var added: [String] = []
        for step in 0..<300 {
            switch next(4) {
            case 0:
                let id = "N\(step)"
                changes.append(.addStudy(Study(id: id, label: "New \(step)", year: 2000 + next(20)), at: nil))
                added.append(id)
            case 1:
                var study = workspace.studies[next(workspace.studies.count)]
                study.country = "Country \(step)"
                changes.append(.updateStudy(study))
            default:
                let ids = workspace.studies.map(\.id) + added
                let answers: [CASPAnswer?] = (0..<10).map { _ in [CASPAnswer.yes, .no, .cantTell, nil][next(4)] }
                changes.append(.setAppraisal(Appraisal(studyID: ids[next(ids.count)], reviewer: ["", "AB"][next(2)], answers: answers)))
            }
        }
        return changes
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aBatchGivesWhatTheChangesGiveOneByOne(seed: UInt64) throws {
        let original = try EmbeddedReview.load().workspace
        let changes = batch(original, seed: seed)
        var batched = original
        let inverse = try batched.apply(.batch(changes))
        var oneByOne = original
        for change in changes { try oneByOne.apply(change) }
        let same = bytes(batched) == bytes(oneByOne)
        #expect(same)
        let redo = try batched.apply(inverse)
        let undone = bytes(batched) == bytes(original)
        #expect(undone, "the inverse restores the workspace exactly")
        let undoAgain = try batched.apply(redo)
        let redone = bytes(batched) == bytes(oneByOne)
        #expect(redone, "redo gives the imported workspace again")
        try batched.apply(undoAgain)
        let undoneAgain = bytes(batched) == bytes(original)
        #expect(undoneAgain)
    }

    @Test func changesOffTheEndsTakeTheUsualPathInTheSameBatch() throws {
        let original = try EmbeddedReview.load().workspace
        let appraised = try #require(original.appraisals.first).studyID
        let uncited = try #require(original.studies.enumerated().first { index, study in
            !original.quotes.studies.contains(Int32(index)) && original.appraisals.contains { $0.studyID == study.id }
        }).element.id
        let first = try #require(original.appraisals.first)
        let changes: [WorkspaceChange] = [
            .addStudy(Study(id: "N1", label: "New"), at: nil),
            .removeAppraisal(studyID: first.studyID, reviewer: first.reviewer),  // not the last one
            .removeStudy(id: uncited),  // in the middle, with appraisals
            .addStudy(Study(id: "N2", label: "Front"), at: 0),
            .setAppraisal(Appraisal(studyID: "N1", reviewer: "", answers: Array(repeating: .yes, count: 10))),
            .removeQuote(id: 1),
            .removeStudy(id: "N1"),  // the last study, but with an appraisal: removed the usual way, with it
        ]
        var batched = original
        var oneByOne = original
        let inverse = try batched.apply(.batch(changes))
        for change in changes { try oneByOne.apply(change) }
        let same = bytes(batched) == bytes(oneByOne)
        #expect(same)
        #expect(!batched.studies.contains { $0.id == "N1" } && !batched.appraisals.contains { $0.studyID == "N1" })
        try batched.apply(inverse)
        let restored = bytes(batched) == bytes(original)
        #expect(restored, "undo restores every position, \(appraised) included")
    }
}
