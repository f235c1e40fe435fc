/// Raw categorical ratings as units (subjects) × raters, with missing ratings, ready for any agreement
/// coefficient: the common input of Fleiss', Conger's, Gwet's, Brennan–Prediger's and Krippendorff's
/// coefficients, percent agreement and, for two raters, Cohen's kappa.
///
/// Reading a table does what a reviewer's export needs and says so in ``notes``:
/// - leading identifier columns (`record_id`, `Covidence #`, `Title`) are recognised and left out,
///   or the subject and rater columns are chosen with ``RatingsColumns``;
/// - labels are trimmed, and labels that differ only by case ("Include", "include ") are one
///   category (shown with its most common spelling), as R irrCAC does for text ratings;
/// - an empty cell is a missing rating; rows without any rating and rater columns without any
///   rating are left out;
/// - categories are those used, in numeric order when every label is a number, otherwise in
///   case-insensitive text order, unless a list of categories is declared (which also fixes their
///   order for ordinal statistics and lets unused categories count, e.g. for Brennan–Prediger).
public struct RatingsMatrix: Sendable, Equatable {
    /// A column of the input table: its name (the header, or "rater N"/"column N" without one) and 1-based number.
    public struct Column: Sendable, Equatable, Codable {
        /// The header, or a made-up name when the table has no header.
        public let name: String
        /// The 1-based column number in the input.
        public let number: Int

        /// Creates a column reference.
        public init(name: String, number: Int) {
            self.name = name
            self.number = number
        }
    }

    /// The rater columns, in the order they are used.
    public let raters: [Column]
    /// The subject column, when there is one.
    public let subjectColumn: Column?
    /// Each unit's identifier: its value in the subject column, else "row N".
    public let unitIDs: [String]
    /// Each unit's 1-based data row in the input (the header is not counted).
    public let sourceRows: [Int]
    /// The category labels, in category order.
    public let categories: [String]
    /// Whether the category order is meaningful: declared, or every label is a number.
    public let categoriesAreOrdered: Bool
    /// The numeric value of each category when every label is a number, else nil.
    public let categoryValues: [Double]?
    /// What was read, left out or merged, in the order it happened.
    public let notes: [RatingsNote]
    /// The number of input rows left out because they had no rating at all.
    public let emptyRowCount: Int

    /// Category codes, unit-major (`codes[unit * raterCount + rater]`); -1 marks a missing rating.
    let codes: [Int32]

    /// The number of units (subjects) with at least one rating.
    public var unitCount: Int { unitIDs.count }
    /// The number of raters (columns) with at least one rating.
    public var raterCount: Int { raters.count }
    /// The raters' names (column headers, or "rater 1", "rater 2", … without a header).
    public var raterNames: [String] { raters.map(\.name) }
    /// The number of ratings (non-missing cells).
    public var ratingCount: Int { codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// The category index of `rater`'s rating of `unit`, or nil when it is missing.
    public func category(unit: Int, rater: Int) -> Int? {
        let code = codes[unit * raterCount + rater]
        return code < 0 ? nil : Int(code)
    }

    /// The category label of `rater`'s rating of `unit`, or nil when it is missing.
    public func rating(unit: Int, rater: Int) -> String? {
        category(unit: unit, rater: rater).map { categories[$0] }
    }

    /// Reads a table of ratings with a header row: one row per subject, one column per rater.
    ///
    /// - Parameters:
    ///   - header: The column names, or nil when the table has none (then only the values can mark
    ///     an identifier column, and raters are named "rater 1", "rater 2", …).
    ///   - rows: The data rows. A short row is padded with missing ratings.
    ///   - columns: Which column is the subject and which are raters.
    ///   - categories: The possible categories in order (matched like the ratings, ignoring case);
    ///     nil for the labels used.
    ///   - foldCase: Whether labels that differ only by case are one category (default true).
    ///   - cancellation: Checked between rows; a cancel throws a ``StatisticsError`` marked `isInterruption`.
    /// - Throws: ``StatisticsError`` naming the column or cell: an unknown column, a rating that is
    ///   not a declared category, a row longer than the header, fewer than two rater columns with
    ///   ratings, or no rating at all.
    public init(
        header: [String]?, rows: [[String]], columns: RatingsColumns = RatingsColumns(),
        categories declared: [String]? = nil, foldCase: Bool = true, cancellation: CancellationToken = .none
    ) throws(StatisticsError) {
        var reader = RatingsMatrixReader(header: header, rows: rows, foldCase: foldCase, cancellation: cancellation)
        self = try reader.read(columns: columns, declared: declared)
    }

    /// Reads headerless ratings in which every column is a rater (no identifier detection).
    ///
    /// This is the form of ``RatingsTable/init(ratings:)`` and ``TwoRaterTable``: rows may differ in
    /// length (absent trailing cells are missing), "" marks a missing rating.
    public init(ratings: [[String]], foldCase: Bool = true) throws(StatisticsError) {
        guard !ratings.isEmpty else { throw .noSubjects }
        var reader = RatingsMatrixReader(header: nil, rows: ratings, foldCase: foldCase)
        self = try reader.read(columns: RatingsColumns(subject: .none), declared: nil)
    }

    init(
        raters: [Column], subjectColumn: Column?, unitIDs: [String], sourceRows: [Int], categories: [String], categoriesAreOrdered: Bool,
        notes: [RatingsNote], emptyRowCount: Int, codes: [Int32]
    ) {
        self.raters = raters
        self.subjectColumn = subjectColumn
        self.unitIDs = unitIDs
        self.sourceRows = sourceRows
        self.categories = categories
        let values = categories.map(StatisticsSupport.number)
        self.categoryValues = values.allSatisfy { $0 != nil } ? values.map { $0! } : nil
        self.categoriesAreOrdered = categoriesAreOrdered
        self.notes = notes
        self.emptyRowCount = emptyRowCount
        self.codes = codes
    }

    /// The same ratings restricted to some raters (by index), keeping units that still have a rating.
    ///
    /// - Throws: ``StatisticsError`` when fewer than two raters are chosen or none of them rated anything.
    public func selecting(raters chosen: [Int]) throws(StatisticsError) -> RatingsMatrix {
        guard chosen.count >= 2, Set(chosen).count == chosen.count,
            chosen.allSatisfy({ (0..<raterCount).contains($0) })
        else {
            throw StatisticsError("choose at least two different raters out of \(raterCount)")
        }
        var codes: [Int32] = []
        var ids: [String] = []
        var rows: [Int] = []
        for unit in 0..<unitCount {
            let row = chosen.map { self.codes[unit * raterCount + $0] }
            guard row.contains(where: { $0 >= 0 }) else { continue }
            codes += row
            ids.append(unitIDs[unit])
            rows.append(sourceRows[unit])
        }
        guard !ids.isEmpty else { throw StatisticsError("no ratings: the chosen raters rated nothing") }
        return RatingsMatrix(
            raters: chosen.map { raters[$0] }, subjectColumn: subjectColumn, unitIDs: ids, sourceRows: rows, categories: categories,
            categoriesAreOrdered: categoriesAreOrdered, notes: notes,
            emptyRowCount: emptyRowCount + unitCount - ids.count, codes: codes)
    }
}
