/// One numbered command of the notebook, with what it printed.
public struct Cell: Sendable, Equatable {
    /// The cell number (1-based, as `history` shows it).
    public var number: Int
    /// The command as typed (possibly several lines).
    public var command: String
    /// Whether it failed.
    public var failed: Bool
    /// Text given as the output (an error, or nothing for a cell loaded from a snapshot's history).
    private var text: String
    /// The result as the notebook keeps it, rendered only when the output is asked for (`notebook export`):
    /// a command whose cell nobody shows does not pay for rendering its table a second time.
    private var result: CommandResult?

    /// What it printed, in plain table form (for `notebook export`).
    public var output: String {
        get { result.map { Renderer(format: .table, width: 100).render($0) } ?? text }
        set { text = newValue; result = nil }
    }

    /// A cell with its output as text.
    public init(number: Int, command: String, output: String, failed: Bool) {
        self.number = number
        self.command = command
        self.failed = failed
        text = output
        result = nil
    }

    /// A cell whose output is `result`, rendered when asked for.
    init(number: Int, command: String, result: CommandResult) {
        self.number = number
        self.command = command
        failed = false
        text = ""
        self.result = result
    }
}
