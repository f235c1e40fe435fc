import ReviewKit

/// `add`: a study, a coded (or uncoded) quote, or a sub-theme.
struct AddCommand: Command {
    let name = "add"
    let group = CommandGroup.editing
    let summary = "add a study, a quote or a sub-theme"
    let usage = [
        "add study LABEL [id=S34] [ref=N] [year=N] [country=…] [design=…] [collection=…] [analysis=…] [participants=N]",
        "add quote \"TEXT\" [study=ID] [ref=N] [page=\"p. 7\"] [domain=… direction=… component=… subtheme=…]",
        "add theme DIRECTION DOMAIN \"LABEL\" [component=…] [number=N]",
    ]
    let details = "Every field is checked against the framework: an unknown domain lists the valid ones. 'undo' takes the addition back."
    let examples = ["add study \"Janoušková et al.\" year=2017 country=Czechia", "add quote \"I felt like an outsider\" study=S32 ref=43 page=\"p. 318\"",
                    "add theme barrier knowledge \"Staff unaware of the peer role\""]

    static let themeMissing = "'add theme' needs DIRECTION DOMAIN \"LABEL\", e.g. add theme barrier knowledge \"Staff unaware of the role\""

    let signature = ArgumentSignature.subcommands([
        .init("study", ArgumentSignature(positionals: [.required("label", .text, missing: "'add study' needs the study's label, e.g. add study \"Smith et al.\"")],
                                         options: RecordOptions.study + [.init("id")])),
        .init("quote", ArgumentSignature(positionals: [.required("text", .text, missing: "'add quote' needs the quote's text in quotes")],
                                         options: RecordOptions.quote + RecordOptions.coding)),
        .init("theme", aliases: ["subtheme"], ArgumentSignature(
            positionals: [.required("direction", .field("direction"), missing: themeMissing), .required("domain", .field("domain"), missing: themeMissing),
                          .required("label", .text, missing: themeMissing)],
            options: [.init("component", .field("component")), .init("number", .number)])),
    ], missing: "add what? 'add study …', 'add quote …' or 'add theme …'", unknown: { "cannot add '\($0)'" }, notes: ["expected study, quote or theme"])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        switch arguments.subcommand?.name {
        case "study":
            var study = Study(id: arguments.option("id")?.value ?? workspace.nextStudyID, label: arguments.positionals[0].text)
            try RecordOptions.apply(arguments, to: &study)
            try RecordOptions.commit(.addStudy(study, at: nil), arguments, context)
            return .message("added study \(study.id): \(study.label)")
        case "quote":
            var quote = Quote(id: workspace.nextQuoteID, text: arguments.positionals[0].text)
            try RecordOptions.apply(arguments, to: &quote, coding: true, in: context)
            try RecordOptions.commit(.addQuote(quote), arguments, context)
            return .message("added \(quote.label)" + (quote.domain == nil ? " (not coded yet: 'code \(quote.label) domain=… direction=…')" : " coded \(RecordOptions.describe(quote))"))
        default:
            let (directionWord, domainWord) = (arguments.positionals[0], arguments.positionals[1])
            let direction = try arguments.resolve(directionWord.text, at: directionWord.span, Framework.directions, what: "direction")
            let domain = try arguments.resolve(domainWord.text, at: domainWord.span, Framework.domains, what: "TDF domain")
            let component = try RecordOptions.component(for: domain, given: arguments.option("component"), arguments, context)
            let existing = workspace.subThemes.filter { $0.direction == direction && $0.domain == domain && $0.component == component }
            let number = try RecordOptions.positiveNumber("number", arguments) ?? (existing.map(\.number).max() ?? 0) + 1
            let theme = SubTheme(id: workspace.nextSubThemeID, direction: direction, component: component, domain: domain, number: number,
                                 label: arguments.positionals[2].text)
            try RecordOptions.commit(.addSubTheme(theme, at: nil), arguments, context)
            return .message("added sub-theme \(theme.code): \(theme.number). \(theme.label) (\(component.name), \(domain.name), \(direction.slug))")
        }
    }
}
