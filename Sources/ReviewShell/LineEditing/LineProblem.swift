/// Something wrong with the most recent line a `StreamLineSource` returned.
public enum LineProblem: Sendable, Equatable, CustomStringConvertible {
    /// The line was not valid UTF-8; invalid bytes were replaced with U+FFFD.
    case invalidUTF8(lineNumber: Int)
    /// The line was longer than `limit` bytes; its content was dropped and `.line("")` returned.
    case tooLong(lineNumber: Int, limit: Int)
    /// Reading failed with `errno`; the source reported `.endOfInput`.
    case readFailed(errno: Int32)

    /// A one-line, user-facing description.
    public var description: String {
        switch self {
        case let .invalidUTF8(lineNumber):
            return "line \(lineNumber): invalid UTF-8 (bad bytes replaced with \u{FFFD})"
        case let .tooLong(lineNumber, limit):
            return "line \(lineNumber): longer than \(limit) bytes; skipped"
        case let .readFailed(errno):
            return "reading input failed (errno \(errno))"
        }
    }
}
