extension SVGFigure {
    /// The CASP figure robvis users expect: the traffic-light plot (studies × Q1–Q10 with total and band)
    /// above the summary bar plot (share of yes / can't tell / no per question), in one SVG.
    public static func casp(_ summary: CASPSummary, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        var y = drawTrafficLight(summary, into: &canvas, top: 0, palette: options.palette)
        y = drawSummaryBars(summary, into: &canvas, top: y + 10, palette: options.palette)
        canvas.height = y + 8
        return canvas.document(title: "CASP appraisal of \(summary.rows.count) studies: traffic-light plot and summary",
                               description: trafficLightDescription(summary) + " " + summaryDescription(summary),
                               standalone: options.standalone)
    }

    /// The traffic-light plot alone.
    public static func caspTrafficLight(_ summary: CASPSummary, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        canvas.height = drawTrafficLight(summary, into: &canvas, top: 0, palette: options.palette) + 8
        return canvas.document(title: "CASP appraisal of \(summary.rows.count) studies: traffic-light plot",
                               description: trafficLightDescription(summary), standalone: options.standalone)
    }

    /// The summary bar plot alone (robvis's "summary" plot).
    public static func caspSummaryBars(_ summary: CASPSummary, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        canvas.height = drawSummaryBars(summary, into: &canvas, top: 0, palette: options.palette) + 8
        return canvas.document(title: "CASP answers per question across \(summary.rows.count) studies",
                               description: summaryDescription(summary), standalone: options.standalone)
    }

    // MARK: - Parts

    static let caspFont = 7.0

