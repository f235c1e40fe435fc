extension TerminalChart {
    /// The CASP appraisals as a traffic-light grid: one row per appraised study, a glyph per answer to
    /// Q1–Q10 (coloured when colour is on), the total and its band, then per-question tallies and notes on
    /// totals that fall in no band or in two.
    public static func caspGrid(_ summary: CASPSummary, style: ChartStyle = ChartStyle()) -> String {
        let g = style.set
        let tallyWidth = max(digits(summary.rows.count), 2) + 1
        let bandNames = summary.rows.map(\.bandName)
        let totalWidth = 6
        let labels = summary.rows.map { "\($0.study.id) \($0.study.label)" }
        let longest = max(labels.map(TerminalColumns.width).max() ?? 0, 10)
        // Four columns per question ("Q10") when that leaves a label of 20; three headed by number; two, with the
        // tens digit of 10 on a line above, when even that does not fit.
        let fullBand = max(4, bandNames.map(TerminalColumns.width).max() ?? 0) + 1
        func room(_ cell: Int) -> Int { style.width - 10 * cell - totalWidth - min(fullBand, 9) }
        let cellWidth = room(4) >= min(longest, 20) ? max(4, tallyWidth) : room(3) >= 10 ? max(3, tallyWidth) : 2
        let bandWidth = max(5, min(fullBand, style.width - 10 - 10 * cellWidth - totalWidth))
        let fixed = 10 * cellWidth + totalWidth + bandWidth
        let labelWidth = max(10, min(longest, style.width - fixed))

        var lines = [title("CASP appraisal: \(summary.rows.count) studies \(g.times) Q1\(g.dash)Q10", style)]
        if cellWidth == 2 { lines.append(String(repeating: " ", count: labelWidth + 9 * cellWidth) + " 1") }
        var header = TerminalColumns.pad("study", to: labelWidth)
        for q in 1...10 {
            let name = cellWidth >= 4 ? "Q\(q)" : cellWidth == 3 ? String(q) : String(q % 10)
            header += TerminalColumns.pad(name, to: cellWidth, alignRight: true)
        }
        header += TerminalColumns.pad("total", to: totalWidth, alignRight: true) + " band"
        lines.append(header)
        lines.append(rule(min(style.width, labelWidth + fixed), style))
        for (index, row) in summary.rows.enumerated() {
            var line = TerminalColumns.pad(TerminalColumns.truncate(labels[index], to: labelWidth, ellipsis: g.ellipsis), to: labelWidth)
            for answer in row.appraisal.answers {
                let mark = AnswerMark(answer)
                let glyph = style.glyphs == .unicode ? mark.glyph : mark.asciiGlyph
                line += String(repeating: " ", count: cellWidth - 1) + mark.terminalColour.paint(glyph, style.colour)
            }
            line += TerminalColumns.pad(scoreText(row.totalHalfPoints), to: totalWidth, alignRight: true) + " "
            let band = TerminalColumns.truncate(bandNames[index], to: bandWidth - 1, ellipsis: g.ellipsis)
            line += row.bands.count == 1 ? band : TerminalColour.grey.paint(band, style.colour)
            lines.append(line)
        }
        lines.append(rule(min(style.width, labelWidth + fixed), style))
        let tallies: [(String, (CASPSummary.QuestionTally) -> Int)] = [("yes", \.yes), ("can't tell", \.cantTell), ("no", \.no)]
            + (summary.tallies.contains { $0.unanswered > 0 } ? [("not answered", \.unanswered)] : [])
        var notes: [String] = []
        for (name, value) in tallies {
            if cellWidth > digits(summary.rows.count) {
                var line = TerminalColumns.pad(name, to: labelWidth)
                for tally in summary.tallies { line += TerminalColumns.pad(String(value(tally)), to: cellWidth, alignRight: true) }
                lines.append(line)
            } else {
                // Too narrow for a tally under each question: list them instead.
                notes.append("\(name), Q1\(g.dash)Q10: " + summary.tallies.map { String(value($0)) }.joined(separator: " "))
            }
        }

        let legend = AnswerMark.all.filter { $0.answer != nil || summary.tallies.contains { $0.unanswered > 0 } }
            .map { "\(style.glyphs == .unicode ? $0.glyph : $0.asciiGlyph) \($0.name)" }.joined(separator: ", ")
        notes.append(legend + "; scores yes 1, can't tell 0.5, no 0; total out of 10")
        notes += bandNotes(summary)
        if !summary.unappraised.isEmpty {
            notes.append("not appraised: " + summary.unappraised.map(\.id).joined(separator: ", "))
        }
        lines += Self.notes(notes, style)
        return finish(lines)
    }

    /// Studies per CASP quality band as bars, with each band's range and the totals in it, then the
    /// same notes on gaps and overlaps as the grid.
    public static func bandDistribution(_ summary: CASPSummary, style: ChartStyle = ChartStyle()) -> String {
        let counts = summary.bandCounts
        let nameWidth = max(counts.map { TerminalColumns.width($0.name) }.max() ?? 0, 4) + 1
        let rangeWidth = max(counts.map { TerminalColumns.width($0.range) }.max() ?? 0, 5) + 1
        let countWidth = max(digits(counts.map(\.count).max() ?? 0), 1) + 1
        let maximum = counts.map(\.count).max() ?? 0
        let room = max(4, style.width - nameWidth - rangeWidth - countWidth - 1)
        let scale = BarScale(maximum: maximum, room: room)

        var lines = [title("CASP quality bands: \(summary.rows.count) studies (cut-offs \(summary.bands.description))", style)]
        lines.append(TerminalColumns.pad("band", to: nameWidth) + TerminalColumns.pad("range", to: rangeWidth)
                     + TerminalColumns.pad("n", to: countWidth - 1, alignRight: true))
        for band in counts {
            let colour: TerminalColour = band.name == "none" ? .grey : .cyan
            var line = TerminalColumns.pad(band.name, to: nameWidth) + TerminalColumns.pad(band.range, to: rangeWidth)
            line += TerminalColumns.pad(String(band.count), to: countWidth - 1, alignRight: true) + "  "
            line += colour.paint(bar(scale.cells(band.count), style), style.colour)
            lines.append(line)
        }
        var notes: [String] = []
        for band in counts where !band.totals.isEmpty {
            notes.append("\(band.name): totals " + band.totals.map(QualityBands.format).joined(separator: ", "))
        }
        notes.append(scale.note(unit: "study", style))
        notes += bandNotes(summary)
        lines += Self.notes(notes, style)
        return finish(lines)
    }

    /// A total as Table 2 prints it, with one decimal ("8.0", "8.5", "10.0").
    static func scoreText(_ halfPoints: Int) -> String { "\(halfPoints / 2).\(halfPoints % 2 == 0 ? 0 : 5)" }

    /// A total, or "–" for an incomplete appraisal (which has no total).
    static func scoreText(_ halfPoints: Int?) -> String { halfPoints.map { scoreText($0) } ?? "–" }


    /// Notes on cut-offs that leave totals in no band or in two, and the studies affected (never assigned silently).
    static func bandNotes(_ summary: CASPSummary) -> [String] {
        var notes: [String] = []
        let gaps = summary.bands.gaps
        if !gaps.isEmpty { notes.append("possible totals in no band: " + gaps.map(QualityBands.format).joined(separator: ", ")) }
        for overlap in summary.bands.overlaps {
            notes.append("total \(QualityBands.format(overlap.halfPoints)) falls in two bands: " + overlap.names.joined(separator: " and "))
        }
        let none = summary.rows.filter { $0.bandName == QualityBands.noneName }
        if !none.isEmpty {
            notes.append("\(none.count) stud\(none.count == 1 ? "y" : "ies") in no band: "
                         + none.map { "\($0.study.id) (\($0.appraisal.totalText))" }.joined(separator: ", "))
        }
        if let incomplete = summary.incompleteNote { notes.append(incomplete) }
        return notes
    }
}
