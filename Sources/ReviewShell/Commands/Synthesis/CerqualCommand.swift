import ReviewKit

/// `cerqual`: GRADE-CERQual for a finding — the evidence the workspace holds beside the reviewer's judgements,
/// the published tables and the consistency checks.
struct CerqualCommand: Command {
    let name = "cerqual"
    let group = CommandGroup.synthesis
    let summary = "GRADE-CERQual: judge a finding's confidence beside the evidence; the published tables and checks"
    let usage = ["cerqual FINDING", "cerqual FINDING COMPONENT LEVEL [\"EXPLANATION\"]", "cerqual FINDING overall LEVEL [\"EXPLANATION\"]",
                 "cerqual clear FINDING [COMPONENT|overall]", "cerqual table soqf|profile [all]", "cerqual check"]
    let details = """
    'cerqual FINDING' shows the judging sheet: per component (methodological-limitations, coherence, adequacy, \
    relevance) the reviewer's level and explanation beside the evidence the workspace holds (CASP appraisals, \
    directions of the sub-themes, studies, quotes and words, study context), then the overall confidence. Its \
    notes give the level the published rule of thumb suggests (labelled as a suggestion; only the reviewer's \
    choice is recorded), the pre-filled explanation and any flags. Concern levels: no-or-very-minor, minor, \
    moderate, serious. Confidence: high, moderate, low, very-low. An explanation continues the sentence \
    "Moderate concerns regarding coherence because …". 'cerqual table soqf' is the Summary of Qualitative \
    Findings, 'cerqual table profile' the Evidence Profile (assessed findings; 'all' lists every finding). \
    'cerqual check' flags inconsistent judgements and never changes one. Every judgement is undoable and \
    saved in snapshots. 'explain cerqual' teaches the method. See docs/cerqual.md.
    """
    let examples = ["cerqual T1", "cerqual T1 coherence moderate \"two quotes pull the other way\"", "cerqual T1 adequacy no-or-very-minor",
                    "cerqual T1 overall moderate \"Moderate concerns about adequacy\"", "cerqual clear T1 coherence",
                    "cerqual table soqf", "cerqual table profile all", "cerqual check"]

    static let missingFinding = "which finding? e.g. 'cerqual F1', 'cerqual table soqf' or 'cerqual check' ('finding list' shows the findings)"
    static let parts = CERQualComponent.allCases.map(\.slug) + ["overall"]

    let signature = ArgumentSignature.subcommands([
        .init("clear", ArgumentSignature(positionals: [.required("finding", .finding, missing: missingFinding), .optional("component", .keyword(parts))])),
        .init("table", aliases: ["tables"], ArgumentSignature(
            positionals: [.required("table", .keyword(["soqf", "profile"]), missing: "which table? soqf (Summary of Qualitative Findings) or profile (Evidence Profile)")],
            flags: ["all"])),
        .init("check", aliases: ["checks"]),
    ], missing: nil, unknown: { "unknown cerqual sub-command '\($0)'" },
       otherwise: ArgumentSignature(positionals: [.required("finding", .finding, missing: missingFinding), .optional("component", .keyword(parts)),
                                                  .optional("level", .keyword(ConcernLevel.allCases.map(\.slug) + ConfidenceLevel.allCases.map(\.slug))),
                                                  .optional("explanation", .text)]))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let synthesis = workspace.synthesis
        let tables = CERQualTables(workspace: workspace, synthesis: synthesis, bands: context.settings.bands)
        switch arguments.subcommand?.name {
        case "check":
            return .table(ResultTable(tables.checks()))
        case "table":
            let word = arguments.positionals[0]
            let all = arguments.has("all")
            switch TextFolding.fold(word.text) {
            case "soqf", "summary", "sof", "summary-of-findings": return .table(ResultTable(tables.summaryOfFindings(assessedOnly: !all)))
            case "profile", "evidence-profile", "ep": return .table(ResultTable(tables.evidenceProfile(assessedOnly: !all)))
            default: throw arguments.error("no cerqual table '\(word.text)'", at: word.span, notes: ["tables: soqf (Summary of Qualitative Findings), profile (Evidence Profile)"])
            }
        case "clear":
            let id = try arguments.finding(arguments.positionals[0], in: workspace)
            guard synthesis.assessment(of: id) != nil else { return .message("\(id) has no cerqual assessment; nothing to clear") }
            guard let partWord = arguments.positional(1) else {
                try arguments.commit(.setAssessment(id, nil), in: context)
                return .message("cleared the cerqual assessment of \(id) ('undo' restores it)")
            }
            if TextFolding.fold(partWord.text) == "overall" {
                try arguments.commit(synthesis.judging(id, overall: nil), in: context)
                return .message("cleared the overall confidence of \(id)")
            }
            let component = try arguments.located(at: partWord.span) { () throws(ReviewError) in try CERQualComponent.resolve(partWord.text) }
            try arguments.commit(synthesis.judging(id, component, nil), in: context)
            return .message("cleared \(component.name) for \(id)")
        default:
            let id = try arguments.finding(arguments.positionals[0], in: workspace)
            guard let partWord = arguments.positional(1) else {
                return .table(ResultTable(try arguments.invocation.engine { () throws(ReviewError) in try tables.sheet(for: id) }))
            }
            guard let levelWord = arguments.positional(2) else {
                throw arguments.missing("give a level after \(partWord.text)",
                                        notes: [TextFolding.fold(partWord.text) == "overall" ? "confidence levels: high, moderate, low, very-low"
                                                : "concern levels: no-or-very-minor, minor, moderate, serious"])
            }
            let explanation = arguments.positional(3)?.text ?? ""
            // Said here, with a caret under the explanation (the engine's refusal has no place on the line; found by fuzzing).
            if let word = arguments.positional(3), explanation.count > Finding.maximumStatementLength {
                throw arguments.error("the explanation has \(explanation.count) characters; at most \(Finding.maximumStatementLength)", at: word.span)
            }
            if TextFolding.fold(partWord.text) == "overall" {
                let level = try arguments.located(at: levelWord.span) { () throws(ReviewError) in try ConfidenceLevel(parsing: levelWord.text) }
                try arguments.commit(synthesis.judging(id, overall: .init(level, explanation: explanation)), in: context)
                return .message("\(id): \(level.name) confidence" + (explanation.isEmpty ? " (no explanation yet: 'cerqual check' flags it)" : ""))
            }
            let component = try arguments.located(at: partWord.span) { () throws(ReviewError) in try CERQualComponent.resolve(partWord.text) }
            let level = try arguments.located(at: levelWord.span) { () throws(ReviewError) in try ConcernLevel(parsing: levelWord.text) }
            try arguments.commit(synthesis.judging(id, component, .init(level, explanation: explanation)), in: context)
            let missing = level.needsExplanation && explanation.isEmpty ? " (no explanation yet: 'cerqual check' flags it)" : ""
            return .message("\(id): \(level.name) regarding \(component.name)\(missing)")
        }
    }
}
