import ReviewKit

/// The arguments a command takes, declared once: positional words, `key=value` options, bare flags, a raw
/// rest of the line (a query, free text), or a choice of sub-commands each with its own signature.
///
/// One parser (`ArgumentParser`) reads every command line against its signature and reports what is
/// missing, unexpected or unknown with a caret; completion reads the same declaration.
public struct ArgumentSignature: Sendable {
    /// A positional word.
    public struct Positional: Sendable {
        /// What it is called in usage and code ("quote", "file").
        public var name: String
        /// What it takes.
        public var kind: ArgumentKind
        /// What to say when it is required and missing (nil: optional).
        public var missing: String?

        /// A required positional, with what to say when it is missing.
        public static func required(_ name: String, _ kind: ArgumentKind, missing: String) -> Positional {
            Positional(name: name, kind: kind, missing: missing)
        }

        /// An optional positional.
        public static func optional(_ name: String, _ kind: ArgumentKind) -> Positional {
            Positional(name: name, kind: kind, missing: nil)
        }
    }

    /// A `key=value` option.
    public struct Option: Sendable {
        /// The key (lowercase).
        public var key: String
        /// Other keys accepted for it.
        public var aliases: [String]
        /// What its value takes.
        public var kind: ArgumentKind

        /// Declares an option.
        public init(_ key: String, aliases: [String] = [], _ kind: ArgumentKind = .text) {
            self.key = key
            self.aliases = aliases
            self.kind = kind
        }

        /// Whether `key` (lowercase) names this option.
        func isNamed(_ key: String) -> Bool { self.key == key || aliases.contains(key) }
    }

    /// The raw rest of the line, taken as typed (a query, free text, a command).
    public struct Rest: Sendable {
        /// What it is (decides completion).
        public var kind: ArgumentKind
        /// The bare word that starts it after the other arguments (`matrix … where FILTER`); nil: the whole line.
        public var introducedBy: String?

        /// Declares a rest of line.
        public init(_ kind: ArgumentKind, introducedBy: String? = nil) {
            self.kind = kind
            self.introducedBy = introducedBy
        }
    }

    /// One sub-command: its word and the signature of what follows it.
    public struct Subcommand: Sendable {
        /// The word.
        public var name: String
        /// Other words for it.
        public var aliases: [String]
        /// What follows it.
        public var signature: ArgumentSignature

        /// Declares a sub-command.
        public init(_ name: String, aliases: [String] = [], _ signature: ArgumentSignature = .none) {
            self.name = name
            self.aliases = aliases
            self.signature = signature
        }
    }

    /// A choice of sub-commands by the first word.
    public struct Subcommands: Sendable {
        /// The choices.
        public var choices: [Subcommand]
        /// What to say when none is given (nil: optional; the command's own signature applies).
        public var missing: String?
        /// What to say about a word that is none of them.
        public var unknown: @Sendable (String) -> String
        /// Notes under that error.
        public var unknownNotes: [String]
    }

    /// Positional words, in order.
    public var positionals: [Positional] = []
    /// Whether the last positional may repeat.
    public var repeatsLastPositional = false
    /// What to say about a positional word beyond those declared (nil: "unexpected 'WORD'").
    public var extra: (@Sendable (String) -> String)?
    /// `key=value` options.
    public var options: [Option] = []
    /// What to say about an undeclared option (nil: "unknown option 'KEY'" listing the options).
    public var unknownOption: (@Sendable (String) -> String)?
    /// Bare words that switch something on (`discard`).
    public var flags: [String] = []
    /// A raw rest of the line.
    public var rest: Rest?
    /// Sub-commands chosen by the first word.
    public var subcommands: Subcommands?

    /// No arguments.
    public static let none = ArgumentSignature()

    /// Declares a signature.
    public init(positionals: [Positional] = [], repeatsLastPositional: Bool = false, extra: (@Sendable (String) -> String)? = nil,
                options: [Option] = [], unknownOption: (@Sendable (String) -> String)? = nil, flags: [String] = [], rest: Rest? = nil) {
        self.positionals = positionals
        self.repeatsLastPositional = repeatsLastPositional
        self.extra = extra
        self.options = options
        self.unknownOption = unknownOption
        self.flags = flags
        self.rest = rest
    }

    /// The whole argument text taken as it is typed.
    public static func rest(_ kind: ArgumentKind) -> ArgumentSignature { ArgumentSignature(rest: Rest(kind)) }

    /// A choice of sub-commands; `missing` nil makes the choice optional, falling back to `otherwise`.
    public static func subcommands(_ choices: [Subcommand], missing: String?, unknown: @escaping @Sendable (String) -> String,
                                   notes: [String] = [], otherwise: ArgumentSignature = .none) -> ArgumentSignature {
        var signature = otherwise
        signature.subcommands = Subcommands(choices: choices, missing: missing, unknown: unknown, unknownNotes: notes)
        return signature
    }

    /// The sub-command a word names.
    func subcommand(named word: String) -> Subcommand? {
        let key = word.lowercased()
        return subcommands?.choices.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The option a key names.
    func option(named key: String) -> Option? { options.first { $0.isNamed(key.lowercased()) } }

    /// The positional at an index (the last one again when it repeats).
    func positional(at index: Int) -> Positional? {
        if index < positionals.count { return positionals[index] }
        return repeatsLastPositional ? positionals.last : nil
    }
}
