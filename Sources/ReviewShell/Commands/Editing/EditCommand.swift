import ReviewKit

/// `edit`: change fields of a study, a quote or a sub-theme.
struct EditCommand: Command {
    let name = "edit"
    let group = CommandGroup.editing
    let summary = "change fields of a study, a quote or a sub-theme"
    let usage = ["edit study ID FIELD=VALUE…", "edit quote ID FIELD=VALUE…", "edit theme CODE FIELD=VALUE…"]
    let details = "Study fields: label ref year country design collection analysis participants, and its reference: authors title journal volume issue pages doi url abstract keywords (authors and keywords separated by ';'; a DOI is checked). Quote fields: text study ref page (coding: 'code'). Sub-theme fields: label number, and direction domain component to move it (its quotes and the reviewers' codings that name it move with it; 'undo' moves them back). 'unknown' clears a field."
    let examples = ["edit study S06 year=2017 country=Czechia", "edit study S06 doi=10.1176/appi.ps.201600128 journal=\"Psychiatric Services\" authors=\"Janoušková, M.; Pekara, J.\"", "edit quote Q47 page=\"p. 12\"", "edit theme B/ECR/2 label=\"Lack of training\""]

    static let missing = "edit what? e.g. 'edit study S06 year=2017'"

    let signature = ArgumentSignature.subcommands([
        .init("study", ArgumentSignature(positionals: [.required("study", .studyID, missing: missing)], options: RecordOptions.study + [.init("label")])),
        .init("quote", ArgumentSignature(positionals: [.required("quote", .quoteID, missing: missing)], options: RecordOptions.quote + [.init("text")])),
        .init("theme", aliases: ["subtheme"], ArgumentSignature(positionals: [.required("sub-theme", .subTheme, missing: missing)],
                                                                options: [.init("label"), .init("number", .number)] + RecordOptions.coding.dropLast())),
    ], missing: missing, unknown: { "cannot edit '\($0)'" }, notes: ["expected study, quote or theme"])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard !arguments.options.isEmpty else { throw arguments.missing("say what to change as FIELD=VALUE") }
        let workspace = context.workspace
        let target = arguments.positionals[0]
        switch arguments.subcommand?.name {
        case "study":
            var study = workspace.studies[try arguments.studyIndex(target, in: workspace)]
            if let label = arguments.option("label") { study.label = label.value }
            try RecordOptions.apply(arguments, to: &study)
            try RecordOptions.commit(.updateStudy(study), arguments, context)
            return .message("updated study \(study.id)")
        case "quote":
            var quote = workspace.quote(try arguments.quoteID(target, in: workspace))!
            if let text = arguments.option("text") { quote.text = text.value }
            try RecordOptions.apply(arguments, to: &quote, coding: false, in: context)
            try RecordOptions.commit(.updateQuote(quote), arguments, context)
            return .message("updated \(quote.label)")
        default:
            var theme = try arguments.subTheme(target.text, at: target.span, in: workspace)
            if let label = arguments.option("label") { theme.label = label.value }
            if let number = try RecordOptions.positiveNumber("number", arguments) { theme.number = number }
            try move(&theme, arguments, context)
            try RecordOptions.commit(.updateSubTheme(theme), arguments, context)
            return .message("updated sub-theme \(theme.code)")
        }
    }

    /// Moves a sub-theme to the direction, domain and component given (a domain alone takes the component the
    /// mapping in use allows).
    private func move(_ theme: inout SubTheme, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) {
        if let option = arguments.option("direction") {
            theme.direction = try arguments.resolve(option.value, at: option.valueSpan, Framework.directions, what: "direction")
        }
        if let option = arguments.option("domain") {
            theme.domain = try arguments.resolve(option.value, at: option.valueSpan, Framework.domains, what: "TDF domain")
            theme.component = try RecordOptions.component(for: theme.domain, given: arguments.option("component"), arguments, context)
        } else if let option = arguments.option("component") {
            theme.component = try arguments.resolve(option.value, at: option.valueSpan, Framework.components, what: "COM-B component")
        }
    }
}
