import ReviewKit

/// A value as machine output (JSON, CSV, TSV) carries it: typed, never formatted for reading.
public enum MachineValue: Sendable, Equatable {
    /// Text (a slug, an id, prose).
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A number at full precision.
    case number(Double)
    /// true or false.
    case boolean(Bool)
    /// Unknown or not applicable (JSON null, an empty CSV cell).
    case null
    /// Several values (a JSON array; in CSV one cell joined as `CSVListCell` does: "a; b").
    case array([MachineValue])

    /// The machine form of a result value: labelled values by their own value, p-values and numbers as numbers
    /// (non-finite ones null), not-applicable words null (their reason goes into a `KEY_reason` field).
    public init(_ value: ResultValue) {
        switch value.machineValue {
        case .text(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .number(let number, _), .pValue(let number): self = number.isFinite ? .number(number) : .null
        case .boolean(let flag): self = .boolean(flag)
        case .missing, .absent: self = .null
        case .list(let items): self = .array(items.map(MachineValue.init))
        case .pair(let first, let second): self = .array([.integer(first), .integer(second)])
        case .labelled: self = .null  // machineValue never returns a labelled value
        }
    }

    /// The JSON text of the value.
    public var json: String {
        switch self {
        case .string(let text): JSONText.string(text)
        case .integer(let number): String(number)
        case .number(let number): Self.shortest(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let items): JSONText.array(items.map(\.json))
        }
    }

    /// The text of a CSV or TSV cell: numbers at full precision, null empty, booleans `true`/`false`, arrays as one
    /// `CSVListCell` ("a; b", a ';' inside an item escaped with '\').
    public var cell: String {
        switch self {
        case .string(let text): text
        case .null: ""
        case .array(let items): CSVListCell.join(items.map(\.cell))
        default: json
        }
    }

    /// The shortest decimal text that reads back as the same double (Swift's `description`), without a
    /// needless ".0" on whole numbers.
    static func shortest(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }
}

/// The machine form of a table, record or figure: one row of snake_case keys, then typed rows.
///
/// One vocabulary (docs/formats.md, "Machine output"): keys are the columns' `key`s; a `.pair` column becomes
/// two keys (`pairKeys`); a column that holds a not-applicable value anywhere gets a `KEY_reason` column beside
/// it (null where the value applies); columns marked `tableOnly` are left out, `machineOnly` ones kept.
public struct MachineTable: Sendable, Equatable {
    /// The keys, in order.
    public var keys: [String]
    /// The rows, one value per key.
    public var rows: [[MachineValue]]

    /// The machine form of a table.
    public init(_ table: ResultTable) {
        let plan = Self.plan(columns: table.columns, rows: table.rows)
        keys = plan.flatMap(\.keys)
        rows = table.rows.map { row in plan.flatMap { $0.values(row.indices.contains($0.index) ? row[$0.index] : .missing) } }
    }

    /// The machine form of a record: its fields as the keys of one row.
    public init(_ record: ResultRecord) {
        let columns = record.fields.map { field in
            var column = ResultColumn(field.key, field.label, type: field.value.type)
            column.tableOnly = field.tableOnly
            return column
        }
        let row = record.fields.map(\.value)
        let plan = Self.plan(columns: columns, rows: [row])
        keys = plan.flatMap(\.keys)
        rows = [plan.flatMap { $0.values(row[$0.index]) }]
    }

    /// The machine form of a figure: one key, one value (and its reason when it has none).
    public init(_ figure: ResultFigure) {
        self.init(ResultRecord(fields: [.init(figure.key, figure.label, figure.value)]))
    }

    /// The rows as JSON objects, keys in order.
    public var jsonObjects: [String] {
        rows.map { row in JSONText.object(zip(keys, row).map { ($0, $1.json) }) }
    }

    /// How one result column becomes machine columns.
    struct ColumnPlan {
        let index: Int
        let keys: [String]
        let split: Bool
        let reason: Bool

        func values(_ value: ResultValue) -> [MachineValue] {
            var out: [MachineValue]
            let machine = value.machineValue
            if split {
                if case .pair(let first, let second) = machine { out = [.integer(first), .integer(second)] } else { out = [MachineValue(value), MachineValue(value)] }
            } else {
                out = [MachineValue(value)]
            }
            if reason {
                if case .absent(let why) = machine { out.append(.string(why)) } else { out.append(.null) }
            }
            return out
        }
    }

    static func plan(columns: [ResultColumn], rows: [[ResultValue]]) -> [ColumnPlan] {
        columns.enumerated().compactMap { index, column in
            guard !column.tableOnly else { return nil }
            let values = rows.map { $0.indices.contains(index) ? $0[index].machineValue : .missing }
            let split = column.type == .pair || values.contains { if case .pair = $0 { true } else { false } }
            let reason = values.contains { if case .absent = $0 { true } else { false } }
            var keys = split ? (column.pairKeys ?? [column.key + "_first", column.key + "_second"]) : [column.key]
            if reason { keys.append(column.key + "_reason") }
            return ColumnPlan(index: index, keys: keys, split: split, reason: reason)
        }
    }
}
