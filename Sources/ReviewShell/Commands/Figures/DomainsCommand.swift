import ReviewKit

/// `domains`: the 14 TDF domains, where each sits in COM-B, and the review's sub-themes and quotes there.
struct DomainsCommand: Command {
    let name = "domains"
    let group = CommandGroup.figures
    let summary = "the 14 TDF domains: where each sits in COM-B and what the review found there"
    let usage = ["domains [barrier|facilitator]"]
    let details = "Counts sub-themes and quotes per domain and direction under the mapping in use ('set mapping'); domains with no data are marked."
    let examples = ["domains", "domains barrier"]
    let signature = ArgumentSignature(positionals: [.optional("direction", .field("direction"))])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let workspace = context.workspace
        let mapping = context.settings.mapping
        let only = try arguments.positional(0).map { word throws(Diagnostic) in
            try arguments.resolve(word.text, at: word.span, Framework.directions, what: "direction")
        }
        let coverage = Coverage(workspace: workspace)
        let shown = only.map { [$0] } ?? Direction.allCases
        var rows: [[ResultValue]] = []
        for domain in TDFDomain.allCases {
            let components = mapping.components(of: domain).map(\.name).joined(separator: " + ")
            let themes = Direction.allCases.map { d in workspace.subThemes.filter { $0.domain == domain && $0.direction == d }.count }
            let quotes = Direction.allCases.map { d in coverage.cells.filter { $0.domain == domain && $0.direction == d }.reduce(0) { $0 + $1.quotes } }
            let total = shown.reduce(0) { $0 + quotes[Int($1.rawValue) - 1] }
            var row: [ResultValue] = [.integer(Int(domain.rawValue)), .text(domain.name), .text(components)]
            for d in shown { row.append(.pair(themes[Int(d.rawValue) - 1], quotes[Int(d.rawValue) - 1])) }
            row.append(total == 0 && shown.allSatisfy({ themes[Int($0.rawValue) - 1] == 0 }) ? .absent("no data") : .integer(total))
            rows.append(row)
        }
        var columns: [ResultTable.Column] = [.init("number", "#", type: .integer), .init("domain", "TDF domain", wraps: true),
                                             .init("component", "COM-B", wraps: true)]
        for d in shown { columns.append(.init(d.slug + "s", type: .pair)) }
        columns.append(.init("quotes", type: .integer))
        let missing = coverage.domainsWithoutData
        var notes = ["barriers and facilitators: sub-themes / quotes; COM-B under the \(mapping.rawValue) mapping ('set mapping')",
                     "\(coverage.domainsWithData.count) of 14 domains have data" + (missing.isEmpty ? "" : "; none for: " + missing.map(\.name).joined(separator: ", "))]
        let emptyComponents = coverage.componentsWithoutData
        if !emptyComponents.isEmpty { notes.append("COM-B components with no data: " + emptyComponents.map(\.name).joined(separator: ", ")) }
        if coverage.uncodedQuotes > 0 {
            notes.append("left out \(coverage.uncodedQuotes) quote\(coverage.uncodedQuotes == 1 ? "" : "s") not yet fully coded (no domain, component or direction); 'quotes where domain = unknown' lists the uncoded ones")
        }
        return .table(ResultTable(title: "TDF domains", columns: columns, rows: rows, footnotes: notes))
    }
}
