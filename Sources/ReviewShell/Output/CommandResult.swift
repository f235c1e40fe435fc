import ReviewKit

/// What a command produced, before it is rendered in the chosen format.
public indirect enum CommandResult: Sendable, Equatable {
    /// Rows and columns.
    case table(ResultTable)
    /// Named fields of one thing (a study, a quote, a kappa result).
    case record(ResultRecord)
    /// Prose: help, explanations.
    case text(String)
    /// One named number (a count, a kappa).
    case figure(ResultFigure)
    /// A short acknowledgement ("coded Q47 …").
    case message(String)
    /// Several results in order.
    case sequence([CommandResult])
    /// Nothing to show.
    case empty
}

/// A value in a result cell: kept typed so CSV/JSON get numbers and `expect` can compare them.
public enum ResultValue: Sendable, Equatable, CustomStringConvertible {
    /// Text.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// A number shown with a fixed number of decimals.
    case number(Double, decimals: Int)
    /// Unknown or not applicable.
    case missing

    /// The display form.
    public var description: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value, let decimals): ResultValue.format(value, decimals: decimals)
        case .missing: "—"
        }
    }

    /// The value as a number, when it is one.
    public var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value, _): value
        case .text(let text): Double(text)
        case .missing: nil
        }
    }

    /// Formats a number with fixed decimals; NaN prints "n/a".
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = decimals == 0 ? String(Int(rounded)) : String(rounded)
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            let fraction = text.split(separator: ".", omittingEmptySubsequences: false)[1].count
            if fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
            if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
        }
        // Large numbers in Double's scientific notation are not expected here; plain form is kept.
        return text
    }
}

/// A table result.
public struct ResultTable: Sendable, Equatable {
    /// A column: name and whether its text may wrap.
    public struct Column: Sendable, Equatable {
        /// The header.
        public var name: String
        /// Numbers right-aligned.
        public var alignRight: Bool
        /// Long text wraps at word boundaries when the table is wider than the terminal.
        public var wraps: Bool

        /// Creates a column.
        public init(_ name: String, alignRight: Bool = false, wraps: Bool = false) {
            self.name = name
            self.alignRight = alignRight
            self.wraps = wraps
        }
    }

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

/// A record result: ordered named fields.
public struct ResultRecord: Sendable, Equatable {
    /// A heading.
    public var title: String?
    /// The fields, in order.
    public var fields: [(name: String, value: ResultValue)]
    /// Lines printed below.
    public var footnotes: [String]

    /// Creates a record.
    public init(title: String? = nil, fields: [(String, ResultValue)], footnotes: [String] = []) {
        self.title = title
        self.fields = fields.map { (name: $0.0, value: $0.1) }
        self.footnotes = footnotes
    }

    /// The value of a field.
    public subscript(name: String) -> ResultValue? { fields.first { $0.name == name }?.value }

    /// Equality by fields.
    public static func == (lhs: ResultRecord, rhs: ResultRecord) -> Bool {
        lhs.title == rhs.title && lhs.footnotes == rhs.footnotes
            && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}

/// A single named figure.
public struct ResultFigure: Sendable, Equatable {
    /// The figure's name ("quotes").
    public var name: String
    /// The value.
    public var value: ResultValue
    /// Context printed after the value.
    public var detail: String?

    /// Creates a figure.
    public init(name: String, value: ResultValue, detail: String? = nil) {
        self.name = name
        self.value = value
        self.detail = detail
    }
}
