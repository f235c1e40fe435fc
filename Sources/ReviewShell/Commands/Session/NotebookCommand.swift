import ReviewKit

/// `notebook export`: the session as a Markdown notebook of commands, outputs and notes.
struct NotebookCommand: Command {
    let name = "notebook"
    let group = CommandGroup.session
    let summary = "export the session as a Markdown notebook: commands, outputs and notes"
    let usage = ["notebook export FILE.md"]
    let examples = ["notebook export analysis.md"]
    let signature = ArgumentSignature.subcommands(
        [.init("export", ArgumentSignature(positionals: [.required("file", .file, missing: "'notebook export' needs a file name")]))],
        missing: "'notebook export FILE.md'", unknown: { _ in "expected 'export'" })

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        arguments.subcommand?.name == "export" ? arguments.positionals.prefix(1).map(\.text) : []
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        let file = arguments.positionals[0]
        var md = "# Review notebook\n\nWorkspace: \(session.sourceDescription); \(session.workspace.studies.count) studies, \(session.workspace.quotes.count) coded quotes.\n"
        if !session.notes.isEmpty {
            md += "\n## Notes\n\n" + session.notes.map { "- " + $0.replacingAll("\n", with: " ") }.joined(separator: "\n") + "\n"
        }
        md += "\n## Cells\n"
        for cell in session.cells {
            md += "\n### [\(cell.number)]\(cell.failed ? " (failed)" : "")\n\n```\n\(cell.command)\n```\n"
            if !cell.output.isEmpty { md += "\n```text\n" + cell.output + (cell.output.hasSuffix("\n") ? "" : "\n") + "```\n" }
        }
        try context.files.write(md, to: file.text, named: file.span, in: arguments.invocation)
        return .message("wrote \(session.cells.count) cells to \(file.text)")
    }
}
