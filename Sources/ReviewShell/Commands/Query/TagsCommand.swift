import ReviewKit

/// `tags`: the free codes (tags) in use and how many quotes carry each.
struct TagsCommand: Command {
    let name = "tags"
    let group = CommandGroup.query
    let summary = "list the free codes (tags) with how many quotes carry each"
    let usage = ["tags"]
    let details = "Most used first. Tags that differ only in case or accents are one tag, shown as first spelled. 'quotes where tag = TAG' lists a tag's quotes."
    let examples = ["tags"]

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let counts = QuoteTagCounts(context.workspace.quotes)
        let rows: [[ResultValue]] = counts.entries.map { entry in
            let shown = entry.firstQuotes.map { "Q\($0)" }.joined(separator: ", ") + (entry.quotes > entry.firstQuotes.count ? ", …" : "")
            return [.text(entry.tag), .integer(entry.quotes), .labelled(.list(entry.firstQuotes.map(ResultValue.integer)), display: shown)]
        }
        let total = context.workspace.quotes.count
        var notes = ["\(counts.taggedQuotes) of \(total) quote\(total == 1 ? "" : "s") tagged"]
        if counts.entries.isEmpty { notes = ["no quote has a tag yet: 'tag Q12 \"peer training\"' adds one"] }
        return .table(ResultTable(title: "Free codes (tags)",
                                  columns: [.init("tag"), .init("quotes", type: .integer), .init("examples", "first quotes", type: .list)],
                                  rows: rows, footnotes: notes))
    }
}
