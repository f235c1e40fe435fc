/// What a command produced, before it is rendered in the chosen format.
public indirect enum CommandResult: Sendable, Equatable {
    /// Rows and columns.
    case table(ResultTable)
    /// Named fields of one thing (a study, a quote, a kappa result).
    case record(ResultRecord)
    /// Prose: help, explanations.
    case text(String)
    /// One named number (a count, a kappa).
    case figure(ResultFigure)
    /// A short acknowledgement ("coded Q47 …").
    case message(String)
    /// Several results in order.
    case sequence([CommandResult])
    /// Nothing to show.
    case empty
}
