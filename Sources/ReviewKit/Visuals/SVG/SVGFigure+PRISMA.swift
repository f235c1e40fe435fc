extension SVGFigure {
    /// The PRISMA 2020 flow diagram (Page et al. 2021, BMJ 372:n71) of a flow: the databases-and-registers
    /// column with its exclusion boxes, the other-methods column when used, the previous-studies column and
    /// totals for an updated review, and the Identification / Screening / Included stage bars.
    /// Counts not recorded are printed "n = ?"; numbers are drawn as recorded, never corrected.
    public static func prismaFlow(_ flow: PRISMAFlow, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        let layout = PRISMALayout(flow: flow, width: canvas.width)
        layout.draw(into: &canvas)
        canvas.height = layout.height
        return canvas.document(title: "PRISMA 2020 flow diagram", description: prismaDescription(flow), standalone: options.standalone)
    }

    static func prismaDescription(_ flow: PRISMAFlow) -> String {
        var parts = ["PRISMA 2020 flow:"]
        for (key, value) in flow.keyValuePairs { parts.append("\(key) \(value.isEmpty ? "not reported" : value);") }
        if flow.isEmpty { parts.append("no counts recorded.") }
        let problems = flow.problems
        if !problems.isEmpty { parts.append("Arithmetic that does not add up: " + problems.map(\.message).joined(separator: "; ") + ".") }
        return parts.joined(separator: " ")
    }
}

/// Where the boxes of a PRISMA flow go.
struct PRISMALayout {
    struct Line { let text: String; let bold: Bool; let indent: Bool }
    struct Box { let column: Int; let row: Int; let lines: [Line]; let fill: String; let span: Int }

    let flow: PRISMAFlow
    let width: Double
    let font = 6.8, leading = 8.4, pad = 4.0
    let stageWidth = 18.0, margin = 6.0
    var columnX: [Double] = []
    var columnWidth = 0.0
    var rowTop: [Double] = []
    var rowHeight: [Double] = []
    var boxes: [Box] = []
    var height = 0.0
    // Column indices (-1 when the column is not drawn).
    var previous = -1, main = 0, side = 1, otherMain = -1, otherSide = -1

    init(flow: PRISMAFlow, width: Double) {
        self.flow = flow
        self.width = width
        var groups: [[Int]] = []
        var next = 0
        if flow.isUpdate { previous = next; groups.append([next]); next += 1 }
        main = next; side = next + 1; groups.append([main, side]); next += 2
        if flow.usesOtherMethods { otherMain = next; otherSide = next + 1; groups.append([otherMain, otherSide]); next += 2 }
        let innerGap = 12.0, groupGap = 14.0
        let left = margin + stageWidth + 6, right = width - margin
        let gaps = Double(groups.reduce(0) { $0 + $1.count - 1 }) * innerGap + Double(groups.count - 1) * groupGap
        columnWidth = (right - left - gaps) / Double(next)
        var x = left
        columnX = Array(repeating: 0, count: next)
        for (g, group) in groups.enumerated() {
            for (i, column) in group.enumerated() {
                columnX[column] = x
                x += columnWidth + (i < group.count - 1 ? innerGap : 0)
            }
            if g < groups.count - 1 { x += groupGap }
        }
        buildBoxes()
        measure()
    }

    // "(n = 12)" with no-break spaces, so a count never wraps away from its "n =".
    func count(_ box: PRISMAFlow.Box) -> String { "(n\u{00A0}=\u{00A0}\(flow[box].map(String.init) ?? "?"))" }

    func item(_ item: PRISMAFlow.Item) -> String { "\(item.name) (n\u{00A0}=\u{00A0}\(item.count.map(String.init) ?? "?"))" }

