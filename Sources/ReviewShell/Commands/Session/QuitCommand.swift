import ReviewKit

/// `quit` (also `exit`): leave the shell; the first time, unsaved changes are mentioned instead.
struct QuitCommand: Command {
    let name = "quit"
    let aliases = ["exit"]
    let group = CommandGroup.session
    let summary = "leave the shell (Ctrl-D does the same)"
    let usage = ["quit"]

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        context.host.requestQuit().map(CommandResult.message) ?? .empty
    }
}
