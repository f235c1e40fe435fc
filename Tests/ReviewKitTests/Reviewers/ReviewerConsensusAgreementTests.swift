import Testing
@testable import ReviewKit

/// Agreement before and after consensus, on a table small enough to compute by hand, and a moved sub-theme
/// taking the reviewers' codings that name it along (undo restores both).
@Suite struct ReviewerConsensusAgreementTests {
    /// Two reviewers code the domain of four quotes: Q1 K/K, Q2 S/K, Q3 S/S, Q4 K/S (K knowledge, S skills);
    /// the team agrees Q2 is knowledge.
    static func workspace(consensus: Bool) throws -> Workspace {
        var w = Workspace()
        try w.apply(.addStudy(Study(id: "S1", label: "One"), at: nil))
        for id in 1...4 { try w.apply(.addQuote(Quote(id: id, text: "quote \(id)", studyID: "S1"))) }
        let a: [TDFDomain] = [.knowledge, .skills, .skills, .knowledge], b: [TDFDomain] = [.knowledge, .knowledge, .skills, .skills]
        for id in 1...4 {
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: id, reviewer: "A", domain: a[id - 1])))
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: id, reviewer: "B", domain: b[id - 1])))
        }
        if consensus { try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 2, reviewer: ReviewerCoding.consensus, domain: .knowledge))) }
        return w
    }

    static func value(_ report: AgreementReport, _ coefficient: AgreementCoefficient) -> Double? { report.estimate(coefficient)?.value }

    @Test("by hand: percent 2/4 → 3/4, Cohen 0 → 0.5, Fleiss (Scott) 0 → 0.21875/0.46875")
    func beforeAndAfter() throws {
        let w = try Self.workspace(consensus: true)
        let before = try AgreementReport(try w.ratings(of: .coding(.domain)))
        let after = try AgreementReport(try w.afterConsensus().ratings(of: .coding(.domain)))
        #expect(before.units == 4 && after.units == 4 && before.ratings == 8 && after.ratings == 8)
        // Before: po 2/4; A and B each 2 K, 2 S, so pe = 0.5 for Cohen and for Scott/Fleiss: both 0.
        #expect(abs(Self.value(before, .percentAgreement)! - 0.5) < 1e-12)
        #expect(abs(Self.value(before, .cohenKappa)!) < 1e-12 && abs(Self.value(before, .fleissKappa)!) < 1e-12)
        // After: Q2 counts as K/K, po 3/4; Cohen pe = 0.75·0.5 + 0.25·0.5 = 0.5, κ = 0.5;
        // pooled K 5/8, S 3/8: pe = 34/64, Scott's π = (0.75 − 34/64)/(1 − 34/64) = 0.21875/0.46875.
        #expect(abs(Self.value(after, .percentAgreement)! - 0.75) < 1e-12)
        #expect(abs(Self.value(after, .cohenKappa)! - 0.5) < 1e-12)
        #expect(abs(Self.value(after, .fleissKappa)! - 0.21875 / 0.46875) < 1e-12)
        // Without a consensus, after is before.
        let none = try Self.workspace(consensus: false)
        #expect(try AgreementReport(try none.afterConsensus().ratings(of: .coding(.domain))) == AgreementReport(try none.ratings(of: .coding(.domain))))
    }

    @Test("after consensus replaces only ratings that exist, for CASP answers and screening decisions too")
    func afterConsensusKeepsMissingRatingsMissing() throws {
        var w = try Self.workspace(consensus: true)
        // B did not code Q4's direction; a consensus direction does not invent B's rating.
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 4, reviewer: "A", direction: .barrier, domain: .knowledge)))
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 4, reviewer: ReviewerCoding.consensus, direction: .facilitator)))
        let view = w.afterConsensus()
        #expect(view.reviewerCoding(of: 4, by: "A")?.direction == .facilitator && view.reviewerCoding(of: 4, by: "B")?.direction == nil)
        #expect(view.reviewerCoding(of: 2, by: "A")?.domain == .knowledge)
        // CASP: the consensus answer replaces each reviewer's answer to that question.
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: "A", answers: [.yes, .no])))
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: "B", answers: [.yes, .yes])))
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: ReviewerCoding.consensus, answers: [nil, .cantTell, .yes])))
        let casp = w.afterConsensus()
        #expect(casp.appraisal(of: "S1", reviewer: "A")?.answers.prefix(3) == [.yes, .cantTell, nil])
        #expect(casp.appraisal(of: "S1", reviewer: "B")?.answers.prefix(3) == [.yes, .cantTell, nil])
        // Screening: the consensus decision replaces each reviewer's.
        try w.apply(.screening(.set([ScreeningRecord(id: "R1", votes: [.init(reviewer: "A", decision: .include), .init(reviewer: "B", decision: .exclude),
                                                                        .init(reviewer: "consensus", decision: .exclude)])])))
        #expect(w.afterConsensus().screening["R1"]?.reviewerVotes.map(\.decision) == [.exclude, .exclude])
        #expect(w.screening["R1"]?.reviewerVotes.map(\.decision) == [.include, .exclude])
    }
}

