import ReviewKit

/// What kind of value an argument takes: decides what completion offers there (and, for records, how the
/// value is looked up: `ParsedArguments+Records.swift`).
public enum ArgumentKind: Sendable, Equatable {
    /// Free text: nothing to complete.
    case text
    /// A number.
    case number
    /// A file path.
    case file
    /// A quote id (Q12).
    case quoteID
    /// A study id (S06).
    case studyID
    /// A sub-theme code (B/ECR/2), id or label.
    case subTheme
    /// A finding in force: its id (F1, T7) or the code of one of its sub-themes.
    case finding
    /// A finding the reviewer wrote (F1, F2…), for `finding edit` and `finding remove`.
    case writtenFinding
    /// A value of the query field of this name (domain, direction, component, q1…).
    case field(String)
    /// One of these words.
    case keyword([String])
    /// One of these words, or a file path.
    case keywordOrFile([String])
    /// A setting name.
    case setting
    /// The value of the setting named by the argument before it.
    case settingValue
    /// A command name (and, for help, the query topics).
    case command
    /// Something `explain` knows: a COM-B component or source, a TDF domain, a topic.
    case term
    /// A query over quotes or studies.
    case query(Field.Subject)
}
