import ReviewKit

/// The plain-text table layout. Every table takes step 1; tables that must fit the width (`ResultTable.fitsWidth`:
/// the findings, GRADE-CERQual and domain importance tables, whose prose would otherwise run off an 80-column
/// terminal) take steps 2 and 3 when the step before leaves them too wide:
/// 1. the usual layout: wrapping columns give way, widest first (the widest of all last), down to their longest
///    word (at most 20) or 14;
/// 2. every column whose values or header hold spaces wraps, down to its longest word (at most a third of the
///    width; a longer word is cut), and then columns are one space apart instead of two;
/// 3. each row becomes a block of `label  value` lines under a `-[ row N of M ]-` rule, as psql's expanded
///    display does, so no line is wider than the width whatever the number of columns.
/// Columns marked `machineOnly` (slugs, rank bounds, yes/no twins of counts) are left out of the text; machine
/// formats and `expect` still have them.
extension Renderer {
    func fittedTable(_ table: ResultTable) -> String {
        let shown = table.columns.indices.filter { !table.columns[$0].machineOnly }
        let columns = shown.map { table.columns[$0] }
        let cells = table.rows.map { row in shown.map { $0 < row.count ? row[$0].description : "" } }
        var separator = table.compact ? 1 : 2
        let count = columns.count
        var widths = (0..<count).map { column in
            max(DisplayWidth.of(columns[column].label), cells.map { DisplayWidth.of($0[column]) }.max() ?? 0)
        }
        var wraps = columns.map(\.wraps)
        func longestWord(_ column: Int) -> Int {
            DisplayWidth.longestWord(in: [columns[column].label] + cells.map { $0[column] })
        }
        var minimums = (0..<count).map { min(widths[$0], max(min(20, longestWord($0)), 14)) }
        func total() -> Int { widths.reduce(0, +) + separator * max(0, count - 1) }
        func shrink(keepingLast main: Int?) {
            while total() > width {
                let candidates = (0..<count).filter { wraps[$0] && widths[$0] > minimums[$0] && $0 != main }
                guard let widest = candidates.max(by: { widths[$0] - minimums[$0] < widths[$1] - minimums[$1] }) else { break }
                let others = candidates.filter { $0 != widest }.map { widths[$0] - minimums[$0] }.max() ?? 0
                widths[widest] -= max(1, min(total() - width, widths[widest] - minimums[widest] - others))
            }
        }
        let main = (0..<count).filter { wraps[$0] }.max { widths[$0] < widths[$1] }
        shrink(keepingLast: main)
        shrink(keepingLast: nil)
        if table.fitsWidth && total() > width {
            // Step 2: any column with spaces wraps, down to its longest word.
            for column in 0..<count {
                let spaced = ([columns[column].label] + cells.map { $0[column] }).contains { $0.contains(" ") }
                if spaced { wraps[column] = true }
                if wraps[column] { minimums[column] = min(widths[column], max(4, min(longestWord(column), width / 3))) }
            }
            shrink(keepingLast: nil)
            // Then one space between columns instead of two.
            if total() > width && separator > 1 {
                separator = 1
                shrink(keepingLast: nil)
            }
        }
        // The title wraps too (a 20-column terminal is narrower than "Summary of Qualitative Findings").
        var out = table.title.map { title in
            table.fitsWidth ? DisplayWidth.wrap(title, width: width).map { bold($0) + "\n" }.joined() : bold(title) + "\n"
        } ?? ""
        if table.fitsWidth && total() > width && count > 1 {
            out += expanded(columns, cells)
        } else {
            func line(_ values: [String], header: Bool) -> String {
                let wrapped = (0..<count).map { wraps[$0] ? DisplayWidth.wrap(values[$0], width: widths[$0]) : [values[$0]] }
                let height = wrapped.map(\.count).max() ?? 1
                var text = ""
                for row in 0..<height {
                    let parts = (0..<count).map { column -> String in
                        let value = row < wrapped[column].count ? wrapped[column][row] : ""
                        return column == count - 1 && !columns[column].alignRight ? value
                            : DisplayWidth.pad(value, to: widths[column], right: columns[column].alignRight)
                    }
                    let joined = parts.joined(separator: String(repeating: " ", count: separator))
                    text += (header ? bold(joined) : joined).trailingSpacesRemoved + "\n"
                }
                return text
            }
            out += line(columns.map(\.label), header: true)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: separator)) + "\n"
            var body = PlainTableLines(widths: widths, wraps: wraps, alignRight: columns.map(\.alignRight), separator: separator, rows: cells.count)
            for row in cells {
                // Ctrl-C stops a long listing at the next row.
                if Interrupt.wasRequested { body.append("(interrupted: \(table.rows.count) rows in all)\n"); break }
                body.append(row: row)
            }
            out += body.text
        }
        if table.rows.isEmpty { out += "(no rows)\n" }
        for note in table.footnotes { out += wrapProse(note) }
        return out
    }

    /// Each row as a block: a rule naming the row, then one `label  value` line per column, both wrapped.
    private func expanded(_ columns: [ResultColumn], _ cells: [[String]]) -> String {
        let labelWidth = min(columns.map { DisplayWidth.of($0.label) }.max() ?? 0, max(8, width / 3))
        let valueWidth = max(8, width - labelWidth - 2)
        var out = ""
        for (index, row) in cells.enumerated() {
            if Interrupt.wasRequested { out += "(interrupted: \(cells.count) rows in all)\n"; break }
            let long = "-[ row \(index + 1) of \(cells.count) ]"
            let head = DisplayWidth.of(long) <= width ? long : "-[ \(index + 1) ]"
            out += head + String(repeating: "-", count: max(0, width - DisplayWidth.of(head))) + "\n"
            for (column, value) in row.enumerated() {
                let labels = DisplayWidth.wrap(columns[column].label, width: labelWidth)
                let values = DisplayWidth.wrap(value, width: valueWidth)
                for line in 0..<max(labels.count, values.count) {
                    let label = DisplayWidth.pad(line < labels.count ? labels[line] : "", to: labelWidth)
                    out += (label + "  " + (line < values.count ? values[line] : "")).trailingSpacesRemoved + "\n"
                }
            }
        }
        return out
    }
}
