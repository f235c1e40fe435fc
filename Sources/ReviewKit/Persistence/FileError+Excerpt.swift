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
        let characters = Array(lineText)
        let width = max(width, 20)
        guard characters.count > width else { return (lineText, min(column, characters.count + 1)) }
        let caret = min(column - 1, characters.count)
        // Show some context before the column, and as much as fits after it.
        var start = max(0, caret - width / 3)
        var end = min(characters.count, start + width)
        if end - start < width { start = max(0, end - width) }
        let prefix = start > 0 ? "…" : ""
        let suffix = end < characters.count ? "…" : ""
        if start > 0 { start += 1 }
        if end < characters.count { end -= 1 }
        let shown = prefix + String(characters[start..<max(start, end)]) + suffix
        return (shown, caret - start + prefix.count + 1)
    }
}
