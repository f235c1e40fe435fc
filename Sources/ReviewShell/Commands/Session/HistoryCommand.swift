import ReviewKit

/// `history`: the numbered cells of the session, or a replayable script of them.
struct HistoryCommand: Command {
    let name = "history"
    let group = CommandGroup.session
    let summary = "list the numbered cells of this session, or save them as a replayable script"
    let usage = ["history [N]", "history save FILE"]
    let examples = ["history", "history 10", "history save analysis.review"]
    let signature = ArgumentSignature.subcommands(
        [.init("save", ArgumentSignature(positionals: [.required("file", .file, missing: "'history save' needs a file name")]))],
        missing: nil, unknown: { "unknown history command '\($0)'" },
        otherwise: ArgumentSignature(positionals: [.optional("count", .number)]))

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        arguments.subcommand?.name == "save" ? arguments.positionals.prefix(1).map(\.text) : []
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        if arguments.subcommand?.name == "save" {
            let file = arguments.positionals[0]
            let cells = session.cells.filter { !$0.failed }
            var text = "# review script: \(cells.count) commands from this session (failed commands left out)\n"
            for note in session.notes { text += "# note: \(note.replacingAll("\n", with: " "))\n" }
            for cell in cells { text += cell.command + "\n" }
            try context.files.write(text, to: file.text, named: file.span, in: arguments.invocation)
            return .message("wrote \(cells.count) commands to \(file.text)")
        }
        var cells = session.cells
        if let first = arguments.positional(0) {
            guard let count = Int(first.text), count > 0 else { throw arguments.error("expected a number of cells or 'save FILE'", at: first.span) }
            cells = Array(cells.suffix(count))
        }
        return .table(ResultTable(columns: [.init("cell", "#", type: .integer), .init("command", wraps: true), .init("status")],
                                  rows: cells.map { [.integer($0.number), .text($0.command), .text($0.failed ? "failed" : "ok")] }))
    }
}
