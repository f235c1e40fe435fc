/// An error the engine reports to a reviewer: what kind of problem, a lowercase message saying what was wrong
/// and what was expected, where it is, and notes.
///
/// Code that must react to a particular problem matches `kind`, never the message text.
public struct ReviewError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kinds of problem, each with a stable identifier (`kind.rawValue`).
    public enum Kind: String, Sendable, CaseIterable {
        /// The text does not follow the grammar (an unexpected word, a missing parenthesis, an unclosed quote).
        case syntax = "syntax"
        /// Parentheses or `not` nest deeper than the parser allows.
        case tooDeep = "too-deep"
        /// A field name that the subject does not have.
        case unknownField = "unknown-field"
        /// A framework name (domain, component, direction…) that matches nothing.
        case unknownName = "unknown-name"
        /// A name that several values share as a prefix.
        case ambiguousName = "ambiguous-name"
        /// An operator the field does not take.
        case invalidOperator = "invalid-operator"
        /// A value of the wrong type or out of range for where it is used.
        case invalidValue = "invalid-value"
        /// A study, quote or sub-theme that does not exist.
        case notFound = "not-found"
        /// An id already in use.
        case duplicate = "duplicate"
        /// A change refused because other records depend on what it would change.
        case conflict = "conflict"
        /// A record that breaks a workspace rule (an empty label, a year out of range…).
        case invalidRecord = "invalid-record"
        /// A setting name `set` does not know.
        case unknownSetting = "unknown-setting"
        /// The change could not be recorded in the crash-recovery journal, so it was not made.
        case journal = "journal"
        /// The work stopped because it was asked to (Ctrl-C); nothing was changed.
        case interrupted = "interrupted"
    }

    /// What kind of problem this is.
    public var kind: Kind
    /// The message, lowercase, without a trailing full stop.
    public var message: String
    /// Where in the input the problem is, when known (a range of Character offsets in the command or line).
    public var span: Range<Int>?
    /// Further lines: the valid choices, a suggestion.
    public var notes: [String]

    /// Creates an error of a kind.
    public init(_ kind: Kind, _ message: String, span: Range<Int>? = nil, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
    }

    /// The error for work that stopped at a cancel (``Interrupted``): nothing was changed.
    public init(_ interruption: Interrupted) {
        self.init(.interrupted, interruption.description)
    }

    /// Creates an error about a value that is not valid where it is used (`Kind.invalidValue`).
    public init(_ message: String, span: Range<Int>? = nil, notes: [String] = []) {
        self.init(.invalidValue, message, span: span, notes: notes)
    }

    /// The message and its notes.
    public var description: String { ([message] + notes).joined(separator: "\n") }
}
