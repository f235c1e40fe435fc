extension SVGFigure {
    /// A count matrix as a heat map with the count in every non-zero cell, row and column totals, and a
    /// legend of the colour steps (ColorBrewer Blues, which reads in grey and with colour-blindness).
    /// Column heads are turned upright when they are wider than a cell; empty columns are marked "no data".
    public static func heatMap(_ matrix: CountMatrix, title: String, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        let margin = 6.0, font = 7.0
        let maximum = matrix.maximum
        let columns = matrix.columnLabels.count
        let labelWidth = min(190, (matrix.rowLabels.map { TextMetrics.width($0, size: font) }.max() ?? 40) + 8)
        let totalWidth = 28.0
        let cellWidth = columns == 0 ? 30 : min(44, (canvas.width - 2 * margin - labelWidth - totalWidth) / Double(columns))
        let cellHeight = 13.0
        let columnTotals = matrix.columnTotals
        let upright = matrix.columnLabels.contains { TextMetrics.width($0, size: font) > cellWidth - 4 }
        let headHeight = upright ? min(170, (matrix.columnLabels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 8) : 12
        var y = 14.0
        for line in TextMetrics.wrap(title, width: canvas.width - 2 * margin, size: 9, bold: true) {
            canvas.text(line, x: margin, y: y, size: 9, bold: true); y += 11
        }
        let gridLeft = margin + labelWidth
        let gridTop = y + headHeight + 2
        for (column, label) in matrix.columnLabels.enumerated() {
            let cx = gridLeft + (Double(column) + 0.5) * cellWidth
            let empty = columnTotals[column] == 0
            let text = upright ? TextMetrics.truncate(label, width: headHeight - 6, size: font) : label
            if upright {
                canvas.text(text, x: cx + 2.5, y: gridTop - 4, size: font, italic: empty, fill: empty ? "#888888" : "#000000", rotate: -90)
            } else {
                canvas.text(text, x: cx, y: gridTop - 4, size: font, anchor: .middle, italic: empty, fill: empty ? "#888888" : "#000000")
            }
        }
        let totalX = gridLeft + Double(columns) * cellWidth + totalWidth - 3
        canvas.text("Total", x: totalX, y: gridTop - 4, size: font, anchor: .end, bold: true)
        y = gridTop
        for (row, label) in matrix.rowLabels.enumerated() {
            let emptyRow = matrix.rowTotals[row] == 0
            canvas.text(TextMetrics.truncate(label, width: labelWidth - 6, size: font), x: margin, y: y + cellHeight / 2 + 2.5, size: font,
                        italic: emptyRow, fill: emptyRow ? "#888888" : "#000000")
            for column in 0..<columns {
                let count = matrix.counts[row][column]
                let fill = FigureColour.heat(count, maximum: maximum)
                let x = gridLeft + Double(column) * cellWidth
                canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: fill, stroke: "#d0d0d0", strokeWidth: 0.4,
                            tooltip: "\(label) × \(matrix.columnLabels[column]): \(count)")
                if count > 0 {
                    canvas.text(String(count), x: x + cellWidth / 2, y: y + cellHeight / 2 + 2.5, size: font, anchor: .middle, fill: FigureColour.text(on: fill))
                }
            }
            canvas.text(String(matrix.rowTotals[row]), x: totalX, y: y + cellHeight / 2 + 2.5, size: font, anchor: .end, bold: true)
            y += cellHeight
        }
        canvas.line(x1: margin, y1: y + 1, x2: totalX + 2, y2: y + 1, stroke: "#888888", width: 0.5)
        y += 1
        canvas.text("Total", x: margin, y: y + cellHeight / 2 + 2.5, size: font, bold: true)
        for column in 0..<columns {
            canvas.text(String(columnTotals[column]), x: gridLeft + (Double(column) + 0.5) * cellWidth, y: y + cellHeight / 2 + 2.5,
                        size: font, anchor: .middle, bold: true)
        }
        canvas.text(String(matrix.total), x: totalX, y: y + cellHeight / 2 + 2.5, size: font, anchor: .end, bold: true)
        y += cellHeight + 12
        // Legend: one swatch per colour step in use.
        if maximum > 0 {
            canvas.text("Quotes:", x: margin, y: y, size: font)
            var x = margin + 32
            var seen: [String] = []
            for count in legendCounts(maximum: maximum) {
                let fill = FigureColour.heat(count.low, maximum: maximum)
                guard !seen.contains(fill) else { continue }
                seen.append(fill)
                canvas.rect(x: x, y: y - 7, width: 12, height: 9, fill: fill, stroke: "#999999", strokeWidth: 0.4)
                let text = count.low == count.high ? "\(count.low)" : "\(count.low)–\(count.high)"
                canvas.text(text, x: x + 15, y: y, size: font)
                x += 15 + TextMetrics.width(text, size: font) + 8
            }
            y += 11
        }
        let empty = matrix.columnLabels.indices.filter { columnTotals[$0] == 0 }.map { matrix.columnLabels[$0] }
            + matrix.rowLabels.indices.filter { matrix.rowTotals[$0] == 0 }.map { matrix.rowLabels[$0] }
        if !empty.isEmpty && !matrix.rowLabels.isEmpty && columns > 0 {
            y = canvas.lines(TextMetrics.wrap("No data: " + empty.joined(separator: ", ") + ".", width: canvas.width - 2 * margin, size: 6.5),
                             x: margin, y: y, size: 6.5, leading: 8.5, italic: true, fill: "#555555")
        }
        canvas.height = y + 4
        let description = "\(title). Rows: \(matrix.rowLabels.count); columns: \(columns); total \(matrix.total). Row totals: "
            + zip(matrix.rowLabels, matrix.rowTotals).map { "\($0) \($1)" }.joined(separator: ", ") + "."
        return canvas.document(title: title, description: description, standalone: options.standalone)
    }

    /// COM-B × TDF quote counts as a heat map, one row per TDF domain, one column per COM-B component.
    public static func combHeatMap(_ workspace: Workspace, direction: Direction? = nil, options: FigureOptions = FigureOptions()) -> String {
        let matrix = CountMatrix.combByDomain(workspace.quotes, direction: direction).transposed
        let which = direction.map { $0 == .barrier ? "barriers" : "facilitators" } ?? "barriers and facilitators"
        return heatMap(matrix, title: "Quotes per TDF domain and COM-B component (\(which))", options: options)
    }

    /// Study × TDF domain quote counts as a heat map (quotes known only by reference number grouped as "ref N").
    public static func studyHeatMap(_ workspace: Workspace, direction: Direction? = nil, options: FigureOptions = FigureOptions()) -> String {
        let matrix = CountMatrix.studyByDomain(workspace, direction: direction)
        let which = direction.map { $0 == .barrier ? "barriers" : "facilitators" } ?? "barriers and facilitators"
        return heatMap(matrix, title: "Quotes per source and TDF domain (\(which))", options: options)
    }

    /// Count ranges that share a colour step, lowest first.
    static func legendCounts(maximum: Int) -> [(low: Int, high: Int)] {
        guard maximum > 0 else { return [] }
        var ranges: [(low: Int, high: Int)] = []
        var count = 1
        while count <= maximum {
            let fill = FigureColour.heat(count, maximum: maximum)
            // The last count with the same fill: step = round(count / max · 7) is monotonic in count.
            var low = count, high = maximum
            while low < high {
                let mid = (low + high + 1) / 2
                if FigureColour.heat(mid, maximum: maximum) == fill { low = mid } else { high = mid - 1 }
            }
            ranges.append((count, low))
            count = low + 1
        }
        return ranges
    }
}
