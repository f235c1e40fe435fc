import ReviewKit

/// `quote`: one coded quote in full.
struct QuoteCommand: Command {
    let name = "quote"
    let group = CommandGroup.query
    let summary = "show one coded quote in full"
    let usage = ["quote ID"]
    let examples = ["quote Q12", "quote 12"]
    let signature = ArgumentSignature(positionals: [.required("quote", .quoteID, missing: "which quote? e.g. 'quote Q12' ('quotes' lists them)")])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let quote = workspace.quote(try arguments.quoteID(arguments.positionals[0], in: workspace))!
        let theme = quote.subTheme.flatMap { workspace.subTheme($0) }
        var fields: [ResultRecord.Field] = [
            .init("id", ResultValue.quoteID(quote.id)),
            .init("direction", quote.direction.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing),
            .init("component", "COM-B", quote.component.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing),
            .init("domain", "TDF domain", quote.domain.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing),
            .init("subtheme", "sub-theme", theme.map { .labelled(.integer($0.id), display: "\($0.code) \($0.number). \($0.label)") } ?? .missing),
            ResultRecord.Field("subtheme_code", theme.map { .text($0.code) } ?? .missing).onlyForMachines(),
            .init("study", quote.studyID.map { id in .labelled(.text(id), display: workspace.study(id).map { "\($0.id) \($0.label)" } ?? id) } ?? .missing),
            ResultRecord.Field("citation", quote.citation.isEmpty ? .missing : .text(quote.citation)).onlyForTables(),
            ResultRecord.Field("reference", quote.reference.map(ResultValue.integer) ?? .missing).onlyForMachines(),
            ResultRecord.Field("page", quote.page.map(ResultValue.text) ?? .missing).onlyForMachines(),
            .init("text", .text(quote.text)),
        ]
        // Free codes, once the quote has any ('tag'), so untagged quotes show as before.
        if !quote.tags.isEmpty { fields.append(.init("tags", .list(quote.tags.map(ResultValue.text)))) }
        return .record(ResultRecord(title: "Quote \(quote.label)", fields: fields + ReviewerFields.codings(of: quote.id, in: workspace)))
    }
}
