import ReviewKit

/// `themes`: the sub-themes with their coding and quote counts.
struct ThemesCommand: Command {
    let name = "themes"
    let aliases = ["subthemes"]
    let group = CommandGroup.query
    let summary = "list the sub-themes with their coding and quote counts"
    let usage = ["themes [where FILTER]"]
    let details = "FILTER takes the quote fields direction, component, source, domain and subtheme, evaluated on each sub-theme."
    let examples = ["themes", "themes where direction = barrier", "themes where domain = \"social/professional role/identity\"", "themes where subtheme contains training"]
    let signature = ArgumentSignature.rest(.query(.quote))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let plan = try arguments.query(for: .quote)
        let workspace = context.workspace
        // Evaluate the filter on a workspace whose "quotes" are the sub-themes, so the one query engine serves both.
        var themeSpace = Workspace()
        var counts: [Int: Int] = [:]
        for row in 0..<workspace.quotes.count where workspace.quotes.subThemes[row] >= 0 { counts[Int(workspace.quotes.subThemes[row]), default: 0] += 1 }
        let changes: [WorkspaceChange] = workspace.subThemes.map { .addSubTheme($0, at: nil) } + workspace.subThemes.enumerated().map {
            .addQuote(Quote(id: $0.offset + 1, text: $0.element.label, direction: $0.element.direction, component: $0.element.component,
                            domain: $0.element.domain, subTheme: $0.element.id))
        }
        _ = try? themeSpace.apply(.batch(changes))
        let rows = try arguments.invocation.engine { () throws(ReviewError) in
            try QueryEngine(QueryContext(workspace: themeSpace)).quoteRows(matching: plan.filter)
        }
        let selected = rows.rows.map { workspace.subThemes[$0] }
        if plan.countOnly { return .figure(ResultFigure("sub_themes", "sub-themes", value: .integer(selected.count), detail: "of \(workspace.subThemes.count)")) }
        // Machine output: the codes as slugs, the sub-theme's id, number and label as separate fields.
        let table = ResultTable(
            columns: [.init("code"), ResultColumn("id", type: .integer).onlyForMachines(), .init("direction"),
                      .init("component", "COM-B", wraps: true), .init("domain", "TDF domain", wraps: true),
                      ResultColumn("number", type: .integer).onlyForMachines(), .init("label", "sub-theme", wraps: true),
                      .init("quotes", type: .integer)],
            rows: selected.prefix(plan.limit ?? .max).map { theme in
                [.text(theme.code), .integer(theme.id), .labelled(.text(theme.direction.slug), display: theme.direction.name),
                 .labelled(.text(theme.component.slug), display: theme.component.name), .labelled(.text(theme.domain.slug), display: theme.domain.name),
                 .integer(theme.number), .labelled(.text(theme.label), display: "\(theme.number). \(theme.label)"), .integer(counts[theme.id] ?? 0)]
            })
        return .table(table)
    }
}
