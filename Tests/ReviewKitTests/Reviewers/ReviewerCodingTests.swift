import Testing
@testable import ReviewKit

/// Per-reviewer codings: the quote's own coding is resolved from them (consensus, else unanimity, else
/// unresolved), every change undoes exactly, and snapshots keep them.
@Suite struct ReviewerCodingTests {
    static func workspace() throws -> Workspace {
        var w = Workspace()
        try w.apply(.addStudy(Study(id: "S1", label: "One"), at: nil))
        try w.apply(.addSubTheme(SubTheme(id: 1, direction: .barrier, component: .psychologicalCapability, domain: .knowledge, number: 1, label: "Know"), at: nil))
        try w.apply(.addQuote(Quote(id: 1, text: "first", studyID: "S1")))
        try w.apply(.addQuote(Quote(id: 2, text: "second", direction: .facilitator, component: .socialOpportunity, domain: .socialInfluences, studyID: "S1")))
        return w
    }

    static func bytes(_ w: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: w)) }

    static let gt = ReviewerCoding(quoteID: 1, reviewer: "GT", direction: .barrier, component: .psychologicalCapability, domain: .knowledge, subTheme: 1)
    static let kw = ReviewerCoding(quoteID: 1, reviewer: "KW", direction: .barrier, component: .psychologicalCapability, domain: .knowledge)
    static let ss = ReviewerCoding(quoteID: 1, reviewer: "SS", direction: .barrier, component: .socialOpportunity, domain: .socialInfluences)

    @Test func agreementResolvesAndDisagreementLeavesTheFieldUncodedAndListed() throws {
        var w = try Self.workspace()
        try w.apply(.setReviewerCoding(Self.gt))
        #expect(w.quote(1)?.domain == .knowledge && w.quote(1)?.subTheme == 1)
        try w.apply(.setReviewerCoding(Self.kw))
        // KW gave no sub-theme: GT's stands, the fields agree.
        #expect(w.quote(1)?.subTheme == 1 && w.unresolvedCodings.isEmpty)
        try w.apply(.setReviewerCoding(Self.ss))
        let q = try #require(w.quote(1))
        #expect(q.domain == nil && q.component == nil && q.direction == .barrier && q.subTheme == nil)
        #expect(w.unresolvedCodings.map(\.quoteID) == [1])
        #expect(w.unresolvedCodings.first?.fields == [.domain, .component, .subTheme])
        #expect(w.reviewers == ["GT", "KW", "SS"])
        // A consensus on the domain settles it; the component is still in dispute.
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: ReviewerCoding.consensus, domain: .knowledge)))
        #expect(w.quote(1)?.domain == .knowledge && w.quote(1)?.component == nil)
        #expect(w.unresolvedCodings.first?.fields == [.component, .subTheme])
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: ReviewerCoding.consensus, component: .psychologicalCapability,
                                                      domain: .knowledge, subTheme: 1)))
        #expect(w.quote(1)?.subTheme == 1 && w.quote(1)?.direction == .barrier && w.unresolvedCodings.isEmpty)
    }

    @Test func everyChangeUndoesAndRedoesExactly() throws {
        var w = try Self.workspace()
        var states = [Self.bytes(w)]
        var inverses: [WorkspaceChange] = []
        let changes: [WorkspaceChange] = [
            .setReviewerCoding(Self.gt), .setReviewerCoding(Self.ss),
            .setReviewerCoding(ReviewerCoding(quoteID: 2, reviewer: "GT", direction: .barrier)),
            .setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: ReviewerCoding.consensus, component: .socialOpportunity, domain: .socialInfluences)),
            .removeReviewerCoding(quoteID: 1, reviewer: "SS"), .removeQuote(id: 1),
        ]
        for change in changes {
            inverses.append(try w.apply(change))
            states.append(Self.bytes(w))
        }
        #expect(w.reviewerCodings.allSatisfy { $0.quoteID == 2 })
        // Q2 was coded before any reviewer: GT's coding now stands alone, so it is the coding.
        #expect(w.quote(2)?.direction == .barrier && w.quote(2)?.domain == nil)
        var redos: [WorkspaceChange] = []
        for (index, inverse) in inverses.enumerated().reversed() {
            redos.append(try w.apply(inverse))
            #expect(Self.bytes(w) == states[index], "undo of change \(index + 1)")
        }
        for (index, redo) in redos.reversed().enumerated() {
            try w.apply(redo)
            #expect(Self.bytes(w) == states[index + 1], "redo of change \(index + 1)")
        }
    }

    @Test func invalidCodingsAreRefusedAndChangeNothing() throws {
        var w = try Self.workspace()
        let before = Self.bytes(w)
        #expect(throws: ReviewError(.notFound, "no quote Q9")) { try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 9, reviewer: "GT", domain: .knowledge))) }
        #expect(throws: ReviewError("'consensus' is reserved for the agreed coding; choose other initials")) {
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: "Consensus", domain: .knowledge)))
        }
        #expect(throws: ReviewError(.conflict, "the domain does not match sub-theme \(w.subTheme(1)!.code) (Knowledge)")) {
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: "GT", domain: .skills, subTheme: 1)))
        }
        #expect(throws: ReviewError(.notFound, "Q1 has no coding by 'GT'")) { try w.apply(.removeReviewerCoding(quoteID: 1, reviewer: "GT")) }
        #expect(Self.bytes(w) == before)
        try w.apply(.setReviewerCoding(Self.gt))
        // The sub-theme is in use by a reviewer's coding even once the quote is recoded by hand.
        #expect(throws: ReviewError.self) { try w.apply(.removeSubTheme(id: 1)) }
    }

    @Test func blindViewShowsOnlyTheReviewersOwnCodingsAndAppraisals() throws {
        var w = try Self.workspace()
        try w.apply(.setReviewerCoding(Self.gt))
        try w.apply(.setReviewerCoding(Self.ss))
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: "GT", answers: [.yes])))
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: "SS", answers: [.no])))
        let view = w.blindView(for: "SS")
        #expect(view.quote(1)?.domain == .socialInfluences && view.quote(1)?.subTheme == nil)
        #expect(view.quote(2)?.domain == nil)  // coded by nobody in particular: hidden too
        #expect(view.appraisals.map(\.reviewer) == ["SS"] && view.reviewerCodings.map(\.reviewer) == ["SS"])
        #expect(w.unresolvedAppraisals.map(\.studyID) == ["S1"] && w.unresolvedAppraisals.first?.usedReviewer == "GT")
        // A consensus appraisal comes first, so figures (appraisal(of:)) use it.
        try w.apply(.setAppraisal(Appraisal(studyID: "S1", reviewer: ReviewerCoding.consensus, answers: [.cantTell])))
        #expect(w.appraisal(of: "S1")?.reviewer == ReviewerCoding.consensus && w.unresolvedAppraisals.isEmpty)
    }

    @Test func snapshotsKeepCodingsInAnOptionalSection() throws {
        var w = try Self.workspace()
        try w.apply(.setReviewerCoding(Self.gt))
        try w.apply(.setReviewerCoding(Self.ss))
        try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: 1, reviewer: ReviewerCoding.consensus, direction: .barrier, domain: .knowledge)))
        let bytes = Self.bytes(w)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("@codings\n# quote\treviewer\tdirection\tcomponent\tdomain\tsubtheme\nQ1\tGT\tbarrier\tpsychological-capability\tknowledge\t1\n"))
        let read = try SnapshotReader.decode(bytes)
        #expect(read.workspace.reviewerCodings == w.reviewerCodings)
        #expect(Self.bytes(read.workspace) == bytes)
        // Without reviewer codings nothing is written: older files and their bytes stay as they were.
        #expect(!String(decoding: Self.bytes(try Self.workspace()), as: UTF8.self).contains("@codings"))
        // A bad line is refused with its place.
        let bad = text.replacingOccurrences(of: "Q1\tSS\t", with: "Q7\tSS\t")
        let resigned = Array(bad.utf8)
        #expect(throws: FileError.self) { try SnapshotReader.decode(Self.resign(resigned)) }
        do { _ = try SnapshotReader.decode(Self.resign(resigned)) } catch {
            #expect(error.message == "coding of unknown quote Q7 (quotes must come first)")
        }
    }

    /// Codings stay sorted by quote, then reviewer, whatever order they arrive in, so the binary-search lookups
    /// find exactly what a linear scan finds; a snapshot listing them out of order is read back sorted.
    @Test func codingsStaySortedAndLookupsMatchAScan() throws {
        var w = try Self.workspace()
        var generator = SystemRandomNumberGenerator()
        let reviewers = ["ZZ", "GT", "consensus", "Ana Ruiz", "KW", "ab"]
        var applied: [ReviewerCoding] = []
        for _ in 0..<60 {
            let coding = ReviewerCoding(quoteID: Int.random(in: 1...2, using: &generator), reviewer: reviewers.randomElement(using: &generator)!,
                                        direction: Bool.random(using: &generator) ? .barrier : .facilitator)
            try w.apply(.setReviewerCoding(coding))
            applied.removeAll { $0.quoteID == coding.quoteID && $0.reviewer == coding.reviewer }
            applied.append(coding)
        }
        let keys = w.reviewerCodings.map { "\($0.quoteID)\t\($0.reviewer)" }
        #expect(w.reviewerCodings.map { ($0.quoteID, $0.reviewer) }.elementsEqual(
            w.reviewerCodings.map { ($0.quoteID, $0.reviewer) }.sorted { $0 < $1 }, by: { $0 == $1 }), "\(keys)")
        #expect(Set(keys).count == keys.count && keys.count == applied.count)
        for quote in [0, 1, 2, 3] {
            #expect(w.reviewerCodings(of: quote) == w.reviewerCodings.filter { $0.quoteID == quote && !$0.isConsensus })
            for reviewer in reviewers + ["nobody"] {
                #expect(w.reviewerCoding(of: quote, by: reviewer) == w.reviewerCodings.first { $0.quoteID == quote && $0.reviewer == reviewer })
            }
        }
        // Out of order in the file (edited by hand): read back sorted, and the lookups work.
        var ordered = try Self.workspace()
        try ordered.apply(.setReviewerCoding(Self.gt))
        try ordered.apply(.setReviewerCoding(Self.ss))
        let text = String(decoding: Self.bytes(ordered), as: UTF8.self)
        let gtLine = "Q1\tGT\tbarrier\tpsychological-capability\tknowledge\t1\n"
        let ssLine = "Q1\tSS\tbarrier\tsocial-opportunity\tsocial-influences\t\n"
        #expect(text.contains(gtLine + ssLine))
        let swapped = text.replacingOccurrences(of: gtLine + ssLine, with: ssLine + gtLine)
        let read = try SnapshotReader.decode(Self.resign(Array(swapped.utf8)))
        #expect(read.workspace.reviewerCodings == ordered.reviewerCodings)
        #expect(read.workspace.reviewerCoding(of: 1, by: "GT") == Self.gt)
    }

    /// The bytes with their checksum line recomputed (so the parser, not the checksum, judges the edit).
    static func resign(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast())  // the final newline
        while body.last != 10 { body.removeLast() }  // the checksum line
        return body + Array("checksum crc32 \(SnapshotWriter.hex(CRC32.checksum(body)))\n".utf8)
    }
}
