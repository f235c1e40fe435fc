/// Charts drawn as text for the terminal and for scripts: bar charts, heat maps and the CASP grid.
///
/// Each chart is a pure function of figures ReviewKit already computes (`Coverage`, `CountMatrix`,
/// `CASPSummary`) and a `ChartStyle`; the result is text with "\n" line ends and a final newline, no
/// line wider than the style's width (labels are cut with an ellipsis, wide tables split into blocks).
public enum TerminalChart {
    /// What a per-domain bar chart counts.
    public enum Measure: String, Sendable, CaseIterable {
        /// Coded quotes.
        case quotes
        /// Sub-themes.
        case subThemes = "sub-themes"
    }
}

extension TerminalChart {
    /// A bar of `length` cells.
    static func bar(_ length: Int, _ style: ChartStyle) -> String {
        String(repeating: style.set.bar, count: max(0, length))
    }

    /// How bars of counts up to `maximum` fit `room` cells: a whole number of cells per unit (at most four)
    /// when the largest count fits, otherwise scaled down to the room.
    struct BarScale {
        let maximum: Int
        let room: Int

        /// Cells per unit when counts are drawn unscaled, nil when they are scaled down.
        var cellsPerUnit: Int? { maximum <= room ? max(1, min(4, room / max(maximum, 1))) : nil }

        /// The bar length of a count (at least one cell for a non-zero count).
        func cells(_ count: Int) -> Int {
            guard count > 0, maximum > 0, room > 0 else { return 0 }
            if let unit = cellsPerUnit { return min(room, count * unit) }
            return min(room, max(1, Int((Double(count) * Double(room) / Double(maximum)).rounded())))
        }

        /// The note that says what a cell stands for.
        func note(unit: String, _ style: ChartStyle) -> String {
            if let per = cellsPerUnit { return "\(String(repeating: style.set.bar, count: per)) = 1 \(unit)" }
            return "bars scaled to the largest count (\(maximum))"
        }
    }

    /// Notes wrapped to the chart width, each paragraph indented under its first word.
    static func notes(_ paragraphs: [String], _ style: ChartStyle) -> [String] {
        paragraphs.flatMap { TerminalColumns.wrap($0, columns: style.width, hangingIndent: 2) }
    }

    /// Joins lines into chart text with a final newline, trimming trailing spaces.
    static func finish(_ lines: [String]) -> String {
        lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// A horizontal rule across the chart.
    static func rule(_ width: Int, _ style: ChartStyle) -> String {
        String(repeating: style.set.horizontal, count: width)
    }

    /// A title, cut to the width.
    static func title(_ text: String, _ style: ChartStyle) -> String {
        TerminalColour.bold.paint(TerminalColumns.truncate(text, to: style.width, ellipsis: style.set.ellipsis), style.colour)
    }

    /// The number of decimal digits of a non-negative count.
    static func digits(_ value: Int) -> Int { String(max(0, value)).count }
}
