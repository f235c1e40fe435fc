import ReviewKit

/// `untag`: take a free code (tag) off a quote, undoably.
struct UntagCommand: Command {
    let name = "untag"
    let group = CommandGroup.editing
    let summary = "take a free code (tag) off a quote"
    let usage = ["untag QUOTE TAG"]
    let details = "The tag is matched ignoring case and accents. 'undo' puts it back."
    let examples = ["tag Q12 \"peer training\"", "untag Q12 \"peer training\""]
    let signature = ArgumentSignature(positionals: [.required("quote", .quoteID, missing: "which quote? e.g. 'untag Q12 \"peer training\"'"),
                                                    .required("tag", .field("tag"), missing: "which tag? e.g. 'untag Q12 \"peer training\"'")],
                                      extra: { "unexpected '\($0)'; put a tag of several words in quotes" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var quote = context.workspace.quote(try arguments.quoteID(arguments.positionals[0], in: context.workspace))!
        let word = arguments.positionals[1]
        guard let tags = QuoteTags.removing(QuoteTags.normalized(word.text), from: quote.tags) else {
            throw arguments.error("\(quote.label) has no tag '\(word.text)'", at: word.span,
                                  notes: quote.tags.isEmpty ? ["\(quote.label) has no tags"] : ["its tags: " + quote.tags.map { "'\($0)'" }.joined(separator: ", ")])
        }
        quote.tags = tags
        try RecordOptions.commit(.updateQuote(quote), arguments, context)
        return .message("untagged \(quote.label) '\(word.text)'")
    }
}
