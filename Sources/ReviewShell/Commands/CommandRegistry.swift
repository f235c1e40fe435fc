import ReviewKit

/// The set of commands a shell knows, looked up by name or alias (case-insensitively).
public struct CommandRegistry: Sendable {
    /// The commands, in `help` order.
    public let commands: [CommandSpec]

    /// Creates a registry.
    public init(_ commands: [CommandSpec]) { self.commands = commands }

    /// The command a word names.
    public func command(named name: String) -> CommandSpec? {
        let key = name.lowercased()
        return commands.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Every command name and alias.
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// The groups, in help order.
    public static let groups = ["query", "figures", "editing", "files", "teaching", "scripting", "session"]

    /// All commands of `review`.
    public static let standard: CommandRegistry = {
        let core: [CommandSpec] = [
            .studies, .study, .quotes, .quote, .themes,
            .domains, .matrix, .casp, .bands, .kappa,
            .set, .note, .history, .notebook, .help, .quit,
            .add, .edit, .remove, .code, .uncode, .appraise, .undo, .redo,
            .save, .load, .import, .export,
            .explain, .tutorial, .quiz,
            .expect, .source,
        ]
        return CommandRegistry(core)
    }()
}
