import ReviewKit

/// `code`: give a quote its TDF domain, COM-B component, direction and sub-theme.
struct CodeCommand: Command {
    let name = "code"
    let group = CommandGroup.editing
    let summary = "code a quote: TDF domain, COM-B component, direction and sub-theme"
    let usage = ["code QUOTE domain=DOMAIN direction=barrier|facilitator [component=COMPONENT] [subtheme=CODE]", "code QUOTE subtheme=CODE"]
    let details = """
    The component follows from the domain under the mapping in use when it is the only one (Skills, and under the standard mapping \
    role/identity and optimism, need component=). A sub-theme fixes all three codes. Names take aliases and unambiguous prefixes.
    """
    let examples = ["code Q47 domain=knowledge direction=barrier", "code Q47 subtheme=B/Know/1", "code Q47 domain=skills component=psychological direction=facilitator"]
    let signature = ArgumentSignature(positionals: [.required("quote", .quoteID, missing: "which quote? e.g. 'quote Q12' ('quotes' lists them)")],
                                      options: RecordOptions.coding)

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let id = try arguments.quoteID(arguments.positionals[0], in: workspace)
        guard !arguments.options.isEmpty else { throw arguments.missing("give the coding, e.g. 'code Q\(id) domain=knowledge direction=barrier'") }
        var quote = workspace.quote(id)!
        let reviewer = context.settings.reviewer
        if let reviewer {
            // The reviewer's own coding is what they change; the others' (and the resolved one) stay.
            let own = workspace.reviewerCoding(of: id, by: reviewer)
            (quote.direction, quote.component, quote.domain, quote.subTheme) = (own?.direction, own?.component, own?.domain, own?.subTheme)
        }
        try RecordOptions.apply(arguments, to: &quote, coding: true, in: context)
        guard quote.domain != nil, quote.direction != nil, quote.component != nil else {
            throw arguments.missing("a coding needs domain= and direction= (or subtheme=)")
        }
        var message = "coded \(quote.label): \(RecordOptions.describe(quote))"
        if let reviewer {
            try RecordOptions.commit(.setReviewerCoding(ReviewerCoding(quote, reviewer: reviewer)), arguments, context)
            message = "coded \(quote.label) as \(reviewer): \(RecordOptions.describe(quote))"
            if !context.settings.blind, let resolution = context.workspace.resolvedCoding(of: id), !resolution.unresolved.isEmpty {
                message += "\nnote: reviewers differ on \(resolution.unresolved.map(\.label).joined(separator: ", ")); \(quote.label) is unresolved until 'consensus \(quote.label) …'"
            }
        } else {
            try RecordOptions.commit(.updateQuote(quote), arguments, context)
        }
        let mapping = context.settings.mapping
        if let c = quote.component, let d = quote.domain, !mapping.allows(c, d) {
            message += "\nnote: \(d.name) is not under \(c.name) in the \(mapping.rawValue) mapping"
        }
        return .message(message)
    }
}
