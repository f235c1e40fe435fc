import ArgumentParser
import ReviewShell
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every mode shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, tsv, json or markdown.")
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Start on a saved snapshot instead of the embedded review.", valueName: "snapshot"))
    var load: String?

    @Option(name: .long, help: ArgumentHelp("Code and appraise as this reviewer (shown in the prompt).", valueName: "initials"))
    var reviewer: String?

    @Flag(name: .long, help: "Start with no review loaded.")
    var empty = false

    @Flag(name: .long, help: "Keep running a script's commands after one fails.")
    var keepGoing = false

    @Flag(name: .long, help: "Recover unsaved work left by a session that ended abruptly, without asking.")
    var recover = false

    func configuration() throws -> LaunchConfiguration {
        var configuration = LaunchConfiguration()
        if let format {
            guard let parsed = OutputFormat(rawValue: format.lowercased()) else {
                throw ValidationError("unknown format '\(format)'; expected one of: table, csv, tsv, json, markdown")
            }
            configuration.format = parsed
        }
        if empty && load != nil { throw ValidationError("--empty and --load cannot be used together") }
        configuration.snapshot = load
        configuration.empty = empty
        configuration.keepGoing = keepGoing
        configuration.recover = recover
        configuration.reviewer = reviewer
        return configuration
    }
}

@main
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "A line-editing research notebook shell for qualitative evidence synthesis (COM-B, TDF, CASP).",
        discussion: """
        With no arguments on a terminal, starts the interactive shell on the embedded review (Shaw et al. 2025). \
        Input that is not a terminal is read as a script, one command per line.
        Exit status: 0 success, 1 a command failed, 2 usage error, 3 an expect failed.
        """,
        version: ReviewVersion.current,
        subcommands: [Start.self, Run.self],
        defaultSubcommand: Start.self
    )

    /// Ends the process. The shell writes straight to the file descriptors, and stdio is flushed for anything printed;
    /// `_exit` then skips the loaded libraries' destructors (ICU's, Foundation's), which only tidy memory the process
    /// is about to give back: a tenth of a millisecond of every `review -c`.
    static func exitStatus(_ status: Int32) -> Never {
        fflush(nil)
        #if canImport(Glibc)
        Glibc._exit(status)
        #else
        Darwin._exit(status)
        #endif
    }

    /// Parses the command line; usage errors exit with status 2 (not ArgumentParser's 64), as docs/commands.md documents,
    /// and go through the one diagnostic renderer (JSON when `--format json` was asked for).
    static func main() {
        // A failed write to a closed pipe is an error the shell reports (EPIPE, exit 1), not a silent kill.
        signal(SIGPIPE, SIG_IGN)
        // Not `Array(dropFirst())`: its first use instantiates slice types at run time. A process may be started
        // with no arguments at all, not even its name.
        var arguments = CommandLine.arguments
        if !arguments.isEmpty { arguments.removeFirst() }
        // The common forms (`-c CMD`, `--load`, `--format`…) start without building ArgumentParser's model, and so
        // does `--version`, which editors and scripts ask before anything else (ArgumentParser prints the same line).
        if arguments == ["--version"] {
            let output = StandardOutput()
            output.write(ReviewVersion.current + "\n")
            exitStatus(output.writeFailure == nil ? 0 : 1)
        }
        if let configuration = LaunchConfiguration(commonArguments: arguments) {
            exitStatus(Launcher.run(configuration))
        }
        do {
            var command = try parseAsRoot(commandValuesKept(arguments))
            try command.run()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            let message = self.message(for: error)
            let usage = "usage: review [-c COMMAND]… [--format F] [--load SNAPSHOT] [--empty] | review run FILE… (see review --help)"
            let diagnostic = Diagnostic.program(.usage, .error, message.prefix(1).lowercased() + message.dropFirst(), notes: [usage])
            StandardOutput().writeError(DiagnosticRenderer(json: asksForJSON(CommandLine.arguments)).render(diagnostic))
            exitStatus(diagnostic.exitCode)
        }
    }

    /// Whether the command line asks for JSON output (`--format json` or `--format=json`), read before parsing.
    static func asksForJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1.lowercased() == "json" }
            || arguments.contains { $0.lowercased() == "--format=json" }
    }
}

/// The arguments with each `-c VALUE` written `--command=VALUE`, so a command that starts with '-' (`-c '-2+3'`)
/// is the option's value, not taken for an option itself.
func commandValuesKept(_ arguments: [String]) -> [String] {
    var out: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--" {
            out += arguments[index...]
            break
        }
        if argument == "-c", index + 1 < arguments.count {
            out.append("--command=" + arguments[index + 1])
            index += 2
            continue
        }
        out.append(argument)
        index += 1
    }
    return out
}

/// `review [-c CMD]…`: the shell, or one-off commands.
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the shell, or run -c commands and exit (the default).")

    @Option(name: [.customShort("c"), .customLong("command")], help: ArgumentHelp("Run a command and exit (repeatable).", valueName: "command"))
    var commands: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        var configuration = try common.configuration()
        configuration.commands = commands
        Review.exitStatus(Launcher.run(configuration))
    }
}

/// `review run FILE…`: scripting mode.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run script files of review commands (scripting mode).",
        discussion: """
        A script is code: it may save, export or write any file its author chose. To replay a script you did not \
        write, first list what it would write with --dry-run (nothing runs), or run it with --read-only (every \
        command that would write a file is refused, and no crash-recovery journal is kept).
        """)

    @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file"))
    var files: [String]

    @Flag(name: .long, help: "Write no files at all: commands that would write one (save, export, history save, notebook export, figure, report) are refused.")
    var readOnly = false

    @Flag(name: .long, help: "List the files the scripts (and the scripts they source) would write, then stop; nothing is run.")
    var dryRun = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one script file") }
    }

    func run() throws {
        var configuration = try common.configuration()
        configuration.scripts = files
        configuration.readOnly = readOnly
        configuration.dryRun = dryRun
        Review.exitStatus(Launcher.run(configuration))
    }
}
