import ReviewKit

/// Stable, hand-written JSON for results and errors: keys in a fixed order, one document per line.
public enum JSONText {
    /// The JSON of a result, in the machine vocabulary (`MachineTable`): snake_case keys, typed values, null for
    /// unknown. Schemas: docs/schemas/.
    public static func render(_ result: CommandResult) -> String {
        switch result {
        case .empty: return object([("type", string("empty"))])
        case .message(let text): return object([("type", string("message")), ("text", string(text))])
        case .text(let text): return object([("type", string("text")), ("text", string(text))])
        case .figure(let figure):
            let machine = MachineTable(figure)
            var pairs: [(String, String)] = [("type", string("figure")), ("key", string(figure.key)), ("name", string(figure.label)),
                                             ("value", machine.rows[0][0].json)]
            if machine.keys.count > 1 { pairs.append(("value_reason", machine.rows[0][1].json)) }
            pairs.append(("detail", figure.detail.map(string) ?? "null"))
            return object(pairs)
        case .record(let record):
            return object([("type", string("record")), ("title", record.title.map(string) ?? "null"),
                           ("fields", MachineTable(record).jsonObjects[0]),
                           ("notes", array(record.footnotes.map(string)))])
        case .table(let table):
            let machine = MachineTable(table)
            return object([("type", string("table")), ("title", table.title.map(string) ?? "null"),
                           ("columns", array(machine.keys.map(string))), ("rows", array(machine.jsonObjects)),
                           ("notes", array(table.footnotes.map(string)))])
        case .sequence(let items):
            return object([("type", string("sequence")), ("items", array(items.map(render)))])
        }
    }

    /// The JSON of a value in the machine vocabulary (`MachineValue`).
    public static func value(_ value: ResultValue) -> String { MachineValue(value).json }

    /// A JSON object from ordered pairs of key and already-encoded value.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON array of already-encoded values.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// A JSON string literal (the one escaper, `JSONString`).
    public static func string(_ text: String) -> String { JSONString.quoted(text) }
}
