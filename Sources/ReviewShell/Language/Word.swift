/// One word of a command line: bare, quoted, or `key=value`, with its Character span.
public struct Word: Sendable, Equatable {
    /// The text (quotes removed, escapes resolved).
    public var text: String
    /// Where it is in the command line.
    public var span: Range<Int>
    /// Whether it was quoted (a quoted word is never a keyword or an option).
    public var quoted: Bool
    /// For `key=value` words: the key (lowercased) and the value.
    public var option: (key: String, value: String, valueSpan: Range<Int>)?

    /// Equality by text, span and quoting.
    public static func == (lhs: Word, rhs: Word) -> Bool {
        lhs.text == rhs.text && lhs.span == rhs.span && lhs.quoted == rhs.quoted && lhs.option?.key == rhs.option?.key && lhs.option?.value == rhs.option?.value
    }
}

/// Splits command arguments into words, honouring "double", 'single' and “curly” quotes.
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
                if let close = QuoteChars.closing(for: c), (i == start || value.isEmpty || chars[i - 1] == "=") {
                    quoted = true
                    let open = i
                    i += 1
                    while i < chars.count && !QuoteChars.closes(chars[i], close) {
                        if chars[i] == "\\" && i + 1 < chars.count && (chars[i + 1] == close || chars[i + 1] == "\\") { i += 1 }
                        value.append(chars[i]); i += 1
                    }
                    guard i < chars.count else {
                        throw Diagnostic(.error, "unclosed quote: add a closing \(close)", column: open + offset + 1, length: chars.count - open, exitCode: 1)
                    }
                    i += 1
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
                word.option = (key, value, (valueStart + offset)..<(i + offset))
                word.text = String(chars[start..<i])
            }
            words.append(word)
        }
        return words
    }
}

/// The quotation marks the command language accepts.
enum QuoteChars {
    static func closing(for c: Character) -> Character? {
        switch c {
        case "\"": "\""
        case "'": "'"
        case "\u{201C}": "\u{201D}"
        default: nil
        }
    }

    static func closes(_ c: Character, _ close: Character) -> Bool {
        c == close || (close == "\u{201D}" && c == "\"")
    }
}
