import ReviewKit

/// The set of commands a shell knows, looked up by name or alias (case-insensitively).
public struct CommandRegistry: Sendable {
    /// The commands, in `help` order within their groups.
    public let commands: [any Command]

    /// Creates a registry.
    public init(_ commands: [any Command]) { self.commands = commands }

    /// The command a word names.
    public func command(named name: String) -> (any Command)? {
        let key = name.lowercased()
        return commands.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Every command name and alias.
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// The commands of a help group, in order.
    public func commands(in group: CommandGroup) -> [any Command] { commands.filter { $0.group == group } }

    /// All commands of `review`.
    public static let standard = CommandRegistry([
        // query
        StudiesCommand(), StudyCommand(), QuotesCommand(), QuoteCommand(), ThemesCommand(), TagsCommand(), DisagreementsCommand(),
        // figures
        DomainsCommand(), MatrixCommand(), CaspCommand(), BandsCommand(), KappaCommand(), AgreementCommand(), ChartCommand(), FigureCommand(), PrismaCommand(), ReportCommand(),
        // synthesis
        FindingCommand(), CerqualCommand(),
        // session
        SetCommand(), NoteCommand(), HistoryCommand(), NotebookCommand(), HelpCommand(), QuitCommand(),
        // editing
        AddCommand(), EditCommand(), RemoveCommand(), CodeCommand(), UncodeCommand(), TagCommand(), UntagCommand(), AppraiseCommand(), ScreenCommand(), ConsensusCommand(), UndoCommand(), RedoCommand(),
        // files
        SaveCommand(), LoadCommand(), MergeCommand(), ImportCommand(), ExportCommand(), OutputCommand(), OnceCommand(),
        // teaching
        ExplainCommand(), TutorialCommand(), QuizCommand(),
        // scripting
        ExpectCommand(), SourceCommand(),
    ])
}
