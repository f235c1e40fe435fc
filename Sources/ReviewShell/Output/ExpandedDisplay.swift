/// When a table is printed as one block per row (`set expanded`, psql's `\x`).
public enum ExpandedDisplay: String, CaseIterable, Sendable {
    /// Columns when the table fits the width (wrapping text and abbreviating headers), blocks when it cannot.
    case auto
    /// Always blocks: each row as `label  value` lines under a `-[ row N of M ]-` rule.
    case on
    /// Always columns, even when a line is then wider than the width.
    case off
}
