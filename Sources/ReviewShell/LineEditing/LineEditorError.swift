/// Why a `LineEditor` could not be created.
public enum LineEditorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input is not a terminal; read it with `StreamLineSource` instead.
    case notATerminal
    /// libedit failed to initialise (out of memory or an unusable terminal).
    case initialisationFailed
    /// libedit could not be loaded (the message names the library and its Debian package).
    case libraryUnavailable(String)

    /// A one-line, user-facing description.
    public var description: String {
        switch self {
        case .notATerminal: return "standard input is not a terminal"
        case .initialisationFailed: return "cannot initialise the line editor"
        case .libraryUnavailable(let message): return message
        }
    }
}
