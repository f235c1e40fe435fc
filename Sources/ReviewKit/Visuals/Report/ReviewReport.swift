/// One self-contained HTML file that shows a review: metadata, the PRISMA flow, Table 2 (CASP) with bands
/// and band-gap notes, the barrier and facilitator tables as the review prints them, the COM-B/TDF map, the
/// matrix heat maps, the findings with their GRADE-CERQual tables (Summary of Qualitative Findings, Evidence Profile),
/// the TDF domains ranked by importance, agreement figures, notes and the commands behind each part.
///
/// The file is XHTML-compatible HTML5 (it parses as XML), with inline CSS and inline SVG, no script, no
/// font or image to fetch, print CSS that starts each section on a new page and keeps figures and table rows
/// whole. Deterministic: the same workspace and inputs give the same bytes (nothing reads the clock).
public enum ReviewReport {
    /// The report's sections, in order; their ids are the targets provenance entries name.
    public enum Section: String, CaseIterable, Sendable {
        case summary, prisma, casp, barriers, facilitators, map, matrix, findings, domains, agreement, notes, provenance

        /// The heading.
        public var title: String {
            switch self {
            case .summary: "The review"
            case .prisma: "Study selection: PRISMA 2020 flow"
            case .casp: "Quality appraisal: CASP (Table 2)"
            case .barriers: "Barriers (Table 3)"
            case .facilitators: "Facilitators (Table 4)"
            case .map: "Barriers and facilitators on COM-B and the TDF"
            case .matrix: "Where the quotes fall"
            case .findings: "Findings: confidence (GRADE-CERQual)"
            case .domains: "Which TDF domains matter"
            case .agreement: "Agreement"
            case .notes: "Notes"
            case .provenance: "Provenance: the commands behind each part"
            }
        }
    }

    /// The report as HTML text.
    public static func html(workspace: Workspace, inputs: ReportInputs) -> String {
        var page = ReportPage(workspace: workspace, inputs: inputs)
        page.build()
        return page.out
    }
}

/// Builds the report's HTML.
struct ReportPage {
    let workspace: Workspace
    let inputs: ReportInputs
    let summary: CASPSummary
    var out = ""

    init(workspace: Workspace, inputs: ReportInputs) {
        self.workspace = workspace
        self.inputs = inputs
        summary = CASPSummary(workspace: workspace, bands: inputs.bands)
    }

    func h(_ text: String) -> String { Markup.escape(text) }

    var title: String { inputs.title ?? workspace.metadata["title"] ?? "Review" }

    mutating func line(_ text: String) { out += text + "\n" }

    mutating func build() {
        line("<!DOCTYPE html>")
        line("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">")
        line("<head>")
        line("<meta charset=\"utf-8\"/>")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        line("<meta name=\"generator\" content=\"\(h(inputs.generator))\"/>")
        line("<title>\(h(title))</title>")
        line("<style>\n\(css)</style>")
        line("</head>")
        line("<body>")
        header()
        contents()
        line("<main>")
        prisma()
        casp()
        themeTable(.barrier)
        themeTable(.facilitator)
        map()
        matrix()
        findings()
        domains()
        agreement()
        notes()
        provenance()
        line("</main>")
        line("<footer><p>Made by \(h(inputs.generator))\(inputs.date.map { " on " + h($0) } ?? "") from the review workspace. "
             + "Every figure is computed from the workspace; the provenance appendix lists the commands.</p></footer>")
        line("</body>")
        line("</html>")
    }

    mutating func open(_ section: ReviewReport.Section) {
        line("<section id=\"\(section.rawValue)\">")
        line("<h2>\(h(section.title))</h2>")
    }

    mutating func close() { line("</section>") }

    mutating func paragraph(_ text: String, className: String? = nil) {
        line("<p\(className.map { " class=\"\($0)\"" } ?? "")>\(h(text))</p>")
    }

    // MARK: - Header

