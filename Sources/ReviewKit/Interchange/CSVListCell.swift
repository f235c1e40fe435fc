import Foundation

/// A list in one CSV cell (a study's authors and keywords, a quote's tags): items separated by "; ", a ';' or
/// '\' inside an item, and white space at either end of an item, written with a backslash before it, so that any
/// item survives export → import unchanged.
///
/// One cell rather than a further table keeps the four CSV tables a spreadsheet user edits; in R or pandas,
/// `strsplit(x, "; ")` / `str.split("; ")` reads it (items holding ';' are rare: author names and tags).
public enum CSVListCell {
    /// The cell for a list ("" for none).
    public static func join(_ items: [String]) -> String {
        items.map { item in
            var escaped = ""
            let characters = Array(item)
            for (index, character) in characters.enumerated() {
                let atEnd = index == 0 || index == characters.count - 1
                if character == "\\" || character == ";" || (atEnd && character.isWhitespace) { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }.joined(separator: "; ")
    }

    /// The items of a cell: split at unescaped ';', unescaped white space at either end of an item dropped (as a
    /// person typing "a ; b" means), empty items left out.
    public static func split(_ cell: String) -> [String] {
        var items: [String] = []
        var current: [(character: Character, escaped: Bool)] = []
        var escaping = false
        func finish() {
            var start = 0, end = current.count
            while start < end, !current[start].escaped, current[start].character.isWhitespace { start += 1 }
            while end > start, !current[end - 1].escaped, current[end - 1].character.isWhitespace { end -= 1 }
            if start < end { items.append(String(current[start..<end].map(\.character))) }
            current = []
        }
        for character in cell {
            if escaping { current.append((character, true)); escaping = false; continue }
            if character == "\\" { escaping = true; continue }
            if character == ";" { finish(); continue }
            current.append((character, false))
        }
        if escaping { current.append(("\\", true)) }
        finish()
        return items
    }
}
