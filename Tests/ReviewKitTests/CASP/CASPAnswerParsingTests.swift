import Testing
@testable import ReviewKit

/// CASP answers as reviewers type them, and the seed's quality bands.
@Suite struct CASPAnswerParsingTests {
    @Test func answersParseFromWordsAndScores() {
        #expect(CASPAnswer(parsing: "yes")?.score == 1)
        #expect(CASPAnswer(parsing: "can't tell")?.score == 0.5)
        #expect(CASPAnswer(parsing: "0")?.score == 0)
        #expect(CASPAnswer(parsing: "perhaps") == nil)
    }

    @Test func theSeedBandsPlaceTotalsAsTheReviewDoes() {
        #expect(QualityBands.seed.bands(containing: 20).map(\.name) == ["high"], "10 is high")
        #expect(QualityBands.seed.bands(containing: 12).map(\.name) == ["moderate"], "6 is moderate")
        #expect(QualityBands.seed.bands(containing: 16).isEmpty, "8 falls between moderate 6–7 and high > 8")
    }
}
