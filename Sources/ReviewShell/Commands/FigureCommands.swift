import ReviewKit

extension CommandSpec {
    static let domains = CommandSpec(
        "domains", group: "figures",
        summary: "the 14 TDF domains: where each sits in COM-B and what the review found there",
        usage: ["domains [barrier|facilitator]"],
        details: "Counts sub-themes and quotes per domain and direction under the mapping in use ('set mapping'); domains with no data are marked.",
        examples: ["domains", "domains barrier"],
        subcommands: ["barrier", "facilitator"]
    ) { invocation, shell throws(Diagnostic) in
        let workspace = shell.session.workspace
        let mapping = shell.session.settings.mapping
        let words = try invocation.words()
        var only: Direction?
        if let word = words.first {
            only = try engine(invocation) { () throws(ReviewError) in
                try Framework.directions.value(for: word.text, what: "direction", at: word.span)
            }
        }
        let coverage = Coverage(workspace: workspace)
        var rows: [[ResultValue]] = []
        for domain in TDFDomain.allCases {
            let components = mapping.components(of: domain).map(\.name).joined(separator: " + ")
            let themes = Direction.allCases.map { d in workspace.subThemes.filter { $0.domain == domain && $0.direction == d }.count }
            let quotes = Direction.allCases.map { d in coverage.cells.filter { $0.domain == domain && $0.direction == d }.reduce(0) { $0 + $1.quotes } }
            let shown = only.map { [$0] } ?? Direction.allCases
            let total = shown.reduce(0) { $0 + quotes[Int($1.rawValue) - 1] }
            var row: [ResultValue] = [.integer(Int(domain.rawValue)), .text(domain.name), .text(components)]
            for d in shown {
                row.append(.pair(themes[Int(d.rawValue) - 1], quotes[Int(d.rawValue) - 1]))
            }
            row.append(total == 0 && shown.allSatisfy({ themes[Int($0.rawValue) - 1] == 0 }) ? .absent("no data") : .integer(total))
            rows.append(row)
        }
        var columns: [ResultTable.Column] = [.init("number", "#", type: .integer), .init("domain", "TDF domain", wraps: true), .init("component", "COM-B", wraps: true)]
        for d in only.map({ [$0] }) ?? Direction.allCases { columns.append(.init(d.slug + "s", type: .pair)) }
        columns.append(.init("quotes", type: .integer))
        let missing = coverage.domainsWithoutData
        var notes = ["barriers and facilitators: sub-themes / quotes; COM-B under the \(mapping.rawValue) mapping ('set mapping')",
                     "\(coverage.domainsWithData.count) of 14 domains have data" + (missing.isEmpty ? "" : "; none for: " + missing.map(\.name).joined(separator: ", "))]
        let emptyComponents = coverage.componentsWithoutData
        if !emptyComponents.isEmpty { notes.append("COM-B components with no data: " + emptyComponents.map(\.name).joined(separator: ", ")) }
        if coverage.uncodedQuotes > 0 { notes.append("\(coverage.uncodedQuotes) quote(s) not yet fully coded") }
        return .table(ResultTable(title: "TDF domains", columns: columns, rows: rows, footnotes: notes))
    }

