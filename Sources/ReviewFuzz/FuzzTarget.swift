/// One kind of input `review` parses, fuzzed: how to make an input from seeds and a mutator, and how to run one
/// and check what must hold whatever the input (no crash, every refusal a located lowercase error, nothing
/// changed by a refusal).
///
/// Targets hold their seeds and scratch state, so they are classes used from one thread.
public protocol FuzzTarget: AnyObject {
    /// The stable name: the corpus folder, and the `--target` of `review-fuzz`.
    var name: String { get }
    /// A new input, from the target's seeds and the mutator's choices.
    func generate(_ mutator: inout Mutator) -> [UInt8]
    /// Runs one input and says what happened.
    func run(_ input: [UInt8]) -> FuzzOutcome
}

/// What one input did.
public enum FuzzOutcome: Sendable, Equatable {
    /// Read or run as valid input.
    case accepted
    /// Refused with an error that met every rule.
    case refused
    /// An invariant broke; the text says which.
    case finding(String)
}

extension FuzzOutcome {
    /// The finding's text, if this is one.
    public var finding: String? {
        if case .finding(let text) = self { return text }
        return nil
    }
}

/// The checks every refusal must pass, shared by the targets.
enum FuzzRules {
    /// Why a message breaks the rules (starts with a capitalised word, is empty), or nil. A first word in capitals
    /// is an acronym ("CASP answers are …", "COM-B …"), which keeps its capitals.
    static func messageProblem(_ message: String) -> String? {
        guard let first = message.first else { return "an empty error message" }
        let word = message.prefix { !$0.isWhitespace }
        // Names of people keep their capital ("Cohen's kappa compares exactly two raters").
        let names = ["Cohen's", "Fleiss'", "Krippendorff's", "Gwet's", "Scott's", "Landis"]
        if first.isUppercase && word.contains(where: \.isLowercase) && !names.contains(String(word)) {
            return "an error message that starts with a capital: \(message.prefix(120))"
        }
        return nil
    }
}
