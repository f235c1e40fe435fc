extension TerminalChart {
    /// A count matrix as a shaded heat map: each cell a shade (four levels of the largest count) and its
    /// count, with row and column totals and a key to the column codes.
    ///
    /// COM-B component and TDF domain labels are shown as their short codes (`abbreviation`) and keyed
    /// below; other labels are used as they are. Columns that do not fit the width are split into blocks.
    public static func heatMap(_ matrix: CountMatrix, title: String, style: ChartStyle = ChartStyle()) -> String {
        let g = style.set
        let maximum = matrix.maximum
        let headers = matrix.columnLabels.map { FigureLabels.code(for: $0) ?? $0 }
        let countWidth = digits(max(matrix.total, 1))
        // A cell is " " + shade + " " + count, right-aligned in a column as wide as its header.
        let cellWidths = headers.map { max(TerminalColumns.width($0), 2 + digits(maximum)) + 1 }
        let totalWidth = max(countWidth, 5) + 1
        let longest = max(matrix.rowLabels.map(TerminalColumns.width).max() ?? 0, 5)
        let minimumLabel = min(longest, 14)

        // Columns per block: as many as fit beside a label of at least `minimumLabel` (the last block also holds the total).
        var blocks: [Range<Int>] = []
        var start = 0
        while start < headers.count {
            var end = start
            var used = minimumLabel
            while end < headers.count && used + cellWidths[end] + (end == headers.count - 1 ? totalWidth : 0) <= style.width {
                used += cellWidths[end]; end += 1
            }
            if end == start { end = start + 1 }
            blocks.append(start..<end)
            start = end
        }
        if blocks.isEmpty { blocks = [0..<0] }

        var lines = [Self.title(title, style)]
        for (number, block) in blocks.enumerated() {
            let last = number == blocks.count - 1
            let cells = block.reduce(0) { $0 + cellWidths[$1] } + (last ? totalWidth : 0)
            let labelWidth = max(minimumLabel, min(longest, style.width - cells))
            if number > 0 { lines.append("") }
            var header = String(repeating: " ", count: labelWidth)
            for column in block { header += TerminalColumns.pad(headers[column], to: cellWidths[column], alignRight: true) }
            if last { header += TerminalColumns.pad("total", to: totalWidth, alignRight: true) }
            lines.append(header)
            for (row, label) in matrix.rowLabels.enumerated() {
                var line = TerminalColumns.pad(TerminalColumns.truncate(label, to: labelWidth, ellipsis: g.ellipsis), to: labelWidth)
                for column in block { line += cell(matrix.counts[row][column], maximum: maximum, width: cellWidths[column], style) }
                if last { line += TerminalColumns.pad(String(matrix.rowTotals[row]), to: totalWidth, alignRight: true) }
                lines.append(line)
            }
            var totals = TerminalColumns.pad("total", to: labelWidth)
            let columnTotals = matrix.columnTotals
            for column in block { totals += TerminalColumns.pad(String(columnTotals[column]), to: cellWidths[column], alignRight: true) }
            if last { totals += TerminalColumns.pad(String(matrix.total), to: totalWidth, alignRight: true) }
            lines.append(totals)
        }

        var notes: [String] = []
        let legend = shadeLegend(maximum: maximum, style)
        notes.append(legend.isEmpty ? "no counts" : "shades: " + legend)
        let keyed = zip(headers, matrix.columnLabels).filter { $0.0 != $0.1 }
        if !keyed.isEmpty { notes.append(keyed.map { "\($0.0) \($0.1)" }.joined(separator: "; ")) }
        let empty = matrix.columnLabels.indices.filter { matrix.columnTotals[$0] == 0 }.map { matrix.columnLabels[$0] }
            + matrix.rowLabels.indices.filter { matrix.rowTotals[$0] == 0 }.map { matrix.rowLabels[$0] }
        if !empty.isEmpty && !matrix.rowLabels.isEmpty && !matrix.columnLabels.isEmpty {
            notes.append("no data: " + empty.joined(separator: ", "))
        }
        lines += Self.notes(notes, style)
        return finish(lines)
    }

    /// COM-B × TDF quote counts as a heat map, one row per TDF domain and one column per COM-B component
    /// (the transpose of `CountMatrix.combByDomain`, so the 14 domains read down the page at any width).
    public static func combHeatMap(_ workspace: Workspace, direction: Direction? = nil, style: ChartStyle = ChartStyle()) -> String {
        let matrix = CountMatrix.combByDomain(workspace.quotes, direction: direction).transposed
        let which = direction.map { $0 == .barrier ? "barriers" : "facilitators" } ?? "barriers and facilitators"
        return heatMap(matrix, title: "Quotes per TDF domain \(style.set.times) COM-B component (\(which))", style: style)
    }

    /// Study × TDF domain quote counts as a heat map (`CountMatrix.studyByDomain`: quotes known only by
    /// reference number are grouped as "ref N").
    public static func studyHeatMap(_ workspace: Workspace, direction: Direction? = nil, style: ChartStyle = ChartStyle()) -> String {
        let matrix = CountMatrix.studyByDomain(workspace, direction: direction)
        let which = direction.map { $0 == .barrier ? "barriers" : "facilitators" } ?? "barriers and facilitators"
        return heatMap(matrix, title: "Quotes per source \(style.set.times) TDF domain (\(which))", style: style)
    }

    /// The shade level (1–4) of a non-zero count: the quarter of the largest count it falls in.
    static func shadeLevel(_ count: Int, maximum: Int) -> Int {
        guard count > 0, maximum > 0 else { return 0 }
        return min(4, max(1, (count * 4 + maximum - 1) / maximum))
    }

    static func cell(_ count: Int, maximum: Int, width: Int, _ style: ChartStyle) -> String {
        let g = style.set
        guard count > 0 else { return TerminalColumns.pad(String(g.empty), to: width, alignRight: true) }
        let level = shadeLevel(count, maximum: maximum)
        let number = String(count)
        let text = String(g.shades[level - 1]) + " " + TerminalColumns.pad(number, to: digits(maximum), alignRight: true)
        let padded = TerminalColumns.pad(text, to: width, alignRight: true)
        guard style.colour else { return padded }
        let colours: [TerminalColour] = [.cyan, .cyan, .blue, .magenta]
        let lead = String(padded.prefix(padded.count - text.count))
        return lead + colours[level - 1].paint(String(g.shades[level - 1]), true) + String(text.dropFirst())
    }

    /// "░ 1  ▒ 2  ▓ 3  █ 4–5": the counts each shade stands for.
    static func shadeLegend(maximum: Int, _ style: ChartStyle) -> String {
        guard maximum > 0 else { return "" }
        var parts: [String] = []
        for level in 1...4 {
            // Level k holds the counts c with (k − 1)·max/4 < c ≤ k·max/4.
            let low = (level - 1) * maximum / 4 + 1, high = level * maximum / 4
            guard low <= high else { continue }
            parts.append("\(style.set.shades[level - 1]) " + (low == high ? "\(low)" : "\(low)\(style.set.dash)\(high)"))
        }
        return parts.joined(separator: ", ")
    }
}
