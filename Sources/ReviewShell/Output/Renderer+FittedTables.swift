import ReviewKit

/// The plain-text table layout: every table fits the renderer's width (display columns: CJK and emoji take two),
/// taking each step only while the one before leaves it too wide:
/// 1. the usual layout: wrapping columns give way, widest first (the widest of all last), down to their longest
///    word (at most 20) or 14;
/// 2. headers with spaces wrap over values that stay whole; columns are one space apart instead of two; columns
///    with a `shortLabel` show it (a legend under the table says what it stands for); then every column whose
///    values or header hold spaces wraps, down to its longest word (at most a third of the width; only a longer
///    word is cut);
/// 3. each row becomes a block of `label  value` lines under a `-[ row N of M ]-` rule, as psql's expanded
///    display does, so no line is wider than the width whatever the number of columns.
/// `set expanded on` asks for step 3 for every table, `set expanded off` never takes it (psql's `\x on|off`;
/// `auto` is the default). Columns marked `machineOnly` (slugs, rank bounds, yes/no twins of counts) are left out
/// of the text; machine formats and `expect` still have them.
extension Renderer {
    func fittedTable(_ table: ResultTable) -> String {
        let shown = table.columns.indices.filter { !table.columns[$0].machineOnly }
        let columns = shown.map { table.columns[$0] }
        let count = columns.count
        let rowCount = table.rows.count
        var cells = CellTexts(columns: count, rows: rowCount)
        for row in table.rows {
            for column in shown {
                if column < row.count { cells.append(row[column]) } else { cells.append("") }
            }
        }
        var separator = table.compact ? 1 : 2
        var labels = columns.map(\.label)
        // Each column's widest cell, longest word and whether a cell holds a space, from one pass over the cells'
        // bytes: the steps below ask for them again and again, and a 5,500-row matrix has 88,000 cells to walk.
        var cellWidths = [Int](repeating: 0, count: count)
        var cellsLongestWord = [Int](repeating: 0, count: count)
        var cellsSpaced = [Bool](repeating: false, count: count)
        cells.bytes.withUnsafeBufferPointer { all in
            for row in 0..<rowCount {
                for column in 0..<count {
                    let measure = DisplayWidth.measure(UnsafeBufferPointer(rebasing: all[cells.range(row, column)]))
                    cellWidths[column] = max(cellWidths[column], measure.width)
                    cellsLongestWord[column] = max(cellsLongestWord[column], measure.longestWord)
                    if measure.hasSpace { cellsSpaced[column] = true }
                }
            }
        }
        func natural(_ column: Int) -> Int { max(DisplayWidth.of(labels[column]), cellWidths[column]) }
        var widths = (0..<count).map(natural)
        var wraps = columns.map(\.wraps)
        func longestWord(_ texts: [String]) -> Int {
            DisplayWidth.longestWord(in: texts)
        }
        func longestWord(_ column: Int) -> Int { max(longestWord([labels[column]]), cellsLongestWord[column]) }
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
        // Each step relaxes a rule and lays the table out again from its natural widths, so the room a step
        // frees goes back to the widest text (the quote) rather than staying with the columns shrunk before.
        func layOut() {
            widths = (0..<count).map(natural)
            shrink(keepingLast: main)
            shrink(keepingLast: nil)
        }
        shrink(keepingLast: main)
        shrink(keepingLast: nil)
        // Step 2, while still too wide: headers with spaces wrap over values that stay whole ("% agree" over "0.826").
        // A byte scan for U+0020: Foundation's `String.contains(_: String)` bridged every cell (65% of `matrix study`).
        let spaced = (0..<count).map { column in labels[column].utf8.contains(UInt8(ascii: " ")) || cellsSpaced[column] }
        if total() > width && (0..<count).contains(where: { !wraps[$0] && spaced[$0] }) {
            for column in 0..<count where !wraps[column] && spaced[column] {
                wraps[column] = true
                minimums[column] = max(longestWord([labels[column]]), cellWidths[column])
            }
            layOut()
        }
        // Then one space between columns instead of two.
        if total() > width && separator > 1 {
            separator = 1
            layOut()
        }
        // Then the shorter headers columns offer (the matrix's D1…D14, which its legend explains).
        if total() > width && columns.contains(where: { $0.shortLabel != nil }) {
            for column in 0..<count {
                guard let short = columns[column].shortLabel else { continue }
                labels[column] = short
                minimums[column] = min(minimums[column], natural(column))
            }
            layOut()
        }
        // Then values wrap too, down to their longest word (at most a third of the width; only a longer word is cut).
        if total() > width {
            for column in 0..<count where wraps[column] || spaced[column] {
                wraps[column] = true
                minimums[column] = min(natural(column), max(4, min(longestWord(column), width / 3)))
            }
            layOut()
        }
        // The title wraps too (a 20-column terminal is narrower than "Summary of Qualitative Findings").
        var out = table.title.map { title in DisplayWidth.wrap(title, width: width).map { bold($0) + "\n" }.concatenated() } ?? ""
        // The lines below the title and headers, and the notes, go into one byte buffer that becomes the text once:
        // a 5,500-row table is megabytes, and each `+=` of it onto a String copied them all again.
        let notes = (table.rows.isEmpty ? "(no rows)\n" : "") + table.footnotes.map(wrapProse).concatenated()
        if expanded == .on && rowCount > 0 || expanded == .auto && total() > width && count > 1 {
            return expanded(columns, cells, rows: rowCount, title: out, notes: notes)
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
                    let joined = parts.concatenated(separator: String(repeating: " ", count: separator))
                    text += (header ? bold(joined) : joined).trailingSpacesRemoved + "\n"
                }
                return text
            }
            out += line(labels, header: true)
            out += widths.map { String(repeating: "-", count: $0) }.concatenated(separator: String(repeating: " ", count: separator)) + "\n"
            var body = PlainTableLines(widths: widths, wraps: wraps, alignRight: columns.map(\.alignRight), separator: separator, rows: rowCount)
            body.append(out)
            for row in 0..<rowCount {
                // Ctrl-C stops a long listing at the next row.
                if Interrupt.wasRequested { body.append("(interrupted: \(table.rows.count) rows in all)\n"); break }
                body.append(row: row, of: cells)
            }
            body.append(notes)
            return body.text
        }
    }

    /// Each row as a block: a rule naming the row, then one `label  value` line per column, both wrapped.
    private func expanded(_ columns: [ResultColumn], _ cells: CellTexts, rows: Int, title: String, notes: String) -> String {
        var blocks = ExpandedTableLines(labels: columns.map(\.label), width: width, rows: rows)
        blocks.append(title)
        for row in 0..<rows {
            if Interrupt.wasRequested { blocks.append("(interrupted: \(rows) rows in all)\n"); break }
            blocks.append(row: row, of: cells, index: row)
        }
        blocks.append(notes)
        return blocks.text
    }
}
