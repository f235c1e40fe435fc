import Testing

@testable import ReviewKit

@Suite("Counts tables: parsing with located errors and no overflow")
struct CountsTableTests {
    @Test("inline counts parse into rows; a trailing ';' is fine")
    func parses() throws {
        #expect(try CountsTable(parsing: "20,5; 10,15").counts == [[20, 5], [10, 15]])
        #expect(try CountsTable(parsing: " 0,0,0,0,14 ;0,2,6,4,2;").counts == [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2]])
        #expect(try CountsTable(parsing: "1,2\n3,4").total == 10)
        #expect(try CountsTable(cells: [["1", " 2"], ["3", "4 "]]).counts == [[1, 2], [3, 4]])
    }

    // Issue 9: these crashed the process with an arithmetic overflow trap.
    @Test("the counts that trapped now compute (the exact values are in the Python fixture)")
    func hugeCountsCompute() throws {
        let fleiss = try FleissKappa(counts: CountsTable(parsing: "99999999999,1; 1,99999999999").counts)
        #expect(fleiss.raters == 100_000_000_000)
        #expect(abs(fleiss.kappa - 0.99999999996) < 1e-12)
        let cohen = try CohenKappa(table: CountsTable(parsing: "9254775807,3;2,5").counts)
        #expect(cohen.subjects == 9_254_775_817)
        #expect(abs(cohen.kappa - 0.6666666663977364) < 1e-15)
        // Still no trap when the API is given counts whose sums overflow Int.
        #expect(throws: StatisticsError.tooManyRatings(location: .cell(row: 1, column: 1))) {
            try FleissKappa(counts: [[Int.max, 0], [Int.max, 0]])
        }
        #expect(throws: StatisticsError.tooManyRatings(location: .cell(row: 2, column: 1))) {
            try CohenKappa(table: [[1 << 52, 1 << 52], [1, 0]])
        }
    }

    @Test("out-of-range and malformed counts are refused with the span of the cell", arguments: [
        ("99999999999999999999,1", "row 1, cell 1: 99999999999999999999 is too large; a count can be at most 9007199254740992", 0..<20),
        ("9007199254740992,0; 0,1", "too many ratings: the counts add up to more than 9007199254740992 (2^53), beyond which they cannot all be represented exactly", 22..<23),
        ("20,5; 10,-15", "row 2, cell 2: negative count (-15); a count is a number of ratings, 0 or more", 9..<12),
        ("20,5; 10,2.5", "row 2, cell 2: '2.5' is not a whole number of ratings; expected digits such as 12", 9..<12),
        ("20,5; 10,１５", "row 2, cell 2: '１５' is not a whole number of ratings; expected digits such as 12", 9..<11),
        ("20,,5; 1,2,3", "row 1, cell 2 is empty; expected a whole number of ratings", 3..<4),
        ("20,5; 10,15,1", "row 2 has 3 counts; row 1 has 2 (every row needs one count per category)", 6..<13),
        ("20,5;; 10,15", "row 2 is empty; expected 2 counts separated by commas", 5..<6),
        ("  ", "no counts given; expected rows of whole numbers such as \"20,5; 10,15\"", 0..<2),
        ("", "no counts given; expected rows of whole numbers such as \"20,5; 10,15\"", 0..<1),
        ("6,", "row 1, cell 2 is empty; expected a whole number of ratings", 1..<2),
    ])
    func refusals(text: String, message: String, span: Range<Int>) {
        #expect(throws: StatisticsError(message, location: .span(span))) { try CountsTable(parsing: text) }
    }

    @Test("cells report their row and column")
    func cellErrors() {
        #expect(throws: StatisticsError(
            "row 2, cell 1: 'x' is not a whole number of ratings; expected digits such as 12", location: .cell(row: 2, column: 1))
        ) {
            try CountsTable(cells: [["1", "2"], ["x", "2"]])
        }
        #expect(throws: StatisticsError("row 2 has 1 count; row 1 has 2", location: .cell(row: 2, column: 2))) {
            try CountsTable(counts: [[1, 2], [3]])
        }
        #expect(throws: StatisticsError("no counts given")) { try CountsTable(counts: []) }
    }

    @Test("the largest accepted total is 2^53, and sums near it stay exact")
    func limit() throws {
        let table = try CountsTable(parsing: "4503599627370496,0; 0,4503599627370496")
        #expect(table.total == CountsTable.maximumTotal)
        let kappa = try CohenKappa(table: table.counts)
        #expect(kappa.kappa == 1)
    }
}
