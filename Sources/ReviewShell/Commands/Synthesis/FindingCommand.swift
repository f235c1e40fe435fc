import ReviewKit

/// `finding`: the review's findings; by default every sub-theme is one, and a reviewer writes findings over
/// several sub-themes.
struct FindingCommand: Command {
    let name = "finding"
    let aliases = ["findings"]
    let group = CommandGroup.synthesis
    let summary = "the review's findings: list them, or write one over several sub-themes"
    let usage = ["finding list", "finding add \"STATEMENT\" themes=CODE,CODE…", "finding edit FINDING [\"STATEMENT\"] [statement=…] [themes=CODE,…]",
                 "finding remove FINDING"]
    let details = """
    A finding is a short statement and the sub-themes (and through them the quotes) that support it. By default \
    every sub-theme stands as its own finding (T7: sub-theme 7). 'finding add' writes one (F1, F2…) over several \
    sub-themes, which then stop standing on their own. Contributing studies are derived from the quotes; a quote \
    linked only to a reference number shows as 'ref N'. FINDING is an id (F1, T7) or a sub-theme's code. \
    Every change is undoable and saved in snapshots; removing a finding removes its CERQual assessment too \
    ('undo' restores both). See docs/cerqual.md.
    """
    let examples = ["finding list", "finding add \"Staff lack knowledge of the peer role\" themes=B/Know/1,B/Know/2",
                    "finding edit F1 themes=B/Know/1,B/Know/2,F/Know/1", "finding edit F1 statement=\"…\"", "finding remove F1"]

    static let missingFinding = "which finding? e.g. 'finding remove F1' ('finding list' shows them)"
    static let themes = ArgumentSignature.Option("themes", aliases: ["theme", "subthemes", "subtheme"], .subTheme)

    let signature = ArgumentSignature.subcommands([
        .init("list", aliases: ["ls"]),
        .init("add", aliases: ["new"], ArgumentSignature(
            positionals: [.required("statement", .text, missing: "finding add needs a statement in quotes, e.g. finding add \"…\" themes=B/Know/1,B/Know/2")],
            options: [Self.themes])),
        .init("edit", ArgumentSignature(positionals: [.required("finding", .writtenFinding, missing: missingFinding), .optional("statement", .text)],
                                        options: [.init("statement"), Self.themes])),
        .init("remove", aliases: ["rm", "delete"], ArgumentSignature(positionals: [.required("finding", .writtenFinding, missing: missingFinding)])),
    ], missing: nil, unknown: { "unknown finding sub-command '\($0)'" }, notes: ["expected list, add, edit or remove"],
       otherwise: ArgumentSignature(extra: { "'\($0)' is not a finding sub-command; expected list, add, edit or remove ('cerqual \($0)' shows a finding's assessment)" }))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let synthesis = workspace.synthesis
        switch arguments.subcommand?.name {
        case "add":
            guard let option = arguments.option("themes") else {
                throw arguments.missing("finding add needs the sub-themes that support it: themes=CODE,CODE…", notes: ["e.g. themes=B/Know/1,B/Know/2"])
            }
            try checkLength(arguments.positionals[0].text, at: arguments.positionals[0].span, arguments)
            let ids = try arguments.subThemeIDs(option, in: workspace)
            let change = synthesis.addFinding(arguments.positionals[0].text, subThemes: ids)
            try arguments.commit(change, in: context)
            return .message("added " + describe(synthesis.nextFindingID, in: context.workspace))
        case "edit":
            var finding = try arguments.writtenFinding(arguments.positionals[0], in: workspace)
            let statement = arguments.option("statement")?.value ?? arguments.positional(1)?.text
            if arguments.option("statement") != nil, let typed = arguments.positional(1) {
                throw arguments.error("give the statement once: in quotes or as statement=…", at: typed.span)
            }
            guard statement != nil || arguments.option("themes") != nil else {
                throw arguments.missing("what should change? give a new statement in quotes, statement=… or themes=…")
            }
            if let statement {
                try checkLength(statement, at: (arguments.option("statement")?.valueSpan ?? arguments.positional(1)?.span)!, arguments)
                finding.statement = statement
            }
            if let option = arguments.option("themes") { finding.subThemeIDs = try arguments.subThemeIDs(option, in: workspace) }
            try arguments.commit(.updateFinding(finding), in: context)
            return .message("edited " + describe(finding.id, in: context.workspace))
        case "remove":
            let finding = try arguments.writtenFinding(arguments.positionals[0], in: workspace)
            let assessed = synthesis.assessment(of: finding.id) != nil
            try arguments.commit(.removeFinding(id: finding.id), in: context)
            return .message("removed \(finding.id)" + (assessed ? " and its cerqual assessment" : "") + " ('undo' restores it)")
        default:
            let tables = CERQualTables(workspace: workspace, synthesis: synthesis, bands: context.settings.bands)
            return .table(ResultTable(tables.findingList()))
        }
    }

    /// "F1 (2 sub-themes, 2 sources)".
    private func describe(_ id: FindingID, in workspace: Workspace) -> String {
        guard let finding = workspace.synthesis.finding(id, in: workspace) else { return id.description }
        let data = FindingData(finding, in: workspace)
        let themes = finding.subThemeIDs.count, sources = data.sources.count
        return "\(id) (\(themes) sub-theme\(themes == 1 ? "" : "s"), \(sources) source\(sources == 1 ? "" : "s"))"
    }

    /// An over-long statement is refused with a caret under it (the engine's refusal has no place on the line; found by fuzzing).
    private func checkLength(_ statement: String, at span: Range<Int>, _ arguments: ParsedArguments) throws(Diagnostic) {
        guard statement.count > Finding.maximumStatementLength else { return }
        throw arguments.error("the statement has \(statement.count) characters; a finding is a summary of at most \(Finding.maximumStatementLength)", at: span)
    }
}