    static let matrix = CommandSpec(
        "matrix", group: "figures",
        summary: "COM-B × TDF or study × domain counts of coded quotes",
        usage: ["matrix [comb|study] [barrier|facilitator] [themes] [where FILTER]"],
        details: """
        'matrix' (or 'matrix comb') counts quotes per COM-B component and TDF domain; 'matrix study' counts them per study and domain. \
        Quotes the review cites only by reference number are grouped as 'ref N'. 'themes' counts sub-themes instead of quotes (COM-B × TDF only). \
        Column headers use short domain codes; 'explain' gives the full names.
        """,
        examples: ["matrix", "matrix barrier", "matrix study", "matrix themes", "matrix where study.casp >= 8.5"],
        subcommands: ["comb", "study", "barrier", "facilitator", "themes", "where"],
        argument: .quoteQuery
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        var kind = "comb"
        var direction: Direction?
        var themes = false
        var filterStart: Int?
        for word in words {
            if word.text.lowercased() == "where" && !word.quoted { filterStart = word.span.lowerBound; break }
            switch word.text.lowercased() {
            case "comb", "com-b", "tdf": kind = "comb"
            case "study", "studies": kind = "study"
            case "themes", "subthemes": themes = true
            default:
                direction = try engine(invocation) { () throws(ReviewError) in
                    guard case .found(let d) = Framework.directions.resolve(word.text) else {
                        throw ReviewError("unknown matrix option '\(word.text)'", span: word.span, notes: ["expected comb, study, barrier, facilitator, themes or where FILTER"])
                    }
                    return d
                }
            }
        }
        let context = shell.session.queryContext
        var rows: RowSet?
        if let start = filterStart {
            let text = String(Array(invocation.text)[start...])
            let spec = try engine(invocation) { () throws(ReviewError) in try QueryParser.parse(text, for: .quote, offset: start) }
            rows = try engine(invocation) { () throws(ReviewError) in try QueryEngine(context).quoteRows(matching: spec.filter) }
        }
        let matrix: CountMatrix
        var title: String
        if themes {
            var cells = [[Int]](repeating: [Int](repeating: 0, count: 14), count: 6)
            for theme in context.workspace.subThemes where direction == nil || theme.direction == direction {
                cells[Int(theme.component.rawValue) - 1][Int(theme.domain.rawValue) - 1] += 1
            }
            matrix = CountMatrix(rowLabels: COMBComponent.allCases.map(\.name), columnLabels: TDFDomain.allCases.map(\.name), counts: cells)
            title = "Sub-themes: COM-B × TDF"
        } else if kind == "study" {
            matrix = CountMatrix.studyByDomain(context.workspace, rows: rows, direction: direction)
            title = "Quotes: study × TDF domain"
        } else {
            matrix = CountMatrix.combByDomain(context.workspace.quotes, rows: rows, direction: direction)
            title = "Quotes: COM-B × TDF"
        }
        if let direction { title += " (\(direction.slug)s)" }
        // Drop empty domain columns in the study view to keep it readable; keep all 14 in the COM-B view.
        let keep = kind == "study" ? matrix.columnLabels.indices.filter { c in matrix.counts.contains { $0[c] > 0 } } : Array(matrix.columnLabels.indices)
        let domains = TDFDomain.allCases
        var columns: [ResultTable.Column] = [kind == "study" && !themes ? .init("study", wraps: true) : .init("component", "COM-B", wraps: true)]
        columns += keep.map { ResultTable.Column(ResultKey.snakeCase(domains[$0].slug), domains[$0].abbreviation, type: .integer) }
        columns.append(.init("total", type: .integer))
        var tableRows: [[ResultValue]] = zip(matrix.rowLabels, matrix.counts).enumerated().map { index, pair in
            [.text(pair.0)] + keep.map { .integer(pair.1[$0]) } + [.integer(matrix.rowTotals[index])]
        }
        tableRows.append([.text("total")] + keep.map { .integer(matrix.columnTotals[$0]) } + [.integer(matrix.total)])
        let legend = keep.map { "\(domains[$0].abbreviation) = \(domains[$0].name)" }.joined(separator: "; ")
        var notes = [legend]
        if kind == "study" && !themes && matrix.rowLabels.contains(where: { $0.hasPrefix("ref ") }) {
            notes.append("'ref N': quotes the review cites by reference number only; the text does not say which study that number is")
        }
        return .table(ResultTable(title: title, columns: columns, rows: tableRows, footnotes: notes, compact: true))
    }

