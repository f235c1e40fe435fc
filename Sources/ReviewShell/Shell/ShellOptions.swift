/// How a shell was started: what it may do with the terminal and how it treats errors.
public struct ShellOptions: Sendable {
    /// Continue a script after a failed command.
    public var keepGoing = false
    /// Whether output goes to a terminal (colour, pager, terminal width).
    public var outputIsTerminal = false
    /// Whether errors go to a terminal (control characters in echoed data are then shown visibly).
    public var errorIsTerminal = false
    /// The command line's `--format`: it wins for the whole run, whatever `load` or `set format` says.
    public var format: OutputFormat?
    /// `review run --read-only`: no command may write a file (and no journal is kept).
    public var readOnly = false
    /// The process environment (NO_COLOR, PAGER, XDG_*).
    public var environment: [String: String] = [:]
    /// Print errors as JSON on stderr (`--format json`).
    public var jsonErrors = false
    /// The directory relative file names are resolved against (nil: the process's current directory).
    public var workingDirectory: String?

    /// Default options.
    public init() {}
}
