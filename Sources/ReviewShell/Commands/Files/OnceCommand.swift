import ReviewKit

/// `once`: send the next result to a file (sqlite3's `.once`).
struct OnceCommand: Command {
    let name = "once"
    let group = CommandGroup.files
    let summary = "send the next command's result to a file (like sqlite3's .once)"
    let usage = ["once FILE [format=csv|tsv|json|markdown|txt] [bom] [guard] [excel]"]
    let details = """
    The next command that shows a result (a table, a figure, a record) writes it to FILE instead of the screen, atomically, and \
    standard error says how many rows went there; a command that fails uses it up too. The format is the file's extension \
    (.csv, .tsv, .json, .md or .txt) unless format= names it; '-' is standard output. It is the same as ending that command with \
    'into FILE'. bom, guard and excel are as for 'output'.
    """
    let examples = ["once barriers.csv"]
    let signature = ArgumentSignature(positionals: [.required("file", .file, missing: "'once' needs a file, e.g. 'once barriers.csv'")],
                                      extra: { _ in "'once' takes one file" },
                                      options: [.init("format", .keyword(["csv", "tsv", "json", "markdown", "txt"]))],
                                      flags: OutputTarget.flagWords)

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        guard let file = arguments.positional(0), file.text != "-" else { return [] }
        return [file.text]
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let target = try OutputTarget.parse(file: arguments.positionals[0], format: arguments.option("format").map { ($0.value, $0.valueSpan) },
                                            flags: OutputCommand.flagWords(arguments), sessionFormat: context.output.format,
                                            files: context.files, invocation: arguments.invocation)
        context.session.outputRedirection.once = target
        return .message("the next result goes to \(target.isStandardOutput ? "standard output" : target.path) (\(target.format.rawValue))")
    }
}
