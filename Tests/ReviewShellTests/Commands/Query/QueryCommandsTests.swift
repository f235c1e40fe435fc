import Testing
@testable import ReviewShell
import ReviewKit

/// quotes, quote, studies, study, themes: plans run in ReviewKit, the commands only lay the results out.
@Suite struct QueryCommandsTests {
    @Test func groupsAddUpToTheQuotesTheyCount() throws {
        let harness = try CommandHarness()
        let table = try harness.table("quotes group by domain")
        #expect(table.columns.map(\.key) == ["domain", "count"])
        #expect(harness.column(table, "count").compactMap(\.numericValue).reduce(0, +) == 46)
        #expect(table.footnotes == ["total: 46 quotes"])
        let sorted = try harness.table("quotes where direction = barrier group by domain sort by count desc")
        let counts = harness.column(sorted, "count").compactMap(\.numericValue)
        #expect(counts == counts.sorted(by: >))
    }

    @Test func studiesSortAndLimitInTheEngine() throws {
        let harness = try CommandHarness()
        let table = try harness.table("studies where casp >= 9.5 sort by casp desc, id")
        let totals = harness.column(table, "casp").compactMap(\.numericValue)
        #expect(totals == totals.sorted(by: >) && totals.allSatisfy { $0 >= 9.5 })
        #expect(try harness.table("studies sort by casp limit 2").rows.count == 2)
        guard case .figure(let figure) = try harness.result("studies where band = high count") else { Issue.record("no count"); return }
        #expect(figure.key == "studies")
    }

    @Test func oneRecordCommandsTakeExactlyOneRecord() throws {
        let harness = try CommandHarness()
        // Shown "Q12"; machine output carries the number (docs/formats.md, "Machine output").
        #expect(try harness.record("quote q12")["id"] == .labelled(.integer(12), display: "Q12"))
        #expect(try harness.record("study s06")["id"] == .text("S06"), "study ids are matched without case")
        #expect(harness.failure("quote Q1 Q2")?.kind == .unexpectedArgument)
        let unknown = harness.failure("study Gillard")
        #expect(unknown?.message == "no study with id 'Gillard'")
        #expect(unknown?.notes.first?.contains("S12 (Gillard et al.)") == true)
    }

    @Test func themesFilterTheSubThemesWithTheQuoteFields() throws {
        let harness = try CommandHarness()
        let barriers = try harness.table("themes where direction = barrier")
        #expect(!barriers.rows.isEmpty && harness.column(barriers, "direction").allSatisfy { $0 == .labelled(.text("barrier"), display: "Barrier") })
        #expect(barriers.columns.map(\.key) == ["code", "id", "direction", "component", "domain", "number", "label", "quotes"])
        #expect(barriers.columns.filter { !$0.machineOnly }.map(\.label) == ["code", "direction", "COM-B", "TDF domain", "sub-theme", "quotes"])
    }
}