    mutating func buildBoxes() {
        func l(_ text: String, bold: Bool = false, indent: Bool = false) -> Line { Line(text: text, bold: bold, indent: indent) }
        func add(_ column: Int, _ row: Int, _ lines: [Line], fill: String = "#ffffff", span: Int = 1) {
            boxes.append(Box(column: column, row: row, lines: lines, fill: fill, span: span))
        }
        let update = flow.isUpdate
        add(main, 0, [l(update ? "Identification of new studies via databases and registers" : "Identification of studies via databases and registers", bold: true)],
            fill: "#ffd966", span: 2)
        if otherMain >= 0 { add(otherMain, 0, [l("Identification of studies via other methods", bold: true)], fill: "#d9d9d9", span: 2) }
        if previous >= 0 {
            add(previous, 0, [l("Previous studies", bold: true)], fill: "#d9d9d9")
            add(previous, 1, [l("\(PRISMAFlow.Box.previousStudies.label) \(count(.previousStudies))"),
                              l("\(PRISMAFlow.Box.previousReports.label) \(count(.previousReports))")])
        }
        var identified = [l("Records identified from:"), l("Databases \(count(.databases))")]
        identified += flow.items(.databases).map { l(item($0), indent: true) }
        identified.append(l("Registers \(count(.registers))"))
        identified += flow.items(.registers).map { l(item($0), indent: true) }
        add(main, 1, identified)
        add(side, 1, [l("Records removed before screening:"), l("Duplicate records \(count(.duplicates))", indent: true),
                      l("Records marked as ineligible by automation tools \(count(.automationExcluded))", indent: true),
                      l("Records removed for other reasons \(count(.otherRemoved))", indent: true)])
        add(main, 2, [l("Records screened \(count(.recordsScreened))")])
        add(side, 2, [l("Records excluded \(count(.recordsExcluded))")])
        add(main, 3, [l("Reports sought for retrieval \(count(.reportsSought))")])
        add(side, 3, [l("Reports not retrieved \(count(.reportsNotRetrieved))")])
        add(main, 4, [l("Reports assessed for eligibility \(count(.reportsAssessed))")])
        add(side, 4, excluded(.reportsExcluded))
        if otherMain >= 0 {
            add(otherMain, 1, [l("Records identified from:"), l("Websites \(count(.websites))", indent: true),
                               l("Organisations \(count(.organisations))", indent: true), l("Citation searching \(count(.citations))", indent: true)])
            add(otherMain, 3, [l("Reports sought for retrieval \(count(.otherReportsSought))")])
            add(otherSide, 3, [l("Reports not retrieved \(count(.otherReportsNotRetrieved))")])
            add(otherMain, 4, [l("Reports assessed for eligibility \(count(.otherReportsAssessed))")])
            add(otherSide, 4, excluded(.otherReportsExcluded))
        }
        add(main, 5, [l((update ? "New studies included in review " : "Studies included in review ") + count(.studiesIncluded)),
                      l((update ? "Reports of new included studies " : "Reports of included studies ") + count(.reportsIncluded))])
        if update {
            add(main, 6, [l("Total studies included in review \(count(.totalStudies))"), l("Reports of total included studies \(count(.totalReports))")])
        }
    }

    func excluded(_ breakdown: PRISMAFlow.Breakdown) -> [Line] {
        let list = flow.items(breakdown)
        guard !list.isEmpty else { return [Line(text: "Reports excluded (n\u{00A0}=\u{00A0}?)", bold: false, indent: false)] }
        return [Line(text: "Reports excluded:", bold: false, indent: false)] + list.map { Line(text: item($0), bold: false, indent: true) }
    }

    /// The wrapped lines of a box.
    func wrapped(_ box: Box) -> [(String, Bool, Bool)] {
        let inner = Double(box.span) * columnWidth + Double(box.span - 1) * 12 - 2 * pad
        return box.lines.flatMap { line in
            TextMetrics.wrap(line.text, width: inner - (line.indent ? 6 : 0) - 2, size: font, bold: line.bold).map { ($0, line.bold, line.indent) }
        }
    }

    mutating func measure() {
        let rows = (boxes.map(\.row).max() ?? 0) + 1
        rowHeight = Array(repeating: 0, count: rows)
        for box in boxes { rowHeight[box.row] = max(rowHeight[box.row], Double(wrapped(box).count) * leading + 2 * pad) }
        rowHeight[2] = max(rowHeight[2], 20)
        var y = 8.0
        rowTop = []
        for row in 0..<rows {
            rowTop.append(y)
            y += rowHeight[row] + (row == 0 ? 10 : 16)
        }
        height = y + (flow.isEmpty || hasUnknowns ? 14 : 0)
    }

