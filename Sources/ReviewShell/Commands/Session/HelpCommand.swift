import ReviewKit

/// `help` (also `?`): the commands by group, one command's page, or the query fields and filter language.
struct HelpCommand: Command {
    let name = "help"
    let aliases = ["?"]
    let group = CommandGroup.session
    let summary = "list the commands, or explain one with examples; 'help fields' and 'help filters' describe queries"
    let usage = ["help", "help COMMAND", "help fields", "help filters"]
    let examples = ["help", "help quotes", "help fields"]
    let signature = ArgumentSignature(positionals: [.optional("topic", .command)])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let word = arguments.positional(0) else { return .text(HelpText.overview(context.registry, width: context.output.width)) }
        switch word.text.lowercased() {
        case "fields": return .text(HelpText.fields)
        case "filters", "filter", "query", "queries": return .text(HelpText.filters)
        default: break
        }
        guard let command = context.registry.command(named: word.text) else {
            let suggestions = EditDistance.nearest(to: word.text, in: context.registry.allNames + ["fields", "filters"])
            throw arguments.error("no help for '\(word.text)'", at: word.span,
                                  notes: (suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"]) + ["'help' lists the commands"])
        }
        return .text(HelpText.page(command))
    }
}

/// The text of `help` and of docs/commands.md, made from the registry so the two never disagree.
public enum HelpText {
    /// The list of commands by group.
    public static func overview(_ registry: CommandRegistry, width: Int = 100) -> String {
        var text = "Commands (help COMMAND for details and examples):\n"
        let nameWidth = registry.commands.map(\.name.count).max() ?? 0
        for group in CommandGroup.allCases {
            let specs = registry.commands(in: group)
            guard !specs.isEmpty else { continue }
            text += "\n\(group.rawValue)\n"
            for spec in specs {
                // Summaries wrap under themselves, not under the command names.
                let lines = DisplayWidth.wrap(spec.summary, width: max(20, width - nameWidth - 4))
                for (index, line) in lines.enumerated() {
                    text += "  " + (index == 0 ? spec.name.padding(nameWidth) : String(repeating: " ", count: nameWidth)) + "  " + line + "\n"
                }
            }
        }
        text += "\nQueries: 'help filters' and 'help fields'. Multi-line input: end a line with \\ or leave a quote open. Ctrl-D leaves.\n"
        return text
    }

    /// One command's page.
    public static func page(_ spec: any Command) -> String {
        var text = "\(spec.name) — \(spec.summary)\n\nUsage:\n" + spec.usage.map { "  " + $0 + "\n" }.joined()
        if !spec.aliases.isEmpty { text += "Aliases: " + spec.aliases.joined(separator: ", ") + "\n" }
        if !spec.details.isEmpty { text += "\n" + spec.details + "\n" }
        if !spec.examples.isEmpty { text += "\nExamples:\n" + spec.examples.map { "  " + $0 + "\n" }.joined() }
        return text
    }

    /// The query fields, from the field catalogue.
    public static var fields: String { Field.helpText }

    /// The filter language.
    public static let filters = """
    Filters: FIELD OP VALUE, combined with and, or, not and parentheses.
      =  !=             equal / not equal (text ignores case and accents)
      <  <=  >  >=      numbers (year, casp, participants, reference, q1…q10 as scores)
      contains  ~       text contains ("peer", 'don’t')
      in (a, b, c)      any of the values; 'not in (…)' none of them
      unknown           a missing value: year = unknown, domain = unknown
      "some words"      alone: the quote text contains them
    Values with spaces may be quoted or written plainly: domain = social influence.
    Component and domain names accept aliases (Emotions, Reinforcing behaviour, MADP, SPRI);
    component = motivation matches both reflective and automatic motivation.
    After the filter: group by FIELD[, FIELD]  sort by FIELD [desc]  limit N  count
    Examples:
      quotes where domain = knowledge and direction = barrier
      quotes where (component = motivation or domain = skills) and not text contains peer
      studies where casp >= 8.5 and q6 != yes sort by casp desc
    """

    /// docs/commands.md: every command's page in Markdown.
    public static func markdownReference(_ registry: CommandRegistry) -> String {
        var md = "# Command reference\n\nGenerated from the shell's own help (`help COMMAND`); a test keeps this file in step with it.\n"
        md += "\nExit codes of `review`: 0 success, 1 a command failed, 2 usage error (command-line flags), 3 an `expect` failed.\n"
        for group in CommandGroup.allCases {
            let specs = registry.commands(in: group)
            guard !specs.isEmpty else { continue }
            md += "\n## \(group.folder)\n"
            for spec in specs {
                md += "\n### `\(spec.name)`\n\n\(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst()).\n\n```\n" + spec.usage.joined(separator: "\n") + "\n```\n"
                if !spec.aliases.isEmpty { md += "\nAliases: " + spec.aliases.map { "`\($0)`" }.joined(separator: ", ") + ".\n" }
                if !spec.details.isEmpty { md += "\n" + spec.details + "\n" }
                if !spec.examples.isEmpty { md += "\nExamples:\n\n```\n" + spec.examples.joined(separator: "\n") + "\n```\n" }
            }
        }
        md += "\n## Queries\n\n```\n" + filters + "\n```\n\n```\n" + fields + "```\n"
        return md
    }
}
