import Foundation

/// Markdown tables as the review prints them: Table 2 (CASP appraisal) and the barriers and facilitators tables.
///
/// Pipe tables (GitHub / pandoc): `|` in a cell is written `\|`, line breaks as `<br>`.
public enum MarkdownExport {
    /// Table 2: one row per study, `| Study | Q1 | … | Q10 | Total score |`, scores as 1.0 / 0.5 / 0.0.
    ///
    /// The study cell is the label with its reference number when known ("Tang et al. (12)"). A study
    /// without an appraisal (by `reviewer`, or by anyone when nil) gets empty cells; an unanswered
    /// question is empty and adds nothing to the total.
    public static func caspTable(_ workspace: Workspace, reviewer: String? = nil) -> String {
        var lines = ["| Study | " + (1...10).map { "Q\($0)" }.joined(separator: " | ") + " | Total score |",
                     "|---|" + String(repeating: "---|", count: 11)]
        for study in workspace.studies {
            let label = study.reference.map { "\(study.label) (\($0))" } ?? study.label
            var cells = [cell(label)]
            if let appraisal = workspace.appraisal(of: study.id, reviewer: reviewer) {
                cells += appraisal.answers.map { $0.map { score($0.halfPoints) } ?? "" }
                cells.append(score(appraisal.totalHalfPoints))
            } else {
                cells += Array(repeating: "", count: 11)
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The barriers (or facilitators) table: `| COM-B | TDF | Sub-theme | Quote |`.
    ///
    /// Rows follow the sub-themes' table order; each quote under a sub-theme is a row, the quote followed by
    /// its citation in brackets (`“…” [(33), p. 1425]`). The COM-B and TDF cells are blank when the same as
    /// the row above, and the sub-theme cell when the row is a further quote of the same sub-theme, as the
    /// review prints them. A sub-theme without quotes gets one row with an empty quote cell.
    public static func themeTable(_ workspace: Workspace, direction: Direction) -> String {
        var lines = ["| COM-B | TDF | Sub-theme | Quote |", "|---|---|---|---|"]
        var quotesByTheme: [Int32: [Int]] = [:]
        let q = workspace.quotes
        for row in 0..<q.count where q.subThemes[row] >= 0 { quotesByTheme[q.subThemes[row], default: []].append(row) }
        var previous: (COMBComponent, TDFDomain)?
        for theme in workspace.subThemes where theme.direction == direction {
            let rows = quotesByTheme[Int32(theme.id)] ?? []
            for (index, row) in (rows.isEmpty ? [-1] : rows).enumerated() {
                let same = previous.map { $0 == (theme.component, theme.domain) } ?? false
                let component = same ? "" : theme.component.name
                let domain = same ? "" : theme.domain.name
                let subTheme = index == 0 ? "\(theme.number). \(theme.label)" : ""
                var quote = ""
                if row >= 0 {
                    let value = workspace.quote(atRow: row)
                    quote = value.citation.isEmpty ? value.text : "\(value.text) [\(value.citation)]"
                }
                lines.append("| " + [component, domain, subTheme, quote].map(cell).joined(separator: " | ") + " |")
                previous = (theme.component, theme.domain)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table 2 and both theme tables, with headings, as one document; then, when any finding has a GRADE-CERQual
    /// assessment, the Summary of Qualitative Findings and the Evidence Profile.
    public static func document(_ workspace: Workspace) -> String {
        let title = workspace.metadata["title"].map { "# \(cell($0))\n\n" } ?? ""
        return title
            + "## Quality appraisal (CASP)\n\n" + caspTable(workspace)
            + "\n## Barriers\n\n" + themeTable(workspace, direction: .barrier)
            + "\n## Facilitators\n\n" + themeTable(workspace, direction: .facilitator)
            + synthesisSections(workspace)
    }

    /// Writes Markdown text to `url` atomically.
    public static func write(_ text: String, to url: URL) throws(FileError) {
        try AtomicFile.write(Array(text.utf8), to: url)
    }

    /// A table cell: pipes escaped, line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "|" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }

    /// Half points as the review prints scores: "1.0", "0.5", "8.5".
    static func score(_ halfPoints: Int) -> String {
        "\(halfPoints / 2).\(halfPoints % 2 == 0 ? "0" : "5")"
    }
}
