import ReviewKit

/// Decides whether typed lines form a whole command: an unclosed quote (by the language's one quote rule,
/// `QuotedText`) or a trailing backslash continues it.
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
    public static func hasUnclosedQuote(_ text: String) -> Bool { QuotedText.unclosedString(in: text) != nil }
}
