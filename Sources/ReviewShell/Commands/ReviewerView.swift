import ReviewKit

/// What several reviewers change about running a command: blind mode shows listings and figures as the
/// current reviewer codes them, and a figure over codings or appraisals reviewers dispute says so.
enum ReviewerView {
    /// The groups whose commands only read the workspace and so show the blind view.
    static let readingGroups: Set<CommandGroup> = [.query, .figures]

    /// The context a command runs in: with the blind view for reading commands in blind mode.
    static func context(_ context: CommandContext, for command: any Command) -> CommandContext {
        guard let reviewer = context.settings.blindReviewer, readingGroups.contains(command.group) else { return context }
        var blind = context
        blind.blindWorkspace = context.document.workspace.blindView(for: reviewer)
        return blind
    }

    /// The footnotes a figure carries while reviewers' codings or appraisals are unresolved (none in blind mode,
    /// which shows only the reviewer's own work).
    static func notes(_ workspace: Workspace) -> [String] {
        var notes: [String] = []
        let codings = workspace.unresolvedCodings
        if !codings.isEmpty {
            let list = codings.prefix(8).map { "Q\($0.quoteID) (\($0.fields.map(\.label).joined(separator: ", ")))" }.joined(separator: ", ")
            notes.append("unresolved: reviewers differ with no consensus on \(codings.count) quote\(codings.count == 1 ? "" : "s"): \(list)"
                         + (codings.count > 8 ? ", …" : "") + "; those fields count as uncoded here ('disagreements', then 'consensus')")
        }
        let appraisals = workspace.unresolvedAppraisals
        if !appraisals.isEmpty {
            let list = appraisals.prefix(8).map { "\($0.studyID) (q\($0.questions.map(String.init).joined(separator: ", q")))" }.joined(separator: ", ")
            let used = Set(appraisals.map(\.usedReviewer))
            let whose = used.count == 1 ? (used.first!.isEmpty ? "the unnamed (first) appraisal" : used.first! + "'s appraisal")
                : "each study's first appraisal (" + appraisals.prefix(8).map { "\($0.studyID): \($0.usedReviewer.isEmpty ? "unnamed" : $0.usedReviewer)" }.joined(separator: ", ") + ")"
            notes.append("appraisals differ with no consensus for \(appraisals.count) stud\(appraisals.count == 1 ? "y" : "ies"): \(list)"
                         + (appraisals.count > 8 ? ", …" : "") + "; figures use \(whose) ('disagreements casp', then 'consensus')")
        }
        return notes
    }
}

/// A figure command about the reviewers' agreement itself: it reports disagreements rather than resting on a resolved coding.
protocol ReviewerStatistics {}

extension CommandResult {
    /// The result with the reviewers' notes added when the command is a figure and something is unresolved.
    func addingReviewerNotes(for command: any Command, in session: Session) -> CommandResult {
        guard command.group == .figures, !(command is any ReviewerStatistics), session.settings.blindReviewer == nil else { return self }
        let notes = ReviewerView.notes(session.workspace)
        return notes.isEmpty ? self : addingFootnotes(notes)
    }

    /// The result with footnotes on its last table or record (a message after it when it has neither).
    func addingFootnotes(_ notes: [String]) -> CommandResult {
        switch self {
        case .table(var table):
            table.footnotes += notes
            return .table(table)
        case .record(var record):
            record.footnotes += notes
            return .record(record)
        case .sequence(var results):
            if let index = results.lastIndex(where: { if case .table = $0 { true } else if case .record = $0 { true } else { false } }) {
                results[index] = results[index].addingFootnotes(notes)
                return .sequence(results)
            }
            return .sequence(results + [.message(notes.map { "note: " + $0 }.joined(separator: "\n"))])
        default:
            return .sequence([self, .message(notes.map { "note: " + $0 }.joined(separator: "\n"))])
        }
    }
}
