import ReviewKit

/// `note`: add a note to the notebook, or list the notes.
struct NoteCommand: Command {
    let name = "note"
    let group = CommandGroup.session
    let summary = "add a note to the notebook (saved in snapshots and notebook exports)"
    let usage = ["note TEXT", "note"]
    let examples = ["note the 8.0 totals fall between the moderate and high bands"]
    let signature = ArgumentSignature.rest(.text)

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        guard let text = arguments.rest?.text else {
            if session.notes.isEmpty { return .message("no notes yet; 'note TEXT' adds one") }
            return .table(ResultTable(title: "Notes", columns: [.init("number", "#", type: .integer), .init("note", wraps: true)],
                                      rows: session.notes.enumerated().map { [.integer($0.offset + 1), .text($0.element)] }))
        }
        // Journaled first (the whole list after the edit), so an acknowledged note survives a crash.
        try arguments.invocation.engine { () throws(ReviewError) in
            try session.record(.notes(session.notes + [text]), command: arguments.invocation.text)
        }
        session.notes.append(text)
        return .message("note \(session.notes.count) added")
    }
}
