import Testing
@testable import ReviewKit

/// Merging another reviewer's workspace: their work arrives as theirs, matched by id then text, ours is never
/// overwritten, and the merge is one change that undoes exactly.
@Suite struct ReviewerMergeTests {
    @Test func theirCodingsArriveMatchedByIdThenTextAndConflictsKeepOurs() throws {
        var ours = try ReviewerCodingTests.workspace()
        try ours.apply(.setReviewerCoding(ReviewerCodingTests.gt))
        var theirs = try ReviewerCodingTests.workspace()
        // Their Q2 has another id (Q7) but the same text, up to case and spaces.
        try theirs.apply(.removeQuote(id: 2))
        try theirs.apply(.addQuote(Quote(id: 7, text: "  SECOND ", studyID: "S1")))
        try theirs.apply(.addQuote(Quote(id: 8, text: "only theirs", studyID: "S1")))
        try theirs.apply(.setReviewerCoding(ReviewerCodingTests.kw))
        try theirs.apply(.setReviewerCoding(ReviewerCoding(quoteID: 7, reviewer: "KW", direction: .facilitator)))
        try theirs.apply(.setReviewerCoding(ReviewerCoding(quoteID: 8, reviewer: "KW", direction: .facilitator)))
        try theirs.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: "GT", domain: .emotion)))  // differs from ours
        try theirs.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: "KW", answers: [.yes])))

        let merge = ReviewerMerge(merging: theirs, into: ours)
        #expect(merge.codingsAdded == 2 && merge.appraisalsAdded == 1 && merge.reviewers == ["KW"])
        #expect(merge.matchedByText.map(\.theirs) == [7] && merge.matchedByText.map(\.ours) == [2])
        #expect(merge.unmatchedQuotes == [8])
        #expect(merge.conflicts == ["Q1: GT's coding differs between the files; kept this file's"])

        let before = ReviewerCodingTests.bytes(ours)
        let undo = try ours.apply(merge.change)
        #expect(ours.reviewerCoding(of: 2, by: "KW")?.direction == .facilitator)
        #expect(ours.reviewerCoding(of: 1, by: "GT") == ReviewerCodingTests.gt)
        #expect(ours.appraisal(of: "S1", reviewer: "KW") != nil)
        // Merging the same file again brings nothing new.
        #expect(ReviewerMerge(merging: theirs, into: ours).isEmpty)
        try ours.apply(undo)
        #expect(ReviewerCodingTests.bytes(ours) == before)
    }
}
