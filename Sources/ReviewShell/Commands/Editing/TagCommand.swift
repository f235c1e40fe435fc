import ReviewKit

/// `tag`: give a quote a free code (tag) beyond the framework, undoably.
struct TagCommand: Command {
    let name = "tag"
    let group = CommandGroup.editing
    let summary = "give a quote a free code (tag) beyond COM-B and the TDF, such as \"peer training\""
    let usage = ["tag QUOTE TAG"]
    let details = """
    A tag is a free code, what NVivo calls a node outside the framework: any short name (spaces inside are kept, so quote it), \
    at most 200 characters, no tabs or line breaks. A quote holds each tag once; \"Peer training\" and \"peer training\" are the same tag. \
    Tags travel in snapshots and in the CSV, JSON, SQLite and REFI-QDA exports. 'untag' removes one, 'tags' counts them, \
    'quotes where tag = \"peer training\"' finds the quotes; 'undo' takes a tag back.
    """
    let examples = ["tag Q12 \"peer training\"", "tag Q13 \"peer training\""]
    let signature = ArgumentSignature(positionals: [.required("quote", .quoteID, missing: "which quote? e.g. 'tag Q12 \"peer training\"'"),
                                                    .required("tag", .field("tag"), missing: "which tag? e.g. 'tag Q12 \"peer training\"'")],
                                      extra: { "unexpected '\($0)'; put a tag of several words in quotes" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var quote = context.workspace.quote(try arguments.quoteID(arguments.positionals[0], in: context.workspace))!
        let word = arguments.positionals[1]
        let tag = QuoteTags.normalized(word.text)
        do throws(ReviewError) { try QuoteTags.check(tag) } catch { throw arguments.error(error.message, at: word.span) }
        guard let tags = QuoteTags.adding(tag, to: quote.tags) else {
            return .message("\(quote.label) already has tag '\(quote.tags.first { QuoteTags.key($0) == QuoteTags.key(tag) } ?? tag)'; nothing changed")
        }
        quote.tags = tags
        try RecordOptions.commit(.updateQuote(quote), arguments, context)
        return .message("tagged \(quote.label) '\(tag)' (\(quote.tags.count) tag\(quote.tags.count == 1 ? "" : "s"))")
    }
}
