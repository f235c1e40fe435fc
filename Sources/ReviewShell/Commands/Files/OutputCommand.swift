import ReviewKit

/// `output`: send every following result to a file until `output off` (psql's `\o`, sqlite3's `.output`).
struct OutputCommand: Command {
    let name = "output"
    let group = CommandGroup.files
    let summary = "send every following result to a file, until 'output off' (like psql's \\o)"
    let usage = ["output FILE [format=csv|tsv|json|markdown|txt] [bom] [guard] [excel]", "output off"]
    let details = """
    The format is the file's extension (.csv, .tsv, .json, .md or .txt) unless format= names it; '-' is standard output. Each result \
    is added to the file, which is rewritten atomically after each one, so it always holds every result so far: a CSV or TSV file \
    holds one table, so results must have the same columns (their rows are added under the one header); a JSON file gets one JSON \
    document per line (JSON Lines: pandas.read_json(FILE, lines=True)); Markdown and text files get the results one after another. \
    The file is replaced by the first result. Acknowledgements ('imported …', 'width = 80') and errors still go to the screen, and \
    so does text (help, explain) that a CSV file cannot hold. 'output' or 'output off' sends results to the screen again. \
    bom starts a CSV or TSV file with a UTF-8 byte-order mark and guard guards cells against spreadsheet formulas (excel: both), \
    as for 'export csv' (docs/formats.md). 'into FILE' at the end of one command, and 'once FILE', send a single result.
    """
    let examples = ["output barriers.csv", "output off"]
    let signature = ArgumentSignature(positionals: [.optional("file", .keywordOrFile(["off"]))], extra: { _ in "'output' takes one file" },
                                      options: [.init("format", .keyword(["csv", "tsv", "json", "markdown", "txt"]))],
                                      flags: OutputTarget.flagWords)

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        guard let file = arguments.positional(0), file.quoted || file.text.lowercased() != "off", file.text != "-" else { return [] }
        return [file.text]
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let redirection = context.session.outputRedirection
        guard let file = arguments.positional(0), file.quoted || file.text.lowercased() != "off" else {
            if let option = arguments.options.first { throw arguments.error("'output off' takes no options", at: option.span) }
            guard let previous = redirection.output else { return .message("results go to the screen") }
            context.session.outputRedirection.output = nil
            let written = redirection.written
            return .message("results go to the screen again (\(written.results) result\(written.results == 1 ? "" : "s"), \(written.rows) row\(written.rows == 1 ? "" : "s") written to \(previous.path))")
        }
        let target = try OutputTarget.parse(file: file, format: arguments.option("format").map { ($0.value, $0.valueSpan) },
                                            flags: Self.flagWords(arguments), sessionFormat: context.output.format,
                                            files: context.files, invocation: arguments.invocation)
        context.session.outputRedirection.output = target
        return .message("results go to \(target.isStandardOutput ? "standard output" : target.path) (\(target.format.rawValue)) until 'output off'")
    }

    /// The flag words as typed, in order (for carets).
    static func flagWords(_ arguments: ParsedArguments) -> [Word] {
        ((try? arguments.invocation.words()) ?? []).filter { !$0.quoted && $0.option == nil && arguments.has($0.text.lowercased()) }
    }
}