    /// Draws the traffic-light plot from `top`; returns the y below it.
    static func drawTrafficLight(_ summary: CASPSummary, into canvas: inout SVGCanvas, top: Double, palette: AppraisalPalette) -> Double {
        let font = caspFont, rowHeight = 11.5, pitch = 17.0, radius = 5.0
        let labels = summary.rows.map { "\($0.study.id)  \($0.study.label)" }
        let bandNames = summary.rows.map(\.bandName)
        let totalWidth = 30.0
        let bandWidth = max(40, (bandNames.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 8)
        let margin = 6.0
        let labelWidth = min(200, max(80, (labels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 8),
                             canvas.width - 2 * margin - 10 * pitch - totalWidth - bandWidth)
        let gridLeft = margin + labelWidth
        var y = top + 14
        canvas.text("CASP Qualitative Checklist: answers per study", x: margin, y: y, size: 9, bold: true)
        y += 14
        // Column heads.
        for q in 1...10 { canvas.text("Q\(q)", x: gridLeft + (Double(q) - 0.5) * pitch, y: y, size: font, anchor: .middle, bold: true) }
        let totalX = gridLeft + 10 * pitch + totalWidth - 4
        canvas.text("Total", x: totalX, y: y, size: font, anchor: .end, bold: true)
        canvas.text("Band", x: totalX + 8, y: y, size: font, bold: true)
        canvas.text("Study", x: margin, y: y, size: font, bold: true)
        y += 5
        canvas.line(x1: margin, y1: y, x2: canvas.width - margin, y2: y, stroke: "#888888", width: 0.5)
        y += 2
        for (index, row) in summary.rows.enumerated() {
            let mid = y + rowHeight / 2
            if index % 2 == 1 { canvas.rect(x: margin, y: y, width: canvas.width - 2 * margin, height: rowHeight, fill: "#f4f4f4") }
            canvas.openGroup(label: "\(row.study.id) \(row.study.label): total \(TerminalChart.scoreText(row.totalHalfPoints)), band \(bandNames[index])")
            canvas.text(TextMetrics.truncate(labels[index], width: labelWidth - 6, size: font), x: margin + 2, y: mid + 2.5, size: font)
            for (q, answer) in row.appraisal.answers.enumerated() {
                let mark = AnswerMark(answer)
                let fill = palette.fill(answer)
                let cx = gridLeft + (Double(q) + 0.5) * pitch
                canvas.circle(cx: cx, cy: mid, r: radius, fill: fill, stroke: "#555555", tooltip: "Q\(q + 1): \(mark.name)")
                canvas.text(mark.glyph, x: cx, y: mid + 2.6, size: 7.5, anchor: .middle, bold: true, fill: FigureColour.text(on: fill))
            }
            canvas.text(TerminalChart.scoreText(row.totalHalfPoints), x: totalX, y: mid + 2.5, size: font, anchor: .end)
            let inBand = row.bands.count == 1
            canvas.text(bandNames[index], x: totalX + 8, y: mid + 2.5, size: font, italic: !inBand, fill: inBand ? "#000000" : "#666666")
            canvas.closeGroup()
            y += rowHeight
        }
        canvas.line(x1: margin, y1: y + 1, x2: canvas.width - margin, y2: y + 1, stroke: "#888888", width: 0.5)
        y += 12
        y = drawAnswerLegend(summary, into: &canvas, x: margin, y: y, palette: palette)
        var notes = ["Scores: yes 1, can't tell 0.5, no 0; total out of 10. Bands: \(summary.bands.description)."]
        notes += TerminalChart.bandNotes(summary).map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }
        for note in notes {
            y = canvas.lines(TextMetrics.wrap(note, width: canvas.width - 2 * margin, size: 6.5), x: margin, y: y, size: 6.5, leading: 8.5, fill: "#333333")
        }
        return y
    }

    /// The legend of answer marks on one line; returns the y below it.
    static func drawAnswerLegend(_ summary: CASPSummary, into canvas: inout SVGCanvas, x: Double, y: Double, palette: AppraisalPalette) -> Double {
        var x = x
        let unanswered = summary.tallies.contains { $0.unanswered > 0 }
        for mark in AnswerMark.all where mark.answer != nil || unanswered {
            let fill = palette.fill(mark.answer)
            canvas.circle(cx: x + 5, cy: y - 2.5, r: 4.6, fill: fill, stroke: "#555555")
            canvas.text(mark.glyph, x: x + 5, y: y, size: 6.5, anchor: .middle, bold: true, fill: FigureColour.text(on: fill))
            let label = "\(mark.name.prefix(1).uppercased() + mark.name.dropFirst()) (\(mark.judgement))"
            canvas.text(label, x: x + 13, y: y, size: 7)
            x += 13 + TextMetrics.width(label, size: 7) + 14
        }
        return y + 12
    }

    /// Draws the summary bars from `top`; returns the y below them.
    static func drawSummaryBars(_ summary: CASPSummary, into canvas: inout SVGCanvas, top: Double, palette: AppraisalPalette) -> Double {
        let margin = 6.0, font = caspFont, barHeight = 9.0, gap = 3.0
        let labels = summary.tallies.map { "Q\($0.question.id) \($0.question.shortLabel)" }
        let labelWidth = (labels.map { TextMetrics.width($0, size: font) }.max() ?? 0) + 10
        let left = margin + labelWidth, right = canvas.width - margin - 4
        let barWidth = right - left
        var y = top + 14
        canvas.text("Share of studies per answer, by question (n = \(summary.rows.count))", x: margin, y: y, size: 9, bold: true)
        y += 10
        for (index, tally) in summary.tallies.enumerated() {
            let total = tally.yes + tally.cantTell + tally.no + tally.unanswered
            canvas.text(labels[index], x: margin, y: y + barHeight / 2 + 2.5, size: font)
            var x = left
            let parts: [(CASPAnswer?, Int)] = [(.yes, tally.yes), (.cantTell, tally.cantTell), (.no, tally.no), (nil, tally.unanswered)]
            for (answer, count) in parts where count > 0 && total > 0 {
                let width = barWidth * Double(count) / Double(total)
                let fill = palette.fill(answer)
                canvas.rect(x: x, y: y, width: width, height: barHeight, fill: fill, stroke: "#555555", strokeWidth: 0.4,
                            tooltip: "Q\(tally.question.id) \(AnswerMark(answer).name): \(count) of \(total)")
                if width >= 12 {
                    canvas.text(String(count), x: x + width / 2, y: y + barHeight / 2 + 2.4, size: 6.5, anchor: .middle, fill: FigureColour.text(on: fill))
                }
                x += width
            }
            if total == 0 { canvas.rect(x: left, y: y, width: barWidth, height: barHeight, fill: "#ffffff", stroke: "#999999", dashed: true) }
            y += barHeight + gap
        }
        // Axis: 0–100 %.
        canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: "#555555", width: 0.5)
        for step in 0...4 {
            let x = left + barWidth * Double(step) / 4
            canvas.line(x1: x, y1: y, x2: x, y2: y + 3, stroke: "#555555", width: 0.5)
            canvas.text("\(step * 25)%", x: x, y: y + 10, size: 6.5, anchor: .middle)
        }
        y += 22
        y = drawAnswerLegend(summary, into: &canvas, x: margin, y: y, palette: palette)
        return y
    }

    static func trafficLightDescription(_ summary: CASPSummary) -> String {
        var text = "\(summary.rows.count) studies appraised with the CASP qualitative checklist, questions 1 to 10, each answered yes (+), can't tell (−) or no (x); "
        text += "bands " + summary.bandCounts.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + " under the cut-offs \(summary.bands.description)."
        return text
    }

    static func summaryDescription(_ summary: CASPSummary) -> String {
        "Answers per question (yes / can't tell / no): " + summary.tallies.map { "Q\($0.question.id) \($0.yes)/\($0.cantTell)/\($0.no)" }.joined(separator: ", ") + "."
    }
}
