import Testing

@testable import ReviewKit

@Suite("Ratings matrices: columns, labels and notes")
struct RatingsMatrixTests {
    /// Fleiss (1971), raters 1–3 (irr prints Kappa = 0.534), as a screening export with a record id.
    static func withRecordID(header idHeader: String = "record_id") -> (header: [String], rows: [[String]]) {
        let rows = FleissKappaTests.diagnoses.enumerated().map { index, ratings in
            [String(101 + index)] + Array(ratings.prefix(3))
        }
        return ([idHeader, "rater_A", "rater_B", "rater_C"], rows)
    }

    static func rounded(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    // Issue 9: `kappa fleiss ratings FILE` counted record_id as a rater ("raters per subject: 4").
    @Test("a leading id column named by its header is left out, with a note", arguments: [
        "record_id", "ID", "Study ID", "item", "key", "Covidence #", "Record", "study",
    ])
    func identifierByHeader(header: String) throws {
        let input = Self.withRecordID(header: header)
        let matrix = try RatingsMatrix(header: input.header, rows: input.rows)
        #expect(matrix.raterNames == ["rater_A", "rater_B", "rater_C"])
        #expect(matrix.raters.map(\.number) == [2, 3, 4])
        #expect(matrix.subjectColumn == RatingsMatrix.Column(name: header, number: 1))
        #expect(matrix.unitIDs.prefix(2) == ["101", "102"])
        #expect(matrix.notes.first == RatingsNote(.columnsUsed, "raters: 'rater_A', 'rater_B' and 'rater_C'; subjects: '\(header)'"))
        #expect(matrix.notes.contains(
            RatingsNote(.identifierColumn, "left out column '\(header)': an identifier, not a rater (its header names an identifier)")))
        let fleiss = try FleissKappa(ratings: RatingsTable(matrix))
        #expect(fleiss.raters == 3)
        #expect(fleiss.categories.count == 5)
        #expect(Self.rounded(fleiss.kappa, 3) == "0.534")
    }

    @Test("without a header, an id column is still recognised by its values (the shell passes rows without the header)")
    func headerlessIdentifier() throws {
        // What issue 9 saw: the ids were counted as a rater and listed as categories.
        let rows = (1...6).map { [String(100 + $0), $0 % 2 == 0 ? "include" : "exclude", "include", "exclude"] }
        let table = try RatingsTable(ratings: rows)
        #expect(table.categoryLabels == ["exclude", "include"])
        #expect(table.ratingsPerSubject == 3)
        #expect(table.subjectIDs.first == "101")
        #expect(table.notes.contains(
            RatingsNote(.identifierColumn, "left out column 'column 1': an identifier, not a rater (its values differ on every row and are not ratings)")))
        // RatingsMatrix(ratings:) is the explicit "every column is a rater" reading.
        #expect(try RatingsMatrix(ratings: rows).raterCount == 4)
    }

    @Test("Covidence-style exports: 'Covidence #' and 'Title' are both left out")
    func covidence() throws {
        let header = ["Covidence #", "Title", "Reviewer A", "Reviewer B"]
        let rows = [
            ["#12", "Barriers to exercise, a synthesis", "Include", "include"],
            ["#13", "Facilitators of uptake", "Exclude", "Maybe"],
            ["#14", "Qualitative study of …", "exclude", "Exclude"],
        ]
        let matrix = try RatingsMatrix(header: header, rows: rows)
        #expect(matrix.raterNames == ["Reviewer A", "Reviewer B"])
        #expect(matrix.subjectColumn?.name == "Covidence #")
        #expect(matrix.notes.filter { $0.kind == .identifierColumn }.count == 2)
        #expect(matrix.categories == ["Exclude", "include", "Maybe"], "the most common spelling names the category")
    }

    @Test("an identifier without a telling header is recognised by its values")
    func identifierByValues() throws {
        let input = Self.withRecordID(header: "code")
        let rows = input.rows.map { ["R" + $0[0]] + $0.dropFirst() }
        let matrix = try RatingsMatrix(header: input.header, rows: rows)
        #expect(matrix.raterNames == ["rater_A", "rater_B", "rater_C"])
        #expect(matrix.notes.contains(
            RatingsNote(.identifierColumn, "left out column 'code': an identifier, not a rater (its values differ on every row and are not ratings)")))
        // A rater column whose few values happen to differ on every row is not an identifier.
        let small = try RatingsMatrix(header: ["A", "B", "C"], rows: [["1", "1", "2"], ["2", "2", "2"], ["3", "3", "1"]])
        #expect(small.raterCount == 3)
    }

    @Test("rater and subject columns can be chosen; the output says which were used")
    func explicitColumns() throws {
        let input = Self.withRecordID()
        let header = input.header + ["notes"]
        let rows = input.rows.map { $0 + ["checked"] }
        let matrix = try RatingsMatrix(
            header: header, rows: rows,
            columns: RatingsColumns(subject: .column("RECORD_ID"), raters: ["rater_C", "2"]))
        #expect(matrix.raterNames == ["rater_C", "rater_A"])
        #expect(matrix.subjectColumn?.number == 1)
        #expect(matrix.notes == [
            RatingsNote(.columnsUsed, "raters: 'rater_C' and 'rater_A'; subjects: 'record_id'"),
            RatingsNote(.ignoredColumns, "ignored columns 'rater_B' and 'notes': not chosen as raters"),
        ])
        let none = try RatingsMatrix(header: input.header, rows: input.rows, columns: RatingsColumns(subject: .none))
        #expect(none.raterCount == 4, "with no subject column every column is a rater")
        #expect(none.subjectColumn == nil)
    }

    @Test("unknown or contradictory column choices are refused with the column names")
    func badColumns() {
        let input = Self.withRecordID()
        #expect(throws: StatisticsError(
            "no column 'rater_D'; the columns are 'record_id', 'rater_A', 'rater_B' and 'rater_C' (or give a number from 1 to 4)")
        ) {
            try RatingsMatrix(header: input.header, rows: input.rows, columns: RatingsColumns(raters: ["rater_A", "rater_D"]))
        }
        #expect(throws: StatisticsError("column 'record_id' is the subject column; it cannot also be a rater")) {
            try RatingsMatrix(
                header: input.header, rows: input.rows,
                columns: RatingsColumns(subject: .column("record_id"), raters: ["record_id", "rater_A"]))
        }
        #expect(throws: StatisticsError("choose at least two rater columns; got 1")) {
            try RatingsMatrix(header: input.header, rows: input.rows, columns: RatingsColumns(raters: ["rater_A"]))
        }
        #expect(throws: StatisticsError("column 'rater_A' is chosen twice as a rater")) {
            try RatingsMatrix(header: input.header, rows: input.rows, columns: RatingsColumns(raters: ["rater_A", "2"]))
        }
    }

    @Test("declared categories fix the order, keep unused ones and refuse other labels where they are")
    func declaredCategories() throws {
        let header = ["study", "GT", "AS"]
        let rows = [["S1", "Yes", "yes"], ["S2", "can't tell", "No"], ["S3", "no", "no"]]
        let matrix = try RatingsMatrix(header: header, rows: rows, categories: ["yes", "can't tell", "no", "n/a"])
        #expect(matrix.categories == ["yes", "can't tell", "no", "n/a"])
        #expect(matrix.categoriesAreOrdered)
        #expect(matrix.rating(unit: 1, rater: 1) == "no")
        #expect(matrix.notes.contains(RatingsNote(.unusedCategories, "nobody used 'n/a'; it still counts as a possible category")))
        #expect(throws: StatisticsError(
            "row 2, column 'AS': 'unclear' is not one of the categories 'yes', 'can't tell' and 'no'",
            location: .cell(row: 2, column: 3))
        ) {
            try RatingsMatrix(header: header, rows: [["S1", "yes", "yes"], ["S2", "no", "unclear"]], categories: ["yes", "can't tell", "no"])
        }
        #expect(throws: StatisticsError("category 'Yes' is declared twice")) {
            try RatingsMatrix(header: header, rows: rows, categories: ["yes", "Yes"])
        }
    }

    @Test("case folding can be turned off")
    func noFolding() throws {
        let matrix = try RatingsMatrix(header: ["a", "b"], rows: [["X", "x"], ["x", "x"]], foldCase: false)
        #expect(matrix.categories == ["X", "x"])
        #expect(!matrix.notes.contains { $0.kind == .foldedLabels })
    }

    @Test("empty rater columns and rows are left out with notes; a long row is refused where it is")
    func emptyColumnsAndRows() throws {
        let header = ["id", "A", "B", "C"]
        let rows = [["1", "a", "b", ""], ["2", "", "", ""], ["3", "a", "a", " "], ["4", "b", "b", "", ""]]
        let matrix = try RatingsMatrix(header: header, rows: rows)
        #expect(matrix.raterNames == ["A", "B"])
        #expect(matrix.unitIDs == ["1", "3", "4"])
        #expect(matrix.sourceRows == [1, 3, 4])
        #expect(matrix.emptyRowCount == 1)
        #expect(matrix.notes.contains(RatingsNote(.emptyRaterColumn, "left out column 'C': no ratings")))
        #expect(matrix.notes.contains(RatingsNote(.emptyUnits, "left out 1 row without any rating (row 2)")))
        #expect(matrix.ratingCount == 6)
        #expect(throws: StatisticsError("row 2 has 5 cells but the header has 4 columns", location: .cell(row: 2, column: 5))) {
            try RatingsMatrix(header: header, rows: [["1", "a", "b", "a"], ["2", "a", "b", "a", "x"]])
        }
        #expect(throws: StatisticsError("at least two raters are needed; only 'A' has ratings")) {
            try RatingsMatrix(header: header, rows: [["1", "a", "", ""], ["2", "b", "", ""]])
        }
    }

    @Test("two raters are cross-tabulated on the subjects both rated, with a note on the others")
    func twoRaters() throws {
        let matrix = try RatingsMatrix(header: ["id", "A", "B"], rows: [["1", "Yes", "yes"], ["2", "no", ""], ["3", "No", "yes"], ["4", "", ""]])
        let table = try TwoRaterTable(matrix)
        #expect(table.categoryLabels == ["no", "yes"])
        #expect(table.counts == [[0, 1], [0, 1]])
        #expect(table.skippedSubjects == 2)
        #expect(table.raterNames == ["A", "B"])
        #expect(table.notes.contains(RatingsNote(.unpairedUnits, "left out 1 subject rated by only one of the two raters (row 2)")))
        let three = try RatingsMatrix(header: ["A", "B", "C"], rows: [["a", "b", "a"]])
        #expect(throws: StatisticsError(
            "Cohen's kappa compares exactly two raters; there are 3 ('A', 'B' and 'C'): choose two, or use Fleiss' or Conger's kappa")
        ) {
            try TwoRaterTable(three)
        }
        let chosen = try three.selecting(raters: [2, 0])
        #expect(chosen.raterNames == ["C", "A"])
    }
}
