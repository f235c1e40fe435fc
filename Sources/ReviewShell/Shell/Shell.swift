import ReviewKit

/// The interactive shell and the script runner: reads commands, runs them, renders results and errors.
///
/// Input comes from a `LineSource` and output goes to an `OutputSink`, so tests drive the same code
/// with scripted lines and a buffer.
public final class Shell {
    /// The session the commands work on.
    public let session: Session
    /// Where commands come from (interactive mode and commands that ask questions, like `quiz`).
    public let input: LineSource
    /// Where results and errors go.
    public let output: OutputSink
    /// How the shell was started.
    public var options: ShellOptions
    /// The worst exit status so far: 0 success, 1 a command failed, 3 an expect failed.
    public private(set) var exitStatus: Int32 = 0
    /// Set by `quit`.
    public internal(set) var quitRequested = false
    /// Whether the reviewer has been told, on `quit` or Ctrl-D, that changes are unsaved (the next one leaves).
    var warnedAboutUnsavedChanges = false
    /// The file and line chain of scripts being run (for `source` nesting and error locations).
    var frames: [Diagnostic.Frame] = []
    /// The file currently being run, if any.
    var currentFile: String?
    /// The line of the current command in `currentFile`.
    var currentLine: Int?
    /// The registry of commands.
    public let commands: CommandRegistry
    /// Where a command that asks questions (`quiz`) reads its answers: the script being run, or `input`.
    var activeInput: LineSource
    /// Completions to offer instead of the command language (the quiz's choices while it asks).
    var completionOverride: [String]?
    /// How many `source` commands are running: their commands are part of the `source` cell, not cells of their own.
    var sourceDepth = 0

    /// Creates a shell.
    public init(session: Session, input: LineSource, output: OutputSink, options: ShellOptions = ShellOptions(),
                commands: CommandRegistry = .standard) {
        self.session = session
        self.input = input
        self.output = output
        self.options = options
        self.commands = commands
        let counted = CountingLineSource(input)
        self.counted = counted
        activeInput = counted
    }

    /// The main input, counting the lines read from it (by the loop and by commands such as `quiz`).
    private let counted: CountingLineSource

    // MARK: rendering

    /// Whether colour is used: on a terminal, without NO_COLOR, unless `set colour` says otherwise.
    public var usesColour: Bool {
        if let forced = session.settings.colour { return forced }
        return options.outputIsTerminal && options.environment["NO_COLOR"] == nil
    }

    /// The width tables must fit.
    public var width: Int {
        if let width = session.settings.width { return width }
        if options.outputIsTerminal, let size = Terminal.size() { return size.columns }
        return 100
    }

    /// The renderer for the current settings.
    public var renderer: Renderer { Renderer(format: session.settings.format, width: width, colour: usesColour) }

    /// Writes a diagnostic, adding the script location.
    public func report(_ diagnostic: Diagnostic) {
        guard !diagnostic.message.isEmpty else {
            // Already printed where it happened (inside a sourced script).
            exitStatus = max(exitStatus, diagnostic.exitCode)
            return
        }
        var d = diagnostic
        if d.file == nil, let file = currentFile {
            d.file = file
            d.line = d.line ?? currentLine
        } else if d.file == nil, d.line == nil, let line = currentLine {
            d.line = line
        }
        if d.includedFrom.isEmpty { d.includedFrom = Array(frames.dropLast().reversed()) }
        let renderer = DiagnosticRenderer(colour: usesColour && !options.jsonErrors, json: options.jsonErrors || session.settings.format == .json)
        output.writeError(renderer.render(d))
        if d.severity == .error { exitStatus = max(exitStatus, d.exitCode) }
    }

    /// Writes rendered result text, through the pager when it is taller than the terminal.
    func emit(_ text: String) {
        guard !text.isEmpty else { return }
        if options.outputIsTerminal, input.isInteractive, session.settings.pager, let size = Terminal.size(),
           text.reduce(0, { $0 + ($1 == "\n" ? 1 : 0) }) >= size.rows - 1,
           Terminal.page(text, environment: options.environment) {
            return
        }
        output.write(text)
    }

    // MARK: running commands

    /// Runs one whole command (possibly several lines) and records it as a notebook cell; returns whether it succeeded.
    @discardableResult
    public func run(_ commandText: String, record: Bool = true) -> Bool {
        guard let invocation = Invocation(commandText) else { return true }
        Interrupt.clear()
        do {
            let result = try execute(invocation)
            let text = renderer.render(result)
            emit(text)
            if record && sourceDepth == 0 { recordCell(commandText, output: Renderer(format: .table, width: 100).render(result.notebookExcerpt), failed: false) }
            return true
        } catch {
            report(error)
            if record && sourceDepth == 0 { recordCell(commandText, output: DiagnosticRenderer().render(error), failed: true) }
            return false
        }
    }

