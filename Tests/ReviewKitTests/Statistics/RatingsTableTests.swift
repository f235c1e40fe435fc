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
        #expect(table.droppedSubjects == 0)
        #expect(!table.notes.contains { $0.kind == .incompleteUnitsDropped })
    }

    @Test("missing ratings are dropped and labels are trimmed")
    func missing() throws {
        let table = try RatingsTable(ratings: [["x", "", " y"], ["y ", "y", "  "], ["x", "x"]])
        #expect(table.categoryLabels == ["x", "y"])
        #expect(table.counts == [[1, 1], [0, 2], [2, 0]])
        #expect(table.ratingsPerSubject == 2)
    }

    @Test("numeric labels sort by value, others by case-insensitive text")
    func ordering() throws {
        let numeric = try RatingsTable(ratings: [["10", "9"], ["-1", "2.5"]])
        #expect(numeric.categoryLabels == ["-1", "2.5", "9", "10"])
        let words = try RatingsTable(ratings: [["Reflective motivation", "Capability"], ["Opportunity", "capability"]])
        #expect(words.categoryLabels == ["capability", "Opportunity", "Reflective motivation"])
    }

    // Issue 9: "Include" and "include " were two categories (κ 0.031 with no warning).
    @Test("labels differing only by case are one category, with a note listing the merge")
    func caseFolding() throws {
        let mixed = try RatingsTable(ratings: [
            ["Include", "include ", "exclude"], ["Exclude", "exclude", " EXCLUDE"], ["include", "Include", "include"],
            ["exclude", "Exclude", "include"],
        ])
        #expect(mixed.categoryLabels == ["exclude", "include"])
        #expect(mixed.counts == [[1, 2], [3, 0], [0, 3], [2, 1]])
        let note = try #require(mixed.notes.first { $0.kind == .foldedLabels })
        #expect(note.message.contains("'EXCLUDE', 'Exclude' and 'exclude' as 'exclude'"))
        #expect(note.message.contains("'Include' and 'include' as 'include'"))
        let lower = try RatingsTable(ratings: [
            ["include", "include", "exclude"], ["exclude", "exclude", "exclude"], ["include", "include", "include"],
            ["exclude", "exclude", "include"],
        ])
        #expect(try FleissKappa(ratings: mixed).kappa == FleissKappa(ratings: lower).kappa)
        #expect(!lower.notes.contains { $0.kind == .foldedLabels })
    }

    // Issue 9: Fleiss refused "subject 5 has 2 ratings"; classic Fleiss now drops incomplete subjects, as R irr does.
    @Test("subjects with missing ratings are dropped with a note giving how many")
    func incompleteSubjects() throws {
        let ratings = Array(repeating: ["1", "2", "1", "1", "2", "2"], count: 2)
            + [["1", "2", "", "1", "2", "2"]] + Array(repeating: ["1", "1", "1", "1", "2", "2"], count: 3)
        let table = try RatingsTable(ratings: ratings)
        #expect(table.subjects == 5)
        #expect(table.droppedSubjects == 1)
        #expect(table.ratingsPerSubject == 6)
        #expect(table.subjectIDs == ["row 1", "row 2", "row 4", "row 5", "row 6"])
        let note = try #require(table.notes.first { $0.kind == .incompleteUnitsDropped })
        #expect(note.message.hasPrefix("left out 1 of 6 subjects with fewer than 6 ratings (row 3)"))
        #expect(note.message.contains("R irr::kappam.fleiss"))
        // The same as Fleiss' kappa on the complete subjects alone.
        let complete = try FleissKappa(ratings: RatingsTable(ratings: ratings.enumerated().filter { $0.offset != 2 }.map(\.element)))
        #expect(try FleissKappa(ratings: table) == complete)
    }

    @Test("rows without any rating are left out with a note")
    func emptyRows() throws {
        let table = try RatingsTable(ratings: [["a", "b"], ["", ""], ["a", "a"]])
        #expect(table.subjects == 2)
        #expect(table.droppedSubjects == 0)
        let note = try #require(table.notes.first { $0.kind == .emptyUnits })
        #expect(note.message == "left out 1 row without any rating (row 2)")
    }

    @Test("empty input is rejected")
    func empty() {
        #expect(throws: StatisticsError("no subjects")) { try RatingsTable(ratings: []) }
        #expect(throws: StatisticsError("no ratings: every rating is missing")) {
            try RatingsTable(ratings: [["", " "], []])
        }
        #expect(throws: StatisticsError("at least two raters are needed; only 'rater 1' has ratings")) {
            try RatingsTable(ratings: [["a", ""], ["b"]])
        }
        #expect(throws: StatisticsError("at least two raters are needed per subject; each subject has 1 rating")) {
            try RatingsTable(ratings: [["a", ""], ["", "b"]])
        }
    }
}
