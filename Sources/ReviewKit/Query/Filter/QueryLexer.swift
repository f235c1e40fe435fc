/// A token of the query language, with its position in Characters.
public struct QueryToken: Sendable, Equatable {
    /// What kind of token.
    public enum Kind: Sendable, Equatable {
        /// A bare word (field, keyword, unquoted value).
        case word
        /// A quoted string (its text without quotes).
        case string
        /// A comparison operator.
        case op
        /// "(" ")" ","
        case punctuation
    }

    /// The kind.
    public let kind: Kind
    /// The text (for strings, without the quotes).
    public let text: String
    /// Character offsets in the source.
    public let span: Range<Int>

    /// Whether this is the bare word `word` (case-insensitive).
    public func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }

    /// Whether this is the punctuation mark `mark`.
    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }
}

/// Splits query text into tokens. Quoted strings follow the command language's rule (`QuotedText`).
public enum QueryLexer {
    /// Tokenises `source`; `offset` is added to every span (the query's column in a longer command).
    public static func tokens(_ source: String, offset: Int = 0) throws(ReviewError) -> [QueryToken] {
        let chars = Array(source)
        var tokens: [QueryToken] = []
        var i = 0
        func span(_ start: Int, _ end: Int) -> Range<Int> { (start + offset)..<(end + offset) }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if QuotedText.opensString(chars, at: i) {
                guard let (text, end) = QuotedText.scan(chars, openingAt: i) else {
                    throw ReviewError(.syntax, "unclosed quote: add a closing \(QuotedText.closingMark(for: c)!)", span: span(start, chars.count))
                }
                i = end
                tokens.append(QueryToken(kind: .string, text: text, span: span(start, i)))
                continue
            }
            if "(),".contains(c) {
                tokens.append(QueryToken(kind: .punctuation, text: String(c), span: span(start, start + 1)))
                i += 1
                continue
            }
            if "=!<>~".contains(c) {
                var op = String(c)
                if i + 1 < chars.count && chars[i + 1] == "=" && c != "=" && c != "~" { op.append("="); i += 1 }
                else if c == "=" && i + 1 < chars.count && chars[i + 1] == "=" { i += 1 }
                i += 1
                guard op != "!" else { throw ReviewError(.syntax, "'!' must be followed by '=' (not equal)", span: span(start, i)) }
                tokens.append(QueryToken(kind: .op, text: op, span: span(start, i)))
                continue
            }
            while i < chars.count && !chars[i].isWhitespace && !"()=!<>~,".contains(chars[i]) { i += 1 }
            tokens.append(QueryToken(kind: .word, text: String(chars[start..<i]), span: span(start, i)))
        }
        return tokens
    }
}
