import ReviewKit

/// Renders diagnostics as text (with a caret under the problem) or as JSON: the one place errors, warnings and
/// notes are printed, so with `--format json` everything on standard error is JSON.
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the severity.
    public var colour: Bool
    /// Text or JSON.
    public var json: Bool

    /// The width a quoted line (with its two-space indent) fits: a long line is shown as a window around the caret.
    public var width: Int

    /// Creates a renderer.
    public init(colour: Bool = false, json: Bool = false, width: Int = 100) {
        self.colour = colour
        self.json = json
        self.width = width
    }

    /// The rendered diagnostic, ending with a newline.
    public func render(_ d: Diagnostic) -> String {
        json ? renderJSON(d) + "\n" : renderText(d)
    }

    private func renderText(_ d: Diagnostic) -> String {
        var out = ""
        for frame in d.includedFrom.reversed() { out += "in \(frame.file):\(frame.line), sourced here:\n" }
        var location = d.isAboutProgram ? "review: " : ""
        if let file = d.file {
            location = file
            if let line = d.line { location += ":\(line)" }
            if d.line != nil, let column = d.column { location += ":\(column)" }
            location += ": "
        } else if let line = d.line, d.lineText == nil {
            location = "line \(line): "
        }
        if d.kind == .interrupted {
            // psql and sqlite3 say so in one word; a script's file:line says where it stopped.
            let place = d.file.map { file in d.line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
            return out + place + d.message + "\n"
        }
        let label = colour ? "\u{1B}[1;31m\(d.severity.rawValue):\u{1B}[0m" : "\(d.severity.rawValue):"
        out += location + label + " " + d.message + "\n"
        if let text = d.lineText, let column = d.column {
            // A long line (a CSV row holding a long quote) is shown around the column, so the caret stays under the cell.
            let window = FileError.excerpt(of: text.replacingAll("\t", with: " "), column: column, width: width - 2, measure: DisplayWidth.of)
            let shown = window.text, column = window.caretColumn
            let prefix = String(shown.prefix(max(0, column - 1)))
            let indent = String(repeating: " ", count: DisplayWidth.of(prefix))
            let underlined = String(shown.dropFirst(max(0, column - 1)).prefix(max(1, d.length)))
            let carets = "^" + String(repeating: "~", count: max(0, DisplayWidth.of(underlined) - 1))
            out += "  " + shown + "\n"
            out += "  " + indent + (colour ? "\u{1B}[1;32m\(carets)\u{1B}[0m" : carets) + "\n"
        }
        for note in d.notes { out += "  " + note + "\n" }
        return out
    }

    private func renderJSON(_ d: Diagnostic) -> String {
        JSONText.object([
            ("type", JSONText.string(d.severity.rawValue)),
            ("message", JSONText.string(d.message)),
            ("file", d.file.map(JSONText.string) ?? "null"),
            ("line", d.line.map { String($0) } ?? "null"),
            ("column", d.column.map { String($0) } ?? "null"),
            ("notes", JSONText.array(d.notes.map(JSONText.string))),
            ("includedFrom", JSONText.array(d.includedFrom.map { JSONText.object([("file", JSONText.string($0.file)), ("line", String($0.line))]) })),
            ("exitCode", String(d.exitCode)),
        ])
    }
}
