import ReviewKit

/// `matrix`: COM-B × TDF or study × domain counts of coded quotes (or sub-themes).
struct MatrixCommand: Command {
    let name = "matrix"
    let group = CommandGroup.figures
    let summary = "COM-B × TDF or study × domain counts of coded quotes"
    let usage = ["matrix [comb|study] [barrier|facilitator] [themes] [where FILTER]"]
    let details = """
    'matrix' (or 'matrix comb') counts quotes per COM-B component and TDF domain; 'matrix study' counts them per study and domain. \
    Quotes the review cites only by reference number are grouped as 'ref N'. 'themes' counts sub-themes instead of quotes (COM-B × TDF only). \
    Column headers use short domain codes, or the domains' numbers D1…D14 when the terminal is narrow; the legend and 'explain' give the full names.
    """
    let examples = ["matrix", "matrix barrier", "matrix study", "matrix themes", "matrix where study.casp >= 8.5"]
    let signature = ArgumentSignature(positionals: [.optional("view", .keyword(["comb", "study", "barrier", "facilitator", "themes", "where"]))],
                                      repeatsLastPositional: true, rest: .init(.query(.quote), introducedBy: "where"))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var byStudy = false
        var direction: Direction?
        var themes = false
        for word in arguments.positionals {
            switch word.text.lowercased() {
            case "comb", "com-b", "tdf": byStudy = false
            case "study", "studies": byStudy = true
            case "themes", "subthemes": themes = true
            default:
                guard case .found(let d) = Framework.directions.resolve(word.text) else {
                    throw arguments.error("unknown matrix option '\(word.text)'", at: word.span,
                                          notes: ["expected comb, study, barrier, facilitator, themes or where FILTER"])
                }
                direction = d
            }
        }
        let query = context.queryContext
        var rows: RowSet?
        if arguments.rest != nil {
            let plan = try arguments.query(for: .quote)
            rows = try arguments.invocation.engine { () throws(ReviewError) in try QueryEngine(query).quoteRows(matching: plan.filter) }
        }
        let matrix: CountMatrix
        var title: String
        if themes {
            var cells = [[Int]](repeating: [Int](repeating: 0, count: 14), count: 6)
            for theme in query.workspace.subThemes where direction == nil || theme.direction == direction {
                cells[Int(theme.component.rawValue) - 1][Int(theme.domain.rawValue) - 1] += 1
            }
            matrix = CountMatrix(rowLabels: COMBComponent.allCases.map(\.name), columnLabels: TDFDomain.allCases.map(\.name), counts: cells)
            title = "Sub-themes: COM-B × TDF"
        } else if byStudy {
            matrix = CountMatrix.studyByDomain(query.workspace, rows: rows, direction: direction)
            title = "Quotes: study × TDF domain"
        } else {
            matrix = CountMatrix.combByDomain(query.workspace.quotes, rows: rows, direction: direction)
            title = "Quotes: COM-B × TDF"
        }
        if let direction { title += " (\(direction.slug)s)" }
        // Drop empty domain columns in the study view to keep it readable; keep all 14 in the COM-B view.
        let keep = byStudy ? matrix.columnLabels.indices.filter { c in matrix.counts.contains { $0[c] > 0 } } : Array(matrix.columnLabels.indices)
        let domains = TDFDomain.allCases
        let studyRows = byStudy && !themes
        // Study rows are identified by typed keys in machine output (`study` id, `reference` number, each null where
        // it does not apply); the label people read ("S01 Smith 2020", "ref 33", "unattributed") is `study_label`.
        var columns: [ResultTable.Column] = studyRows
            ? [ResultColumn("study").onlyForMachines(), ResultColumn("reference", type: .integer).onlyForMachines(), .init("study_label", "study", wraps: true)]
            : [.init("component", "COM-B", wraps: true)]
        // Narrow terminals show the domains' numbers in the TDF (Cane et al. 2012), D1…D14, which the legend also gives.
        columns += keep.map { index in
            var column = ResultTable.Column(ResultKey.snakeCase(domains[index].slug), domains[index].abbreviation, type: .integer)
            column.shortLabel = "D\(index + 1)"
            return column
        }
        columns.append(.init("total", type: .integer))
        // Machine output marks the totals row, so R and pandas users can drop it (`df[!df$is_total, ]`).
        columns.append(ResultColumn("is_total", type: .boolean).onlyForMachines())
        let components = COMBComponent.allCases
        // The totals are computed properties: taken once, not once per row (per row made 5,000 studies quadratic).
        let rowTotals = matrix.rowTotals
        let columnTotals = matrix.columnTotals
        // Each row built in one array of its final size (5,500 study rows made three arrays apiece, then joined them).
        var tableRows: [[ResultValue]] = []
        tableRows.reserveCapacity(matrix.rowLabels.count + 1)
        for (index, (label, counts)) in zip(matrix.rowLabels, matrix.counts).enumerated() {
            var row: [ResultValue] = []
            row.reserveCapacity(columns.count)
            if studyRows {
                row += Self.studyKeys(matrix.rowSources[index])
                row.append(.text(label))
            } else {
                // COM-B rows carry the component's slug in machine output, its name in tables.
                row.append(.labelled(.text(components[index].slug), display: label))
            }
            for column in keep { row.append(.integer(counts[column])) }
            row.append(.integer(rowTotals[index]))
            row.append(.boolean(false))
            tableRows.append(row)
        }
        tableRows.append((studyRows ? [.missing, .missing] : []) + [.labelled(.missing, display: "total")]
                         + keep.map { .integer(columnTotals[$0]) } + [.integer(matrix.total), .boolean(true)])
        var notes = [keep.map { "D\($0 + 1) \(domains[$0].abbreviation) = \(domains[$0].name)" }.joined(separator: "; ")]
        if byStudy && !themes && matrix.rowLabels.contains(where: { $0.hasPrefix("ref ") }) {
            notes.append("'ref N': quotes the review cites by reference number only; the text does not say which study that number is")
        }
        if !themes, let leftOut = LeftOutQuotes(query.workspace.quotes, rows: rows, direction: direction, needsComponent: !byStudy).note {
            notes.append(leftOut)
        }
        return .table(ResultTable(title: title, columns: columns, rows: tableRows, footnotes: notes, compact: true))
    }

    /// The typed keys of a study × domain row: the study's id and reference number, a reference number alone, or
    /// neither (quotes without a source).
    static func studyKeys(_ source: CountMatrix.RowSource) -> [ResultValue] {
        switch source {
        case .study(let id, let reference): [.text(id), reference.map(ResultValue.integer) ?? .missing]
        case .reference(let number): [.missing, .integer(number)]
        case .unattributed: [.missing, .missing]
        }
    }
}
