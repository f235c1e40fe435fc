import ReviewKit

/// `undo`: take back the latest change.
struct UndoCommand: Command {
    let name = "undo"
    let group = CommandGroup.editing
    let summary = "take back the latest change (add, edit, remove, code, appraise, import)"
    let usage = ["undo"]

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let command = try arguments.invocation.engine({ () throws(ReviewError) in try context.session.undo() }) else { return .message("nothing to undo") }
        return .message("undid: \(command)")
    }
}
