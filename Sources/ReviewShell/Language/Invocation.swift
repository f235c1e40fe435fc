/// A command as typed: its name, its arguments and where they are, for errors with carets.
public struct Invocation: Sendable {
    /// The whole command text.
    public let text: String
    /// The command word as typed.
    public let name: String
    /// The arguments after the command word (may be empty).
    public let arguments: String
    /// The Character column (0-based) where `arguments` starts in `text`.
    public let argumentOffset: Int

    /// Splits a command line into its name and arguments; nil for a blank line or a comment.
    public init?(_ text: String) {
        let chars = Array(text)
        var i = 0
        while i < chars.count && chars[i].isWhitespace { i += 1 }
        guard i < chars.count, chars[i] != "#" else { return nil }
        let start = i
        while i < chars.count && !chars[i].isWhitespace { i += 1 }
        self.text = text
        name = Self.string(chars[start..<i])
        while i < chars.count && chars[i].isWhitespace { i += 1 }
        argumentOffset = i
        var rest = Self.string(chars[i...])
        while rest.last?.isWhitespace == true { rest.removeLast() }
        arguments = rest
        nameSpan = start..<(start + name.count)
    }

    /// Where the command word is.
    public let nameSpan: Range<Int>

    /// The characters as a string, appended one by one: `String(slice)` goes through the unspecialised
    /// generic initialiser, whose first use looks up the slice's associated types by scanning the process's
    /// protocol conformances, on every start (issue 15).
    private static func string(_ characters: ArraySlice<Character>) -> String {
        var result = ""
        for character in characters { result.append(character) }
        return result
    }

    /// The arguments split into words.
    public func words() throws(Diagnostic) -> [Word] {
        try WordSplitter.split(arguments, offset: argumentOffset)
    }

    /// An error of a kind pointing at a span of this command line (all the arguments when nil).
    public func error(_ message: String, at span: Range<Int>? = nil, notes: [String] = [], kind: Diagnostic.Kind = .invalidArgument) -> Diagnostic {
        let span = span ?? (argumentOffset..<max(argumentOffset + 1, text.count))
        return Diagnostic(kind, .error, message, column: span.lowerBound + 1, length: max(1, span.count), lineText: text, notes: notes)
    }

    /// An error pointing at the end of the line (something is missing).
    public func missing(_ message: String, notes: [String] = []) -> Diagnostic {
        error(message, at: text.count..<(text.count + 1), notes: notes, kind: .missingArgument)
    }
}
