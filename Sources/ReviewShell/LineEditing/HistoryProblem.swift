/// Why command history could not be loaded or saved; history keeps working in memory regardless.
public enum HistoryProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but could not be read (e.g. permissions); it is left alone and not overwritten.
    case unreadable(path: String, reason: String)
    /// The file was not a history file (or its header was missing); it was renamed to `movedTo`
    /// and `recovered` entries were taken over from its text lines (0 if it was binary).
    case unrecognised(path: String, movedTo: String, recovered: Int)
    /// The file was not a history file and could not be moved aside, so it is left alone and not overwritten.
    case unrecognisedKept(path: String, reason: String)
    /// Writing the file failed.
    case saveFailed(path: String, reason: String)

    /// A one-line, user-facing description.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read history file \(path): \(reason); history will not be saved"
        case let .unrecognised(path, movedTo, recovered):
            return "history file \(path) was not in the expected format; kept it as \(movedTo)"
                + (recovered > 0 ? " and recovered \(recovered) entries" : "")
        case let .unrecognisedKept(path, reason):
            return "history file \(path) is not in the expected format and could not be moved aside (\(reason)); "
                + "history will not be saved"
        case let .saveFailed(path, reason):
            return "cannot save history to \(path): \(reason)"
        }
    }
}
