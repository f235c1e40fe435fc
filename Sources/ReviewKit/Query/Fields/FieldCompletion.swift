/// What tab completion offers as a field's value.
public enum FieldCompletion: Sendable {
    /// Nothing (free text and numbers).
    case none
    /// A fixed list.
    case fixed([String])
    /// A list made from the workspace and settings in use (study ids, sub-theme codes, band names…).
    case workspace(@Sendable (QueryContext) -> [String])

    /// The values on offer in a context.
    public func values(in context: QueryContext) -> [String] {
        switch self {
        case .none: []
        case .fixed(let values): values
        case .workspace(let make): make(context)
        }
    }
}
