import ReviewKit

/// One word of a command line: bare, quoted, or `key=value`, with its Character span.
public struct Word: Sendable, Equatable {
    /// The text (quotes removed, escapes resolved).
    public var text: String
    /// Where it is in the command line.
    public var span: Range<Int>
    /// Whether it was quoted (a quoted word is never a keyword or an option).
    public var quoted: Bool
    /// For `key=value` words: the key (lowercased), the value and where the value is.
    public var option: Option?

    /// The parts of a `key=value` word.
    public struct Option: Sendable, Equatable {
        /// The key, lowercased.
        public var key: String
        /// The value, quotes removed.
        public var value: String
        /// Where the value is.
        public var valueSpan: Range<Int>
    }
}

/// Splits command arguments into words. Quoted strings follow the language's one rule (`QuotedText`).
public enum WordSplitter {
    /// Splits `text`, whose first Character is at column `offset` of the command line.
    public static func split(_ text: String, offset: Int = 0) throws(Diagnostic) -> [Word] {
        let chars = Array(text)
        var words: [Word] = []
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            var value = ""
            var quoted = false
            var key: String?
            var valueStart = start
            while i < chars.count && !chars[i].isWhitespace {
                let c = chars[i]
                if QuotedText.opensString(chars, at: i) {
                    guard let (inside, end) = QuotedText.scan(chars, openingAt: i) else {
                        throw Diagnostic(.error, "unclosed quote: add a closing \(QuotedText.closingMark(for: c)!)",
                                         column: i + offset + 1, length: chars.count - i, exitCode: 1)
                    }
                    quoted = true
                    value += inside
                    i = end
                    continue
                }
                if c == "=" && key == nil && !quoted && !value.isEmpty && value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
                    key = value.lowercased()
                    value = ""
                    valueStart = i + 1
                    i += 1
                    continue
                }
                value.append(c)
                i += 1
            }
            var word = Word(text: value, span: (start + offset)..<(i + offset), quoted: quoted, option: nil)
            if let key {
                word.option = Word.Option(key: key, value: value, valueSpan: (valueStart + offset)..<(i + offset))
                word.text = String(chars[start..<i])
            }
            words.append(word)
        }
        return words
    }
}
