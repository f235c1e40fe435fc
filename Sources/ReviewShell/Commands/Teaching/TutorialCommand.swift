import ReviewKit

/// `tutorial`: a guided lesson in steps that runs real commands on the workspace.
struct TutorialCommand: Command {
    let name = "tutorial"
    let group = CommandGroup.teaching
    let summary = "a guided lesson in steps that runs real commands on the workspace"
    let usage = ["tutorial", "tutorial next", "tutorial back", "tutorial N", "tutorial restart"]
    let details = "Steps: COM-B, the TDF domains, coding a quote, reading the matrix, appraising with CASP, agreement. Each step shows the commands it runs so you can repeat them; progress is kept in the session and in snapshots."
    let examples = ["tutorial", "tutorial next", "tutorial 3"]
    let signature = ArgumentSignature.rest(.keyword(TutorialProgress.arguments))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        var progress = TutorialProgress()
        if let saved = session.extras[TutorialProgress.settingsKey], let restored = try? TutorialProgress(encoded: saved) { progress = restored }
        let step = try arguments.invocation.engine { () throws(ReviewError) in
            do throws(ReviewError) { return try progress.apply(arguments.rest?.text ?? "") } catch { throw error.spanning(arguments.invocation) }
        }
        session.extras[TutorialProgress.settingsKey] = progress.encoded
        var parts: [CommandResult] = [context.render(step.explanation(for: session.workspace))]
        var failure: Diagnostic?
        for command in step.commands(for: session.workspace) {
            parts.append(.message("review> " + command))
            guard let inner = Invocation(command) else { continue }
            do throws(Diagnostic) {
                parts.append(try context.host.execute(inner))
            } catch {
                // The step's own command failed (the workspace was edited away from the lesson): an error, on
                // standard error and in the exit status, after what the step did show.
                var error = error
                error.notes.append("tutorial step \(progress.number) runs '\(command)'; 'load embedded discard' returns to the review the lesson uses")
                failure = failure ?? error
                parts.append(.message("(failed: see the error)"))
            }
        }
        parts.append(.message(progress.isAtEnd ? "(last step; 'tutorial 1' starts again, 'quiz 5' tests you)" : "('tutorial next' for step \(progress.number + 1) of \(Tutorial.steps.count))"))
        guard let failure else { return .sequence(parts) }
        context.output.write(context.output.render(.sequence(parts)))
        throw failure
    }
}
