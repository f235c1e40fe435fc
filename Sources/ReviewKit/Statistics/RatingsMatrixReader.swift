/// Reads a table of cells into a ``RatingsMatrix``: chooses the columns, cleans and folds the labels,
/// leaves out what cannot count and writes a note for each such step.
struct RatingsMatrixReader {
    let header: [String]?
    let rows: [[String]]
    let foldCase: Bool
    let width: Int
    let cancellation: CancellationToken
    var notes: [RatingsNote] = []

    init(header: [String]?, rows: [[String]], foldCase: Bool, cancellation: CancellationToken = .none) {
        self.header = header
        self.rows = rows
        self.foldCase = foldCase
        self.cancellation = cancellation
        self.width = header?.count ?? rows.map(\.count).max() ?? 0
    }

    /// The name of 0-based column `index`, for messages.
    func name(_ index: Int) -> String {
        guard let header else { return "column \(index + 1)" }
        let name = StatisticsSupport.trimmed(header[index])
        return name.isEmpty ? "column \(index + 1)" : name
    }

    /// The trimmed cell, or "" when the row is short.
    func cell(_ row: Int, _ column: Int) -> String {
        column < rows[row].count ? StatisticsSupport.trimmed(rows[row][column]) : ""
    }

    mutating func read(columns: RatingsColumns, declared: [String]?) throws(StatisticsError) -> RatingsMatrix {
        guard width > 0 else { throw StatisticsError("no columns: the table is empty") }
        try checkRowLengths()
        let (subject, raterIndexes) = try chooseColumns(columns)
        let raterList = raterIndexes.map { index in
            RatingsMatrix.Column(name: header == nil ? "rater \(index + 1)" : name(index), number: index + 1)
        }
        let subjectRef = subject.map { RatingsMatrix.Column(name: name($0), number: $0 + 1) }

        // Labels: group the spellings under their fold key and pick each category's display label.
        let categories = try categorize(raterIndexes, declared: declared)

        // Leave out empty rater columns and empty rows.
        let raterWidth = raterIndexes.count
        var keepRaters = raterIndexes.indices.filter { r in
            rows.indices.contains { categories.cells[$0 * raterWidth + r] >= 0 }
        }
        try cancellation.check(every: 0, StatisticsError.init)
        let emptyColumns = raterIndexes.indices.filter { !keepRaters.contains($0) }
        if !emptyColumns.isEmpty {
            let names = emptyColumns.map { raterList[$0].name }
            notes.append(
                RatingsNote(
                    .emptyRaterColumn,
                    "left out \(names.count == 1 ? "column" : "columns") "
                        + StatisticsSupport.list(names.map { "'\($0)'" }) + ": no ratings"))
        }
        guard keepRaters.count >= 2 else {
            let who = keepRaters.map { "'\(raterList[$0].name)'" }
            throw StatisticsError(
                keepRaters.isEmpty
                    ? "no ratings: every rating is missing"
                    : "at least two raters are needed; only \(who[0]) has ratings")
        }
        keepRaters.sort()
        notes.insert(
            RatingsNote(.columnsUsed, columnsUsedMessage(keepRaters.map { raterList[$0] }, subjectRef)), at: 0)
        var codes: [Int32] = []
        codes.reserveCapacity(rows.count * keepRaters.count)
        var unitIDs: [String] = []
        var sourceRows: [Int] = []
        var emptyRows: [Int] = []
        for row in rows.indices {
            try cancellation.check(every: row, StatisticsError.init)
            let unitCodes = keepRaters.map { categories.cells[row * raterWidth + $0] }
            guard unitCodes.contains(where: { $0 >= 0 }) else {
                emptyRows.append(row + 1)
                continue
            }
            codes += unitCodes
            let id = subject.map { cell(row, $0) } ?? ""
            unitIDs.append(id.isEmpty ? "row \(row + 1)" : id)
            sourceRows.append(row + 1)
        }
        if !emptyRows.isEmpty {
            notes.append(
                RatingsNote(
                    .emptyUnits,
                    "left out \(StatisticsSupport.count(emptyRows.count, "row")) without any rating ("
                        + Self.rowList(emptyRows) + ")"))
        }
        guard !unitIDs.isEmpty else { throw StatisticsError("no ratings: every rating is missing") }
        return RatingsMatrix(
            raters: keepRaters.map { raterList[$0] }, subjectColumn: subjectRef, unitIDs: unitIDs,
            sourceRows: sourceRows, categories: categories.labels,
            categoriesAreOrdered: declared != nil || categories.labels.allSatisfy { StatisticsSupport.number($0) != nil },
            notes: notes, emptyRowCount: emptyRows.count, codes: codes)
    }

    /// "rows 3, 5 and 9" (at most ten listed).
    static func rowList(_ rows: [Int]) -> String {
        let shown = rows.prefix(10).map(String.init)
        let more = rows.count > 10 ? " and \(rows.count - 10) more" : ""
        return (rows.count == 1 ? "row " : "rows ") + (more.isEmpty ? StatisticsSupport.list(shown) : shown.joined(separator: ", ") + more)
    }

