import ReviewKit

/// `uncode`: take a quote's coding away.
struct UncodeCommand: Command {
    let name = "uncode"
    let group = CommandGroup.editing
    let summary = "remove a quote's coding (domain, component, direction, sub-theme)"
    let usage = ["uncode QUOTE"]
    let examples = ["uncode Q47"]
    let signature = ArgumentSignature(positionals: [.required("quote", .quoteID, missing: "which quote? e.g. 'quote Q12' ('quotes' lists them)")])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var quote = context.workspace.quote(try arguments.quoteID(arguments.positionals[0], in: context.workspace))!
        quote.direction = nil; quote.component = nil; quote.domain = nil; quote.subTheme = nil
        try RecordOptions.commit(.updateQuote(quote), arguments, context)
        return .message("uncoded \(quote.label)")
    }
}
