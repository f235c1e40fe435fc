import ReviewKit

/// A located problem with what the user typed or gave, as data: what kind of problem (with a stable
/// identifier), how bad, where (file, line, column and extent), the message, and notes.
///
/// Code that reacts to a problem matches `kind`, never the message; `DiagnosticRenderer` is the one place
/// diagnostics become text or JSON.
public struct Diagnostic: Error, Sendable, Equatable {
    /// How bad it is.
    public enum Severity: String, Sendable { case error, warning, note }

    /// The kinds of problem; `identifier` names each stably ("unknown-option", "query.unknown-field").
    public enum Kind: Sendable, Equatable {
        /// A command word the shell does not know.
        case unknownCommand
        /// A required argument is missing.
        case missingArgument
        /// An argument beyond those the command takes.
        case unexpectedArgument
        /// A `key=value` option the command does not take.
        case unknownOption
        /// An option given twice.
        case repeatedOption
        /// A sub-command word the command does not have.
        case unknownSubcommand
        /// An argument the command cannot use (a bad number, an unknown table, a record that does not exist).
        case invalidArgument
        /// The input ends inside a quoted string or after a continuation backslash.
        case incompleteInput
        /// A line that could not be read (invalid UTF-8, too long, a read error).
        case unreadableInput
        /// A file that cannot be read, parsed or written.
        case file
        /// An `expect` whose assertion does not hold (exit status 3).
        case expectFailed
        /// The review engine's refusal, by its own kind (a query, a change, a setting).
        case review(ReviewError.Kind)
        /// About the crash-recovery journal: work recovered or kept, a journal that cannot be opened.
        case journal
        /// The command history file cannot be read or written (history is then kept in memory only).
        case history
        /// What an import or export could not carry over, left out or read differently (listed, never dropped silently).
        case interchange
        /// Changes left unsaved when the shell ends.
        case unsavedChanges
        /// A command line `review` cannot start with (exit status 2).
        case usage
        /// A failure already reported where it happened (a failed command inside `source`), carrying its status.
        case alreadyReported(status: Int32)
        /// The command stopped at Ctrl-C and changed nothing (exit status 130, as for a program stopped by SIGINT).
        case interrupted

        /// The stable identifier.
        public var identifier: String {
            switch self {
            case .unknownCommand: "unknown-command"
            case .missingArgument: "missing-argument"
            case .unexpectedArgument: "unexpected-argument"
            case .unknownOption: "unknown-option"
            case .repeatedOption: "repeated-option"
            case .unknownSubcommand: "unknown-subcommand"
            case .invalidArgument: "invalid-argument"
            case .incompleteInput: "incomplete-input"
            case .unreadableInput: "unreadable-input"
            case .file: "file"
            case .expectFailed: "expect-failed"
            case .review(let kind): "review." + kind.rawValue
            case .journal: "journal"
            case .history: "history"
            case .interchange: "interchange"
            case .unsavedChanges: "unsaved-changes"
            case .usage: "usage"
            case .alreadyReported: "already-reported"
            case .interrupted: "interrupted"
            }
        }

        /// The exit status an error of this kind stands for: 2 a usage error, 3 a failed expect, else 1.
        var exitCode: Int32 {
            switch self {
            case .usage: 2
            case .expectFailed: 3
            case .alreadyReported(let status): max(1, status)
            case .interrupted: 130
            default: 1
            }
        }
    }

    /// One place in a chain of files (`source` nesting): file and line.
    public struct Frame: Sendable, Equatable {
        /// The file.
        public var file: String
        /// The 1-based line.
        public var line: Int
    }

    /// What kind of problem.
    public var kind: Kind
    /// Error, warning or note.
    public var severity: Severity
    /// The lowercase message.
    public var message: String
    /// Whether it is about the `review` process itself rather than a line of input (shown "review: …").
    public var isAboutProgram = false
    /// The file (nil for interactive input and -c commands).
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column in Characters, when known.
    public var column: Int?
    /// How many Characters the caret should underline.
    public var length: Int
    /// The text of the line, for the caret.
    public var lineText: String?
    /// Further lines: suggestions, valid values.
    public var notes: [String]
    /// Outer files that `source`d this one, innermost first.
    public var includedFrom: [Frame]

    /// Creates a diagnostic.
    public init(_ kind: Kind, _ severity: Severity = .error, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                length: Int = 1, lineText: String? = nil, notes: [String] = [], includedFrom: [Frame] = []) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.lineText = lineText
        self.notes = notes
        self.includedFrom = includedFrom
    }

    /// A note or warning about the `review` process itself (journal recovery, unsaved changes on exit).
    public static func program(_ kind: Kind, _ severity: Severity, _ message: String, notes: [String] = []) -> Diagnostic {
        var diagnostic = Diagnostic(kind, severity, message, notes: notes)
        diagnostic.isAboutProgram = true
        return diagnostic
    }

    /// A failure whose message has already been printed (a failed command inside `source`).
    static func alreadyReported(_ status: Int32) -> Diagnostic { Diagnostic(.alreadyReported(status: status), .error, "") }

    /// The exit status it stands for: 0 for warnings and notes.
    public var exitCode: Int32 { severity == .error ? kind.exitCode : 0 }

    /// The diagnostic for a command that stopped at Ctrl-C: just "interrupted", like psql's cancel.
    public static let interrupted = Diagnostic(.interrupted, .error, "interrupted")

    /// A diagnostic for an engine error in a command line, placing the caret at the error's span.
    public init(_ error: ReviewError, commandText: String) {
        if error.kind == .interrupted {
            self = .interrupted
            return
        }
        self.init(.review(error.kind), .error, error.message, notes: error.notes)
        if let span = error.span {
            column = span.lowerBound + 1
            length = max(1, span.count)
            lineText = commandText
        }
    }

    /// A diagnostic for a file error (snapshot, CSV).
    public init(_ error: FileError) {
        if error.isInterruption {
            self = .interrupted
            return
        }
        self.init(.file, .error, error.message, file: error.path, line: error.line, column: error.column, lineText: error.lineText)
    }
}