    func key(_ label: String) -> String { foldCase ? StatisticsSupport.foldKey(label) : StatisticsSupport.trimmed(label) }

    /// A row longer than the header is an error, unless its extra cells are empty.
    func checkRowLengths() throws(StatisticsError) {
        guard let header else { return }
        for (r, row) in rows.enumerated() {
            try cancellation.check(every: r, StatisticsError.init)
            guard row.count > header.count else { continue }
            if let extra = row[header.count...].firstIndex(where: { !StatisticsSupport.trimmed($0).isEmpty }) {
                throw StatisticsError(
                    "row \(r + 1) has \(row.count) cells but the header has \(header.count) columns",
                    location: .cell(row: r + 1, column: extra + 1))
            }
        }
    }

    // MARK: Columns

    /// Resolves a column given by header (case-insensitive) or 1-based number.
    func resolve(_ reference: String) throws(StatisticsError) -> Int {
        let wanted = StatisticsSupport.trimmed(reference)
        if let header {
            let matches = header.indices.filter { StatisticsSupport.trimmed(header[$0]).lowercased() == wanted.lowercased() }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw StatisticsError("more than one column is named '\(wanted)'; give its number instead")
            }
        }
        if let number = Int(wanted), (1...width).contains(number) { return number - 1 }
        let names = (0..<width).map { name($0) }
        throw StatisticsError(
            "no column '\(wanted)'; the columns are " + StatisticsSupport.list(names.map { "'\($0)'" })
                + " (or give a number from 1 to \(width))")
    }

    /// The subject column and the rater columns (0-based), with notes for identifier and ignored columns.
    mutating func chooseColumns(_ columns: RatingsColumns) throws(StatisticsError) -> (Int?, [Int]) {
        var subject: Int?
        switch columns.subject {
        case .none: subject = nil
        case .column(let reference): subject = try resolve(reference)
        case .automatic: subject = nil
        }
        if let references = columns.raters {
            var raters: [Int] = []
            for reference in references {
                let index = try resolve(reference)
                guard !raters.contains(index) else {
                    throw StatisticsError("column '\(name(index))' is chosen twice as a rater")
                }
                guard index != subject else {
                    throw StatisticsError("column '\(name(index))' is the subject column; it cannot also be a rater")
                }
                raters.append(index)
            }
            guard raters.count >= 2 else {
                throw StatisticsError("choose at least two rater columns; got \(raters.count)")
            }
            if columns.subject == .automatic {
                // The subject is the first leading identifier column outside the raters, if any.
                subject = try leadingIdentifiers(excluding: Set(raters), keeping: 0).first?.index
            }
            let ignored = (0..<width).filter { !raters.contains($0) && $0 != subject }
            if !ignored.isEmpty {
                notes.append(
                    RatingsNote(
                        .ignoredColumns,
                        "ignored \(ignored.count == 1 ? "column" : "columns") "
                            + StatisticsSupport.list(ignored.map { "'\(name($0))'" }) + ": not chosen as raters"))
            }
            return (subject, raters)
        }
        // Raters are every column but the subject and the leading identifiers.
        var excluded: Set<Int> = subject.map { [$0] } ?? []
        if columns.subject != .none {
            let found = try leadingIdentifiers(excluding: excluded, keeping: 2)
            for identifier in found {
                if subject == nil { subject = identifier.index }
                excluded.insert(identifier.index)
                notes.append(
                    RatingsNote(
                        .identifierColumn,
                        "left out column '\(name(identifier.index))': an identifier, not a rater ("
                            + identifier.reason + ")"))
            }
        }
        let raters = (0..<width).filter { !excluded.contains($0) }
        guard raters.count >= 2 else {
            throw StatisticsError(
                "at least two rater columns are needed; the table has \(StatisticsSupport.count(raters.count, "rater column"))")
        }
        return (subject, raters)
    }

    /// The identifier columns at the start of the table (skipping `excluded`), leaving at least
    /// `keeping` columns for raters; each with the reason it was recognised.
    func leadingIdentifiers(excluding excluded: Set<Int>, keeping: Int) throws(StatisticsError) -> [(index: Int, reason: String)] {
        var found: [(index: Int, reason: String)] = []
        let candidates = (0..<width).filter { !excluded.contains($0) }
        for (position, index) in candidates.enumerated() {
            guard candidates.count - position - 1 >= keeping else { break }
            if let header, RatingsColumns.isIdentifierHeader(header[index]) {
                found.append((index, "its header names an identifier"))
            } else if try hasIdentifierValues(index, later: Array(candidates[(position + 1)...])) {
                found.append((index, "its values differ on every row and are not ratings"))
            } else {
                break
            }
        }
        return found
    }

    /// True when column `index` looks like identifiers rather than ratings: a value on every
    /// (non-blank) row, at least five rows, all values different, more different values than some
    /// later column has (a rater uses a handful of categories), and most of its values found nowhere
    /// among the `later` columns' cells.
    func hasIdentifierValues(_ index: Int, later: [Int]) throws(StatisticsError) -> Bool {
        var used: [Int] = []
        for row in rows.indices {
            try cancellation.check(every: row, StatisticsError.init)
            if rows[row].contains(where: { !StatisticsSupport.trimmed($0).isEmpty }) { used.append(row) }
        }
        guard used.count >= 5, !later.isEmpty else { return false }
        var values = Set<String>()
        for row in used {
            try cancellation.check(every: row, StatisticsError.init)
            let value = cell(row, index)
            guard !value.isEmpty, values.insert(value).inserted else { return false }
        }
        var ratings = Set<String>()
        var fewest = Int.max
        for column in later {
            var distinct = Set<String>()
            for row in used {
                try cancellation.check(every: row, StatisticsError.init)
                let text = cell(row, column)
                if !text.isEmpty { distinct.insert(key(text)) }
            }
            fewest = min(fewest, distinct.count)
            ratings.formUnion(distinct)
        }
        guard values.count > fewest else { return false }
        let unlike = values.filter { !ratings.contains(key($0)) }.count
        return unlike * 2 > values.count
    }

    // MARK: Labels

    struct Categories {
        /// The display labels, in category order.
        var labels: [String]
        /// Every rater cell's category code, row-major (rows × rater columns); -1 for a missing rating.
        var cells: [Int32]
    }

    /// The categories (display labels in order) and every cell's code, in one pass over the cells; notes merges.
    mutating func categorize(_ raters: [Int], declared: [String]?) throws(StatisticsError) -> Categories {
        // Provisional codes in first-seen order, with the spellings of each fold key and where it was first seen.
        var provisional: [String: Int32] = [:]
        var keys: [String] = []
        var firstSeen: [(row: Int, column: Int, text: String)] = []
        var spellings: [[String: Int]] = []
        var cells = [Int32](repeating: -1, count: rows.count * raters.count)
        for row in rows.indices {
            try cancellation.check(every: row, StatisticsError.init)
            for (r, column) in raters.enumerated() {
                let text = cell(row, column)
                guard !text.isEmpty else { continue }
                let k = key(text)
                let id: Int32
                if let existing = provisional[k] {
                    id = existing
                } else {
                    id = Int32(keys.count)
                    provisional[k] = id
                    keys.append(k)
                    firstSeen.append((row, column, text))
                    spellings.append([:])
                }
                spellings[Int(id)][text, default: 0] += 1
                cells[row * raters.count + r] = id
            }
        }
        var labels: [String]
        var code: [String: Int] = [:]
        if let declared {
            labels = []
            for raw in declared {
                guard let label = StatisticsSupport.normalized(raw) else {
                    throw StatisticsError("a declared category is empty")
                }
                guard code[key(label)] == nil else {
                    throw StatisticsError("category '\(label)' is declared twice")
                }
                code[key(label)] = labels.count
                labels.append(label)
            }
            guard labels.count >= 1 else { throw StatisticsError("no categories declared") }
            // Every rating must be a declared category; report the first that is not, where it is.
            if let first = firstSeen.indices.first(where: { code[keys[$0]] == nil }).map({ firstSeen[$0] }) {
                throw StatisticsError(
                    "row \(first.row + 1), column '\(name(first.column))': '\(first.text)' is not one of the categories "
                        + StatisticsSupport.list(labels.map { "'\($0)'" }),
                    location: .cell(row: first.row + 1, column: first.column + 1))
            }
            let unused = labels.filter { provisional[key($0)] == nil }
            if !unused.isEmpty {
                notes.append(
                    RatingsNote(
                        .unusedCategories,
                        "nobody used " + StatisticsSupport.list(unused.map { "'\($0)'" })
                            + (unused.count == 1
                                ? "; it still counts as a possible category" : "; they still count as possible categories")))
            }
        } else {
            // The most common spelling; on a tie the last in code-point order (lowercase after capitals).
            let display = spellings.map { forms in
                forms.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key < rhs.key }!.key
            }
            labels = StatisticsSupport.sorted(display)
            for (index, label) in labels.enumerated() { code[key(label)] = index }
        }
        let remap = keys.map { Int32(code[$0]!) }
        for index in cells.indices where cells[index] >= 0 { cells[index] = remap[Int(cells[index])] }
        // Merges: keys spelled more than one way.
        let merged = labels.compactMap { label -> String? in
            guard let id = provisional[key(label)], spellings[Int(id)].count > 1 else { return nil }
            let forms = spellings[Int(id)]
            let variants = forms.keys.sorted()
            return StatisticsSupport.list(variants.map { "'\($0)'" }) + " as '\(label)'"
        }
        if !merged.isEmpty {
            notes.append(
                RatingsNote(.foldedLabels, "labels that differ only by case were merged: " + merged.joined(separator: "; ")))
        }
        return Categories(labels: labels, cells: cells)
    }

    func columnsUsedMessage(_ raters: [RatingsMatrix.Column], _ subject: RatingsMatrix.Column?) -> String {
        let names = raters.map { header == nil ? "column \($0.number)" : "'\($0.name)'" }
        var message = "raters: " + StatisticsSupport.list(names)
        if let subject { message += "; subjects: '\(subject.name)'" }
        return message
    }
}