    mutating func header() {
        line("<header id=\"\(ReviewReport.Section.summary.rawValue)\">")
        line("<h1>\(h(title))</h1>")
        let meta = workspace.metadata
        if let authors = meta["authors"] { paragraph(authors, className: "authors") }
        var source: [String] = []
        if let journal = meta["journal"] { source.append(h(journal)) }
        if let doi = meta["doi"] { source.append("doi:<a href=\"https://doi.org/\(h(doi))\">\(h(doi))</a>") }
        if !source.isEmpty { line("<p class=\"source\">" + source.joined(separator: ". ") + "</p>") }
        let barriers = workspace.subThemes.filter { $0.direction == .barrier }.count
        let coverage = Coverage(workspace: workspace)
        var facts: [(String, String)] = [
            ("Included studies", String(workspace.studies.count)),
            ("CASP appraisals", "\(summary.rows.count) of \(workspace.studies.count) studies"),
            ("Sub-themes", "\(workspace.subThemes.count) (\(barriers) barriers, \(workspace.subThemes.count - barriers) facilitators)"),
            ("Coded quotes", "\(workspace.quotes.count)" + (coverage.uncodedQuotes > 0 ? " (\(coverage.uncodedQuotes) not fully coded)" : "")),
            ("TDF domains with data", "\(coverage.domainsWithData.count) of 14"),
            ("COM-B mapping", "\(inputs.mapping.rawValue): \(inputs.mapping.summary)"),
            ("Quality bands", inputs.bands.description),
        ]
        for key in meta.keys.sorted() where !["title", "authors", "journal", "doi"].contains(key) {
            // "reported.fleiss-kappa" reads as "Reported fleiss kappa".
            let name = String(key.map { $0 == "." || $0 == "-" || $0 == "_" ? " " : $0 })
            facts.append((name.prefix(1).uppercased() + name.dropFirst(), meta[key]!))
        }
        line("<dl class=\"facts\">")
        for (name, value) in facts { line("<dt>\(h(name))</dt><dd>\(h(value))</dd>") }
        line("</dl>")
        line("</header>")
    }

    mutating func contents() {
        line("<nav aria-label=\"Contents\"><h2>Contents</h2><ol>")
        for section in ReviewReport.Section.allCases where section != .summary {
            line("<li><a href=\"#\(section.rawValue)\">\(h(section.title))</a></li>")
        }
        line("</ol></nav>")
    }

    // MARK: - Figures

    mutating func figure(_ svg: String, caption: String, id: String) {
        line("<figure id=\"figure-\(id)\">")
        out += svg
        line("<figcaption>\(h(caption))</figcaption>")
        line("</figure>")
    }

    func options(_ prefix: String) -> FigureOptions { FigureOptions(palette: inputs.palette, idPrefix: prefix, standalone: false) }

    mutating func prisma() {
        open(.prisma)
        let flow = inputs.prisma ?? PRISMAFlow()
        figure(SVGFigure.prismaFlow(flow, options: options("prisma")), caption: "PRISMA 2020 flow diagram (Page et al. 2021). n = ?: count not recorded.", id: "prisma")
        if inputs.prisma == nil || flow.isEmpty {
            paragraph("No PRISMA counts are recorded in this workspace.", className: "note")
        }
        var checks = flow.checks
        checks.append(flow.checkIncludedStudies(against: workspace))
        line("<h3>Arithmetic the diagram implies</h3>")
        line("<ul class=\"checks\">")
        for check in checks {
            let kind = check.isProblem ? "problem" : check.outcome == .agrees ? "agrees" : "unchecked"
            line("<li class=\"\(kind)\">\(h(check.message))</li>")
        }
        line("</ul>")
        let problems = checks.filter(\.isProblem).count
        paragraph(problems == 0 ? "No box disagrees with the others." : "\(problems) box\(problems == 1 ? "" : "es") do\(problems == 1 ? "es" : "") not add up; the numbers are shown as recorded.",
                  className: problems == 0 ? "note" : "note problem")
        close()
    }

    mutating func casp() {
        open(.casp)
        let palette = inputs.palette
        line("<table class=\"casp\">")
        line("<caption>CASP Qualitative Checklist: yes 1, can't tell 0.5, no 0; total out of 10; bands \(h(inputs.bands.description)).</caption>")
        var head = "<thead><tr><th scope=\"col\">Study</th>"
        for q in CASPQuestion.all { head += "<th scope=\"col\" title=\"\(h(q.text))\">Q\(q.id)</th>" }
        line(head + "<th scope=\"col\">Total</th><th scope=\"col\">Band</th></tr></thead>")
        line("<tbody>")
        for row in summary.rows {
            var cells = "<tr><th scope=\"row\"><span class=\"id\">\(h(row.study.id))</span> \(h(row.study.label))</th>"
            for answer in row.appraisal.answers {
                let mark = AnswerMark(answer)
                let fill = palette.fill(answer)
                let score = answer.map { TerminalChart.scoreText(Int($0.halfPoints)) } ?? "–"
                cells += "<td class=\"answer\" style=\"background:\(fill);color:\(FigureColour.text(on: fill))\" title=\"\(h(mark.name))\">"
                    + "<span class=\"glyph\">\(h(mark.glyph))</span> \(score)</td>"
            }
            let band = row.bandName
            cells += "<td class=\"total\">\(TerminalChart.scoreText(row.totalHalfPoints))</td><td class=\"band\(row.bands.count == 1 ? "" : " none")\">\(h(band))</td></tr>"
            line(cells)
        }
        line("</tbody>")
        var foot = "<tfoot>"
        for (name, value) in [("yes", \CASPSummary.QuestionTally.yes), ("can't tell", \.cantTell), ("no", \.no)] as [(String, KeyPath<CASPSummary.QuestionTally, Int>)] {
            foot += "<tr><th scope=\"row\">\(h(name))</th>" + summary.tallies.map { "<td>\($0[keyPath: value])</td>" }.joined() + "<td></td><td></td></tr>"
        }
        line(foot + "</tfoot>")
        line("</table>")
        if !summary.unappraised.isEmpty {
            paragraph("Not appraised: " + summary.unappraised.map { "\($0.id) \($0.label)" }.joined(separator: "; ") + ".", className: "note")
        }
        line("<h3>Quality bands</h3>")
        line("<table class=\"bands\"><thead><tr><th scope=\"col\">Band</th><th scope=\"col\">Range</th><th scope=\"col\">Studies</th><th scope=\"col\">Totals</th></tr></thead><tbody>")
        for band in summary.bandCounts {
            line("<tr><td>\(h(band.name))</td><td>\(h(band.range))</td><td>\(band.count)</td><td>\(h(band.totals.map(QualityBands.format).joined(separator: ", ")))</td></tr>")
        }
        line("</tbody></table>")
        let notes = TerminalChart.bandNotes(summary)
        if !notes.isEmpty {
            line("<ul class=\"band-notes\">")
            for note in notes { line("<li>\(h(note.prefix(1).uppercased() + note.dropFirst())).</li>") }
            line("<li>Totals in no band are listed, never assigned to a band.</li>")
            line("</ul>")
        }
        figure(SVGFigure.casp(summary, options: options("casp")),
               caption: "CASP traffic-light plot and summary (robvis colours and glyphs: + yes, − can't tell, x no).", id: "casp")
        close()
    }

