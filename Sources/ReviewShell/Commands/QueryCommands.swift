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
            return .figure(ResultFigure(name: "quotes", value: .integer(matched), detail: "of \(total)"))
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
        var fields: [(String, ResultValue)] = [("id", .text(quote.label))]
        fields.append(("direction", quote.direction.map { .text($0.name) } ?? .missing))
        fields.append(("COM-B", quote.component.map { .text($0.name) } ?? .missing))
        fields.append(("TDF domain", quote.domain.map { .text($0.name) } ?? .missing))
        if let id = quote.subTheme, let theme = workspace.subTheme(id) {
            fields.append(("sub-theme", .text("\(theme.code) \(theme.number). \(theme.label)")))
        } else {
            fields.append(("sub-theme", .missing))
        }
        fields.append(("study", quote.studyID.flatMap { workspace.study($0) }.map { .text("\($0.id) \($0.label)") } ?? .missing))
        fields.append(("citation", quote.citation.isEmpty ? .missing : .text(quote.citation)))
        fields.append(("text", .text(quote.text)))
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
            return .figure(ResultFigure(name: "studies", value: .integer(matched), detail: "of \(all)"))
        case .groups(let groups):
            return groupTable(groups, subject: "studies")
        case .rows(let rows):
            (indices, total) = (rows.rows, rows.total)
        }
        let workspace = context.workspace
        var columns: [ResultTable.Column] = [.init("id"), .init("label", wraps: true)]
        let optional: [(String, (Study) -> String?)] = [
            ("ref", { $0.reference.map(String.init) }), ("year", { $0.year.map(String.init) }), ("country", { $0.country }),
            ("design", { $0.design }), ("collection", { $0.dataCollection }), ("analysis", { $0.analysis }), ("n", { $0.participants.map(String.init) }),
        ]
        let shown = optional.filter { column in indices.contains { column.1(workspace.studies[$0]) != nil } }
        columns += shown.map { ResultTable.Column($0.0, alignRight: ["ref", "year", "n"].contains($0.0), wraps: true) }
        columns += [.init("casp", alignRight: true), .init("band"), .init("quotes", alignRight: true)]
        let rows: [[ResultValue]] = indices.map { index in
            let study = workspace.studies[index]
            var row: [ResultValue] = [.text(study.id), .text(study.label)]
            row += shown.map { $0.1(study).map(ResultValue.text) ?? .missing }
            row.append(context.studyTotals[index].map { .number(Double($0) / 2, decimals: 1) } ?? .missing)
            row.append(context.bandName(ofStudy: index).map(ResultValue.text) ?? .missing)
            row.append(.integer(context.studyQuoteCounts[index]))
            return row
        }
        var notes: [String] = []
        if total > indices.count { notes.append("(\(indices.count) of \(total) shown)") }
        if rows.contains(where: { $0[$0.count - 2] == .text("none") }) {
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
        var fields: [(String, ResultValue)] = [("id", .text(study.id)), ("label", .text(study.label))]
        fields.append(("reference", study.reference.map { .integer($0) } ?? .missing))
        fields.append(("year", study.year.map { .integer($0) } ?? .missing))
        fields.append(("country", study.country.map(ResultValue.text) ?? .missing))
        fields.append(("design", study.design.map(ResultValue.text) ?? .missing))
        fields.append(("data collection", study.dataCollection.map(ResultValue.text) ?? .missing))
        fields.append(("analysis", study.analysis.map(ResultValue.text) ?? .missing))
        fields.append(("participants", study.participants.map { .integer($0) } ?? .missing))
        let appraisals = workspace.appraisals.filter { $0.studyID == study.id }
        for appraisal in appraisals {
            let who = appraisal.reviewer.isEmpty ? "" : " (\(appraisal.reviewer))"
            for question in CASPQuestion.all {
                fields.append(("Q\(question.id) \(question.shortLabel)\(who)", appraisal.answers[question.id - 1].map { .text($0.name) } ?? .missing))
            }
            fields.append(("CASP total\(who)", .number(appraisal.total, decimals: 1)))
        }
        fields.append(("band", context.bandName(ofStudy: index).map(ResultValue.text) ?? .missing))
        fields.append(("coded quotes", .integer(context.studyQuoteCounts[index])))
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
        if plan.countOnly { return .figure(ResultFigure(name: "sub-themes", value: .integer(selected.count), detail: "of \(workspace.subThemes.count)")) }
        let table = ResultTable(
            columns: [.init("code"), .init("direction"), .init("COM-B", wraps: true), .init("TDF domain", wraps: true), .init("sub-theme", wraps: true), .init("quotes", alignRight: true)],
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
        columns: [.init("id"), .init("B/F"), .init("COM-B"), .init("TDF domain", wraps: true), .init("sub-theme"), .init("citation", wraps: true), .init("quote", wraps: true)],
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
    let columns = groups.fields.map { ResultTable.Column($0.name, wraps: true) } + [.init(subject, alignRight: true)]
    let rows = groups.groups.map { group in group.values.map(ResultValue.init) + [.integer(group.count)] }
    return .table(ResultTable(columns: columns, rows: rows,
                              footnotes: ["total: \(groups.total) \(subject)" + (groups.orderedBySize ? "; sorted by count" : "")]))
}

extension ResultValue {
    /// A field's value as a result cell: whole numbers as integers, other numbers to one decimal.
    init(_ value: FieldValue) {
        switch value {
        case .missing: self = .missing
        case .number(let number): self = number == number.rounded() && abs(number) < 1e15 ? .integer(Int(number)) : .number(number, decimals: 1)
        case .ordered(let text, _), .text(let text): self = .text(text)
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
