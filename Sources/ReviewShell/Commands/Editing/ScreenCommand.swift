import ReviewKit

/// `screen`: enter or correct one reviewer's title/abstract screening decision on a record (undoable, journaled).
struct ScreenCommand: Command {
    let name = "screen"
    let group = CommandGroup.editing
    let summary = "enter or correct a reviewer's screening decision on a record (include, maybe or exclude)"
    let usage = ["screen RECORD include|maybe|exclude [reviewer=NAME] [title=TEXT]"]
    let details = """
    The decision replaces the reviewer's earlier one on the record; other reviewers' decisions stay. A record not yet \
    screened is added. The reviewer is reviewer=, else the current reviewer (set reviewer GT). The decision may be spelled \
    as import screening reads it (Included, Yes, Unsure, No …). The agreed decision is recorded with 'consensus screening'; \
    'agreement screening' and 'disagreements screening' compare the reviewers; 'undo' takes a decision back.
    """
    let examples = ["screen EX-04 include reviewer=GT title=\"Physiotherapists' views on exercise\"", "screen EX-04 exclude reviewer=JM",
                    "set reviewer GT", "screen EX-05 maybe"]
    let signature = ArgumentSignature(positionals: [.required("record", .text, missing: "which record? e.g. 'screen EX-04 include reviewer=GT'"),
                                                    .required("decision", .keyword(ScreeningDecision.allCases.map(\.rawValue)),
                                                              missing: "which decision? include, maybe or exclude, e.g. 'screen EX-04 include'")],
                                      options: [.init("reviewer"), .init("title")],
                                      unknownOption: { "unknown option '\($0)'; expected reviewer= or title=" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let record = arguments.positionals[0]
        let decision = try Self.decision(arguments.positionals[1], arguments)
        guard let reviewer = arguments.option("reviewer")?.value ?? context.settings.reviewer else {
            throw arguments.missing("whose decision? give reviewer=NAME, or set the current reviewer: 'set reviewer GT'")
        }
        guard reviewer.lowercased() != ReviewerCoding.consensus else {
            throw arguments.error("the agreed decision is recorded with 'consensus screening \(record.text) \(decision.rawValue)'", at: arguments.option("reviewer")?.valueSpan)
        }
        try arguments.invocation.engine { () throws(ReviewError) in try ReviewerName.check(reviewer) }
        return try Self.record(record, reviewer: reviewer, decision: decision, title: arguments.option("title")?.value, arguments, context)
    }

    /// A decision word, folded as import screening folds it.
    static func decision(_ word: Word, _ arguments: ParsedArguments) throws(Diagnostic) -> ScreeningDecision {
        guard let decision = ScreeningDecision(folding: word.text) else {
            throw arguments.error("'\(word.text)' is not a screening decision; expected \(ScreeningDecision.expectation)", at: word.span)
        }
        return decision
    }

    /// Commits one decision and says what changed.
    static func record(_ word: Word, reviewer: String, decision: ScreeningDecision, title: String?,
                       _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        let who = reviewer == ReviewerCoding.consensus ? "consensus" : reviewer
        let before = context.workspace.screening[word.text.trimmingCharacters(in: .whitespaces)]?.decision(of: reviewer)
        guard let change = context.workspace.screeningVote(record: word.text, reviewer: reviewer, decision: decision, title: title) else {
            return .message("\(word.text): \(who) already \(decision.rawValue); nothing changed")
        }
        try RecordOptions.commit(change, arguments, context)
        let id = word.text.trimmingCharacters(in: .whitespaces)
        var message = "\(id): \(who) \(decision.rawValue)" + (before.map { $0 == decision ? "" : " (was \($0.rawValue))" } ?? "")
        if let stored = context.workspace.screening[id] {
            let others = stored.votes.filter { $0.reviewer != reviewer }
            if !others.isEmpty { message += "; " + others.map { "\($0.reviewer) \($0.decision.rawValue)" }.joined(separator: ", ") }
        }
        return .message(message)
    }
}
