import ReviewKit

/// Stable snake_case keys for result columns and fields whose names come from data (reviewers, categories).
enum ResultKey {
    /// `text` as a snake_case key: lowercase letters and digits, other runs of characters as one "_".
    static func snakeCase(_ text: String) -> String {
        var key = ""
        for character in TextFolding.fold(text) {
            if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
                key.append(character)
            } else if !key.isEmpty && key.last != "_" {
                key.append("_")
            }
        }
        while key.last == "_" { key.removeLast() }
        if key.first?.isNumber == true { key = "_" + key }
        return key.isEmpty ? "_" : key
    }
}
