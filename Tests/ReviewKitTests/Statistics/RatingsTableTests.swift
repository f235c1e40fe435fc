import Testing

@testable import ReviewKit

@Suite("Ratings tables")
struct RatingsTableTests {
    @Test("counts raw ratings into a subjects × categories table")
    func counts() throws {
        let table = try RatingsTable(ratings: [["b", "a", "b"], ["c", "c", "c"], ["a", "b", "c"]])
        #expect(table.categoryLabels == ["a", "b", "c"])
        #expect(table.counts == [[1, 2, 0], [0, 0, 3], [1, 1, 1]])
        #expect(table.subjects == 3)
        #expect(table.ratingsPerSubject == 3)
    }

    @Test("missing ratings are dropped and labels are trimmed")
    func missing() throws {
        let table = try RatingsTable(ratings: [["x", "", " y"], ["y ", "y", "  "], ["x", "x"]])
        #expect(table.categoryLabels == ["x", "y"])
        #expect(table.counts == [[1, 1], [0, 2], [2, 0]])
        #expect(table.ratingsPerSubject == 2)
    }

    @Test("numeric labels sort by value, others by string order")
    func ordering() throws {
        let numeric = try RatingsTable(ratings: [["10", "9"], ["-1", "2.5"]])
        #expect(numeric.categoryLabels == ["-1", "2.5", "9", "10"])
        let mixed = try RatingsTable(ratings: [["10", "9"], ["b", "B"]])
        #expect(mixed.categoryLabels == ["10", "9", "B", "b"])
        let words = try RatingsTable(ratings: [["Reflective motivation", "Capability"], ["Opportunity", "Capability"]])
        #expect(words.categoryLabels == ["Capability", "Opportunity", "Reflective motivation"])
    }

    @Test("a subject with a different number of ratings is named")
    func unequal() {
        let ratings = Array(repeating: ["1", "2", "1", "1", "2", "2"], count: 2)
            + [["1", "2", "", "1", "2", "2"]] + Array(repeating: ["1", "1", "1", "1", "2", "2"], count: 3)
        #expect(throws: StatisticsError(
            "subject 3 has 5 ratings; expected 6 (every subject needs the same number of raters)")
        ) {
            try RatingsTable(ratings: ratings)
        }
        #expect(throws: StatisticsError(
            "subject 2 has 0 ratings; expected 2 (every subject needs the same number of raters)")
        ) {
            try RatingsTable(ratings: [["a", "b"], ["", ""], ["a", "a"]])
        }
    }

    @Test("empty input is rejected")
    func empty() {
        #expect(throws: StatisticsError("no subjects")) { try RatingsTable(ratings: []) }
        #expect(throws: StatisticsError("no ratings: every rating is missing")) {
            try RatingsTable(ratings: [["", " "], []])
        }
    }
}
