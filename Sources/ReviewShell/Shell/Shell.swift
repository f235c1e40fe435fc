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
    /// The file and line chain of scripts being run (for `source` nesting and error locations).
    var frames: [Diagnostic.Frame] = []
    /// The file currently being run, if any.
    var currentFile: String?
    /// The line of the current command in `currentFile`.
    var currentLine: Int?
    /// The registry of commands.
    public let commands: CommandRegistry

    /// Creates a shell.
    public init(session: Session, input: LineSource, output: OutputSink, options: ShellOptions = ShellOptions(),
                commands: CommandRegistry = .standard) {
        self.session = session
        self.input = input
        self.output = output
        self.options = options
        self.commands = commands
    }

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
            if record { recordCell(commandText, output: Renderer(format: .table, width: 100).render(result), failed: false) }
            return true
        } catch {
            report(error)
            if record { recordCell(commandText, output: DiagnosticRenderer().render(error), failed: true) }
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
        var lineNumber = 0
        var pending: String?
        var pendingLine = 0
        while !quitRequested {
            let prompt = pending == nil ? promptText : continuationPrompt
            switch input.readLine(prompt: prompt) {
            case .endOfInput:
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
                lineNumber += 1
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

    /// The prompt: "review> ", with a star when there are unsaved changes.
    public var promptText: String { session.hasUnsavedChanges ? "review*> " : "review> " }
    /// The prompt for continuation lines.
    public var continuationPrompt: String { "   ...> " }

    /// Runs a script's lines as if typed, for `source` and `review run`; errors name file:line.
    public func runScript(_ text: String, file: String) -> Bool {
        let source = ScriptLineSource(text: text)
        let outerFile = currentFile, outerLine = currentLine, outerFrames = frames
        defer { currentFile = outerFile; currentLine = outerLine; frames = outerFrames }
        var lineNumber = 0
        var pending: String?
        var pendingLine = 0
        while !quitRequested {
            guard case .line(let line) = source.readLine(prompt: "") else { break }
            lineNumber += 1
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
