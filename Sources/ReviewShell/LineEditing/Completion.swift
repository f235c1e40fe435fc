/// What a completer proposes for the text before the cursor.
public struct Completion: Sendable, Equatable {
    /// How many Characters immediately before the cursor the chosen candidate replaces (the word being completed).
    public var replacingLast: Int
    /// The possible replacements, in the order to list them; may be empty.
    public var candidates: [String]

    /// Creates a completion replacing the last `replacingLast` Characters with one of `candidates`.
    public init(replacingLast: Int, candidates: [String]) {
        self.replacingLast = replacingLast
        self.candidates = candidates
    }

    /// No candidates: Tab just beeps.
    public static let none = Completion(replacingLast: 0, candidates: [])
}
