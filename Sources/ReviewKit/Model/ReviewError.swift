/// An error the engine reports to a reviewer: a lowercase message saying what was wrong and what was expected.
public struct ReviewError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message, lowercase, without a trailing full stop.
    public var message: String
    /// Where in the input the problem is, when known (a range of Character offsets in the command or line).
    public var span: Range<Int>?
    /// Further lines: the valid choices, a suggestion.
    public var notes: [String]

    /// Creates an error.
    public init(_ message: String, span: Range<Int>? = nil, notes: [String] = []) {
        self.message = message
        self.span = span
        self.notes = notes
    }

    /// The message and its notes.
    public var description: String { ([message] + notes).joined(separator: "\n") }
}
