import ReviewKit

extension ShellCompleter {
    /// The words that may follow the file of an `into` clause (and of `output`/`once`).
    static let redirectionOptions = ["format=", "bom", "guard", "excel"]

    /// Whether `into FILE` may end this command (it shows a result; its words are not free text).
    static func takesInto(_ command: any Command) -> Bool {
        !OutputClause.commandsWithoutClause.contains(command.name) && ![.editing, .files, .scripting].contains(command.group)
            && !["set", "quit", "expect"].contains(command.name)
    }

    /// Completion inside an `into` clause: a file after `into`, then `format=` and the flags; nil outside one.
    func intoCompletion(_ arguments: [String], _ current: String, command: any Command) -> Completion? {
        guard Self.takesInto(command), let into = arguments.lastIndex(where: { $0.lowercased() == "into" }) else { return nil }
        let after = arguments.count - into - 1
        if after == 0 { return fileCompletion(current) }
        if current.lowercased().hasPrefix("format=") {
            let typed = String(current.dropFirst("format=".count))
            let values = match(typed, ["csv", "tsv", "json", "markdown", "txt"])
            return Completion(replacingLast: values.replacingLast, candidates: values.candidates)
        }
        return match(current, Self.redirectionOptions)
    }

    /// Adds `into` to the candidates when the typed word starts it and the command takes the clause.
    func addingInto(_ completion: Completion, _ current: String, command: any Command) -> Completion {
        guard current.count >= 2, Self.takesInto(command), "into".hasPrefix(current.lowercased()),
              !completion.candidates.contains("into") else { return completion }
        return Completion(replacingLast: current.count, candidates: completion.candidates + ["into"])
    }
}
