import ReviewKit

/// CSV and TSV output, and what goes to standard error rather than standard output in machine formats.
extension Renderer {
    /// A result's text split into what belongs on standard output and what belongs on standard error.
    ///
    /// In every format but the terminal table, acknowledgements (`.message`) go to standard error, so
    /// `review --format csv -c 'import …' -c 'quotes' > quotes.csv` holds only data; and a CSV or TSV stream holds
    /// exactly one table: a result of several tables writes its first and names the others on standard error.
    /// With JSON, each message is a `{"type":"message",…}` document on standard error.
    public func split(_ result: CommandResult) -> (output: String, messages: String) {
        guard format != .table else { return (render(result), "") }
        var messages: [String] = []
        func data(_ result: CommandResult) -> CommandResult {
            switch result {
            case .message(let text):
                messages.append(text)
                return .empty
            case .sequence(let items):
                let kept = items.map(data).filter { $0 != .empty }
                return kept.count == 1 ? kept[0] : kept.isEmpty ? .empty : .sequence(kept)
            default: return result
            }
        }
        var kept = data(result)
        // A result that was only acknowledgements prints nothing on standard output (not an empty document).
        if kept == .empty && !messages.isEmpty { return ("", messages.map { format == .json ? JSONText.render(.message($0)) + "\n" : $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()) }
        if (format == .csv || format == .tsv), case .sequence(let items) = kept {
            let tables = items.filter(\.isTabular)
            if let main = tables.first {
                kept = main
                let others = tables.dropFirst().map(\.tableName)
                if !others.isEmpty {
                    messages.append("note: one table per \(format.rawValue) stream: wrote \(main.tableName); also in this result: "
                                    + others.joined(separator: ", ") + " (all of them with --format json)")
                }
            } else {
                kept = .sequence(items.filter { $0 != .empty })
            }
        }
        // With --format json standard error holds only JSON documents (as errors do): a message is one, a line each.
        let text = format == .json ? messages.map { JSONText.render(.message($0)) + "\n" }.joined()
                                   : messages.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
        return (render(kept), text)
    }

    /// CSV (through the one CSV writer, LF line ends on a stream) or TSV of a table, record or figure in the
    /// machine vocabulary: a header of keys and typed cells (`MachineTable`). A record or figure is one row.
    func delimited(_ result: CommandResult) -> String {
        let machine: MachineTable
        switch result {
        case .empty: return ""
        case .message(let text), .text(let text): return text.hasSuffix("\n") ? text : text + "\n"
        case .sequence(let items): return items.map(delimited).joined(separator: "\n")
        case .table(let table): machine = MachineTable(table)
        case .record(let record): machine = MachineTable(record)
        case .figure(let figure): machine = MachineTable(figure)
        }
        let rows = [machine.keys] + machine.rows.map { $0.map(\.cell) }
        if format == .csv { return CSVText.text(rows, lineEnding: .lf) }
        return rows.map { $0.map(Self.tsvField).joined(separator: "\t") + "\n" }.joined()
    }

    /// A TSV field, lossless: quoted as in CSV (RFC 4180: inside double quotes, a quote doubled) when it holds a tab,
    /// a line break, a carriage return or a double quote; `read.delim`, readr `read_tsv` and pandas
    /// `read_csv(sep="\t")` read it back exactly.
    static func tsvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\"" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension CommandResult {
    /// Whether it is rows of data (a table, a record or a figure).
    var isTabular: Bool {
        switch self {
        case .table, .record, .figure: true
        default: false
        }
    }

    /// How a note names it: the title, or its kind.
    var tableName: String {
        switch self {
        case .table(let table): table.title.map { "'\($0)'" } ?? "the table"
        case .record(let record): record.title.map { "'\($0)'" } ?? "the record"
        case .figure(let figure): "'\(figure.label)'"
        default: "text"
        }
    }
}
