import ReviewKit

/// What a command works with: the session (its document, settings and notebook), where output goes, how file
/// names resolve, and the few things only the running shell can do. Commands never see the `Shell` itself.
public struct CommandContext {
    /// The session: workspace document, settings, notes and cells.
    public let session: Session
    /// Where results and turn-by-turn text go.
    public let output: any CommandOutput
    /// How file names typed in commands resolve, read and write.
    public let files: FileResolver
    /// What only the running shell can do: run other commands and scripts, ask a question, stop.
    public let host: any CommandHost
    /// The commands there are (for `help`).
    public let registry: CommandRegistry
    /// Ctrl-C: long work checks it between chunks and stops with ``Interrupted`` (shown as "interrupted").
    public var cancellation: CancellationToken = .none
    /// In blind mode, what a listing or figure shows: the workspace as the current reviewer codes it
    /// (`Workspace.blindView(for:)`); nil otherwise, and always nil for commands that change the workspace.
    public var blindWorkspace: Workspace? = nil

    /// The review being edited (workspace, undo history, journal).
    public var document: ReviewDocument { session.document }
    /// The workspace (in blind mode, for listings and figures, the current reviewer's view of it).
    public var workspace: Workspace { blindWorkspace ?? document.workspace }
    /// The settings in use.
    public var settings: Settings { session.settings }
    /// The query context under the settings in use.
    public var queryContext: QueryContext {
        blindWorkspace.map { QueryContext(workspace: $0, bands: settings.bands) } ?? session.queryContext
    }

    /// An explanation in the current format: wrapped text, or Markdown.
    public func render(_ explanation: Explanation) -> CommandResult {
        switch output.format {
        case .markdown: .text(explanation.markdown())
        default: .text(explanation.plainText(width: output.width))
        }
    }
}

/// Where a command's text goes besides its result.
public protocol CommandOutput: AnyObject {
    /// The width text must fit.
    var width: Int { get }
    /// The format results are printed in (the command line's `--format` wins over `set format`).
    var format: OutputFormat { get }
    /// Whether results are drawn with ANSI colour (a terminal without NO_COLOR, or `set colour on`).
    var usesColour: Bool { get }
    /// The process environment (LANG, LC_ALL, NO_COLOR…).
    var environment: [String: String] { get }
    /// Writes text at once, never through the pager (a quiz talks turn by turn).
    func write(_ text: String)
    /// A result as the current format renders it.
    func render(_ result: CommandResult) -> String
    /// A progress callback that shows "label… N%" once an operation has run a second (nil off a terminal).
    func progress(_ label: String) -> ((Double) -> Void)?
}

/// What only the running shell can do for a command.
public protocol CommandHost: AnyObject {
    /// Runs a command line and returns its result without printing it (`expect`, `tutorial`).
    func execute(_ invocation: Invocation) throws(Diagnostic) -> CommandResult
    /// Runs a script's lines as if typed, as part of the running command (`source`); false when it stopped at a failure.
    func runSourced(_ text: String, file: String) -> Bool
    /// Stops every running script at once, even under --keep-going (a runaway nesting of `source`).
    func abandonScripts()
    /// The script file being run, if any, and how deep `source` is nested.
    var scriptLocation: (file: String?, depth: Int) { get }
    /// The worst exit status so far.
    var exitStatus: Int32 { get }
    /// Reads an answer from the input (the running script's next line, or the terminal), completing from `choices`.
    func ask(_ prompt: String, choices: [String]) -> LineInput
    /// Whether commands come from a person at a terminal.
    var isInteractive: Bool { get }
    /// Writes a warning or note on standard error while the command goes on (what an import left out),
    /// located at the running script's line.
    func report(_ diagnostic: Diagnostic)
    /// Asks the shell to stop; returns the warning to show instead when unsaved changes should be mentioned first.
    func requestQuit() -> String?
}
