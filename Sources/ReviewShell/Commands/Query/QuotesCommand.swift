import ReviewKit

/// `quotes`: list, filter, count or group the coded quotes.
struct QuotesCommand: Command {
    let name = "quotes"
    let aliases = ["q"]
    let group = CommandGroup.query
    let summary = "list, filter, count or group the coded quotes"
    let usage = ["quotes [where FILTER] [group by FIELD[, FIELD]] [sort by FIELD [desc]] [limit N] [count]"]
    let details = """
    FILTER compares fields with = != < <= > >= contains (or ~) and in (a, b), combined with and, or, not and parentheses. \
    Text comparisons ignore case and accents; a quoted string alone searches the quote text. 'unknown' matches a missing value. \
    Names of components, domains and directions resolve through aliases ("Emotions", "social influence", "MADP").
    Quote fields: id text direction component source domain subtheme study reference page, and any study field as study.FIELD \
    (study.casp, study.band, study.year…).
    """
    let examples = ["quotes where domain = knowledge and direction = barrier", "quotes \"stigma\"", "quotes where component = motivation group by domain",
                    "quotes where study.casp >= 8.5 count", "quotes where text contains peer sort by domain limit 5"]
    let signature = ArgumentSignature.rest(.query(.quote))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let query = context.queryContext
        return QueryTables.show(try arguments.runQuery(for: .quote, in: context), subject: "quotes") { rows in
            QueryTables.quotes(rows.rows, workspace: query.workspace, total: rows.total)
        }
    }
}
