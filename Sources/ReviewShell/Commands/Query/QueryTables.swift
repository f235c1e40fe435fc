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
    static func quotes(_ rows: [Int], workspace: Workspace, total: Int) -> ResultTable {
        let q = workspace.quotes
        return ResultTable(
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
    }

    /// The counts per group: one column per grouped field, then the count.
    static func groups(_ groups: QueryGroups, subject: String) -> ResultTable {
        let columns = groups.fields.map { ResultTable.Column($0.key, $0.name, type: $0.field.type.resultType, wraps: true, alignRight: false) }
            + [.init("count", subject, type: .integer)]
        let rows = groups.groups.map { group in group.values.map(ResultValue.init) + [.integer(group.count)] }
        return ResultTable(columns: columns, rows: rows,
                           footnotes: ["total: \(groups.total) \(subject)" + (groups.orderedBySize ? "; sorted by count" : "")])
    }
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
