extension TerminalChart {
    /// Quotes or sub-themes per TDF domain as a diverging bar chart: barriers to the left of the axis,
    /// facilitators to the right, counts beside the axis, domains without data marked "no data".
    ///
    /// Counts come from `Coverage` (the same cells the `domains` command prints), summed over COM-B components.
    public static func domainBars(_ coverage: Coverage, measure: Measure = .quotes, style: ChartStyle = ChartStyle()) -> String {
        let g = style.set
        func count(_ domain: TDFDomain, _ direction: Direction) -> Int {
            coverage.cells.filter { $0.domain == domain && $0.direction == direction }
                .reduce(0) { $0 + (measure == .quotes ? $1.quotes : $1.subThemes) }
        }
        let rows = TDFDomain.allCases.map { domain in (domain, count(domain, .barrier), count(domain, .facilitator)) }
        let barrierTotal = rows.reduce(0) { $0 + $1.1 }, facilitatorTotal = rows.reduce(0) { $0 + $1.2 }
        let maximum = rows.reduce(0) { max($0, $1.1, $1.2) }
        let countWidth = max(digits(max(barrierTotal, facilitatorTotal)), 1)
        let axis = " \(g.vertical) "
        // label + " " + left bars + " " + count + axis + count + " " + right bars
        let fixed = 1 + 1 + countWidth + 3 + countWidth + 1
        let longest = max(TDFDomain.allCases.map { TerminalColumns.width($0.name) }.max() ?? 0, TerminalColumns.width("TDF domain"))
        let minimumBars = max(min(maximum, 12), 8)
        let labelWidth = max(12, min(longest, style.width - fixed - 2 * minimumBars))
        let room = max(1, (style.width - fixed - labelWidth) / 2)
        let scale = BarScale(maximum: maximum, room: room)
        let barrierColour = TerminalColour.red, facilitatorColour = TerminalColour.blue

        let unit = measure == .quotes ? "quotes" : "sub-themes"
        var lines = [title("\(unit.prefix(1).uppercased() + unit.dropFirst()) per TDF domain: barriers and facilitators", style)]
        let side = room + 1 + countWidth
        let leftHeader = TerminalColumns.pad(TerminalColumns.truncate("barriers", to: side, ellipsis: g.ellipsis), to: side, alignRight: true)
        let rightHeader = TerminalColumns.truncate("facilitators", to: side, ellipsis: g.ellipsis)
        lines.append(TerminalColumns.pad("TDF domain", to: labelWidth) + " " + leftHeader + axis + rightHeader)
        lines.append(rule(style.width, style))
        for (domain, barriers, facilitators) in rows {
            let label = TerminalColumns.pad(TerminalColumns.truncate(domain.name, to: labelWidth, ellipsis: g.ellipsis), to: labelWidth)
            let left = bar(scale.cells(barriers), style)
            let right = bar(scale.cells(facilitators), style)
            var line = label + " " + String(repeating: " ", count: room - TerminalColumns.width(left)) + barrierColour.paint(left, style.colour)
            line += " " + TerminalColumns.pad(String(barriers), to: countWidth, alignRight: true) + axis
            line += TerminalColumns.pad(String(facilitators), to: countWidth) + " "
            line += barriers == 0 && facilitators == 0 ? TerminalColour.grey.paint(room >= 7 ? "no data" : "", style.colour) : facilitatorColour.paint(right, style.colour)
            lines.append(line)
        }
        lines.append(rule(style.width, style))
        lines.append(TerminalColumns.pad("total", to: labelWidth) + " " + String(repeating: " ", count: room) + " "
                     + TerminalColumns.pad(String(barrierTotal), to: countWidth, alignRight: true) + axis + String(facilitatorTotal))
        var notes: [String] = []
        notes.append(scale.note(unit: measure == .quotes ? "quote" : "sub-theme", style) + "; \(coverage.domainsWithData.count) of 14 domains have data")
        if !coverage.domainsWithoutData.isEmpty {
            notes.append("no data: " + coverage.domainsWithoutData.map(\.name).joined(separator: ", "))
        }
        if measure == .quotes && coverage.uncodedQuotes > 0 {
            notes.append("\(coverage.uncodedQuotes) quote(s) not fully coded are not counted")
        }
        lines += Self.notes(notes, style)
        return finish(lines)
    }
}
