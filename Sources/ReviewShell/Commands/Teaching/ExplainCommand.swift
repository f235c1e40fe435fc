import ReviewKit

/// `explain`: a COM-B component, a TDF domain, CASP or kappa, with what the review found there.
struct ExplainCommand: Command {
    let name = "explain"
    let group = CommandGroup.teaching
    let summary = "explain a COM-B component, a TDF domain, CASP, kappa or GRADE-CERQual, with what the review found there"
    let usage = ["explain", "explain TERM", "explain casp Q6", "explain kappa"]
    let details = """
    TERM is a COM-B component or source (capability, reflective motivation…), a TDF domain (any alias: Emotions, MADP, SPRI…), \
    com-b, tdf, mapping, casp, casp QN, kappa, fleiss, cohen or cerqual. 'explain' alone gives the COM-B → TDF map with the review's counts. \
    Definitions are quoted with their source; the rest is the project's own explanation (docs/primer.md).
    """
    let examples = ["explain", "explain knowledge", "explain \"social/professional role/identity\"", "explain reflective motivation", "explain casp q6", "explain kappa", "explain cerqual"]
    let signature = ArgumentSignature.rest(.term)

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let explainer = Explainer(workspace: context.workspace, mapping: context.settings.mapping, bands: context.settings.bands)
        let term = QuotedText.unquoted(arguments.rest?.text ?? "")
        let explanation = try arguments.invocation.engine { () throws(ReviewError) in
            do throws(ReviewError) { return try explainer.explain(term) } catch { throw error.spanning(arguments.invocation) }
        }
        return context.render(explanation)
    }
}

extension ReviewError {
    /// The error with its caret under all of a command's arguments (for errors about the text as a whole).
    func spanning(_ invocation: Invocation) -> ReviewError {
        var error = self
        error.span = invocation.argumentOffset..<max(invocation.argumentOffset + 1, invocation.text.count)
        return error
    }
}
