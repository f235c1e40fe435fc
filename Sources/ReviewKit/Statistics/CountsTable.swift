/// A table of counts of ratings (subjects × categories for Fleiss, rater A × rater B for Cohen),
/// parsed from text or cells with every count checked, so that no input can overflow later sums.
///
/// A count is a whole number written with ASCII digits (surrounding spaces are ignored). The sum
/// of all counts may not exceed ``maximumTotal`` (2^53): up to there every count, every row and
/// column sum and the grand total are exact both as `Int` and as `Double`, which the statistics rely
/// on (they form products and sums of squares in `Double`). Errors carry a ``StatisticsError/Location``:
/// a Character span for inline text, a cell for a table of cells.
public struct CountsTable: Sendable, Equatable {
    /// The largest total number of ratings accepted: 2^53 = 9,007,199,254,740,992.
    public static let maximumTotal = 1 << 53

    /// The counts, one array per row; every row has the same number of cells.
    public let counts: [[Int]]

    /// The sum of all counts.
    public let total: Int

    /// Checks a table of counts: rectangular, non-empty, no negative count, total at most ``maximumTotal``.
    ///
    /// Errors are located at the offending cell (`.cell(row:column:)`, 1-based).
    public init(counts: [[Int]]) throws(StatisticsError) {
        guard let width = counts.first?.count, width > 0 else {
            throw StatisticsError("no counts given")
        }
        var total = 0
        for (r, row) in counts.enumerated() {
            guard row.count == width else {
                throw StatisticsError(
                    "row \(r + 1) has \(row.count) \(row.count == 1 ? "count" : "counts"); row 1 has \(width)",
                    location: .cell(row: r + 1, column: min(row.count, width) + 1))
            }
            for (c, value) in row.enumerated() {
                let location = StatisticsError.Location.cell(row: r + 1, column: c + 1)
                guard value >= 0 else {
                    throw Self.negative(String(value), row: r + 1, cell: c + 1, location: location)
                }
                let (sum, overflow) = total.addingReportingOverflow(value)
                guard !overflow, sum <= Self.maximumTotal else {
                    throw .tooManyRatings(location: location)
                }
                total = sum
            }
        }
        self.counts = counts
        self.total = total
    }

    /// Parses cells of text (from a CSV file, say) into counts.
    ///
    /// - Parameter cells: One array per data row. Errors are located at `.cell(row:column:)`, 1-based
    ///   within `cells` (a caller that dropped a header row adds it back when it reports a line).
    public init(cells: [[String]]) throws(StatisticsError) {
        var counts: [[Int]] = []
        counts.reserveCapacity(cells.count)
        for (r, row) in cells.enumerated() {
            var values: [Int] = []
            values.reserveCapacity(row.count)
            for (c, cell) in row.enumerated() {
                values.append(
                    try Self.count(cell, row: r + 1, cell: c + 1, location: .cell(row: r + 1, column: c + 1)))
            }
            counts.append(values)
        }
        try self.init(counts: counts)
    }

