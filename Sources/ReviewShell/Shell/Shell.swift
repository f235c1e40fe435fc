import Foundation
import ReviewKit

/// The interactive shell and the script runner: reads commands, runs them, renders results and errors.
///
/// Input comes from a `LineSource` and output goes to an `OutputSink`, so tests drive the same code
/// with scripted lines and a buffer. Commands see the shell only through `CommandContext`: its
/// `CommandOutput` and `CommandHost` sides are the few things they may ask of it.
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
    /// The folder of the script being run: relative file names in its commands resolve against it.
    var scriptFolder: String?
    /// What the scripts run so far did, for the closing summary (`scriptSummary`).
    var scriptTally = ScriptTally()
    /// Set when scripts nest too deep: every running script stops, whatever --keep-going says, so a script
    /// that sources itself twice cannot run 2^depth commands.
    var scriptsAbandoned = false
    /// Whether a progress line ("importing… 40%") is on the terminal, to be cleared before anything else is written.
    var progressLineOpen = false
    /// Ctrl-C for the running command: by default it follows the SIGINT latch; reset before each typed command.
    public let cancellation: CancellationToken

    /// Creates a shell; `cancellation` is what stops a running command (by default it follows Ctrl-C).
    public init(session: Session, input: LineSource, output: OutputSink, options: ShellOptions = ShellOptions(),
                commands: CommandRegistry = .standard, cancellation: CancellationToken = CancellationToken(linkedTo: { Interrupt.wasRequested })) {
        self.session = session
        self.cancellation = cancellation
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

    /// The format results are printed in: the command line's `--format` for the whole run (a `load` does not
    /// change it), else the session's `set format`.
    public var format: OutputFormat { options.format ?? session.settings.format }

    /// The renderer for the current settings.
    public var renderer: Renderer { Renderer(format: format, width: width, colour: usesColour) }

    /// Writes a diagnostic, adding the script location.
    public func report(_ diagnostic: Diagnostic) {
        closeProgressLine()
        if case .alreadyReported = diagnostic.kind {
            // Already printed where it happened (inside a sourced script).
            exitStatus = ScriptTally.moreSevere(exitStatus, diagnostic.exitCode)
            return
        }
        var d = diagnostic
        if d.isAboutProgram {
            // About the process, not a line of input: no location.
        } else if d.file == nil, let file = currentFile {
            d.file = file
            d.line = d.line ?? currentLine
        } else if d.file == nil, d.line == nil, let line = currentLine {
            d.line = line
        }
        if d.includedFrom.isEmpty && !d.isAboutProgram { d.includedFrom = Array(frames.dropLast().reversed()) }
        let renderer = DiagnosticRenderer(colour: usesColour && !options.jsonErrors, json: options.jsonErrors || format == .json)
        output.writeError(TerminalSafety.visible(renderer.render(d), onTerminal: options.errorIsTerminal, keepingColour: true))
        if d.severity == .error { exitStatus = ScriptTally.moreSevere(exitStatus, d.exitCode) }
    }

    /// Writes rendered result text, through the pager when it is taller than the terminal.
    func emit(_ text: String) {
        closeProgressLine()
        guard !text.isEmpty else { return }
        // Data cannot drive the terminal: control characters are shown visibly there (JSON escapes its own).
        let text = TerminalSafety.visible(text, onTerminal: options.outputIsTerminal && format != .json, keepingColour: true)
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
        if input.isInteractive && sourceDepth == 0 {
            // A Ctrl-C typed at the prompt is not about this command; in scripts a pending one stops the next.
            Interrupt.clear()
            cancellation.reset()
        }
        do throws(Diagnostic) {
            let result = try execute(invocation)
            // Machine formats keep standard output for data: acknowledgements and notes go to standard error.
            let (text, messages) = renderer.split(result)
            if !messages.isEmpty { closeProgressLine(); output.writeError(TerminalSafety.visible(messages, onTerminal: options.errorIsTerminal, keepingColour: true)) }
            emit(text)
            if let failure = output.writeFailure { throw Diagnostic.outputFailed(failure) }
            if record && sourceDepth == 0 { recordCell(commandText, result: result.notebookExcerpt) }
            return true
        } catch {
            report(error)
            if record && sourceDepth == 0 { recordCell(commandText, output: DiagnosticRenderer().render(error)) }
            // Output that cannot be written ends the run (as SIGPIPE would, but with a message and status 1).
            if output.writeFailure != nil { quitRequested = true }
            return false
        }
    }

    /// Runs a command and returns its result without printing it (tutorial steps, `expect`).
    public func execute(_ invocation: Invocation) throws(Diagnostic) -> CommandResult {
        guard let command = commands.command(named: invocation.name) else {
            let suggestions = EditDistance.nearest(to: invocation.name, in: commands.allNames)
            throw Diagnostic(.unknownCommand, .error, "unknown command '\(invocation.name)'", column: invocation.nameSpan.lowerBound + 1,
                             length: invocation.nameSpan.count, lineText: invocation.text,
                             notes: (suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"]) + ["type 'help' for the list of commands"])
        }
        let arguments = try ArgumentParser.parse(invocation, as: command.signature)
        if options.readOnly { try refuseWrites(command, arguments, invocation) }
        return try command.run(arguments, in: ReviewerView.context(context, for: command)).addingReviewerNotes(for: command, in: session)
    }

    /// What commands work with.
    var context: CommandContext {
        var context = CommandContext(session: session, output: self, files: FileResolver(workingDirectory: scriptFolder ?? options.workingDirectory), host: self, registry: commands)
        context.cancellation = cancellation
        return context
    }

    /// Records a cell: a result (rendered only if the notebook is exported) or, for a failure, the error text.
    private func recordCell(_ command: String, result: CommandResult? = nil, output: String = "") {
        let name = Invocation(command)?.name.lowercased() ?? ""
        // History commands themselves are not cells of the analysis.
        guard !["history", "quit", "exit"].contains(name) else { return }
        let number = (session.cells.last?.number ?? 0) + 1
        session.cells.append(result.map { Cell(number: number, command: command, result: $0) }
                             ?? Cell(number: number, command: command, output: output, failed: true))
    }

    // MARK: loops

    /// Reads commands until end of input or `quit`; in scripts, stops at the first failure unless keep-going.
    /// Returns the exit status.
    @discardableResult
    public func runLoop(file: String? = nil) -> Int32 {
        let interactive = input.isInteractive
        let reader = CommandReader(counted)
        while !quitRequested {
            switch reader.next(prompt: promptText, continuationPrompt: continuationPrompt) {
            case .end(let unfinished):
                if interactive && unfinished == nil && session.hasUnsavedChanges && !warnedAboutUnsavedChanges {
                    warnedAboutUnsavedChanges = true
                    output.write("\n" + Self.unsavedWarning + "\n")
                    continue
                }
                if let (text, line) = unfinished {
                    currentFile = file
                    currentLine = line
                    report(Diagnostic(.incompleteInput, .error, InputAssembler.hasUnclosedQuote(text) ? "the input ends inside a quoted string; add the closing quote" : "the input ends after a '\\' continuation",
                                      line: file == nil ? line : nil, lineText: nil))
                }
                return exitStatus
            case .interrupted:
                if !interactive { report(.interrupted); return exitStatus }
            case .problem(let problem, let line):
                // Bad bytes or an over-long line: say where, run nothing from it.
                currentFile = file
                currentLine = line
                report(Diagnostic(.unreadableInput, .error, problem.description.replacingOccurrencesOfLinePrefix + "; the line was not run", file: file, line: line))
                currentFile = nil
                currentLine = nil
                if !interactive && !options.keepGoing { return exitStatus }
            case .command(let text, let line):
                if interactive { input.addToHistory(text) }
                currentFile = file
                currentLine = interactive ? nil : line
                if !interactive || file != nil { frames = [Diagnostic.Frame(file: file ?? "<stdin>", line: line)] }
                let ok = run(text)
                if !interactive && stoppedByInterrupt(ok) { return exitStatus }
                currentFile = nil
                currentLine = nil
                if !ok && !interactive && !options.keepGoing { return exitStatus }
            }
        }
        return exitStatus
    }

    /// What `quit` and Ctrl-D say the first time while changes are unsaved.
    static let unsavedWarning = "there are unsaved changes: 'save FILE' keeps them; Ctrl-D or 'quit' again leaves without saving"

    /// The prompt: "review> ", with the current reviewer ("review(GT)> ", "review(GT blind)> ") and a star
    /// when there are unsaved changes.
    public var promptText: String {
        let settings = session.settings
        let who = settings.reviewer.map { "(\($0)\(settings.blind ? " blind" : ""))" } ?? ""
        return "review" + who + (session.hasUnsavedChanges ? "*> " : "> ")
    }
    /// The prompt for continuation lines.
    public var continuationPrompt: String { "   ...> " }

    /// Runs a script's lines as if typed, for `source` and `review run`; errors name file:line.
    public func runScript(_ text: String, file: String) -> Bool {
        let source = CountingLineSource(ScriptLineSource(text: text))
        let reader = CommandReader(source)
        let outerFile = currentFile, outerLine = currentLine, outerFrames = frames, outerInput = activeInput, outerFolder = scriptFolder
        activeInput = source
        // File names in the script are relative to the script's own folder, wherever review runs. `file` is
        // named as seen from the working directory (`source` names a nested script by its path from there).
        scriptFolder = FileResolver(workingDirectory: options.workingDirectory).url(file).deletingLastPathComponent().path
        defer { currentFile = outerFile; currentLine = outerLine; frames = outerFrames; activeInput = outerInput; scriptFolder = outerFolder }
        while !quitRequested {
            switch reader.next(prompt: "", continuationPrompt: "") {
            case .command(let text, let line):
                currentFile = file
                currentLine = line
                frames = outerFrames + [Diagnostic.Frame(file: file, line: line)]
                let failuresBefore = scriptTally.failures.count
                let ok = run(text)
                scriptTally.count(text, ok: ok, at: "\(file):\(line)", innerFailures: scriptTally.failures.count - failuresBefore)
                if stoppedByInterrupt(ok) { return false }
                if !ok && (!options.keepGoing || scriptsAbandoned) { return false }
            case .end(let unfinished):
                guard let (_, line) = unfinished else { return true }
                currentFile = file
                currentLine = line
                frames = outerFrames + [Diagnostic.Frame(file: file, line: line)]
                report(Diagnostic(.incompleteInput, .error, "the file ends inside a quoted string or after a '\\' continuation"))
                return false
            case .interrupted, .problem:
                return true
            }
        }
        return true
    }
}

extension Shell: CommandOutput {
    /// The process environment the shell was started with.
    public var environment: [String: String] { options.environment }

    /// Writes text at once (a quiz's turns), never through the pager.
    public func write(_ text: String) { output.write(TerminalSafety.visible(text, onTerminal: options.outputIsTerminal && format != .json, keepingColour: true)) }

    /// A result in the current format.
    public func render(_ result: CommandResult) -> String { renderer.render(result) }

    /// A progress callback that shows "label… N%" on the terminal once an operation has run for a second.
    public func progress(_ label: String) -> ((Double) -> Void)? {
        // Off a terminal there is no one to watch; with JSON errors, standard error must stay JSON.
        guard options.outputIsTerminal, input.isInteractive, !options.jsonErrors else { return nil }
        let start = Date()
        var shown = -1
        let output = self.output
        return { [weak self] fraction in
            guard Date().timeIntervalSince(start) > 1 else { return }
            let percent = Int(fraction * 100)
            guard percent != shown else { return }
            shown = percent
            output.writeError("\r\(label)… \(percent)%" + (percent >= 100 ? "\r\u{1B}[K" : ""))
            self?.progressLineOpen = percent < 100
        }
    }
}

extension Shell: CommandHost {
    /// Runs a sourced script: its commands belong to the `source` cell, not cells of their own.
    public func runSourced(_ text: String, file: String) -> Bool {
        sourceDepth += 1
        defer {
            sourceDepth -= 1
            // Back at the top: the runaway chain has unwound; the next top-level command runs normally.
            if sourceDepth == 0 { scriptsAbandoned = false }
        }
        return runScript(text, file: file)
    }

    /// Stops every running script (scripts nested too deep), even under --keep-going.
    public func abandonScripts() { scriptsAbandoned = true }

    /// The script being run and how deep scripts are nested.
    public var scriptLocation: (file: String?, depth: Int) { (currentFile, frames.count) }

    /// Reads an answer from the running script or the terminal, completing from `choices` meanwhile.
    public func ask(_ prompt: String, choices: [String]) -> LineInput {
        completionOverride = choices
        defer { completionOverride = nil }
        return activeInput.readLine(prompt: prompt)
    }

    /// Whether commands come from a person at a terminal.
    public var isInteractive: Bool { input.isInteractive }

    /// Stops the shell, unless unsaved changes should be mentioned first (the first time, at a terminal).
    public func requestQuit() -> String? {
        if session.hasUnsavedChanges && input.isInteractive && !warnedAboutUnsavedChanges {
            warnedAboutUnsavedChanges = true
            return Self.unsavedWarning
        }
        quitRequested = true
        return nil
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
