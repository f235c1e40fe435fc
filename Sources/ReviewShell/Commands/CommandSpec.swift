/// What kind of argument a command takes, so completion can offer the right values.
public enum ArgumentKind: Sendable, Equatable {
    /// Nothing.
    case none
    /// A query over quotes (fields, operators, values).
    case quoteQuery
    /// A query over studies.
    case studyQuery
    /// A file path.
    case file
    /// A study id.
    case studyID
    /// A quote id.
    case quoteID
    /// A term to explain (components, domains, casp, kappa).
    case term
    /// A setting name, then its values.
    case setting
    /// A command name.
    case command
    /// key=value options for editing commands.
    case editing
}

/// A command of the shell: its name, documentation and what it does.
public struct CommandSpec: Sendable {
    /// The command word.
    public let name: String
    /// Other words that run it.
    public let aliases: [String]
    /// Where `help` lists it.
    public let group: String
    /// One line for `help`.
    public let summary: String
    /// Usage lines.
    public let usage: [String]
    /// A paragraph or two for `help CMD`.
    public let details: String
    /// Example commands.
    public let examples: [String]
    /// Sub-command words (completed after the command).
    public let subcommands: [String]
    /// What the arguments are, for completion.
    public let argument: ArgumentKind
    /// Whether it can change the workspace (undo, unsaved changes, journal).
    public let changesWorkspace: Bool
    /// Runs the command.
    public let run: @Sendable (Invocation, Shell) throws(Diagnostic) -> CommandResult

    /// Creates a command.
    public init(_ name: String, aliases: [String] = [], group: String, summary: String, usage: [String], details: String = "",
                examples: [String] = [], subcommands: [String] = [], argument: ArgumentKind = .none, changesWorkspace: Bool = false,
                run: @escaping @Sendable (Invocation, Shell) throws(Diagnostic) -> CommandResult) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.summary = summary
        self.usage = usage
        self.details = details
        self.examples = examples
        self.subcommands = subcommands
        self.argument = argument
        self.changesWorkspace = changesWorkspace
        self.run = run
    }
}
