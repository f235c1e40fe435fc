import Testing
@testable import ReviewKit

/// The sub-theme coding rule, written once and used by changes, bulk loading and CSV import alike.
@Suite struct SubThemeCodingTests {
    static let theme = SubTheme(id: 2, direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources,
                                number: 2, label: "Lack of resource available (i.e., training)")

    @Test func aCodingFitsOnlyWhenAllThreeAgree() {
        #expect(Self.theme.fits(direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources))
        #expect(!Self.theme.fits(direction: .facilitator, component: .physicalOpportunity, domain: .environmentalContextAndResources))
        #expect(!Self.theme.fits(direction: nil, component: nil, domain: nil))
    }

    @Test func theFirstContradictedFieldIsNamedWithTheSubThemesValue() {
        #expect(Self.theme.conflict(direction: nil, component: nil, domain: nil) == nil, "values not given contradict nothing")
        #expect(Self.theme.conflict(direction: .barrier, component: .socialOpportunity, domain: .knowledge)! == ("component", "Physical opportunity"))
        #expect(Self.theme.conflict(direction: .facilitator, component: nil, domain: nil)! == ("direction", "barrier"))
    }

    @Test func changesAndBulkLoadingSayTheSameThing() throws {
        var workspace = Workspace()
        try workspace.apply(.addSubTheme(Self.theme, at: nil))
        let quote = Quote(id: 1, text: "x", direction: .facilitator, component: .physicalOpportunity, domain: .environmentalContextAndResources, subTheme: 2)
        var byChange: ReviewError?
        do { try workspace.apply(.addQuote(quote)) } catch { byChange = error }
        var byBulk: ReviewError?
        do { try workspace.appendQuotes([quote]) } catch { byBulk = error }
        #expect(byChange == Self.theme.codingMismatch(quoteID: 1))
        #expect(byBulk?.message == byChange?.message)
        #expect(byChange?.kind == .conflict)
        #expect(byChange?.message == "quote Q1's coding does not match its sub-theme B/ECR/2 (barrier, Physical opportunity, Environmental Context and Resources)")
    }
}
