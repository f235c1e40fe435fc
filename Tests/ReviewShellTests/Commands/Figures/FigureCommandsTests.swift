import Testing
@testable import ReviewShell
import ReviewKit

/// domains, matrix, casp, bands, kappa: figures from the workspace with typed values.
@Suite struct FigureCommandsTests {
    @Test func theMatrixTotalIsTheNumberOfCodedQuotes() throws {
        let harness = try CommandHarness()
        let matrix = try harness.table("matrix")
        #expect(harness.column(matrix, "total").last == .integer(46))
        #expect(harness.column(matrix, "is_total") == Array(repeating: .boolean(false), count: 6) + [.boolean(true)])
        #expect(matrix.columns.first?.key == "component")
        let barriers = try harness.table("matrix barrier where domain != knowledge")
        #expect(harness.column(barriers, "total").last == .integer(16))
        #expect(harness.failure("matrix sideways")?.message == "unknown matrix option 'sideways'")
    }

    @Test func domainsCountSubThemesAndQuotesAsPairs() throws {
        let harness = try CommandHarness()
        let table = try harness.table("domains barrier")
        #expect(table.columns.map(\.key) == ["number", "domain", "component", "barriers", "quotes"])
        #expect(harness.column(table, "barriers").allSatisfy { if case .pair = $0 { true } else { false } })
        #expect(harness.failure("domains sideways")?.kind == .review(.unknownName))
    }

    @Test func caspViewsAndBands() throws {
        let harness = try CommandHarness()
        #expect(try harness.table("casp").rows.count == 33)
        #expect(try harness.record("casp stats")["studies_appraised"] == .integer(33))
        #expect(harness.failure("casp summary")?.message == "unknown view 'summary'")
        let bands = try harness.table("bands")
        #expect(harness.column(bands, "studies").compactMap(\.numericValue).reduce(0, +) <= 33)
        #expect(harness.failure("bands now")?.message == "'bands' takes no arguments; change cut-offs with 'set bands …'")
    }

    @Test func kappaReadsItsSubcommandsAndOptions() throws {
        let harness = try CommandHarness()
        let cohen = try harness.record("kappa cohen counts \"20,5; 10,15\" level=0.9")
        #expect(cohen["kappa"]?.numericValue.map { abs($0 - 0.4) < 1e-9 } == true)
        #expect(cohen.fields.contains { $0.key == "ci_lower" && $0.label == "90% CI lower" })
        #expect(harness.failure("kappa")?.message == "which statistic? 'kappa fleiss …', 'kappa cohen …' or 'kappa label K'")
        #expect(harness.failure("kappa spearman")?.kind == .unknownSubcommand)
        #expect(harness.failure("kappa cohen counts \"1,2; 3,4\" level=2")?.message == "level must be a confidence level between 0 and 1, e.g. level=0.95")
        #expect(try harness.record("kappa label 0.5")["strength"] == .labelled(.text("moderate"), display: "moderate"))
    }
}
