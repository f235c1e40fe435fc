import Foundation
import ReviewKit

/// How `review` was asked to start (the executable fills this from its command line).
public struct LaunchConfiguration: Sendable {
    /// `-c` commands, run in order.
    public var commands: [String] = []
    /// `review run` script files, run in order.
    public var scripts: [String] = []
    /// `--format`.
    public var format: OutputFormat?
    /// `--load SNAPSHOT`.
    public var snapshot: String?
    /// `--empty`: start with no review loaded.
    public var empty = false
    /// `--reviewer INITIALS`: the current reviewer from the start.
    public var reviewer: String?
    /// `--keep-going`: scripts continue after an error.
    public var keepGoing = false
    /// `review run --read-only`: no file is written (commands that would write are refused; no journal).
    public var readOnly = false
    /// `review run --dry-run`: list the files the scripts would write, run nothing.
    public var dryRun = false
    /// `--recover`: replay unsaved work left by a session that ended abruptly, without asking.
    public var recover = false
    /// The process environment.
    public var environment: [String: String] = ProcessEnvironment.current()

    /// Creates a configuration.
    public init() {}
}

/// Starts the shell in the mode the configuration asks for and returns the exit status.
public enum Launcher {
    /// Runs `review`: commands, scripts, piped input or the interactive shell. Returns the exit status.
    public static func run(_ configuration: LaunchConfiguration) -> Int32 {
        // From here on Ctrl-C stops the running command (which prints "interrupted") rather than killing the process.
        Interrupt.install()
        let output = StandardOutput()
        var options = ShellOptions()
        options.keepGoing = configuration.keepGoing
        options.environment = configuration.environment
        options.outputIsTerminal = Terminal.isTerminal(1)
        options.errorIsTerminal = Terminal.isTerminal(2)
        options.jsonErrors = configuration.format == .json
        options.format = configuration.format
        options.readOnly = configuration.readOnly
        let errors = DiagnosticRenderer(colour: Terminal.isTerminal(2) && configuration.environment["NO_COLOR"] == nil, json: options.jsonErrors)

        // The workspace: embedded, empty or a snapshot.
        let session: Session
        do {
            session = try startingSession(configuration)
        } catch {
            output.writeError(errors.render(error))
            return 1
        }
        if let reviewer = configuration.reviewer {
            do throws(ReviewError) { try session.settings.set("reviewer", to: reviewer) } catch {
                output.writeError(errors.render(Diagnostic(.review(error.kind), .error, "--reviewer: " + error.message)))
                return 2
            }
        }

        let interactive = configuration.commands.isEmpty && configuration.scripts.isEmpty && Terminal.isTerminal(0)
        let input: LineSource
        if interactive {
            do {
                let editor = try LineEditor(historyURL: LineEditor.defaultHistoryURL(environment: configuration.environment))
                input = editor
            } catch {
                if case .libraryUnavailable(let message) = error as? LineEditorError {
                    output.writeError("note: \(message); reading lines without editing\n")
                }
                input = StreamLineSource()
            }
        } else {
            input = StreamLineSource()
        }
        let shell = Shell(session: session, input: input, output: output, options: options)
        if let editor = input as? LineEditor {
            let completer = ShellCompleter(shell: shell)
            editor.completer = { completer.complete($0) }
        }
        if configuration.dryRun { return dryRun(configuration, shell: shell) }
        // A read-only run writes nothing, not even a journal (and so recovers nothing either).
        let recovery = configuration.readOnly ? nil : JournalKeeper(shell: shell, configuration: configuration, interactive: interactive)
        recovery?.start()
        defer { recovery?.finish() }

        if !configuration.commands.isEmpty {
            for command in configuration.commands {
                let ok = shell.run(command)
                if shell.stoppedByInterrupt(ok) { break }
                if !ok && !configuration.keepGoing { break }
                if shell.quitRequested { break }
            }
            return shell.exitStatus
        }
        if !configuration.scripts.isEmpty {
            for path in configuration.scripts {
                let invocation = Invocation("source " + path)!
                do {
                    let text = try FileResolver(workingDirectory: options.workingDirectory).readScript(path, named: 7..<(7 + path.count), in: invocation)
                    // `review run -` reads the script from standard input.
                    if !shell.runScript(text, file: path == "-" ? "<stdin>" : path) && (!configuration.keepGoing || shell.cancellation.isCancelled) { break }
                } catch {
                    var error = error
                    error.lineText = nil
                    error.column = nil
                    error.file = error.file ?? path
                    shell.report(error)
                    if !configuration.keepGoing { break }
                }
                if shell.quitRequested { break }
            }
            output.writeError(shell.scriptTally.summary + "\n")
            return shell.exitStatus
        }
        if interactive {
            output.write(banner(session) + "\n")
            let editor = input as? LineEditor
            if let problem = editor?.historyProblem { shell.report(.program(.history, .warning, problem.description)) }
            let status = shell.runLoop()
            if let problem = editor?.historyProblem, case .saveFailed = problem { shell.report(.program(.history, .warning, problem.description)) }
            if !shell.quitRequested { output.write("\n") }
            if session.hasUnsavedChanges { shell.report(.program(.unsavedChanges, .note, "left without saving the changes")) }
            return status
        }
        return shell.runLoop(file: "<stdin>")
    }

