import ReviewKit

/// Stable, hand-written JSON for results and errors: keys in a fixed order, one document per line.
public enum JSONText {
    /// The JSON of a result.
    public static func render(_ result: CommandResult) -> String {
        switch result {
        case .empty: return object([("type", string("empty"))])
        case .message(let text): return object([("type", string("message")), ("text", string(text))])
        case .text(let text): return object([("type", string("text")), ("text", string(text))])
        case .figure(let figure):
            return object([("type", string("figure")), ("name", string(figure.label)), ("value", value(figure.value)),
                           ("detail", figure.detail.map(string) ?? "null")])
        case .record(let record):
            return object([("type", string("record")), ("title", record.title.map(string) ?? "null"),
                           ("fields", object(record.fields.map { ($0.label, value($0.value)) })),
                           ("notes", array(record.footnotes.map(string)))])
        case .table(let table):
            let rows = table.rows.map { row in object(zip(table.columns, row).map { ($0.label, value($1)) }) }
            return object([("type", string("table")), ("title", table.title.map(string) ?? "null"),
                           ("columns", array(table.columns.map { string($0.label) })), ("rows", array(rows)),
                           ("notes", array(table.footnotes.map(string)))])
        case .sequence(let items):
            return object([("type", string("sequence")), ("items", array(items.map(render)))])
        }
    }

    /// The JSON of a value: numbers as numbers, unknown as null; p-values, pairs, lists and not-applicable
    /// words keep the text a table shows for now (docs/formats.md).
    public static func value(_ value: ResultValue) -> String {
        switch value {
        case .text(let text): string(text)
        case .integer(let number): String(number)
        case .number(let number, _): number.isFinite ? "\(number)" : "null"
        case .boolean(let flag): flag ? "true" : "false"
        case .missing: "null"
        case .pValue, .pair, .list, .absent: string(value.description)
        }
    }

    /// A JSON object from ordered pairs of key and already-encoded value.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON array of already-encoded values.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// A JSON string literal (the one escaper, `JSONString`).
    public static func string(_ text: String) -> String { JSONString.quoted(text) }
}
