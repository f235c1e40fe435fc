import ReviewKit

extension CommandSpec {
    static let quotes = CommandSpec(
        "quotes", aliases: ["q"], group: "query",
        summary: "list, filter, count or group the coded quotes",
        usage: ["quotes [where FILTER] [group by FIELD[, FIELD]] [sort by FIELD [desc]] [limit N] [count]"],
        details: """
        FILTER compares fields with = != < <= > >= contains (or ~) and in (a, b), combined with and, or, not and parentheses. \
        Text comparisons ignore case and accents; a quoted string alone searches the quote text. 'unknown' matches a missing value. \
        Names of components, domains and directions resolve through aliases ("Emotions", "social influence", "MADP").
        Quote fields: id text direction component source domain subtheme study reference page, and any study field as study.FIELD \
        (study.casp, study.band, study.year…).
        """,
        examples: ["quotes where domain = knowledge and direction = barrier", "quotes \"stigma\"", "quotes where component = motivation group by domain",
                   "quotes where study.casp >= 8.5 count", "quotes where text contains peer sort by domain limit 5"],
        argument: .quoteQuery
    ) { invocation, shell throws(Diagnostic) in
        let plan = try invocation.query(for: .quote)
        let context = shell.session.queryContext
        let result = try engine(invocation) { () throws(ReviewError) in try QueryEngine(context).execute(plan) }
        switch result {
        case .count(let matched, let total):
            return .figure(ResultFigure("quotes", value: .integer(matched), detail: "of \(total)"))
        case .groups(let groups):
            return groupTable(groups, subject: "quotes")
        case .rows(let rows):
            return .table(quoteTable(rows.rows, workspace: context.workspace, total: rows.total))
        }
    }

    static let quote = CommandSpec(
        "quote", group: "query",
        summary: "show one coded quote in full",
        usage: ["quote ID"],
        examples: ["quote Q12", "quote 12"],
        argument: .quoteID
    ) { invocation, shell throws(Diagnostic) in
        let workspace = shell.session.workspace
        let id = try invocation.quoteID(in: workspace)
        let quote = workspace.quote(id)!
        let theme = quote.subTheme.flatMap { workspace.subTheme($0) }
        let fields: [ResultRecord.Field] = [
            .init("id", .text(quote.label)),
            .init("direction", quote.direction.map { .text($0.name) } ?? .missing),
            .init("component", "COM-B", quote.component.map { .text($0.name) } ?? .missing),
            .init("domain", "TDF domain", quote.domain.map { .text($0.name) } ?? .missing),
            .init("subtheme", "sub-theme", theme.map { .text("\($0.code) \($0.number). \($0.label)") } ?? .missing),
            .init("study", quote.studyID.flatMap { workspace.study($0) }.map { .text("\($0.id) \($0.label)") } ?? .missing),
            .init("citation", quote.citation.isEmpty ? .missing : .text(quote.citation)),
            .init("text", .text(quote.text)),
        ]
        return .record(ResultRecord(title: "Quote \(quote.label)", fields: fields))
    }

    static let studies = CommandSpec(
        "studies", aliases: ["s"], group: "query",
        summary: "list, filter, count or group the included studies",
        usage: ["studies [where FILTER] [group by FIELD] [sort by FIELD [desc]] [limit N] [count]"],
        details: """
        Study fields: id label reference year country design collection analysis participants casp band reviewer quotes q1…q10. \
        casp is the CASP total (0–10); band is the quality band under the cut-offs in use ('set bands'); q1…q10 take yes, can't tell, no or a score.
        """,
        examples: ["studies where casp >= 8.5", "studies where band = none", "studies where q6 = no count", "studies group by band", "studies where label contains gillard"],
        argument: .studyQuery
    ) { invocation, shell throws(Diagnostic) in
        let plan = try invocation.query(for: .study)
        let context = shell.session.queryContext
        let result = try engine(invocation) { () throws(ReviewError) in try QueryEngine(context).execute(plan) }
        let indices: [Int], total: Int
        switch result {
        case .count(let matched, let all):
            return .figure(ResultFigure("studies", value: .integer(matched), detail: "of \(all)"))
        case .groups(let groups):
            return groupTable(groups, subject: "studies")
        case .rows(let rows):
            (indices, total) = (rows.rows, rows.total)
        }
        let workspace = context.workspace
        var columns: [ResultTable.Column] = [.init("id"), .init("label", wraps: true)]
        let optional: [(column: ResultTable.Column, value: (Study) -> ResultValue?)] = [
            (.init("reference", "ref", type: .integer, wraps: true), { $0.reference.map(ResultValue.integer) }),
            (.init("year", type: .integer, wraps: true), { $0.year.map(ResultValue.integer) }),
            (.init("country", wraps: true), { $0.country.map(ResultValue.text) }),
            (.init("design", wraps: true), { $0.design.map(ResultValue.text) }),
            (.init("data_collection", "collection", wraps: true), { $0.dataCollection.map(ResultValue.text) }),
            (.init("analysis", wraps: true), { $0.analysis.map(ResultValue.text) }),
            (.init("participants", "n", type: .integer, wraps: true), { $0.participants.map(ResultValue.integer) }),
        ]
        let shown = optional.filter { column in indices.contains { column.value(workspace.studies[$0]) != nil } }
        columns += shown.map(\.column)
        columns += [.init("casp", type: .number), .init("band"), .init("quotes", type: .integer)]
        let rows: [[ResultValue]] = indices.map { index in
            let study = workspace.studies[index]
            var row: [ResultValue] = [.text(study.id), .text(study.label)]
            row += shown.map { $0.value(study) ?? .missing }
            row.append(context.studyTotals[index].map { .number(Double($0) / 2, decimals: 1) } ?? .missing)
            row.append(context.bandName(ofStudy: index).map(ResultValue.band) ?? .missing)
            row.append(.integer(context.studyQuoteCounts[index]))
            return row
        }
        var notes: [String] = []
        if total > indices.count { notes.append("(\(indices.count) of \(total) shown)") }
        if rows.contains(where: { $0[$0.count - 2] == .absent("none") }) {
            notes.append("band 'none': the total falls in no band under the cut-offs in use (\(context.bands.description)); see 'bands'")
        }
        return .table(ResultTable(columns: columns, rows: rows, footnotes: notes))
    }