    /// `review run --dry-run`: lists what the scripts would write; runs nothing. Exit 1 when a script cannot be read.
    static func dryRun(_ configuration: LaunchConfiguration, shell: Shell) -> Int32 {
        let files = FileResolver(workingDirectory: shell.options.workingDirectory)
        let preview = ScriptPreview(commands: shell.commands, files: files, session: shell.session)
        var writes: [ScriptPreview.Write] = [], problems: [String] = []
        for path in configuration.scripts {
            do throws(Diagnostic) {
                let text = try files.readScript(path, named: 7..<(7 + path.count), in: Invocation("source " + path)!)
                let found = preview.writes(in: text, file: path)
                writes += found.writes
                problems += found.problems
            } catch {
                var error = error
                error.lineText = nil
                error.column = nil
                error.file = error.file ?? path
                shell.report(error)
                return 1
            }
        }
        shell.output.write(ScriptPreview.report(writes, problems: problems, scripts: configuration.scripts))
        if let failure = shell.output.writeFailure {
            shell.report(.outputFailed(failure))
            return 1
        }
        return 0
    }

    /// The session the shell starts on.
    static func startingSession(_ configuration: LaunchConfiguration) throws(Diagnostic) -> Session {
        if configuration.empty {
            let session = Session(workspace: Workspace(), source: "an empty workspace")
            session.savedBase = .empty
            return session
        }
        if let path = configuration.snapshot {
            // `--load -` reads the snapshot from standard input.
            let url = path == "-" ? URL(fileURLWithPath: "/dev/stdin") : URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
            let loaded: (snapshot: Snapshot, info: SnapshotFile.Info)
            do throws(FileError) {
                // Large snapshots load their quotes from a binary cache beside the user's other caches (SnapshotCache).
                let cached = try SnapshotCache.load(from: url, cacheDirectory: SnapshotCache.defaultDirectory(environment: configuration.environment))
                loaded = (cached.snapshot, cached.info)
            } catch {
                var error = error
                error.path = path
                throw Diagnostic(error)
            }
            let session = Session(workspace: loaded.snapshot.workspace, source: path)
            do throws(FileError) {
                try session.restore(loaded.snapshot, path: path)
            } catch {
                var error = error
                error.path = path
                throw Diagnostic(error)
            }
            session.savedBase = .file(url, info: loaded.info)
            return session
        }
        do {
            let snapshot = try EmbeddedReview.load()
            return Session(workspace: snapshot.workspace, source: EmbeddedReview.shortName)
        } catch {
            throw Diagnostic(error)
        }
    }

    /// The one-line banner: what is loaded and where to start.
    public static func banner(_ session: Session) -> String {
        let w = session.workspace
        return "review \(ReviewVersion.current) — \(session.sourceDescription): \(w.studies.count) studies, \(w.quotes.count) coded quotes. 'help' for commands, 'tutorial' for a lesson."
    }
}

/// The version of `review`.
public enum ReviewVersion {
    /// The version string (`review --version`).
    public static let current = "0.1.0"
}
