import ReviewKit

/// A located problem with what the user typed or gave: what went wrong, where, and what was expected.
public struct Diagnostic: Error, Sendable, Equatable {
    /// How bad it is.
    public enum Severity: String, Sendable { case error, warning, note }

    /// One place in a chain of files (`source` nesting): file and line.
    public struct Frame: Sendable, Equatable {
        /// The file.
        public var file: String
        /// The 1-based line.
        public var line: Int
    }

    /// Error, warning or note.
    public var severity: Severity
    /// The lowercase message.
    public var message: String
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
    /// The exit code this diagnostic stands for (1 failed command, 2 usage, 3 expect).
    public var exitCode: Int32

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                length: Int = 1, lineText: String? = nil, notes: [String] = [], includedFrom: [Frame] = [], exitCode: Int32 = 1) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.lineText = lineText
        self.notes = notes
        self.includedFrom = includedFrom
        self.exitCode = exitCode
    }

    /// A diagnostic for an engine error in a command line, placing the caret at the error's span.
    public init(_ error: ReviewError, commandText: String) {
        self.init(.error, error.message, notes: error.notes)
        if let span = error.span {
            column = span.lowerBound + 1
            length = max(1, span.count)
            lineText = commandText
        }
    }

    /// A diagnostic for a file error (snapshot, CSV).
    public init(_ error: FileError) {
        self.init(.error, error.message, file: error.path, line: error.line, column: error.column, lineText: error.lineText)
    }
}