    static let casp = CommandSpec(
        "casp", group: "figures",
        summary: "CASP appraisals: Table 2, per-question tallies, summary statistics",
        usage: ["casp [table]", "casp questions", "casp stats"],
        details: "Answers score yes 1, can't tell 0.5, no 0; the total is out of 10. Bands follow the cut-offs in use ('bands', 'set bands').",
        examples: ["casp", "casp questions", "casp stats"],
        subcommands: ["table", "questions", "stats"]
    ) { invocation, shell throws(Diagnostic) in
        let summary = CASPSummary(workspace: shell.session.workspace, bands: shell.session.settings.bands)
        let words = try invocation.words()
        let view = words.first?.text.lowercased() ?? "table"
        switch view {
        case "table":
            let columns: [ResultTable.Column] = [.init("id"), .init("study", wraps: true)] + (1...10).map { .init("q\($0)", "Q\($0)", type: .number) }
                + [.init("total", type: .number), .init("band")]
            let rows: [[ResultValue]] = summary.rows.map { row in
                [.text(row.study.id), .text(row.study.label)] + row.appraisal.answers.map { $0.map { .number($0.score, decimals: 1) } ?? .missing }
                    + [.number(Double(row.totalHalfPoints) / 2, decimals: 1), .band(row.bands.isEmpty ? "none" : row.bands.joined(separator: "+"))]
            }
            var notes = ["scores: yes 1, can't tell 0.5, no 0; bands: \(summary.bands.description)"]
            if !summary.unappraised.isEmpty { notes.append("not appraised: " + summary.unappraised.map(\.id).joined(separator: ", ")) }
            return .table(ResultTable(title: "CASP appraisal (Table 2)", columns: columns, rows: rows, footnotes: notes))
        case "questions", "tallies":
            let rows: [[ResultValue]] = summary.tallies.map { t in
                [.text("Q\(t.question.id)"), .text(t.question.text), .integer(t.yes), .integer(t.cantTell), .integer(t.no),
                 t.unanswered > 0 ? .integer(t.unanswered) : .integer(0), t.meanScore.map { .number($0, decimals: 2) } ?? .missing]
            }
            return .table(ResultTable(title: "CASP answers per question (\(summary.rows.count) studies)",
                                      columns: [.init("question_id", "Q"), .init("question", wraps: true), .init("yes", type: .integer),
                                                .init("cant_tell", "can't tell", type: .integer), .init("no", type: .integer),
                                                .init("unanswered", type: .integer), .init("mean", type: .number)],
                                      rows: rows, footnotes: ["questions: \(CASPQuestion.source)"]))
        case "stats", "statistics":
            let s = summary.statistics
            func n(_ v: Double?) -> ResultValue { v.map { .number($0, decimals: 2) } ?? .missing }
            return .record(ResultRecord(title: "CASP totals", fields: [
                .init("studies_appraised", "studies appraised", .integer(s.count)), .init("mean", n(s.mean)),
                .init("standard_deviation", "standard deviation", n(s.standardDeviation)), .init("median", n(s.median)),
                .init("lower_quartile", "lower quartile", n(s.lowerQuartile)), .init("upper_quartile", "upper quartile", n(s.upperQuartile)),
                .init("minimum", n(s.minimum)), .init("maximum", n(s.maximum)), .init("full_score", "full score (10)", .integer(summary.fullScoreCount)),
            ], footnotes: ["standard deviation uses n − 1; quartiles are R's default (type 7)"]))
        default:
            throw invocation.error("unknown view '\(words[0].text)'", at: words[0].span, notes: ["expected table, questions or stats"])
        }
    }

    static let bands = CommandSpec(
        "bands", group: "figures",
        summary: "CASP quality bands: cut-offs in use, studies per band, totals that fall in no band or two",
        usage: ["bands"],
        details: "Cut-offs are changed with 'set bands \"high >8..10; moderate 6..7; low ..5\"'. Totals in no band (or in two) are listed, never silently assigned.",
        examples: ["bands", "set bands \"high >8..10; moderate 6..8; low ..5.5\""]
    ) { invocation, shell throws(Diagnostic) in
        if let extra = try invocation.words().first { throw invocation.error("'bands' takes no arguments; change cut-offs with 'set bands …'", at: extra.span) }
        let bands = shell.session.settings.bands
        let summary = CASPSummary(workspace: shell.session.workspace, bands: bands)
        let rows: [[ResultValue]] = summary.bandCounts.map { band in
            [.text(band.name), .text(band.range), .integer(band.count),
             .list(band.totals.map { .number(Double($0) / 2, decimals: $0 % 2 == 0 ? 0 : 1) })]
        }
        var notes = ["cut-offs: \(bands.description)" + (bands == .seed ? " (the seed review's, section 2.4: 'high' > 8–10, 'moderate' 6–7, 'low' ≤ 5)" : "")]
        if !bands.gaps.isEmpty { notes.append("possible totals in no band: " + bands.gaps.map(QualityBands.format).joined(separator: ", ")) }
        for overlap in bands.overlaps { notes.append("total \(QualityBands.format(overlap.halfPoints)) falls in two bands: " + overlap.names.joined(separator: " and ")) }
        let none = summary.rows.filter { $0.bands.isEmpty }
        if !none.isEmpty {
            notes.append("studies in no band: " + none.map { "\($0.study.id) \($0.study.label) (\(QualityBands.format($0.totalHalfPoints)))" }.joined(separator: "; "))
        }
        return .table(ResultTable(title: "CASP quality bands", columns: [.init("band"), .init("range"), .init("studies", type: .integer), .init("totals", type: .list, wraps: true)],
                                  rows: rows, footnotes: notes))
    }
}
