/// A command of the shell, one per file under Commands/<Group>/: its help, its declared arguments, and what
/// it does with them.
///
/// A new command is a type conforming to `Command` in the folder of its help group, added to
/// `CommandRegistry.standard` (a test fails while a command file is not registered).
public protocol Command: Sendable {
    /// The command word.
    var name: String { get }
    /// Other words that run it.
    var aliases: [String] { get }
    /// Where `help` lists it (and the folder its file is in).
    var group: CommandGroup { get }
    /// One line for `help`.
    var summary: String { get }
    /// Usage lines.
    var usage: [String] { get }
    /// A paragraph or two for `help COMMAND`.
    var details: String { get }
    /// Example command lines.
    var examples: [String] { get }
    /// The arguments it takes.
    var signature: ArgumentSignature { get }

    /// The files the command would write with these arguments, as typed (`review run --dry-run` lists them,
    /// `--read-only` refuses the command when there are any); empty for a command that writes nothing.
    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String]

    /// Runs the command on its parsed arguments.
    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult
}

extension Command {
    /// No aliases.
    public var aliases: [String] { [] }
    /// No details.
    public var details: String { "" }
    /// No examples.
    public var examples: [String] { [] }
    /// No arguments.
    public var signature: ArgumentSignature { .none }
    /// Writes no files.
    public func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] { [] }
}

/// The groups `help` lists commands in, in order; each is a folder of Commands/.
public enum CommandGroup: String, CaseIterable, Sendable {
    case query, figures, synthesis, editing, files, teaching, scripting, session

    /// The folder its command files are in ("Query").
    public var folder: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
