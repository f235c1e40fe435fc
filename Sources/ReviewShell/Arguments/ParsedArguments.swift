import ReviewKit

/// A command line read against its command's signature: the sub-command, positional words, options, flags
/// and the raw rest, each with where it was typed, so every later error can point at it.
public struct ParsedArguments: Sendable {
    /// An option as given.
    public struct OptionValue: Sendable, Equatable {
        /// The declared key it was given under (the canonical one, not an alias).
        public var key: String
        /// The value, quotes removed.
        public var value: String
        /// Where the value is.
        public var valueSpan: Range<Int>
        /// Where the whole `key=value` word is.
        public var span: Range<Int>

        /// Whether the value says "unknown" (or is empty), which clears a field.
        public var isUnknown: Bool { value.isEmpty || value.lowercased() == "unknown" }
    }

    /// The command line.
    public let invocation: Invocation
    /// The sub-command chosen (its declared name) and the word that chose it.
    public internal(set) var subcommand: (name: String, word: Word)?
    /// Positional words, in order.
    public internal(set) var positionals: [Word] = []
    /// Options given, in the order typed.
    public internal(set) var options: [OptionValue] = []
    /// Flags given.
    public internal(set) var flags: Set<String> = []
    /// The raw rest of the line and the column where it starts (nil when the signature has none or it is absent).
    public internal(set) var rest: (text: String, offset: Int)?

    init(invocation: Invocation) { self.invocation = invocation }

    /// The positional word at an index.
    public func positional(_ index: Int) -> Word? { index < positionals.count ? positionals[index] : nil }

    /// The option given under a declared key.
    public func option(_ key: String) -> OptionValue? { options.first { $0.key == key } }

    /// Whether a flag was given.
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// A whole-number option: nil when not given, `.some(nil)` for "unknown".
    public func integer(_ key: String) throws(Diagnostic) -> Int?? {
        guard let option = option(key) else { return .none }
        if option.isUnknown { return .some(nil) }
        guard let value = Int(option.value) else { throw error("\(key) must be a whole number (or unknown)", at: option.valueSpan) }
        return .some(value)
    }

    /// A text option: nil when not given, `.some(nil)` for "unknown".
    public func text(_ key: String) -> String?? {
        guard let option = option(key) else { return .none }
        return option.isUnknown ? .some(nil) : .some(option.value)
    }

    /// The rest of the line parsed as a query (everything when the rest is absent).
    public func query(for subject: Field.Subject) throws(Diagnostic) -> QueryPlan {
        let (text, offset) = rest ?? ("", invocation.text.count)
        do { return try QueryParser.parse(text, for: subject, offset: offset) } catch { throw invocation.diagnostic(error) }
    }

    /// An error pointing at a span of the command line.
    public func error(_ message: String, at span: Range<Int>? = nil, notes: [String] = []) -> Diagnostic {
        invocation.error(message, at: span, notes: notes)
    }

    /// An error pointing at the end of the line (something is missing).
    public func missing(_ message: String, notes: [String] = []) -> Diagnostic {
        invocation.missing(message, notes: notes)
    }
}
