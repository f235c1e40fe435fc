import Foundation
import Testing
@testable import ReviewKit

/// Checks the embedded review against the seed's own tables.
@Suite struct EmbeddedReviewTests {
    let snapshot = try! EmbeddedReview.load()
    var workspace: Workspace { snapshot.workspace }

    @Test func seedTextIsAvailable() {
        #expect(!SeedText.text.isEmpty, "the seed review text was not found next to the project (Tests/ReviewKitTests/Fixtures/Seed)")
    }

    @Test func embeddedTextMatchesTheSessionsFile() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let file = try String(contentsOf: url.appendingPathComponent("sessions/shaw-2025.snapshot"), encoding: .utf8)
        #expect(file == EmbeddedReview.text, "run scripts/embed-dataset.sh after changing sessions/shaw-2025.snapshot")
    }

    @Test func hasAllThirtyThreeStudiesInTable2Order() {
        let table2 = SeedText.table2
        #expect(table2.count == 33)
        #expect(workspace.studies.count == 33)
        #expect(workspace.studies.map(\.label) == table2.map(\.label))
        #expect(Set(workspace.studies.map(\.id)).count == 33)
        // Two studies share each of these labels and stay distinct.
        #expect(workspace.studies.filter { $0.label == "Debyser et al." }.map(\.id) == ["S25", "S29"])
        #expect(workspace.studies.filter { $0.label == "Gillard et al." }.map(\.id) == ["S12", "S32"])
    }

    @Test func everyAnswerAndTotalMatchesTable2() {
        for (study, row) in zip(workspace.studies, SeedText.table2) {
            let appraisal = workspace.appraisal(of: study.id)!
            #expect(appraisal.answers.map { $0!.score } == row.scores, "\(study.label)")
            #expect(appraisal.total == row.total, "\(study.label): total \(appraisal.total) vs printed \(row.total)")
            #expect(row.scores.reduce(0, +) == row.total, "the seed's own row \(row.label) adds up")
        }
    }

    @Test func keepsNonASCIILabels() {
        let labels = workspace.studies.map(\.label)
        #expect(labels.contains("Janoušková et al."))
        #expect(labels.contains("Kivistö et al."))
        #expect(labels.contains("Pérez-Corrales et al."))
    }

    @Test func subThemesAndQuotesMatchTables3And4() {
        let rows = SeedText.themeRows
        #expect(rows.filter { $0.table == 3 }.count == 18)
        #expect(rows.filter { $0.table == 4 }.count == 28)
        #expect(workspace.subThemes.count == 46)
        #expect(workspace.quotes.count == 46)
        #expect(workspace.subThemes.filter { $0.direction == .barrier }.count == 18)
        #expect(workspace.subThemes.filter { $0.direction == .facilitator }.count == 28)
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            #expect(SeedText.text.contains(quote.text + " [("), "quote \(quote.label) is verbatim from the seed")
            let theme = workspace.subTheme(quote.subTheme!)!
            #expect(SeedText.text.contains("\(theme.number). \(theme.label) | "), "sub-theme \(theme.code) label is verbatim")
        }
    }

    @Test func subThemeCountsPerComponent() {
        let coverage = Coverage(workspace: workspace)
        func themes(_ c: COMBComponent, _ d: Direction) -> Int { workspace.subThemes.filter { $0.component == c && $0.direction == d }.count }
        // Table 3 (barriers): knowledge 2; ECR 4; SI 2; emotions 2; BaCon 3 + SPRI 5.
        #expect(themes(.psychologicalCapability, .barrier) == 2)
        #expect(themes(.physicalOpportunity, .barrier) == 4)
        #expect(themes(.socialOpportunity, .barrier) == 2)
        #expect(themes(.automaticMotivation, .barrier) == 2)
        #expect(themes(.reflectiveMotivation, .barrier) == 8)
        // Table 4 (facilitators): skills 3 + knowledge 2 + MADP 1; ECR 7; SI 4; reinforcement 2; goals 2 + BaCap 4 + SPRI 3.
        #expect(themes(.psychologicalCapability, .facilitator) == 6)
        #expect(themes(.physicalOpportunity, .facilitator) == 7)
        #expect(themes(.socialOpportunity, .facilitator) == 4)
        #expect(themes(.automaticMotivation, .facilitator) == 2)
        #expect(themes(.reflectiveMotivation, .facilitator) == 9)
        #expect(themes(.physicalCapability, .barrier) + themes(.physicalCapability, .facilitator) == 0)
        #expect(coverage.quotesPerComponent.reduce(0, +) == 46)
    }

    @Test func domainsWithAndWithoutData() {
        let coverage = Coverage(workspace: workspace)
        // Section 3.2: eleven of fourteen domains; not behavioural regulation, intentions, optimism.
        #expect(coverage.domainsWithData.count == 11)
        #expect(coverage.domainsWithoutData == [.optimism, .intentions, .behaviouralRegulation])
        // The prose says "all components"; the tables have no physical capability data ("physical skills were also not identified").
        #expect(coverage.componentsWithoutData == [.physicalCapability])
    }

    @Test func codingAgreesWithTheSeedMapping() {
        for theme in workspace.subThemes {
            #expect(DomainMapping.seed.allows(theme.component, theme.domain), "\(theme.code)")
        }
    }

    @Test func citationsFromTheResultsSection() {
        let cited = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }.filter { $0.reference != nil }
        #expect(cited.count == 31)
        // Every (reference, page) given to a quote appears in the seed's results section.
        for quote in cited {
            let locator = quote.page.map { "(\(quote.reference!)), \($0)" } ?? "(\(quote.reference!))"
            #expect(SeedText.text.contains(locator), "\(quote.label) \(locator)")
        }
        let skills = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }.first { $0.text.contains("less border-like") }!
        #expect(skills.citation == "(33), p. 1425")
    }
}
