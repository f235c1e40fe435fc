/// One numbered command of the notebook, with what it printed.
public struct Cell: Sendable, Equatable {
    /// The cell number (1-based, as `history` shows it).
    public var number: Int
    /// The command as typed (possibly several lines).
    public var command: String
    /// What it printed, in plain table form (for `notebook export`).
    public var output: String
    /// Whether it failed.
    public var failed: Bool
}
