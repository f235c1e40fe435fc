import Foundation
import Testing
@testable import ReviewKit

/// The hand-made two-coder project (Fixtures/two-coders, written by make_projects.py): two Users code the same ten
/// passages, a User named "Consensus" settles one; a UTF-8 source with a BOM, CR LF and combining accents, one with emoji.
@Suite struct REFITwoCodersTests {
    static let zoe = "Zoë Ångström", ben = "Ben Okafor"

    static func imported(options: REFIImportOptions = REFIImportOptions()) throws -> (REFIImportPlan, Workspace) {
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("two-coders"), path: "two-coders.qdpx")
        let plan = REFIImport.plan(archive, into: Workspace(), options: options)
        var workspace = Workspace()
        try workspace.apply(plan.change)
        return (plan, workspace)
    }

    @Test func eachUsersCodingsBecomeThatReviewersCodings() throws {
        let (plan, workspace) = try Self.imported()
        #expect(plan.unmapped.isEmpty, "\(plan.unmapped)")
        #expect(plan.coders == [Self.zoe, Self.ben], "the consensus user is not a coder")
        #expect(workspace.reviewers == [Self.ben, Self.zoe], "the workspace lists reviewers as its codings are kept: by quote, then name")

        // The texts, cut by code points after the byte-order mark, CR LF counted as two.
        #expect(workspace.quotes.count == 10)
        #expect((1...10).map { workspace.quote($0)?.text } == [
            "Nobody explained what a peer worker does.",
            "I didn’t know the ward routines at all.",
            "Staff treated us as ex-patients, said Janous\u{030C}kova\u{0301}.",
            "My colleagues cheered me on when I doubted myself.",
            "The team’s jokes about “recovery” stung, but they meant well.",
            "There was no room to meet clients in private 🚪.",
            "Without a desk I never learnt the paperwork.",
            "I was anxious before every team meeting 😟.",
            "Feeling proud after a good session kept me going \u{1F1E8}\u{1F1FF}.",
            "The rota left no time for supervision.",
        ])

        // Both coders' codings of every passage, and the consensus of passage 3.
        let byZoe = workspace.reviewerCodings.filter { $0.reviewer == Self.zoe }
        let byBen = workspace.reviewerCodings.filter { $0.reviewer == Self.ben }
        #expect(byZoe.map(\.quoteID) == Array(1...10) && byBen.map(\.quoteID) == Array(1...10))
        #expect(byZoe.map(\.domain) == [.knowledge, .knowledge, .knowledge, .socialInfluences, .socialInfluences,
                                         .environmentalContextAndResources, .environmentalContextAndResources, .emotion, .emotion,
                                         .environmentalContextAndResources])
        #expect(byBen.map(\.domain) == [.knowledge, .knowledge, .socialInfluences, .socialInfluences, .socialInfluences,
                                         .environmentalContextAndResources, .knowledge, .emotion, .emotion,
                                         .environmentalContextAndResources])
        #expect(byBen[4].direction == .barrier && byZoe[4].direction == .facilitator)
        #expect(byZoe[0].component == .psychologicalCapability && byBen[2].component == .socialOpportunity)
        #expect(workspace.reviewerCodings.filter(\.isConsensus) == [
            ReviewerCoding(quoteID: 3, reviewer: ReviewerCoding.consensus, direction: .barrier, component: .psychologicalCapability, domain: .knowledge)])

        // The quote's coding: the consensus where there is one, what both gave where they agree, the disputed fields left uncoded.
        #expect(workspace.quote(3)?.domain == .knowledge)
        #expect(workspace.quote(1)?.domain == .knowledge && workspace.quote(1)?.direction == .barrier)
        #expect(workspace.quote(5)?.domain == .socialInfluences && workspace.quote(5)?.direction == nil)
        #expect(workspace.quote(7)?.domain == nil && workspace.quote(7)?.component == nil && workspace.quote(7)?.direction == .barrier)
        #expect(workspace.unresolvedCodings.map(\.quoteID) == [5, 7])
        #expect(workspace.unresolvedCodings.map(\.fields) == [[.direction], [.domain, .component]])
        #expect(plan.quotes.map(\.quote) == (1...10).map { workspace.quote($0)! }, "the plan shows the coding the workspace holds")
        #expect(plan.quotes.map(\.coderDisagreement) == [false, false, false, false, true, false, true, false, false, false],
                "passage 3 is settled by the project's consensus")
        #expect(plan.notices.contains("2 quotes coded differently by different coders with no consensus: Q5 (direction), Q7 (domain, component); "
                                      + "those fields stay uncoded until settled ('disagreements' lists them, 'consensus' settles one)"))
        #expect(plan.coderReport.first == "codings by Zoë Ångström (10 passages), Ben Okafor (10 passages) are kept as those reviewers' codings "
                + "('agreement' and 'disagreements' compare them)")
    }

    /// Cohen's kappa computed by hand from the fixture's codings (make_projects.py):
    ///
    /// domain, Zoë × Ben over ten passages (K knowledge, S social influences, E environment, M emotion):
    /// agreement on 8 of 10, p_o = 0.8; Zoë's marginals K 3, S 2, E 3, M 2 and Ben's K 3, S 3, E 2, M 2, so
    /// p_e = (3·3 + 2·3 + 3·2 + 2·2) / 100 = 0.25 and κ = (0.8 − 0.25) / (1 − 0.25) = 11/15 = 0.7333…
    ///
    /// direction: agreement on 9 of 10, p_o = 0.9; Zoë barrier 7, facilitator 3, Ben barrier 8, facilitator 2, so
    /// p_e = (7·8 + 3·2) / 100 = 0.62 and κ = (0.9 − 0.62) / (1 − 0.62) = 14/19 = 0.7368…
    @Test func agreementOnTheImportedCodingsIsTheHandComputedKappa() throws {
        let (_, workspace) = try Self.imported()
        let domain = try AgreementReport(workspace.ratings(of: .coding(.domain), reviewers: [Self.zoe, Self.ben]))
        #expect(domain.units == 10)
        let domainKappa = try #require(domain.estimate(.cohenKappa)?.value)
        #expect(abs(domainKappa - 11.0 / 15.0) < 1e-12)
        #expect(abs((domain.estimate(.percentAgreement)?.value ?? 0) - 0.8) < 1e-12)
        let direction = try AgreementReport(workspace.ratings(of: .coding(.direction), reviewers: [Self.zoe, Self.ben]))
        let directionKappa = try #require(direction.estimate(.cohenKappa)?.value)
        #expect(abs(directionKappa - 14.0 / 19.0) < 1e-12)
        // The consensus is not a rater: the same kappa without naming the reviewers.
        let all = try AgreementReport(workspace.ratings(of: .coding(.domain)))
        #expect(all.raters.count == 2 && abs((all.estimate(.cohenKappa)?.value ?? 0) - 11.0 / 15.0) < 1e-12)
    }

    @Test func coderNameMakesThatCodersCodingTheConsensusOfTheDisputedQuotes() throws {
        let (plan, workspace) = try Self.imported(options: REFIImportOptions(primaryCoder: Self.ben))
        #expect(plan.consensusChosen == [5, 7])
        #expect(workspace.unresolvedCodings.isEmpty)
        #expect(workspace.quote(7)?.domain == .knowledge && workspace.quote(5)?.direction == .barrier)
        #expect(workspace.consensusCoding(of: 3)?.domain == .knowledge, "the project's own consensus stays")
        #expect(workspace.reviewerCoding(of: 7, by: Self.zoe)?.domain == .environmentalContextAndResources, "every coder's coding stays")
        #expect(plan.notices.contains { $0.hasSuffix("Ben Okafor's coding is recorded as the consensus of 2 (coder=Ben Okafor)") })
        #expect(plan.quotes.allSatisfy { $0.unresolved.isEmpty })
    }

    @Test func theImportIsOneUndoableChange() throws {
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("two-coders"))
        let plan = REFIImport.plan(archive, into: Workspace())
        var workspace = Workspace()
        let inverse = try workspace.apply(plan.workspaceChange(for: Workspace()).change)
        #expect(workspace.reviewerCodings.count == 21)
        try workspace.apply(inverse)
        #expect(workspace.reviewerCodings.isEmpty && workspace.quotes.count == 0 && workspace.studies.isEmpty && workspace.subThemes.isEmpty)
    }

    @Test func importingTheProjectAgainAddsNothingAndAnotherCodersExportAddsTheirs() throws {
        let (_, workspace) = try Self.imported()
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("two-coders"))
        let again = REFIImport.plan(archive, into: workspace)
        #expect(again.changes.isEmpty, "\(again.changes.prefix(3))")
        #expect(again.notices.contains("21 reviewer codings were already in the workspace; not added again"))

        // A workspace holding only Zoë's codings gains Ben's (and the consensus) from the project; hers stay.
        var zoeOnly = workspace
        for coding in workspace.reviewerCodings where coding.reviewer != Self.zoe {
            try zoeOnly.apply(.removeReviewerCoding(quoteID: coding.quoteID, reviewer: coding.reviewer))
        }
        var changed = zoeOnly.reviewerCoding(of: 1, by: Self.zoe)!
        changed.domain = .goals
        changed.component = .reflectiveMotivation
        try zoeOnly.apply(.setReviewerCoding(changed))
        let merge = REFIImport.plan(archive, into: zoeOnly)
        #expect(merge.quotes.allSatisfy { $0.isExisting })
        #expect(merge.unmapped == ["Q1: Zoë Ångström's coding in the project differs from the workspace's; kept the workspace's"])
        var merged = zoeOnly
        try merged.apply(merge.workspaceChange(for: zoeOnly).change)
        #expect(merged.reviewerCodings.count == 21)
        #expect(merged.reviewerCoding(of: 1, by: Self.zoe) == changed)
        #expect(merged.reviewerCoding(of: 1, by: Self.ben)?.domain == .knowledge)
    }
}
