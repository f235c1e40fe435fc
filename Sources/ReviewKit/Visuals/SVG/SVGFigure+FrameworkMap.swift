extension SVGFigure {
    /// The COM-B/TDF map of barriers and facilitators: three columns (capability, opportunity, motivation),
    /// each COM-B component with its TDF domains, and under each domain its barrier [B] and facilitator [F]
    /// sub-themes with quote counts. Domains and components without data are drawn dashed and say so.
    public static func frameworkMap(_ map: FrameworkMap, options: FigureOptions = FigureOptions()) -> String {
        var canvas = SVGCanvas(width: pageWidth, idPrefix: options.idPrefix)
        let margin = 6.0, gap = 6.0
        let columnWidth = (canvas.width - 2 * margin - 2 * gap) / 3
        let font = 6.3, leading = 7.6
        var top = 14.0
        canvas.text("Barriers [B] and facilitators [F] mapped to COM-B and the TDF", x: margin, y: top, size: 9, bold: true)
        top += 8
        let sourceFill: [COMBComponent.Source: String] = [.capability: "#e8f1fa", .opportunity: "#eaf5ea", .motivation: "#fbefe2"]
        var bottoms: [Double] = []
        for (index, source) in COMBComponent.Source.allCases.enumerated() {
            let x = margin + Double(index) * (columnWidth + gap)
            var y = top
            canvas.rect(x: x, y: y, width: columnWidth, height: 16, fill: sourceFill[source]!, stroke: "#777777")
            canvas.text(source.name, x: x + columnWidth / 2, y: y + 11, size: 9, anchor: .middle, bold: true)
            y += 20
            for entry in map.components where entry.component.source == source {
                y = drawComponent(entry, into: &canvas, x: x, y: y, width: columnWidth, font: font, leading: leading, fill: sourceFill[source]!)
                y += 5
            }
            bottoms.append(y)
        }
        var y = (bottoms.max() ?? top) + 6
        // Legend.
        canvas.rect(x: margin, y: y - 6, width: 7, height: 7, fill: FigureColour.barrier)
        canvas.text("[B] barrier", x: margin + 10, y: y, size: 7)
        canvas.rect(x: margin + 60, y: y - 6, width: 7, height: 7, fill: FigureColour.facilitator)
        canvas.text("[F] facilitator", x: margin + 70, y: y, size: 7)
        canvas.text("(n) quotes per sub-theme; dashed: no data in this review", x: margin + 135, y: y, size: 7, fill: "#333333")
        y += 9
        y = canvas.lines(TextMetrics.wrap("TDF domains placed under COM-B by the \(map.mapping.rawValue) mapping: \(map.mapping.summary).",
                                          width: canvas.width - 2 * margin, size: 6.3), x: margin, y: y, size: 6.3, leading: 8, fill: "#333333")
        canvas.height = y
        return canvas.document(title: "Barriers and facilitators mapped to COM-B and the Theoretical Domains Framework",
                               description: mapDescription(map), standalone: options.standalone)
    }

    /// Draws one component box; returns the y below it.
    static func drawComponent(_ entry: FrameworkMap.Component, into canvas: inout SVGCanvas, x: Double, y top: Double,
                              width: Double, font: Double, leading: Double, fill: String) -> Double {
        // Lay the content out first to know the box height.
        var items: [(kind: String, text: String, dy: Double)] = []   // kind: domain, domain-empty, b, f, note
        let inner = width - 8
        for domain in entry.domains {
            var name = domain.domain.name
            if let qualifier = domain.qualifier { name += " (\(qualifier))" }
            if domain.outsideMapping { name += " (outside the mapping)" }
            let counts = domain.hasData ? " \u{00A0}B\u{00A0}\(domain.barriers.count)\u{00A0}·\u{00A0}F\u{00A0}\(domain.facilitators.count)" : ""
            for (i, line) in TextMetrics.wrap(name + counts, width: inner, size: font + 0.4, bold: true).enumerated() {
                items.append((domain.hasData ? "domain" : "domain-empty", line, i == 0 ? leading + 3 : leading))
            }
            if !domain.hasData { items.append(("note", "no data", leading)) }
            for (kind, themes) in [("b", domain.barriers), ("f", domain.facilitators)] {
                for theme in themes {
                    let text = "[\(kind.uppercased())] \(theme.subTheme.label) (\(theme.quotes))"
                    for (i, line) in TextMetrics.wrap(text, width: inner - 9, size: font).enumerated() {
                        items.append((i == 0 ? kind : kind + "-more", line, leading))
                    }
                }
            }
        }
        let titleLines = TextMetrics.wrap(entry.component.name + (entry.hasData ? "" : " — no data"), width: inner, size: 8, bold: true)
        let height = 6 + Double(titleLines.count) * 10 + items.reduce(0) { $0 + $1.dy } + 6
        canvas.openGroup(label: entry.component.name)
        canvas.rect(x: x, y: top, width: width, height: height, fill: entry.hasData ? "#ffffff" : "#fafafa",
                    stroke: entry.hasData ? "#777777" : "#aaaaaa", radius: 3, dashed: !entry.hasData)
        canvas.rect(x: x, y: top, width: width, height: 6 + Double(titleLines.count) * 10, fill: fill, radius: 3)
        var y = top + 4
        for line in titleLines {
            y += 10
            canvas.text(line, x: x + 4, y: y - 2, size: 8, bold: true, fill: entry.hasData ? "#000000" : "#666666")
        }
        y += 2
        for item in items {
            y += item.dy
            switch item.kind {
            case "domain": canvas.text(item.text, x: x + 4, y: y, size: font + 0.4, bold: true)
            case "domain-empty": canvas.text(item.text, x: x + 4, y: y, size: font + 0.4, bold: true, fill: "#888888")
            case "note": canvas.text(item.text, x: x + 10, y: y, size: font, italic: true, fill: "#888888")
            default:
                let barrier = item.kind.hasPrefix("b")
                if !item.kind.hasSuffix("-more") {
                    canvas.rect(x: x + 4, y: y - 5, width: 5, height: 5, fill: barrier ? FigureColour.barrier : FigureColour.facilitator)
                }
                canvas.text(item.text, x: x + 13, y: y, size: font)
            }
        }
        canvas.closeGroup()
        return top + height
    }

    static func mapDescription(_ map: FrameworkMap) -> String {
        var parts: [String] = []
        for entry in map.components {
            let domains = entry.domains.map { d in
                d.hasData ? "\(d.domain.name): \(d.barriers.count) barrier and \(d.facilitators.count) facilitator sub-themes" : "\(d.domain.name): no data"
            }
            parts.append("\(entry.component.name) — " + domains.joined(separator: "; "))
        }
        return "Sub-themes per COM-B component and TDF domain. " + parts.joined(separator: ". ") + "."
    }
}