    static let study = CommandSpec(
        "study", group: "query",
        summary: "show one study: its fields, CASP answers and coded quotes",
        usage: ["study ID"],
        examples: ["study S06", "study s25"],
        argument: .studyID
    ) { invocation, shell throws(Diagnostic) in
        let context = shell.session.queryContext
        let workspace = context.workspace
        let words = try invocation.words()
        guard let word = words.first else { throw invocation.missing("which study? e.g. 'study S06' ('studies' lists them)") }
        guard words.count == 1 else { throw invocation.error("'study' takes one study id", at: words[1].span) }
        guard let index = workspace.studyIndex(of: word.text) ?? workspace.studies.firstIndex(where: { $0.id.lowercased() == word.text.lowercased() }) else {
            let byLabel = workspace.studies.filter { TextFolding.fold($0.label).contains(TextFolding.fold(word.text)) }
            let suggestions = byLabel.isEmpty ? EditDistance.nearest(to: word.text, in: workspace.studies.map(\.id)) : byLabel.map { "\($0.id) (\($0.label))" }
            throw invocation.error("no study with id '\(word.text)'", at: word.span,
                                   notes: suggestions.isEmpty ? ["'studies' lists the ids"] : ["did you mean \(suggestions.prefix(4).joined(separator: " or "))?"])
        }
        let study = workspace.studies[index]
        var fields: [ResultRecord.Field] = [
            .init("id", .text(study.id)), .init("label", .text(study.label)),
            .init("reference", study.reference.map(ResultValue.integer) ?? .missing),
            .init("year", study.year.map(ResultValue.integer) ?? .missing),
            .init("country", study.country.map(ResultValue.text) ?? .missing),
            .init("design", study.design.map(ResultValue.text) ?? .missing),
            .init("data_collection", "data collection", study.dataCollection.map(ResultValue.text) ?? .missing),
            .init("analysis", study.analysis.map(ResultValue.text) ?? .missing),
            .init("participants", study.participants.map(ResultValue.integer) ?? .missing),
        ]
        let appraisals = workspace.appraisals.filter { $0.studyID == study.id }
        for appraisal in appraisals {
            let who = appraisal.reviewer.isEmpty ? "" : " (\(appraisal.reviewer))"
            let suffix = appraisal.reviewer.isEmpty ? "" : "_" + ResultKey.snakeCase(appraisal.reviewer)
            for question in CASPQuestion.all {
                fields.append(.init("q\(question.id)\(suffix)", "Q\(question.id) \(question.shortLabel)\(who)",
                                    appraisal.answers[question.id - 1].map { .text($0.name) } ?? .missing))
            }
            fields.append(.init("casp_total\(suffix)", "CASP total\(who)", .number(appraisal.total, decimals: 1)))
        }
        fields.append(.init("band", context.bandName(ofStudy: index).map(ResultValue.band) ?? .missing))
        fields.append(.init("coded_quotes", "coded quotes", .integer(context.studyQuoteCounts[index])))
        var notes: [String] = []
        if appraisals.isEmpty { notes.append("not appraised yet: 'appraise \(study.id) q1=yes …' records a CASP appraisal") }
        if context.studyQuoteCounts[index] > 0 { notes.append("quotes: 'quotes where study = \(study.id)'") }
        return .record(ResultRecord(title: "Study \(study.id): \(study.label)", fields: fields, footnotes: notes))
    }