    /// Parses inline counts such as `"20,5; 10,15"`: rows separated by `;` (or line breaks), cells by `,`.
    ///
    /// A single trailing `;` is allowed. Errors are located with `.span` in Characters of `text`, e.g.
    /// `"99999999999999999999,1"` fails at 0..<20 with "row 1, cell 1: 99999999999999999999 is too
    /// large; a count can be at most 9007199254740992".
    public init(parsing text: String) throws(StatisticsError) {
        let characters = Array(text)
        // Split into rows and cells, remembering each cell's span.
        var rows: [[(text: String, span: Range<Int>)]] = []
        var rowSpans: [Range<Int>] = []
        var row: [(text: String, span: Range<Int>)] = []
        var cellStart = 0
        var rowStart = 0
        for index in 0...characters.count {
            let atEnd = index == characters.count
            let character = atEnd ? nil : characters[index]
            let endsCell = atEnd || character == "," || character == ";" || character == "\n"
            guard endsCell else { continue }
            row.append((String(characters[cellStart..<index]), cellStart..<index))
            cellStart = index + 1
            if character != "," {
                rows.append(row)
                rowSpans.append(rowStart..<index)
                row = []
                rowStart = index + 1
            }
        }
        func isBlank(_ cells: [(text: String, span: Range<Int>)]) -> Bool {
            cells.count == 1 && cells[0].text.allSatisfy(\.isWhitespace)
        }
        // One trailing separator leaves an empty last row: ignore it.
        if rows.count > 1, let last = rows.last, isBlank(last) {
            rows.removeLast()
            rowSpans.removeLast()
        }
        let whole = 0..<max(1, characters.count)
        guard !(rows.count == 1 && isBlank(rows[0])) else {
            throw StatisticsError(
                "no counts given; expected rows of whole numbers such as \"20,5; 10,15\"", location: .span(whole))
        }
        let width = rows[0].count
        var counts: [[Int]] = []
        var total = 0
        for (r, cells) in rows.enumerated() {
            if isBlank(cells) {
                throw StatisticsError(
                    "row \(r + 1) is empty; expected \(width) counts separated by commas",
                    location: .span(Self.visible(rowSpans[r], in: characters)))
            }
            guard cells.count == width else {
                throw StatisticsError(
                    "row \(r + 1) has \(cells.count) counts; row 1 has \(width) (every row needs one count per category)",
                    location: .span(Self.visible(rowSpans[r], in: characters)))
            }
            var values: [Int] = []
            for (c, cell) in cells.enumerated() {
                let span = Self.visible(cell.span, in: characters)
                let value = try Self.count(cell.text, row: r + 1, cell: c + 1, location: .span(span))
                let (sum, overflow) = total.addingReportingOverflow(value)
                guard !overflow, sum <= Self.maximumTotal else { throw .tooManyRatings(location: .span(span)) }
                total = sum
                values.append(value)
            }
            counts.append(values)
        }
        self.counts = counts
        self.total = total
    }

    /// One count from the text of a cell.
    static func count(
        _ raw: String, row: Int, cell: Int, location: StatisticsError.Location
    ) throws(StatisticsError) -> Int {
        let text = StatisticsSupport.trimmed(raw)
        let place = "row \(row), cell \(cell)"
        guard !text.isEmpty else {
            throw StatisticsError("\(place) is empty; expected a whole number of ratings", location: location)
        }
        let isDigits = { (s: Substring) in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 } }
        if let first = text.first, first == "-" || first == "−", isDigits(text.dropFirst()) {
            throw negative(text, row: row, cell: cell, location: location)
        }
        guard isDigits(Substring(text)) else {
            throw StatisticsError(
                "\(place): '\(text)' is not a whole number of ratings; expected digits such as 12",
                location: location)
        }
        let digits = text.drop { $0 == "0" }
        guard digits.count <= 16, let value = Int(digits.isEmpty ? "0" : String(digits)), value <= maximumTotal
        else {
            throw StatisticsError(
                "\(place): \(text) is too large; a count can be at most \(maximumTotal)", location: location)
        }
        return value
    }

    static func negative(
        _ text: String, row: Int, cell: Int, location: StatisticsError.Location
    ) -> StatisticsError {
        StatisticsError(
            "row \(row), cell \(cell): negative count (\(text)); a count is a number of ratings, 0 or more",
            location: location)
    }

    /// The span without surrounding whitespace, at least one Character wide (for a caret) and within the text.
    static func visible(_ span: Range<Int>, in characters: [Character]) -> Range<Int> {
        var lower = span.lowerBound
        var upper = span.upperBound
        while lower < upper, characters[lower].isWhitespace { lower += 1 }
        while upper > lower, characters[upper - 1].isWhitespace { upper -= 1 }
        if lower == upper {
            // An empty cell: one Character, at its start, or on the last Character when it is at the end.
            let at = max(0, min(span.lowerBound, characters.count - 1))
            return at..<at + 1
        }
        return lower..<upper
    }
}
