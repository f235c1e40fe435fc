/// The formats results can be rendered in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns that fit the terminal width, long text wrapped.
    case table
    /// RFC 4180 comma-separated values.
    case csv
    /// Tab-separated values.
    case tsv
    /// One JSON document per result, on one line (docs/formats.md).
    case json
    /// GitHub-flavoured Markdown tables.
    case markdown
}
