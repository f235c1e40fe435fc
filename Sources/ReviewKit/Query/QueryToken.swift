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
}

/// Splits query text into tokens.
public enum QueryLexer {
    /// Tokenises `source`; `offset` is added to every span (the query's column in a longer command).
    public static func tokens(_ source: String, offset: Int = 0) throws(ReviewError) -> [QueryToken] {
        let chars = Array(source)
        var tokens: [QueryToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if let close = closingQuote(for: c) {
                var text = ""
                i += 1
                while i < chars.count && chars[i] != close && !(close == "\u{201D}" && chars[i] == "\"") {
                    if chars[i] == "\\" && i + 1 < chars.count { text.append(chars[i + 1]); i += 2; continue }
                    text.append(chars[i]); i += 1
                }
                guard i < chars.count else {
                    throw ReviewError("unclosed quote: add a closing \(close)", span: (start + offset)..<(chars.count + offset))
                }
                i += 1
                tokens.append(QueryToken(kind: .string, text: text, span: (start + offset)..<(i + offset)))
                continue
            }
            if "()," .contains(c) {
                tokens.append(QueryToken(kind: .punctuation, text: String(c), span: (start + offset)..<(start + 1 + offset)))
                i += 1
                continue
            }
            if "=!<>~".contains(c) {
                var op = String(c)
                if i + 1 < chars.count && chars[i + 1] == "=" && c != "=" && c != "~" { op.append("="); i += 1 }
                else if c == "=" && i + 1 < chars.count && chars[i + 1] == "=" { i += 1 }
                i += 1
                guard op != "!" else { throw ReviewError("'!' must be followed by '=' (not equal)", span: (start + offset)..<(i + offset)) }
                tokens.append(QueryToken(kind: .op, text: op, span: (start + offset)..<(i + offset)))
                continue
            }
            while i < chars.count && !chars[i].isWhitespace && !"()=!<>~,\"\u{201C}".contains(chars[i]) { i += 1 }
            tokens.append(QueryToken(kind: .word, text: String(chars[start..<i]), span: (start + offset)..<(i + offset)))
        }
        return tokens
    }

    static func closingQuote(for c: Character) -> Character? {
        switch c {
        case "\"": "\""
        case "'": "'"
        case "\u{201C}": "\u{201D}"
        case "\u{2018}": "\u{2019}"
        default: nil
        }
    }
}
