/// What one read from a line source produced.
public enum LineInput: Sendable, Equatable {
    /// One line of input, without its line terminator.
    case line(String)
    /// The user pressed Ctrl-C while typing; the partial line was discarded.
    case interrupted
    /// No more input: Ctrl-D on an empty line, end of file, or an unrecoverable read error.
    case endOfInput
}

/// Where the shell reads its input from: a terminal line editor, a pipe, a script, or a test's scripted lines.
public protocol LineSource: AnyObject {
    /// Reads one line, showing `prompt` when interactive.
    func readLine(prompt: String) -> LineInput
    /// Records one whole command (possibly several physical lines joined by "\n") in history; no-op for non-interactive sources.
    func addToHistory(_ entry: String)
    /// Whether this source is an interactive terminal (prompts, colour, pager allowed).
    var isInteractive: Bool { get }
}
