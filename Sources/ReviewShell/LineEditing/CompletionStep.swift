import Foundation

/// What the line editor does on Tab for a given `Completion`; a pure decision so it can be tested.
enum CompletionStep: Equatable {
    /// Nothing matches: ring the bell.
    case beep
    /// Replace the last `count` Characters before the cursor with `text`.
    case replace(count: Int, text: String)
    /// Show these candidates below the line and redraw it.
    case list([String])

    /// Decides the step for `completion`, given the text before the cursor.
    ///
    /// - zero candidates: beep;
    /// - one: replace the word with it plus a trailing space, unless it ends with "/" (a path to continue);
    /// - several: replace the word with their longest common prefix when that extends what is typed
    ///   (ignoring case, diacritics and a leading quote), otherwise list them. So a second Tab, whose
    ///   common prefix no longer adds anything, lists the candidates.
    static func decide(for completion: Completion, textBeforeCursor: String) -> CompletionStep {
        var seen = Set<String>()
        let candidates = completion.candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
        let count = min(max(0, completion.replacingLast), textBeforeCursor.count)
        let word = String(textBeforeCursor.suffix(count))
        switch candidates.count {
        case 0:
            return .beep
        case 1:
            let only = candidates[0]
            return .replace(count: count, text: only.hasSuffix("/") ? only : only + " ")
        default:
            let prefix = longestCommonPrefix(candidates)
            if prefix.count > word.count, extends(prefix, word) {
                return .replace(count: count, text: prefix)
            }
            return .list(candidates)
        }
    }

    /// The longest common prefix of `strings`, compared by Character (grapheme cluster) so
    /// accented letters and emoji are never split; "" for an empty list.
    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let length = zip(prefix, string).prefix { $0 == $1 }.count
            prefix.removeLast(prefix.count - length)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// Whether inserting `prefix` in place of `word` keeps what the user typed (loosely).
    private static func extends(_ prefix: String, _ word: String) -> Bool {
        let quotes: Set<Character> = ["\"", "'", "\u{201C}", "\u{2018}"]
        let loosePrefix = prefix.drop { quotes.contains($0) }
        let looseWord = word.drop { quotes.contains($0) }
        return loosePrefix.range(
            of: looseWord,
            options: [.anchored, .caseInsensitive, .diacriticInsensitive]
        ) != nil || looseWord.isEmpty
    }
}
