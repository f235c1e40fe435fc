import ReviewKit

/// `appraise`: record CASP answers for a study.
struct AppraiseCommand: Command {
    let name = "appraise"
    let group = CommandGroup.editing
    let summary = "record CASP answers for a study (q1…q10 = yes, can't tell or no)"
    let usage = ["appraise STUDY q1=ANSWER … q10=ANSWER [reviewer=NAME]"]
    let details = "Answers: yes, can't tell (or ?, cant-tell, 0.5), no, or 1 / 0.5 / 0. Questions not given keep their answer; an appraisal by a new reviewer starts empty. "
        + "The reviewer is reviewer=, else the current reviewer (set reviewer GT), else the study's first appraiser."
    let examples = ["appraise S06 q3=yes q4=\"can't tell\"", "appraise S34 q1=yes q2=yes q3=no reviewer=GT"]
    let signature = ArgumentSignature(positionals: [.required("study", .studyID, missing: "which study? e.g. 'appraise S06 q3=yes'")],
                                      options: CASPQuestion.all.map { .init("q\($0.id)", .field("q\($0.id)")) } + [.init("reviewer")],
                                      unknownOption: { "unknown question '\($0)'; expected q1 … q10 or reviewer=" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let study = workspace.studies[try arguments.studyIndex(arguments.positionals[0], in: workspace)]
        let reviewer = arguments.option("reviewer")?.value ?? context.settings.reviewer ?? workspace.appraisal(of: study.id)?.reviewer ?? ""
        if arguments.option("reviewer") != nil || context.settings.reviewer != nil {
            try arguments.invocation.engine { () throws(ReviewError) in try ReviewerName.check(reviewer) }
        }
        var appraisal = workspace.appraisal(of: study.id, reviewer: reviewer) ?? Appraisal(studyID: study.id, reviewer: reviewer, answers: [])
        var changed = 0
        for question in CASPQuestion.all {
            guard let option = arguments.option("q\(question.id)") else { continue }
            guard let answer = CASPAnswer(parsing: option.value) else {
                throw arguments.error("'\(option.value)' is not a CASP answer; expected yes, can't tell or no (or 1, 0.5, 0)", at: option.valueSpan)
            }
            appraisal.answers[question.id - 1] = answer
            changed += 1
        }
        guard changed > 0 else { throw arguments.missing("give answers as q1=yes q2=\"can't tell\" …") }
        try RecordOptions.commit(.setAppraisal(appraisal), arguments, context)
        guard appraisal.isComplete else {
            return .message("appraised \(study.id): \(appraisal.totalText), no total until every question is answered")
        }
        return .message("appraised \(study.id): total \(appraisal.totalText), band \(context.settings.bands.bandName(of: appraisal))")
    }
}