    static let themes = CommandSpec(
        "themes", aliases: ["subthemes"], group: "query",
        summary: "list the sub-themes with their coding and quote counts",
        usage: ["themes [where FILTER]"],
        details: "FILTER takes the quote fields direction, component, source, domain and subtheme, evaluated on each sub-theme.",
        examples: ["themes", "themes where direction = barrier", "themes where domain = \"social/professional role/identity\"", "themes where subtheme contains training"],
        argument: .quoteQuery
    ) { invocation, shell throws(Diagnostic) in
        let plan = try invocation.query(for: .quote)
        let workspace = shell.session.workspace
        // Evaluate the filter on a workspace whose "quotes" are the sub-themes, so the one query engine serves both.
        var themeSpace = Workspace()
        var counts: [Int: Int] = [:]
        for row in 0..<workspace.quotes.count where workspace.quotes.subThemes[row] >= 0 { counts[Int(workspace.quotes.subThemes[row]), default: 0] += 1 }
        let changes: [WorkspaceChange] = workspace.subThemes.map { .addSubTheme($0, at: nil) } + workspace.subThemes.enumerated().map {
            .addQuote(Quote(id: $0.offset + 1, text: $0.element.label, direction: $0.element.direction, component: $0.element.component,
                            domain: $0.element.domain, subTheme: $0.element.id))
        }
        _ = try? themeSpace.apply(.batch(changes))
        let rows = try engine(invocation) { () throws(ReviewError) in try QueryEngine(QueryContext(workspace: themeSpace)).quoteRows(matching: plan.filter) }
        let selected = rows.rows.map { workspace.subThemes[$0] }
        if plan.countOnly { return .figure(ResultFigure("sub_themes", "sub-themes", value: .integer(selected.count), detail: "of \(workspace.subThemes.count)")) }
        let table = ResultTable(
            columns: [.init("code"), .init("direction"), .init("component", "COM-B", wraps: true), .init("domain", "TDF domain", wraps: true),
                      .init("subtheme", "sub-theme", wraps: true), .init("quotes", type: .integer)],
            rows: selected.prefix(plan.limit ?? .max).map { theme in
                [.text(theme.code), .text(theme.direction.name), .text(theme.component.name), .text(theme.domain.name),
                 .text("\(theme.number). \(theme.label)"), .integer(counts[theme.id] ?? 0)]
            })
        return .table(table)
    }
}

/// The quotes table: id, direction, COM-B, domain, sub-theme, citation and the wrapped quote text.
func quoteTable(_ rows: [Int], workspace: Workspace, total: Int) -> ResultTable {
    let q = workspace.quotes
    let table = ResultTable(
        columns: [.init("id"), .init("direction", "B/F"), .init("component", "COM-B"), .init("domain", "TDF domain", wraps: true),
                  .init("subtheme", "sub-theme"), .init("citation", wraps: true), .init("text", "quote", wraps: true)],
        rows: rows.map { row in
            let theme = q.subThemes[row] >= 0 ? workspace.subTheme(Int(q.subThemes[row])) : nil
            let quote = workspace.quote(atRow: row)
            let citation = [quote.studyID, quote.citation.isEmpty ? nil : quote.citation].compactMap { $0 }.joined(separator: " ")
            return [.text(quote.label), quote.direction.map { .text($0 == .barrier ? "B" : "F") } ?? .missing,
                    quote.component.map { .text($0.abbreviation) } ?? .missing, quote.domain.map { .text($0.name) } ?? .missing,
                    theme.map { .text($0.code) } ?? .missing, citation.isEmpty ? .missing : .text(citation), .text(quote.text)]
        },
        footnotes: total > rows.count ? ["(\(rows.count) of \(total) shown)"] : [])
    return table
}

/// The counts per group as a table: one column per grouped field, then the count.
func groupTable(_ groups: QueryGroups, subject: String) -> CommandResult {
    let columns = groups.fields.map { ResultTable.Column($0.key, $0.name, type: $0.field.type.resultType, wraps: true, alignRight: false) }
        + [.init("count", subject, type: .integer)]
    let rows = groups.groups.map { group in group.values.map(ResultValue.init) + [.integer(group.count)] }
    return .table(ResultTable(columns: columns, rows: rows,
                              footnotes: ["total: \(groups.total) \(subject)" + (groups.orderedBySize ? "; sorted by count" : "")]))
}

extension ResultValue {
    /// A band name as a cell: "none" (a total in no band) is not a band, so it is shown as a word, not a value.
    static func band(_ name: String) -> ResultValue { name == "none" ? .absent("none") : .text(name) }
}

extension FieldType {
    /// The type of a result column holding this field's values.
    var resultType: ResultValueType {
        switch self {
        case .integer, .quoteID: .integer
        case .number, .answer: .number
        default: .text
        }
    }
}

extension Invocation {
    /// Reads a quote id argument ("Q12" or "12") that exists in the workspace.
    func quoteID(in workspace: Workspace, word index: Int = 0) throws(Diagnostic) -> Int {
        let words = try self.words()
        guard index < words.count else { throw missing("which quote? e.g. 'quote Q12' ('quotes' lists them)") }
        let word = words[index]
        let digits = word.text.first.map { "Qq".contains($0) } == true ? String(word.text.dropFirst()) : word.text
        guard let id = Int(digits) else { throw error("quote ids look like Q12; got '\(word.text)'", at: word.span) }
        guard workspace.quote(id) != nil else {
            throw error("no quote Q\(id)", at: word.span, notes: ["quote ids run from Q\(workspace.quotes.ids.first ?? 0) to Q\(workspace.quotes.ids.last ?? 0); 'quotes' lists them"])
        }
        return id
    }
}
