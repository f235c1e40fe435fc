/// A problem in a file a reviewer gave the tool (snapshot, CSV, script): where it is and what was expected.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as the reviewer named it (nil for embedded data or standard input).
    public var path: String?
    /// 1-based line (or CSV row), when known.
    public var line: Int?
    /// 1-based column in Characters, when known.
    public var column: Int?
    /// The message, lowercase.
    public var message: String
    /// The offending line's text, for a caret under `column`.
    public var lineText: String?
    /// Whether reading or writing stopped because it was asked to (Ctrl-C), not because of the file.
    public var isInterruption = false

    /// Creates a located error.
    public init(path: String? = nil, line: Int? = nil, column: Int? = nil, message: String, lineText: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.lineText = lineText
    }

    /// The error for work on a file that stopped at a cancel (``Interrupted``): nothing was read in or written.
    public init(_ interruption: Interrupted, path: String? = nil) {
        self.init(path: path, message: interruption.description)
        isInterruption = true
    }

    /// "file:line:column: message".
    public var description: String {
        var location = path ?? "<input>"
        if let line { location += ":\(line)" }
        if let line = line, column != nil, line > 0 { location += ":\(column!)" }
        return "\(location): \(message)"
    }
}
