import ReviewKit

/// `redo`: re-apply what `undo` took back.
struct RedoCommand: Command {
    let name = "redo"
    let group = CommandGroup.editing
    let summary = "re-apply the change 'undo' took back"
    let usage = ["redo"]

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let command = try arguments.invocation.engine({ () throws(ReviewError) in try context.session.redo() }) else { return .message("nothing to redo") }
        return .message("redid: \(command)")
    }
}
