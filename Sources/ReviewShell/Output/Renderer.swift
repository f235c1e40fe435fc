import ReviewKit

/// Turns command results into text in one of the output formats.
public struct Renderer: Sendable {
    /// The format.
    public var format: OutputFormat
    /// The width tables must fit (display columns).
    public var width: Int
    /// Whether to use ANSI colour (terminal only, never with NO_COLOR).
    public var colour: Bool
    /// When a table prints one block per row (`Renderer+FittedTables.swift`).
    public var expanded: ExpandedDisplay = .auto

    /// Creates a renderer.
    public init(format: OutputFormat = .table, width: Int = 100, colour: Bool = false) {
        self.format = format
        self.width = max(20, width)
        self.colour = colour
    }

    /// The rendered text, ending in a newline unless empty.
    public func render(_ result: CommandResult) -> String {
        switch format {
        case .json: return JSONText.render(result) + "\n"
        case .csv, .tsv: return delimited(result)
        case .markdown: return markdown(result)
        case .table: return plain(result)
        }
    }

    // MARK: table (plain text)

    private func plain(_ result: CommandResult) -> String {
        switch result {
        case .empty: return ""
        case .message(let text), .text(let text): return wrapProse(text)
        case .figure(let figure):
            return wrapProse("\(figure.label): \(figure.value)" + (figure.detail.map { " (\($0))" } ?? ""))
        case .record(let record):
            var out = record.title.map { bold($0) + "\n" } ?? ""
            let fields = record.fields.filter { !$0.machineOnly }
            let nameWidth = min(28, fields.map { DisplayWidth.of($0.label) }.max() ?? 0)
            let valueWidth = max(20, width - nameWidth - 4)
            for field in fields {
                let lines = DisplayWidth.wrap(field.value.description, width: valueWidth)
                for (index, line) in lines.enumerated() {
                    let label = index == 0 ? DisplayWidth.pad(field.label + ":", to: nameWidth + 1) : String(repeating: " ", count: nameWidth + 1)
                    out += "  " + label + " " + line + "\n"
                }
            }
            for note in record.footnotes { out += wrapProse(note) }
            return out
        case .table(let table): return plainTable(table)
        case .sequence(let items):
            return items.map(plain).filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    func wrapProse(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            // Colour codes take no columns (a coloured chart is drawn to the width already).
            // A byte test, not Foundation's `contains(_:)` (whose first use bridges through NSString).
            let visible = line.utf8.contains(0x1B) ? TerminalText.stripEscapes(String(line)) : String(line)
            if DisplayWidth.of(visible) <= width || line.hasPrefix("    ") {
                out += line + "\n"
                continue
            }
            // Hanging indent for bullets ("  - text").
            let bullet = line.dropFirst(indent).hasPrefix("- ") ? 2 : 0
            let wrapped = DisplayWidth.wrap(String(line.dropFirst(indent)), width: width - indent - bullet)
            for (index, part) in wrapped.enumerated() {
                out += String(repeating: " ", count: indent + (index == 0 ? 0 : bullet)) + part + "\n"
            }
        }
        return out
    }

    /// A table in columns that wrap to the width (`Renderer+FittedTables.swift` has the layout).
    private func plainTable(_ table: ResultTable) -> String { fittedTable(table) }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    // MARK: markdown

    private func markdown(_ result: CommandResult) -> String {
        func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|").replacingAll("\n", with: "<br>") }
        switch result {
        case .empty: return ""
        case .message(let text), .text(let text): return text.hasSuffix("\n") ? text : text + "\n"
        case .figure(let figure): return "**\(figure.label)**: \(figure.value)" + (figure.detail.map { " (\($0))" } ?? "") + "\n"
        case .record(let record):
            var out = record.title.map { "### \($0)\n\n" } ?? ""
            out += "| field | value |\n|---|---|\n"
            for f in record.fields where !f.machineOnly { out += "| \(cell(f.label)) | \(cell(f.value.description)) |\n" }
            for note in record.footnotes { out += "\n" + note + "\n" }
            return out
        case .table(let table):
            var out = table.title.map { "### \($0)\n\n" } ?? ""
            // Like the plain table, for people: machine-only columns (slugs, parts of a citation) are left out.
            let shown = table.columns.indices.filter { !table.columns[$0].machineOnly }
            out += "| " + shown.map { cell(table.columns[$0].label) }.joined(separator: " | ") + " |\n"
            out += "|" + shown.map { table.columns[$0].alignRight ? "---:|" : "---|" }.joined() + "\n"
            for row in table.rows { out += "| " + shown.map { row.indices.contains($0) ? cell(row[$0].description) : "" }.joined(separator: " | ") + " |\n" }
            for note in table.footnotes { out += "\n" + note + "\n" }
            return out
        case .sequence(let items): return items.map(markdown).filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }
}