    var hasUnknowns: Bool { boxes.contains { $0.lines.contains { $0.text.contains("=\u{00A0}?)") } } }

    func frame(_ column: Int, _ row: Int, span: Int = 1) -> (x: Double, y: Double, w: Double, h: Double) {
        (columnX[column], rowTop[row], Double(span) * columnWidth + Double(span - 1) * 12, rowHeight[row])
    }

    func draw(into canvas: inout SVGCanvas) {
        // Stage bars.
        let stages: [(String, Int, Int)] = [("Identification", 1, 1), ("Screening", 2, 4), ("Included", 5, rowTop.count - 1)]
        for (name, first, last) in stages {
            let top = rowTop[first], bottom = rowTop[last] + rowHeight[last]
            canvas.rect(x: margin, y: top, width: stageWidth, height: bottom - top, fill: "#9dc3e6", stroke: "#5b7fa6", radius: 3)
            canvas.text(name, x: margin + stageWidth / 2 + 3, y: (top + bottom) / 2, size: 7.5, anchor: .middle, bold: true, rotate: -90)
        }
        // Boxes.
        for box in boxes {
            let f = frame(box.column, box.row, span: box.span)
            canvas.rect(x: f.x, y: f.y, width: f.w, height: f.h, fill: box.fill, stroke: "#000000", strokeWidth: 0.6, radius: box.row == 0 ? 3 : 0)
            let lines = wrapped(box)
            let header = box.row == 0
            var y = header ? f.y + (f.h - Double(lines.count) * leading) / 2 + leading - 2 : f.y + pad + leading - 2
            for (text, bold, indent) in lines {
                if header {
                    canvas.text(text, x: f.x + f.w / 2, y: y, size: font, anchor: .middle, bold: bold)
                } else {
                    canvas.text(text, x: f.x + pad + (indent ? 6 : 0), y: y, size: font, bold: bold)
                }
                y += leading
            }
        }
        // Arrows down the main column, and across to each exclusion box.
        let mainCentre = columnX[main] + columnWidth / 2
        let lastRow = rowTop.count - 1
        for row in 1..<lastRow {
            canvas.line(x1: mainCentre, y1: rowTop[row] + rowHeight[row], x2: mainCentre, y2: rowTop[row + 1], arrow: true)
        }
        for row in 1...4 {
            let y = rowTop[row] + rowHeight[row] / 2
            canvas.line(x1: columnX[main] + columnWidth, y1: y, x2: columnX[side], y2: y, arrow: true)
        }
        if otherMain >= 0 {
            let centre = columnX[otherMain] + columnWidth / 2
            canvas.line(x1: centre, y1: rowTop[1] + rowHeight[1], x2: centre, y2: rowTop[3], arrow: true)
            canvas.line(x1: centre, y1: rowTop[3] + rowHeight[3], x2: centre, y2: rowTop[4], arrow: true)
            for row in 3...4 {
                let y = rowTop[row] + rowHeight[row] / 2
                canvas.line(x1: columnX[otherMain] + columnWidth, y1: y, x2: columnX[otherSide], y2: y, arrow: true)
            }
            let target = rowTop[5] + rowHeight[5] / 2
            canvas.path([(centre, rowTop[4] + rowHeight[4]), (centre, target), (columnX[main] + columnWidth, target)], arrow: true)
        }
        if previous >= 0 {
            let centre = columnX[previous] + columnWidth / 2
            let target = rowTop[6] + rowHeight[6] / 2
            canvas.path([(centre, rowTop[1] + rowHeight[1]), (centre, target), (columnX[main], target)], arrow: true)
        }
        if flow.isEmpty || hasUnknowns {
            canvas.text("n = ?: count not recorded" + (flow.isEmpty ? " (no PRISMA counts in this workspace)" : ""),
                        x: margin, y: height - 6, size: 6.5, italic: true, fill: "#555555")
        }
    }
}