/// `edit theme` moving a sub-theme: before the fix the quotes under it moved but the reviewers' codings naming it
/// kept the old domain, so they contradicted their own sub-theme (and the snapshot no longer loaded).
@Suite struct SubThemeMoveTests {
    static func workspace() throws -> Workspace {
        var w = Workspace()
        try w.apply(.addStudy(Study(id: "S1", label: "One"), at: nil))
        try w.apply(.addSubTheme(SubTheme(id: 1, direction: .barrier, component: .psychologicalCapability, domain: .knowledge, number: 1, label: "Know"), at: nil))
        try w.apply(.addQuote(Quote(id: 1, text: "first", studyID: "S1")))
        try w.apply(.addQuote(Quote(id: 2, text: "second", studyID: "S1")))
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: "GT", direction: .barrier, component: .psychologicalCapability, domain: .knowledge, subTheme: 1)))
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: "KW", direction: .barrier, component: .psychologicalCapability, domain: .knowledge, subTheme: 1)))
        // KW names the sub-theme without coding the direction: only the fields a reviewer coded move.
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 2, reviewer: "KW", component: .psychologicalCapability, domain: .knowledge, subTheme: 1)))
        return w
    }

    static func bytes(_ w: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: w)) }

    @Test func movingASubThemeMovesTheCodingsThatNameItAndUndoRestoresBoth() throws {
        var w = try Self.workspace()
        let before = Self.bytes(w)
        #expect(w.quote(1)?.subTheme == 1 && w.quote(2)?.subTheme == 1)
        var moved = try #require(w.subTheme(1))
        moved.domain = .skills
        moved.number = 3
        let inverse = try w.apply(.updateSubTheme(moved))
        #expect(w.reviewerCoding(of: 1, by: "GT")?.domain == .skills && w.reviewerCoding(of: 1, by: "KW")?.domain == .skills)
        #expect(w.reviewerCoding(of: 2, by: "KW")?.domain == .skills && w.reviewerCoding(of: 2, by: "KW")?.direction == nil)
        #expect(w.quote(1)?.domain == .skills && w.quote(1)?.subTheme == 1 && w.unresolvedCodings.isEmpty)
        #expect(w.quote(2)?.domain == .skills && w.quote(2)?.subTheme == 1)
        // What is saved loads again (a coding contradicting its sub-theme is refused by the reader).
        let after = Self.bytes(w)
        #expect(throws: Never.self) { try SnapshotReader.decode(after) }
        let redo = try w.apply(inverse)
        #expect(Self.bytes(w) == before)
        try w.apply(redo)
        #expect(Self.bytes(w) == after)
    }

    @Test func renumberingKeepsTheCodingsOnTheSubTheme() throws {
        var w = try Self.workspace()
        var renumbered = try #require(w.subTheme(1))
        renumbered.number = 7
        try w.apply(.updateSubTheme(renumbered))
        #expect(w.subTheme(1)?.code == "B/KNO/7" || w.subTheme(1)?.code.hasSuffix("/7") == true)
        #expect(w.reviewerCodings.filter { $0.subTheme == 1 }.count == 3 && w.quote(1)?.subTheme == 1)
    }
}
