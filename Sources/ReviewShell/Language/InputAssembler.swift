/// Decides whether typed lines form a whole command: an unclosed quote or a trailing backslash continues it.
public enum InputAssembler {
    /// Whether `text` needs another line.
    public static func needsContinuation(_ text: String) -> Bool {
        if text.hasSuffix("\\") && !text.hasSuffix("\\\\") { return true }
        return hasUnclosedQuote(text)
    }

    /// Joins a continuation line onto the text so far.
    public static func join(_ text: String, _ next: String) -> String {
        if text.hasSuffix("\\") && !hasUnclosedQuote(text) { return String(text.dropLast()) + " " + next }
        return text + "\n" + next
    }

    /// Whether a quote opened in `text` is still open at its end.
    public static func hasUnclosedQuote(_ text: String) -> Bool {
        var open: Character?
        var previous: Character = " "
        var escaped = false
        for c in text {
            if let close = open {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if QuoteChars.closes(c, close) { open = nil }
            } else if let close = QuoteChars.closing(for: c), previous.isWhitespace || previous == "=" || previous == "(" || previous == "," {
                // An apostrophe inside a word (don't) opens nothing.
                open = close
            }
            previous = c
        }
        return open != nil
    }
}
