import Foundation
import Testing
@testable import ReviewKit

/// The report's synthesis sections: the Summary of Qualitative Findings and the Evidence Profile in the published
/// layout and wording, and the TDF domain ranking, each cell equal to the typed tables the shell prints.
@Suite("Visuals: HTML report, synthesis sections")
struct ReportSynthesisTests {
    /// The body rows of the table with this id, as cell texts.
    static func rows(_ xml: XMLCheck, table id: String) -> [[String]] {
        guard let start = xml.elements.firstIndex(where: { $0.name == "table" && $0.attributes["id"] == id }) else { return [] }
        let end = xml.elements[(start + 1)...].firstIndex { $0.name == "table" || $0.name == "section" } ?? xml.elements.count
        let slice = xml.elements[start..<end]
        guard let body = slice.firstIndex(where: { $0.name == "tbody" }) else { return [] }
        var rows: [[String]] = []
        for element in xml.elements[body..<end] {
            if element.name == "tr" { rows.append([]) } else if element.name == "td", !rows.isEmpty { rows[rows.count - 1].append(element.text) }
        }
        return rows
    }

    static let html = ReviewReport.html(workspace: CERQualIllustration.workspace, inputs: VisualsReportTests.embeddedInputs)

    /// The published summary sentence: "<Level> regarding methodological limitations, <level> regarding coherence,
    /// <level> regarding adequacy, and <level> regarding relevance" (Lewin et al. 2018; iSoQ).
    static func isPublishedSummary(_ text: String) -> Bool {
        let levels = ConcernLevel.allCases.map(\.name)
        let parts = ["methodological limitations", "coherence", "adequacy", "relevance"]
        var rest = Substring(text)
        for (index, part) in parts.enumerated() {
            guard let level = levels.first(where: { rest.lowercased().hasPrefix($0) }) else { return false }
            if index == 0 && rest.first?.isUppercase != true { return false }
            rest = rest.dropFirst(level.count)
            let joiner = index == parts.count - 1 ? "" : (index == parts.count - 2 ? ", and " : ", ")
            guard rest.hasPrefix(" regarding \(part)\(joiner)") else { return false }
            rest = rest.dropFirst(" regarding \(part)\(joiner)".count)
        }
        return rest.hasPrefix(".")
    }

    @Test("the Summary of Qualitative Findings: one row per assessed finding, the published columns, the explanation pre-filled in the published wording")
    func summaryOfFindings() throws {
        let xml = XMLCheck(Self.html)
        #expect(xml.error == nil)
        let headers = xml.elements.drop { $0.attributes["id"] != "soqf" }.prefix { $0.name != "tbody" }.filter { $0.name == "th" }.map(\.text)
        #expect(headers == ["#", "Summary of review finding", "Studies contributing", "CERQual assessment of confidence", "Explanation of CERQual assessment"])
        let rows = Self.rows(xml, table: "soqf")
        let workspace = CERQualIllustration.workspace
        let table = CERQualTables(workspace: workspace, synthesis: workspace.synthesis).summaryOfFindings()
        try #require(rows.count == 3)
        for (index, row) in rows.enumerated() {
            #expect(row[0] == String(index + 1))
            #expect(row[1] == "F\(index + 1) " + (table.value(row: index, "statement")?.description ?? ""))
            #expect(row[2] == table.value(row: index, "studies_contributing")?.description)
            #expect(row[3] == (table.value(row: index, "confidence")?.description ?? "") + " confidence")
            #expect(row[4] == table.value(row: index, "explanation")?.description)
            #expect(Self.isPublishedSummary(row[4]), "\(row[4])")
        }
        #expect(rows.map { $0[3] } == ["moderate confidence", "moderate confidence", "low confidence"])
        #expect(rows[0][4] == "Moderate concerns regarding methodological limitations, no or very minor concerns regarding coherence, moderate concerns regarding adequacy, and minor concerns regarding relevance. Moderate concerns about methodological limitations and adequacy, and minor concerns about relevance.")
        #expect(rows[1][2] == "ref 36; ref 51 (+ 1 quote without a source)")
    }

    @Test("the Evidence Profile: each component's cell is the pre-filled sentence continued by the reviewer's reason")
    func evidenceProfile() throws {
        let rows = Self.rows(XMLCheck(Self.html), table: "evidence-profile")
        try #require(rows.count == 3 && rows.allSatisfy { $0.count == 8 })
        #expect(rows[0][3] == "No or very minor concerns regarding coherence")
        #expect(rows[2][4] == "Serious concerns regarding adequacy because three quotes, of which only two can be traced, one from each of two studies: thin data for a finding about a whole workforce")
        for row in rows {
            for (offset, component) in CERQualComponent.allCases.enumerated() {
                let cell = row[2 + offset]
                #expect(ConcernLevel.allCases.contains { cell.lowercased().hasPrefix($0.name + " regarding " + component.name) }, "\(cell)")
            }
        }
        #expect(rows.map { $0[6] } == ["moderate", "moderate", "low"])
    }

    @Test("the domain ranking: ranks, citations and sub-themes as 'domains rank' gives them, domains without data listed last")
    func domains() throws {
        let rows = Self.rows(XMLCheck(Self.html), table: "domain-importance")
        try #require(rows.count == 14)
        let table = try DomainImportance(workspace: CERQualIllustration.workspace).table
        for (index, row) in rows.prefix(11).enumerated() {
            #expect(row[0] == table.value(row: index, "rank")?.description)
            #expect(row[1] == table.value(row: index, "domain")?.description)
            #expect(row[2] == table.value(row: index, "studies")?.description)
        }
        // docs/cerqual.md: the hand-made ranking of the seed's Tables 3 and 4 (Fixtures/shaw-2025-domains-by-hand.json).
        #expect(rows[0][0] == "1st" && rows[0][1] == "Environmental Context and Resources" && rows[0][2] == "5" && rows[0][3] == "15.2" && rows[0][4] == "11")
        #expect(rows.filter { $0[0] == "joint 8th\u{2013}10th" }.map { $0[1] } == ["Reinforcement", "Goals", "Emotion"])
        #expect(rows.suffix(3).map { $0[0] } == ["no data", "no data", "no data"])
        #expect(Set(rows.suffix(3).map { $0[1] }) == ["Optimism", "Intentions", "Behavioural Regulation"])
    }

    @Test("without an assessment the findings section says so and has no empty table")
    func noAssessment() {
        let html = ReviewReport.html(workspace: SynthesisFixtures.embedded, inputs: ReportInputs())
        let xml = XMLCheck(html)
        #expect(xml.error == nil)
        #expect(!xml.elements.contains { $0.attributes["id"] == "soqf" })
        #expect(html.contains("No finding has a GRADE-CERQual assessment yet (46 findings in force;"))
        #expect(xml.elements.contains { $0.attributes["id"] == "domain-importance" })
    }
}
