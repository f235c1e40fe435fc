/// A typed table for machine and human output: columns with snake_case keys and display labels, typed cells.
///
/// The shell renders it as text, markdown, CSV, TSV or JSON; one table per CSV stream. Cell values stay
/// typed (counts as integers, percentages as numbers, yes/no as booleans, unknown as missing) so R, pandas
/// and Excel read them without parsing display text.
public struct SynthesisTable: Sendable, Equatable {
    /// A column.
    public struct Column: Sendable, Equatable {
        /// The snake_case key for CSV headers and JSON ("studies_percent").
        public var key: String
        /// The header for people ("% of studies").
        public var label: String
        /// Kept for machine formats and `expect` but left out of the text table people read (a slug, rank bounds,
        /// yes/no twins of counts), so the table fits a terminal.
        public var machineOnly: Bool
        /// Shown to people but left out of machine formats, where machine-only columns carry its content typed
        /// ("studies contributing" as the `studies` and `references` arrays).
        public var tableOnly: Bool

        /// Creates a column.
        public init(_ key: String, _ label: String, machineOnly: Bool = false, tableOnly: Bool = false) {
            self.key = key
            self.label = label
            self.machineOnly = machineOnly
            self.tableOnly = tableOnly
        }
    }

    /// A cell value.
    public indirect enum Value: Sendable, Equatable, CustomStringConvertible {
        /// Text.
        case text(String)
        /// A whole number.
        case integer(Int)
        /// A number shown with a fixed number of decimals.
        case number(Double, decimals: Int)
        /// Yes or no.
        case boolean(Bool)
        /// Unknown or not applicable.
        case missing
        /// Several values (sub-theme codes, contributing studies): an array in machine output, "a, b" in tables.
        case list([Value])
        /// A value machine output carries (a slug, a list) shown to people as `display` (the published wording,
        /// a joined list with notes): `.labelled(.text("moderate"), display: "moderate concerns")`.
        case labelled(Value, display: String)

        /// The display form ("yes", "15.2", "—").
        public var description: String {
            switch self {
            case .text(let text): text
            case .integer(let value): String(value)
            case .number(let value, let decimals): SynthesisTable.format(value, decimals: decimals)
            case .boolean(let value): value ? "yes" : "no"
            case .missing: "—"
            case .list(let items): items.map(\.description).joined(separator: ", ")
            case .labelled(_, let display): display
            }
        }
    }

    /// A stable name for the table ("soqf", "evidence_profile", "domain_importance").
    public var name: String
    /// A heading for people.
    public var title: String
    /// The columns.
    public var columns: [Column]
    /// The rows; each has one value per column.
    public var rows: [[Value]]
    /// Lines shown under the table (how counts were made, what is a suggestion); on stderr for machine formats.
    public var notes: [String]

    /// Creates a table.
    public init(name: String, title: String, columns: [Column], rows: [[Value]], notes: [String] = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    /// The index of a column by key.
    public func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }

    /// The value in a row under a column key, or nil when there is no such row or column.
    public func value(row: Int, _ key: String) -> Value? {
        guard rows.indices.contains(row), let column = column(key), rows[row].indices.contains(column) else { return nil }
        return rows[row][column]
    }

    /// All values of a column, top to bottom.
    public func values(_ key: String) -> [Value] {
        guard let column = column(key) else { return [] }
        return rows.map { $0.indices.contains(column) ? $0[column] : .missing }
    }

    /// Formats a number with fixed decimals and no locale; NaN and infinities print "n/a".
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let digits = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = Int(scaled) / Int(scale), fraction = Int(scaled) % Int(scale)
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fractionText)"
    }
}
