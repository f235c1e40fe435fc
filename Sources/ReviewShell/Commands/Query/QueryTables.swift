import ReviewKit

/// The tables query results are shown in, shared by the query commands.
enum QueryTables {
    /// A query's result: the count as a figure, groups as a table of counts, a listing as `listing` makes it.
    static func show(_ result: QueryResult, subject: String, listing: (QueryRows) -> ResultTable) -> CommandResult {
        switch result {
        case .count(let matched, let total): .figure(ResultFigure(subject, value: .integer(matched), detail: "of \(total)"))
        case .groups(let groups): .table(QueryTables.groups(groups, subject: subject))
        case .rows(let rows): .table(listing(rows))
        }
    }

    /// The quotes table: id, direction, COM-B, domain, sub-theme, citation and the wrapped quote text.
    ///
    /// Machine output (docs/formats.md, "Machine output") carries the quote id as a number, slugs for the codes,
    /// the sub-theme's id and code, and the citation split into `study`, `reference` and `page`.
    static func quotes(_ rows: [Int], workspace: Workspace, total: Int) -> ResultTable {
        let q = workspace.quotes
        return ResultTable(
            columns: [.init("id", type: .integer, alignRight: false), .init("direction", "B/F"), .init("component", "COM-B"),
                      .init("domain", "TDF domain", wraps: true), .init("subtheme", "sub-theme", type: .integer, alignRight: false),
                      ResultColumn("subtheme_code").onlyForMachines(),
                      ResultColumn("citation", wraps: true).onlyForTables(), ResultColumn("study").onlyForMachines(),
                      ResultColumn("reference", type: .integer).onlyForMachines(), ResultColumn("page").onlyForMachines(),
                      .init("text", "quote", wraps: true)],
            rows: rows.map { row in
                let theme = q.subThemes[row] >= 0 ? workspace.subTheme(Int(q.subThemes[row])) : nil
                let quote = workspace.quote(atRow: row)
                let citation = [quote.studyID, quote.citation.isEmpty ? nil : quote.citation].compactMap { $0 }.joined(separator: " ")
                return [.quoteID(quote.id), quote.direction.map { .labelled(.text($0.slug), display: $0 == .barrier ? "B" : "F") } ?? .missing,
                        quote.component.map { .labelled(.text($0.slug), display: $0.abbreviation) } ?? .missing,
                        quote.domain.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing,
                        theme.map { .labelled(.integer($0.id), display: $0.code) } ?? .missing, theme.map { .text($0.code) } ?? .missing,
                        citation.isEmpty ? .missing : .text(citation), quote.studyID.map(ResultValue.text) ?? .missing,
                        quote.reference.map(ResultValue.integer) ?? .missing, quote.page.map(ResultValue.text) ?? .missing, .text(quote.text)]
            },
            footnotes: total > rows.count ? ["(\(rows.count) of \(total) shown)"] : [])
    }

    /// The counts per group: one column per grouped field, then the count.
    static func groups(_ groups: QueryGroups, subject: String) -> ResultTable {
        let columns = groups.fields.map { ResultTable.Column($0.key, $0.name, type: $0.field.type.resultType, wraps: true, alignRight: false) }
            + [.init("count", subject, type: .integer)]
        let rows: [[ResultValue]] = groups.groups.map { group in
            zip(groups.fields, group.values).map { field, value -> ResultValue in
                // Framework codes group under their display names; machine output carries the slug.
                guard field.field.type == .code, !value.isMissing, let slug = codeSlug(value.display) else { return ResultValue(value) }
                return .labelled(.text(slug), display: value.display)
            } + [.integer(group.count)]
        }
        return ResultTable(columns: columns, rows: rows,
                           footnotes: ["total: \(groups.total) \(subject)" + (groups.orderedBySize ? "; sorted by count" : "")])
    }
}

/// The slug of a framework code's display name (a direction, COM-B component or source, TDF domain), if it is one.
func codeSlug(_ name: String) -> String? {
    Direction.allCases.first { $0.name == name }?.slug ?? COMBComponent.allCases.first { $0.name == name }?.slug
        ?? TDFDomain.allCases.first { $0.name == name }?.slug ?? COMBComponent.Source.allCases.first { $0.name == name }?.rawValue
}

extension ParsedArguments {
    /// The rest of the line run as a query plan in the context's workspace and settings.
    func runQuery(for subject: Field.Subject, in context: CommandContext) throws(Diagnostic) -> QueryResult {
        let plan = try query(for: subject)
        return try invocation.engine { () throws(ReviewError) in try QueryEngine(context.queryContext).execute(plan) }
    }
}

extension ResultValue {
    /// A band name as a cell: "none" (a total in no band) is not a band, so it is shown as a word, not a value.
    /// "incomplete" (a question unanswered) is no band either.
    static func band(_ name: String) -> ResultValue { name == "none" || name == "incomplete" ? .absent(name) : .text(name) }

    /// A quote id: the number in machine output, "Q12" in tables.
    static func quoteID(_ id: Int) -> ResultValue { .labelled(.integer(id), display: "Q\(id)") }
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