    mutating func themeTable(_ direction: Direction) {
        open(direction == .barrier ? .barriers : .facilitators)
        let themes = workspace.subThemes.filter { $0.direction == direction }
        if themes.isEmpty {
            paragraph("No \(direction == .barrier ? "barrier" : "facilitator") sub-themes are recorded.", className: "note")
            close()
            return
        }
        var quotes: [Int: [Quote]] = [:]
        for row in 0..<workspace.quotes.count where workspace.quotes.subThemes[row] >= 0 {
            let quote = workspace.quote(atRow: row)
            quotes[quote.subTheme!, default: []].append(quote)
        }
        line("<table class=\"themes\">")
        line("<colgroup><col class=\"comb\"/><col class=\"tdf\"/><col class=\"subtheme\"/><col class=\"quote\"/></colgroup>")
        line("<thead><tr><th scope=\"col\">COM-B</th><th scope=\"col\">TDF</th><th scope=\"col\">Sub-theme</th><th scope=\"col\">Quote</th></tr></thead>")
        line("<tbody>")
        // Rows of one COM-B component and TDF domain share their first two cells, as the printed tables do.
        var index = 0
        while index < themes.count {
            var end = index
            while end < themes.count && themes[end].component == themes[index].component && themes[end].domain == themes[index].domain { end += 1 }
            for (offset, theme) in themes[index..<end].enumerated() {
                var row = "<tr>"
                if offset == 0 {
                    let span = end - index > 1 ? " rowspan=\"\(end - index)\"" : ""
                    row += "<td\(span)>\(h(theme.component.name))</td><td\(span)>\(h(theme.domain.name))</td>"
                }
                row += "<td>\(theme.number). \(h(theme.label))</td><td>"
                let list = quotes[theme.id] ?? []
                if list.isEmpty { row += "<span class=\"none\">no quote</span>" }
                for quote in list {
                    let citation = quote.citation.isEmpty ? "" : " <span class=\"citation\">[\(h(quote.citation))]</span>"
                    row += "<blockquote>\(h(quote.text))\(citation)</blockquote>"
                }
                line(row + "</td></tr>")
            }
            index = end
        }
        line("</tbody></table>")
        close()
    }

    mutating func map() {
        open(.map)
        figure(SVGFigure.frameworkMap(FrameworkMap(workspace: workspace, mapping: inputs.mapping), options: options("map")),
               caption: "COM-B components with their TDF domains (\(inputs.mapping.rawValue) mapping); [B] barrier and [F] facilitator sub-themes with quote counts; dashed: no data.",
               id: "map")
        close()
    }

    mutating func matrix() {
        open(.matrix)
        figure(SVGFigure.combHeatMap(workspace, options: options("matrix-comb")), caption: "Coded quotes per TDF domain and COM-B component.", id: "matrix-comb")
        figure(SVGFigure.studyHeatMap(workspace, options: options("matrix-study")),
               caption: "Coded quotes per source and TDF domain; quotes the review cites only by reference number are grouped as \"ref N\".", id: "matrix-study")
        close()
    }

