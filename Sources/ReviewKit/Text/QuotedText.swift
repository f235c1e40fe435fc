/// The quote-character rule of the command language, in one place: the query lexer, the shell's word
/// splitter, its input assembler (which decides whether a line continues) and completion all follow it.
///
/// - Quotation marks: `"…"`, `'…'`, `“…”` and `‘…’`; a curly string may also end with the straight mark
///   (`“stigma"`), since keyboards and pasted text mix them.
/// - A mark opens a quoted string only where a word starts: at the start of the text, after white space,
///   or after one of `= ( , < > ! ~`. Elsewhere it is an ordinary character, so the apostrophes in
///   `don't` and `it’s` open nothing.
/// - Inside a string, a backslash before a quotation mark or a backslash stands for that character;
///   any other backslash is kept as written (Windows paths survive).
public enum QuotedText {
    /// The mark that closes a string opened by `opening`, or nil when `opening` is not an opening mark.
    public static func closingMark(for opening: Character) -> Character? {
        // Compared by scalar: Character equality normalises, which made every letter of a long non-ASCII line
        // cost several Unicode comparisons (fuzzing: 1.5 s for a 150 KB line of "é").
        let scalars = opening.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return nil }
        switch first.value {
        case 0x22: return "\""
        case 0x27: return "'"
        case 0x201C: return "\u{201D}"
        case 0x2018: return "\u{2019}"
        default: return nil
        }
    }

    /// Whether `character` closes a string whose closing mark is `closing`.
    public static func closes(_ character: Character, _ closing: Character) -> Bool {
        character == closing || (closing == "\u{201D}" && character == "\"") || (closing == "\u{2019}" && character == "'")
    }

    /// Whether a mark after `previous` (nil at the start of the text) opens a string.
    public static func opensString(after previous: Character?) -> Bool {
        guard let previous else { return true }
        return previous.isWhitespace || "=(,<>!~".contains(previous)
    }

    /// Whether the character at `index` opens a string under the rule.
    public static func opensString(_ characters: [Character], at index: Int) -> Bool {
        closingMark(for: characters[index]) != nil && opensString(after: index == 0 ? nil : characters[index - 1])
    }

    /// The string opened at `start` (which must hold an opening mark): its text with escapes resolved, and the
    /// index just after its closing mark; nil when the text ends before the string is closed.
    public static func scan(_ characters: [Character], openingAt start: Int) -> (text: String, end: Int)? {
        guard let close = closingMark(for: characters[start]) else { return nil }
        var text = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if closes(character, close) { return (text, index + 1) }
            if character == "\\", index + 1 < characters.count, isEscapable(characters[index + 1]) {
                text.append(characters[index + 1])
                index += 2
                continue
            }
            text.append(character)
            index += 1
        }
        return nil
    }

    /// Where the first string left open in `text` starts (a Character offset), or nil when every string closes.
    public static func unclosedString(in text: String) -> Int? {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if opensString(characters, at: index) {
                guard let (_, end) = scan(characters, openingAt: index) else { return index }
                index = end
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The text inside one pair of quotation marks around the whole of `text`, or `text` when it is not quoted
    /// (an answer or a term typed as `"Social influences"` or `“Emotion”`).
    public static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, let last = text.last, let close = closingMark(for: first), closes(last, close) else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// Whether a backslash before this character stands for the character itself.
    private static func isEscapable(_ character: Character) -> Bool {
        character == "\\" || closingMark(for: character) != nil || character == "\u{201D}" || character == "\u{2019}"
    }
}
