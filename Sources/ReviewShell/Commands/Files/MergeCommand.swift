import ReviewKit

/// `merge`: bring another reviewer's snapshot of the same review into this one (their codings and appraisals, as theirs).
struct MergeCommand: Command {
    let name = "merge"
    let group = CommandGroup.files
    let summary = "merge another reviewer's snapshot: their codings and appraisals arrive as theirs (one undoable change)"
    let usage = ["merge FILE"]
    let details = """
    The other file is a snapshot of the same review saved by a reviewer coding and appraising as themselves (set reviewer KW). \
    Quotes are matched by id when the texts agree, else by text; studies by id, else by label. What arrives is each reviewer's \
    coding and each named appraisal (and a consensus); where both files hold different work by the same reviewer, this file's is kept \
    and the conflict listed. Unmatched quotes and studies are listed. The merge is one change: 'undo' takes it all back.
    """
    let examples: [String] = []
    let signature = ArgumentSignature(positionals: [.required("file", .file, missing: "'merge' needs another reviewer's snapshot file")])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let word = arguments.positionals[0]
        let other: Snapshot
        do throws(FileError) {
            other = try SnapshotFile.load(from: context.files.url(forReading: word.text), progress: context.output.progress("reading")).snapshot
        } catch {
            throw Diagnostic(error.naming(word.text))
        }
        let merge = ReviewerMerge(merging: other.workspace, into: context.workspace)
        var lines: [String] = []
        if merge.isEmpty {
            lines.append("nothing new in \(word.text)" + (merge.alreadyPresent > 0 ? " (\(merge.alreadyPresent) already here)" : ""))
        } else {
            try RecordOptions.commit(merge.change, arguments, context)
            lines.append("merged \(word.text): \(merge.codingsAdded) coding\(merge.codingsAdded == 1 ? "" : "s") and \(merge.appraisalsAdded) appraisal\(merge.appraisalsAdded == 1 ? "" : "s")"
                         + (merge.decisionsAdded > 0 ? " and \(merge.decisionsAdded) screening decision\(merge.decisionsAdded == 1 ? "" : "s")" : "")
                         + (merge.reviewers.isEmpty ? "" : " by \(merge.reviewers.joined(separator: ", "))")
                         + (merge.alreadyPresent > 0 ? "; \(merge.alreadyPresent) already here" : "") + " ('undo' takes the merge back)")
        }
        if !merge.matchedByText.isEmpty {
            lines.append("matched by text: " + merge.matchedByText.map { "their Q\($0.theirs) is Q\($0.ours)" }.joined(separator: ", "))
        }
        if !merge.studiesMatchedByLabel.isEmpty {
            lines.append("matched by label: " + merge.studiesMatchedByLabel.map { "their \($0.theirs) is \($0.ours)" }.joined(separator: ", "))
        }
        if !merge.unmatchedQuotes.isEmpty {
            lines.append("unmatched quotes (left out): " + merge.unmatchedQuotes.map { "Q\($0)" }.joined(separator: ", "))
        }
        if !merge.unmatchedStudies.isEmpty { lines.append("unmatched studies (left out): " + merge.unmatchedStudies.joined(separator: ", ")) }
        for conflict in merge.conflicts { lines.append("conflict: " + conflict) }
        let unresolved = context.workspace.unresolvedCodings.count
        if unresolved > 0 { lines.append("\(unresolved) quote\(unresolved == 1 ? "" : "s") now unresolved: see 'disagreements'") }
        return .message(lines.joined(separator: "\n"))
    }
}
