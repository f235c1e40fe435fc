import ReviewKit

/// `remove`: a study (with its appraisals), a quote, a sub-theme or an appraisal.
struct RemoveCommand: Command {
    let name = "remove"
    let aliases = ["rm", "delete"]
    let group = CommandGroup.editing
    let summary = "remove a study (with its appraisals), a quote or a sub-theme"
    let usage = ["remove study ID", "remove quote ID", "remove theme CODE", "remove appraisal STUDY [reviewer=…]"]
    let details = "A study still cited by quotes, or a sub-theme still used, is not removed; the error says how many. 'undo' restores what was removed."
    let examples = ["remove quote Q47", "remove study S34", "remove theme B/Know/3"]

    static let missing = "remove what? e.g. 'remove quote Q47'"

    let signature = ArgumentSignature.subcommands([
        .init("study", ArgumentSignature(positionals: [.required("study", .studyID, missing: missing)])),
        .init("quote", ArgumentSignature(positionals: [.required("quote", .quoteID, missing: missing)])),
        .init("theme", aliases: ["subtheme"], ArgumentSignature(positionals: [.required("sub-theme", .subTheme, missing: missing)])),
        .init("appraisal", ArgumentSignature(positionals: [.required("study", .studyID, missing: missing)], options: [.init("reviewer")])),
    ], missing: missing, unknown: { "cannot remove '\($0)'" }, notes: ["expected study, quote, theme or appraisal"])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let target = arguments.positionals[0]
        switch arguments.subcommand?.name {
        case "study":
            let study = workspace.studies[try arguments.studyIndex(target, in: workspace)]
            try RecordOptions.commit(.removeStudy(id: study.id), arguments, context)
            return .message("removed study \(study.id): \(study.label)")
        case "quote":
            let id = try arguments.quoteID(target, in: workspace)
            try RecordOptions.commit(.removeQuote(id: id), arguments, context)
            return .message("removed Q\(id)")
        case "appraisal":
            let study = workspace.studies[try arguments.studyIndex(target, in: workspace)]
            let reviewer = arguments.option("reviewer")?.value ?? workspace.appraisal(of: study.id)?.reviewer ?? ""
            try RecordOptions.commit(.removeAppraisal(studyID: study.id, reviewer: reviewer), arguments, context)
            return .message("removed the appraisal of \(study.id)")
        default:
            let theme = try arguments.subTheme(target.text, at: target.span, in: workspace)
            try RecordOptions.commit(.removeSubTheme(id: theme.id), arguments, context)
            return .message("removed sub-theme \(theme.code)")
        }
    }
}
