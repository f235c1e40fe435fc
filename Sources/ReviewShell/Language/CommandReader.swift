/// Reads whole commands from a line source: the one loop that joins continuation lines (an open quote or a
/// trailing backslash), skips blank lines and comments, and says on which line each command starts. The
/// interactive shell, piped input and scripts (`source`, `review run`) all read through it.
final class CommandReader {
    /// What reading produced.
    enum Event {
        /// A whole command and the line it starts on.
        case command(String, line: Int)
        /// A line that could not be read (bad bytes, too long); nothing from it is run.
        case problem(LineProblem, line: Int)
        /// Ctrl-C while typing; a partly typed command is dropped.
        case interrupted
        /// The end of the input, with the command left unfinished there, if any.
        case end(unfinished: (text: String, line: Int)?)
    }

    /// The lines, counted.
    let source: CountingLineSource
    private var pending: String?
    private var pendingLine = 0

    /// Reads from a counted source.
    init(_ source: CountingLineSource) { self.source = source }

    /// Whether a command is partly read (the next line continues it).
    var isContinuing: Bool { pending != nil }

    /// Reads lines until a whole command, a problem, an interrupt or the end.
    func next(prompt: @autoclosure () -> String, continuationPrompt: String) -> Event {
        while true {
            switch source.readLine(prompt: pending == nil ? prompt() : continuationPrompt) {
            case .endOfInput:
                defer { pending = nil }
                return .end(unfinished: pending.map { ($0, pendingLine) })
            case .interrupted:
                pending = nil
                return .interrupted
            case .line(let line):
                let number = source.lines
                if let problem = (source.base as? StreamLineSource)?.lastProblem {
                    pending = nil
                    return .problem(problem, line: number)
                }
                let text = pending.map { InputAssembler.join($0, line) } ?? line
                if pending == nil { pendingLine = number }
                if InputAssembler.needsContinuation(text) {
                    pending = text
                    continue
                }
                pending = nil
                guard Invocation(text) != nil else { continue }
                return .command(text, line: pendingLine)
            }
        }
    }
}

/// Passes lines through from another source, counting them, so every reader agrees on line numbers.
final class CountingLineSource: LineSource {
    let base: LineSource
    private(set) var lines = 0

    init(_ base: LineSource) { self.base = base }

    func readLine(prompt: String) -> LineInput {
        let input = base.readLine(prompt: prompt)
        if case .line = input { lines += 1 }
        return input
    }

    func addToHistory(_ entry: String) { base.addToHistory(entry) }
    var isInteractive: Bool { base.isInteractive }
}

/// Lines of an in-memory script.
final class ScriptLineSource: LineSource {
    private var lines: [Substring]
    private var index = 0

    init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    func readLine(prompt: String) -> LineInput {
        guard index < lines.count else { return .endOfInput }
        defer { index += 1 }
        return .line(String(lines[index]))
    }

    func addToHistory(_ entry: String) {}
    var isInteractive: Bool { false }
}
