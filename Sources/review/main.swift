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

    static func exitStatus(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// Parses the command line; usage errors exit with status 2 (not ArgumentParser's 64), as docs/commands.md documents,
    /// and go through the one diagnostic renderer (JSON when `--format json` was asked for).
    static func main() {
        // The common forms (`-c CMD`, `--load`, `--format`…) start without building ArgumentParser's model.
        if let configuration = LaunchConfiguration(commonArguments: Array(CommandLine.arguments.dropFirst())) {
            exitStatus(Launcher.run(configuration))
        }
        do {
            var command = try parseAsRoot()
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

/// `review [-c CMD]…`: the shell, or one-off commands.
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the shell, or run -c commands and exit (the default).")

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a command and exit (repeatable).", valueName: "command"))
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
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run script files of review commands (scripting mode).")

    @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file"))
    var files: [String]

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one script file") }
    }

    func run() throws {
        var configuration = try common.configuration()
        configuration.scripts = files
        Review.exitStatus(Launcher.run(configuration))
    }
}