    /// Runs a command and returns its result without printing it (tutorial steps, `expect`).
    public func execute(_ invocation: Invocation) throws(Diagnostic) -> CommandResult {
        guard let spec = commands.command(named: invocation.name) else {
            let suggestions = EditDistance.nearest(to: invocation.name, in: commands.allNames)
            throw Diagnostic(.error, "unknown command '\(invocation.name)'", column: invocation.nameSpan.lowerBound + 1,
                             length: invocation.nameSpan.count, lineText: invocation.text,
                             notes: (suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"]) + ["type 'help' for the list of commands"])
        }
        return try spec.run(invocation, self)
    }

    private func recordCell(_ command: String, output: String, failed: Bool) {
        let name = Invocation(command)?.name.lowercased() ?? ""
        // History commands themselves are not cells of the analysis.
        guard !["history", "quit", "exit"].contains(name) else { return }
        session.cells.append(Cell(number: (session.cells.last?.number ?? 0) + 1, command: command, output: output, failed: failed))
    }

    // MARK: loops

    /// Reads commands until end of input or `quit`; in scripts, stops at the first failure unless keep-going.
    /// Returns the exit status.
    @discardableResult
    public func runLoop(file: String? = nil) -> Int32 {
        let interactive = input.isInteractive
        var pending: String?
        var pendingLine = 0
        while !quitRequested {
            let prompt = pending == nil ? promptText : continuationPrompt
            let read = counted.readLine(prompt: prompt)
            let lineNumber = counted.lines
            switch read {
            case .endOfInput:
                if interactive && pending == nil && session.hasUnsavedChanges && !warnedAboutUnsavedChanges {
                    warnedAboutUnsavedChanges = true
                    output.write("\n" + Self.unsavedWarning + "\n")
                    continue
                }
                if let text = pending {
                    currentFile = file
                    currentLine = pendingLine
                    report(Diagnostic(.error, InputAssembler.hasUnclosedQuote(text) ? "the input ends inside a quoted string; add the closing quote" : "the input ends after a '\\' continuation",
                                      line: file == nil ? pendingLine : nil, lineText: nil))
                }
                return exitStatus
            case .interrupted:
                pending = nil
                if !interactive { return exitStatus }
                continue
            case .line(let line):
                if let stream = input as? StreamLineSource, let problem = stream.lastProblem {
                    // Bad bytes or an over-long line: say where, run nothing from it.
                    currentFile = file
                    currentLine = lineNumber
                    report(Diagnostic(.error, problem.description.replacingOccurrencesOfLinePrefix + "; the line was not run", file: file, line: lineNumber))
                    pending = nil
                    currentFile = nil
                    currentLine = nil
                    if !interactive && !options.keepGoing { return exitStatus }
                    continue
                }
                let text = pending.map { InputAssembler.join($0, line) } ?? line
                if pending == nil { pendingLine = lineNumber }
                if InputAssembler.needsContinuation(text) {
                    pending = text
                    continue
                }
                pending = nil
                guard Invocation(text) != nil else { continue }
                if interactive { input.addToHistory(text) }
                currentFile = file
                currentLine = interactive ? nil : pendingLine
                if !interactive || file != nil { frames = [Diagnostic.Frame(file: file ?? "<stdin>", line: pendingLine)] }
                let ok = run(text)
                currentFile = nil
                currentLine = nil
                if !ok && !interactive && !options.keepGoing { return exitStatus }
            }
        }
        return exitStatus
    }

    /// What `quit` and Ctrl-D say the first time while changes are unsaved.
    static let unsavedWarning = "there are unsaved changes: 'save FILE' keeps them; Ctrl-D or 'quit' again leaves without saving"

    /// The prompt: "review> ", with a star when there are unsaved changes.
    public var promptText: String { session.hasUnsavedChanges ? "review*> " : "review> " }
    /// The prompt for continuation lines.
    public var continuationPrompt: String { "   ...> " }

    /// Runs a script's lines as if typed, for `source` and `review run`; errors name file:line.
    public func runScript(_ text: String, file: String) -> Bool {
        let source = CountingLineSource(ScriptLineSource(text: text))
        let outerFile = currentFile, outerLine = currentLine, outerFrames = frames, outerInput = activeInput
        activeInput = source
        defer { currentFile = outerFile; currentLine = outerLine; frames = outerFrames; activeInput = outerInput }
        var pending: String?
        var pendingLine = 0
        while !quitRequested {
            guard case .line(let line) = source.readLine(prompt: "") else { break }
            let lineNumber = source.lines
            let text = pending.map { InputAssembler.join($0, line) } ?? line
            if pending == nil { pendingLine = lineNumber }
            if InputAssembler.needsContinuation(text) { pending = text; continue }
            pending = nil
            guard Invocation(text) != nil else { continue }
            currentFile = file
            currentLine = pendingLine
            frames = outerFrames + [Diagnostic.Frame(file: file, line: pendingLine)]
            if !run(text) && !options.keepGoing { return false }
        }
        if pending != nil {
            currentFile = file
            currentLine = pendingLine
            frames = outerFrames + [Diagnostic.Frame(file: file, line: pendingLine)]
            report(Diagnostic(.error, "the file ends inside a quoted string or after a '\\' continuation"))
            return false
        }
        return true
    }
}

extension CommandResult {
    /// What a notebook cell keeps of a result: long tables are cut to their first 200 rows, so a
    /// million-row listing is not rendered a second time in full just for the notebook.
    var notebookExcerpt: CommandResult {
        switch self {
        case .table(var table) where table.rows.count > 200:
            let total = table.rows.count
            table.rows = Array(table.rows.prefix(200))
            table.footnotes.insert("(first 200 of \(total) rows kept in the notebook)", at: 0)
            return .table(table)
        case .sequence(let items): return .sequence(items.map(\.notebookExcerpt))
        default: return self
        }
    }
}

extension String {
    /// "line 3: invalid UTF-8 …" → "invalid UTF-8 …" (the diagnostic carries the line itself).
    var replacingOccurrencesOfLinePrefix: String {
        guard hasPrefix("line "), let colon = firstIndex(of: ":") else { return self }
        return String(self[index(after: colon)...]).trimmingSpaces
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
