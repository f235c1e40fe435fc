import ReviewKit

/// `consensus`: record the coding or CASP answer the reviewers agreed on (undoable, journaled).
struct ConsensusCommand: Command {
    let name = "consensus"
    let group = CommandGroup.editing
    let summary = "record the agreed coding of a quote, CASP answer of a study or screening decision, after reviewers differ"
    let usage = ["consensus QUOTE [domain=…] [component=…] [direction=…] [subtheme=…]", "consensus STUDY q1=ANSWER … q10=ANSWER",
                 "consensus screening RECORD include|maybe|exclude"]
    let details = """
    The consensus settles the fields it names; the quote's coding (what figures use) takes them, and the fields all reviewers \
    agree on stay. For a study, the consensus appraisal starts from the answers all its reviewers gave alike and is used by every figure. \
    For a screening record (the word 'screening' first, so a record id is never read as a quote or study), the agreed decision is \
    stored beside the reviewers' ('screen' enters theirs). \
    'disagreements' lists what is left; 'undo' takes a consensus back.
    """
    let examples = ["consensus Q12 domain=knowledge direction=barrier", "consensus S06 q6=no", "consensus screening EX-04 exclude"]
    let signature = ArgumentSignature(positionals: [.required("item", .text, missing: "which quote or study? e.g. 'consensus Q12 domain=knowledge'"),
                                                    .optional("record", .text),
                                                    .optional("decision", .keyword(ScreeningDecision.allCases.map(\.rawValue)))],
                                      options: RecordOptions.coding + CASPQuestion.all.map { .init("q\($0.id)", .field("q\($0.id)")) },
                                      unknownOption: { "unknown field '\($0)'; expected domain, component, direction, subtheme, or q1 … q10" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let word = arguments.positionals[0]
        if word.text.lowercased() == "screening" && (arguments.positionals.count > 1 || arguments.options.isEmpty) {
            return try screening(arguments, in: context)
        }
        if let extra = arguments.positional(1) {
            throw arguments.error("'\(extra.text)' is not expected here; a quote or study takes field=value options (a screening record: 'consensus screening RECORD exclude')", at: extra.span)
        }
        guard !arguments.options.isEmpty else { throw arguments.missing("give the agreed values, e.g. 'consensus \(word.text) domain=knowledge'") }
        let isQuote = word.text.first.map { "Qq".contains($0) } == true && Int(word.text.dropFirst()) != nil
        let questions = CASPQuestion.all.filter { arguments.option("q\($0.id)") != nil }
        if isQuote {
            if let q = questions.first { throw arguments.error("q\(q.id)= is a CASP answer; a quote takes domain=, component=, direction=, subtheme=", at: arguments.option("q\(q.id)")!.span) }
            let id = try arguments.quoteID(word, in: workspace)
            let agreed = workspace.consensusCoding(of: id)
            var quote = workspace.quote(id)!
            (quote.direction, quote.component, quote.domain, quote.subTheme) = (agreed?.direction, agreed?.component, agreed?.domain, agreed?.subTheme)
            try RecordOptions.apply(arguments, to: &quote, coding: true, in: context)
            let coding = ReviewerCoding(quote, reviewer: ReviewerCoding.consensus)
            try RecordOptions.commit(.setReviewerCoding(coding), arguments, context)
            let after = context.workspace
            var message = "consensus on \(quote.label): \(ReviewerFields.describe(coding, in: after))"
            if let left = after.resolvedCoding(of: id)?.unresolved, !left.isEmpty {
                message += "\nstill unresolved: \(left.map(\.label).joined(separator: ", "))"
            }
            return .message(message)
        }
        if let field = ["domain", "component", "direction", "subtheme"].first(where: { arguments.option($0) != nil }) {
            throw arguments.error("\(field)= is a quote's coding; a study takes q1= … q10=", at: arguments.option(field)!.span)
        }
        let study = workspace.studies[try arguments.studyIndex(word, in: workspace)]
        let others = workspace.appraisals.filter { $0.studyID == study.id && $0.reviewer != ReviewerCoding.consensus }
        var appraisal = workspace.appraisal(of: study.id, reviewer: ReviewerCoding.consensus)
            ?? Appraisal(studyID: study.id, reviewer: ReviewerCoding.consensus,
                         answers: (0..<10).map { q in
                             let given = Set(others.compactMap { $0.answers[q] })
                             return given.count == 1 ? given.first : nil
                         })
        for question in questions {
            let option = arguments.option("q\(question.id)")!
            guard let answer = CASPAnswer(parsing: option.value) else {
                throw arguments.error("'\(option.value)' is not a CASP answer; expected yes, can't tell or no (or 1, 0.5, 0)", at: option.valueSpan)
            }
            appraisal.answers[question.id - 1] = answer
        }
        try RecordOptions.commit(.setAppraisal(appraisal), arguments, context)
        let open = (0..<10).filter { appraisal.answers[$0] == nil }.map { "q\($0 + 1)" }
        return .message("consensus on \(study.id): total \(appraisal.totalText)" + (open.isEmpty ? "" : "; still open: " + open.joined(separator: ", ")))
    }

    /// `consensus screening RECORD DECISION`: the agreed screening decision.
    private func screening(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let record = arguments.positional(1) else {
            throw arguments.missing("which record? e.g. 'consensus screening EX-04 exclude'")
        }
        guard let word = arguments.positional(2) else {
            throw arguments.missing("which decision? include, maybe or exclude, e.g. 'consensus screening \(record.text) exclude'")
        }
        if let option = arguments.options.first {
            throw arguments.error("\(option.key)= does not apply to a screening decision", at: option.span)
        }
        let decision = try ScreenCommand.decision(word, arguments)
        return try ScreenCommand.record(record, reviewer: ReviewerCoding.consensus, decision: decision, title: nil, arguments, context)
    }
}
