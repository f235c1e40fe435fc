import Testing
@testable import ReviewKit

@Suite struct CASPSummaryTests {
    let workspace = try! EmbeddedReview.load().workspace

    @Test func bandCountsUnderTheSeedCutOffsAsWritten() {
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        let counts = Dictionary(uniqueKeysWithValues: summary.bandCounts.map { ($0.name, $0.count) })
        // Independent count from Table 2: totals ≥ 8.5 → 22; 6–7 → 2 (7.0 ×2); ≤ 5 → 1 (4.5); 7.5 ×5 and 8.0 ×3 fall in no band.
        #expect(counts["high"] == 22)
        #expect(counts["moderate"] == 2)
        #expect(counts["low"] == 1)
        #expect(counts["none"] == 8)
        #expect(summary.bandCounts.last?.totals == [16, 15])
        #expect(QualityBands.seed.gaps == [11, 15, 16])
        #expect(QualityBands.seed.overlaps.isEmpty)
    }

    @Test func fullScoresAndStatistics() {
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        let totals = SeedText.table2.map(\.total)
        #expect(summary.fullScoreCount == totals.filter { $0 == 10 }.count)
        #expect(summary.fullScoreCount == 8)  // section 4.1: "8 studies achieving full scores"
        let mean = totals.reduce(0, +) / Double(totals.count)
        #expect(abs(summary.statistics.mean! - mean) < 1e-12)
        #expect(summary.statistics.minimum == 4.5)
        #expect(summary.statistics.maximum == 10)
        #expect(summary.statistics.median == 9)
    }

    @Test func perQuestionTalliesMatchTable2() {
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        let table = SeedText.table2
        for tally in summary.tallies {
            let column = table.map { $0.scores[tally.question.id - 1] }
            #expect(tally.yes == column.filter { $0 == 1 }.count)
            #expect(tally.cantTell == column.filter { $0 == 0.5 }.count)
            #expect(tally.no == column.filter { $0 == 0 }.count)
            #expect(tally.yes + tally.cantTell + tally.no == 33)
        }
        // Q6 (reflexivity) is the weakest item, as section 4.1 says.
        #expect(summary.tallies.min { $0.meanScore! < $1.meanScore! }?.question.id == 6)
    }

    @Test func overlappingCutOffsAreReported() throws {
        let bands = try QualityBands(parsing: "high 8..10; moderate 6..8; low ..6")
        #expect(bands.overlaps.map(\.halfPoints) == [12, 16])
        let summary = CASPSummary(workspace: workspace, bands: bands)
        #expect(summary.overlapping.count == 3)  // the three 8.0 studies
        #expect(bands.gaps.isEmpty)
    }

    @Test func cutOffParsingErrors() {
        #expect(throws: ReviewError.self) { try QualityBands(parsing: "high 8-10") }
        #expect(throws: ReviewError.self) { try QualityBands(parsing: "high ..11") }
        #expect(throws: ReviewError.self) { try QualityBands(parsing: "high 8.25..10") }
        #expect(throws: ReviewError.self) { try QualityBands(parsing: "") }
        #expect((try? QualityBands(parsing: "high >8..10; moderate 6..7; low ..5")) == .seed)
    }
}