    mutating func agreement() {
        open(.agreement)
        if inputs.agreement.isEmpty {
            paragraph("No agreement figures were given.", className: "note")
        } else {
            line("<table class=\"agreement\"><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Value</th><th scope=\"col\">95% CI</th>"
                 + "<th scope=\"col\">Interpretation</th><th scope=\"col\">Source</th></tr></thead><tbody>")
            for row in inputs.agreement {
                line("<tr><td>\(h(row.measure))</td><td>\(h(row.value))</td><td>\(h(row.interval))</td><td>\(h(row.interpretation))</td><td>\(h(row.source))</td></tr>")
            }
            line("</tbody></table>")
        }
        close()
    }

    mutating func notes() {
        open(.notes)
        if inputs.notes.isEmpty { paragraph("The notebook has no notes.", className: "note") }
        for note in inputs.notes {
            line("<article class=\"notebook-note\">")
            if let title = note.title { line("<h3>\(h(title))</h3>") }
            for paragraph in note.text.components(separatedBy: "\n\n") where !paragraph.isEmpty {
                line("<p>" + h(paragraph).replacingOccurrences(of: "\n", with: "<br/>") + "</p>")
            }
            line("</article>")
        }
        close()
    }

    mutating func provenance() {
        open(.provenance)
        if inputs.provenance.isEmpty {
            paragraph("No commands were recorded.", className: "note")
        } else {
            line("<table class=\"provenance\"><thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Command</th></tr></thead><tbody>")
            for entry in inputs.provenance {
                let section = ReviewReport.Section(rawValue: entry.section)
                let part = section.map { "<a href=\"#\($0.rawValue)\">\(h($0.title))</a>" } ?? h(entry.section)
                line("<tr><td>\(part)</td><td><code>\(h(entry.command))</code></td></tr>")
            }
            line("</tbody></table>")
        }
        close()
    }

    // MARK: - Style

    var css: String {
        """
        :root { color-scheme: light; }
        body { font-family: Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.4;
          color: #111111; background: #ffffff; max-width: 190mm; margin: 0 auto; padding: 12mm 10mm; }
        h1 { font-size: 17pt; line-height: 1.25; margin: 0 0 4pt; }
        h2 { font-size: 13.5pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999999; padding-bottom: 2pt; }
        h3 { font-size: 11pt; margin: 12pt 0 4pt; }
        p.authors { margin: 2pt 0; } p.source { margin: 2pt 0 8pt; color: #333333; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; font-size: 9.5pt; }
        dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
        nav ol { columns: 2; font-size: 9.5pt; }
        a { color: #1a4f8b; }
        figure { margin: 10pt 0; } figure svg { width: 100%; height: auto; max-width: 174mm; display: block; }
        figcaption { font-size: 9pt; color: #333333; margin-top: 4pt; }
        table { border-collapse: collapse; font-size: 8.5pt; margin: 6pt 0; width: 100%; }
        caption { caption-side: top; text-align: left; font-size: 9pt; color: #333333; padding-bottom: 3pt; }
        th, td { border: 1px solid #bbbbbb; padding: 2pt 4pt; vertical-align: top; text-align: left; }
        thead th { background: #eeeeee; }
        table.casp td { text-align: center; white-space: nowrap; } table.casp td.band { text-align: left; }
        table.casp td.band.none { font-style: italic; color: #666666; } table.casp tfoot td, table.casp tfoot th { background: #f6f6f6; }
        table.casp .glyph { font-weight: bold; } table.casp th .id { color: #555555; }
        table.themes { table-layout: fixed; } table.themes col.comb, table.themes col.tdf { width: 13%; }
        table.themes col.subtheme { width: 22%; } table.themes col.quote { width: 52%; } table.themes blockquote { margin: 0 0 3pt; }
        table.themes .citation { color: #555555; white-space: nowrap; } .none { color: #888888; font-style: italic; }
        table.synthesis td.number, table.synthesis td.count { text-align: right; } table.synthesis .id { color: #555555; font-weight: bold; }
        table.profile { font-size: 7.5pt; } table.domains tr.none td { color: #888888; font-style: italic; }
        table.domains td:first-child { white-space: nowrap; }
        ul.checks li.problem { color: #9b1c1c; font-weight: bold; } ul.checks li.unchecked { color: #555555; }
        p.note { font-size: 9pt; color: #444444; } p.note.problem { color: #9b1c1c; }
        code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 8.5pt; }
        footer { margin-top: 18pt; font-size: 8.5pt; color: #555555; border-top: 1px solid #cccccc; }
        @page { size: A4; margin: 16mm 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          nav { display: none; }
          main > section { break-before: page; }
          h2, h3 { break-after: avoid; }
          figure, tr, blockquote, dl.facts, ul.checks li { break-inside: avoid; }
          thead { display: table-header-group; } tfoot { display: table-row-group; }
          a { color: inherit; text-decoration: none; }
        }

        """
    }
}
