/// A column of a result: a stable snake_case key (for machine output), the label a table shows, and the type of
/// its values.
public struct ResultColumn: Sendable, Equatable {
    /// The stable key ("domain", "ci_lower").
    public var key: String
    /// The header a table shows ("TDF domain").
    public var label: String
    /// What its values are.
    public var type: ResultValueType
    /// Whether values line up on the right (numbers do, unless the column says otherwise).
    public var alignRight: Bool
    /// Long text wraps at word boundaries when the table is wider than the terminal.
    public var wraps: Bool
    /// Left out of the plain-text table (an id or flag kept for machine formats and `expect`, such as a slug).
    public var machineOnly: Bool = false
    /// A shorter header the plain-text table shows when the table would not fit otherwise (a legend under the
    /// table must say what it stands for).
    public var shortLabel: String?
    /// Left out of machine output (CSV, TSV, JSON): a display column whose parts machine columns carry, such as a
    /// citation "S01 (35), p. 7" carried by `study`, `reference` and `page`.
    public var tableOnly: Bool = false
    /// The keys the two counts of a `.pair` column get in machine output (default `KEY_first`, `KEY_second`).
    public var pairKeys: [String]? = nil

    /// A column keyed `key`, headed `label` (the key when nil), holding values of `type`.
    public init(_ key: String, _ label: String? = nil, type: ResultValueType = .text, wraps: Bool = false, alignRight: Bool? = nil) {
        self.key = key
        self.label = label ?? key
        self.type = type
        self.alignRight = alignRight ?? type.alignsRight
        self.wraps = wraps
    }

    /// The column, left out of the plain-text table (kept for machine formats and `expect`).
    public func onlyForMachines() -> ResultColumn {
        var column = self
        column.machineOnly = true
        return column
    }

    /// The column, left out of machine output (its parts are machine-only columns).
    public func onlyForTables() -> ResultColumn {
        var column = self
        column.tableOnly = true
        return column
    }

    /// The column, its pair of counts keyed `first` and `second` in machine output.
    public func pairKeyed(_ first: String, _ second: String) -> ResultColumn {
        var column = self
        column.pairKeys = [first, second]
        return column
    }
}

/// A table result.
public struct ResultTable: Sendable, Equatable {
    /// A column of the table.
    public typealias Column = ResultColumn

    /// A heading printed above the table.
    public var title: String?
    /// The columns.
    public var columns: [Column]
    /// The rows.
    public var rows: [[ResultValue]]
    /// Lines printed below the table (notes, totals in no band…).
    public var footnotes: [String]
    /// One space between columns instead of two (wide matrices).
    public var compact: Bool

    /// Creates a table.
    public init(title: String? = nil, columns: [Column], rows: [[ResultValue]], footnotes: [String] = [], compact: Bool = false) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
        self.compact = compact
    }
}
