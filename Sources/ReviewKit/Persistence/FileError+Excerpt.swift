extension FileError {
    /// `text` cut to about `limit` Characters at a word boundary, with "…" when something was left out.
    ///
    /// Messages quote the reviewer's values through this, so a long value never floods a message and a
    /// short one is never cut mid-word. A single word longer than `limit` is cut inside it (nothing else can be done).
    public static func shortened(_ text: String, limit: Int = 60) -> String {
        guard limit > 0 else { return "…" }
        var count = 0
        var index = text.startIndex
        var lastBreak: String.Index?
        while index < text.endIndex {
            if count == limit { break }
            let character = text[index]
            if character.isWhitespace || character == "," || character == ";" || character == "/" { lastBreak = index }
            count += 1
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return text }
        if !text[index].isWhitespace, let lastBreak, text.distance(from: text.startIndex, to: lastBreak) >= limit / 2 {
            index = lastBreak
        }
        var kept = String(text[..<index])
        while let last = kept.last, last.isWhitespace || last == "," || last == ";" { kept.removeLast() }
        return kept + "…"
    }

    /// The part of `lineText` around `column` that fits `width` Characters, and where the caret goes in it.
    ///
    /// Renderers show a caret under the column; on a long line (a CSV row with a long quote) they show
    /// this window instead of the line's start, so the caret stays under the offending cell. Text left
    /// out is marked with "…". Nil without a line text or column.
    public func excerpt(width: Int = 100) -> (text: String, caretColumn: Int)? {
        guard let lineText, let column, column >= 1 else { return nil }
        return Self.excerpt(of: lineText, column: column, width: width)
    }

    /// The part of `line` around `column` (1-based, in Characters) that fits `width` columns as `measure` counts
    /// them (one per Character unless told: a terminal counts CJK and emoji as two), and the caret's column in it.
    ///
    /// About a third of the width shows the text before the column; the rest what follows. Text left out is
    /// marked with "…" at either end. A line that fits is returned whole.
    public static func excerpt(of line: String, column: Int, width: Int,
                               measure: (Character) -> Int = { _ in 1 }) -> (text: String, caretColumn: Int) {
        let characters = Array(line)
        let widths = characters.map(measure)
        let budget = max(width, 20)
        let caret = max(0, min(column - 1, characters.count))
        guard widths.reduce(0, +) > budget else { return (line, caret + 1) }
        // Context before the column: up to a third of the width.
        var start = caret, before = 0
        while start > 0 && before + widths[start - 1] <= budget / 3 { start -= 1; before += widths[start] }
        // Then as much as fits after it, keeping a column for each "…".
        var end = start, used = 0
        let leading = start > 0 ? 1 : 0
        while end < characters.count && used + widths[end] <= budget - leading - 1 { used += widths[end]; end += 1 }
        if end == characters.count {
            // The end is shown: no trailing "…", so more of the start fits.
            while start > 0 && used + widths[start - 1] <= budget - (start - 1 > 0 ? 1 : 0) { start -= 1; used += widths[start] }
        }
        let prefix = start > 0 ? "…" : ""
        let suffix = end < characters.count ? "…" : ""
        return (prefix + String(characters[start..<end]) + suffix, caret - start + prefix.count + 1)
    }
}
