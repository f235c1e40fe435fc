import Foundation

/// A list in one CSV cell (a study's authors and keywords, a quote's tags): items separated by "; ", a ';' or
/// '\' inside an item written "\;" or "\\", so that any item survives export → import unchanged.
///
/// One cell rather than a further table keeps the four CSV tables a spreadsheet user edits; in R or pandas,
/// `strsplit(x, "; ")` / `str.split("; ")` reads it (items holding ';' are rare: author names and tags).
public enum CSVListCell {
    /// The cell for a list ("" for none).
    public static func join(_ items: [String]) -> String {
        items.map { item in
            var escaped = ""
            for character in item {
                if character == "\\" || character == ";" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }.joined(separator: "; ")
    }

    /// The items of a cell: split at unescaped ';', each trimmed of spaces, empty items left out.
    public static func split(_ cell: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaping = false
        func finish() {
            let item = current.trimmingCharacters(in: .whitespaces)
            if !item.isEmpty { items.append(item) }
            current = ""
        }
        for character in cell {
            if escaping { current.append(character); escaping = false; continue }
            if character == "\\" { escaping = true; continue }
            if character == ";" { finish(); continue }
            current.append(character)
        }
        if escaping { current.append("\\") }
        finish()
        return items
    }
}
