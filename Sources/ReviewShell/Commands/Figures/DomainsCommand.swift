import ReviewKit

/// `domains`: the 14 TDF domains, where each sits in COM-B, and the review's sub-themes and quotes there.
struct DomainsCommand: Command {
    let name = "domains"
    let group = CommandGroup.figures
    let summary = "the 14 TDF domains: where each sits in COM-B and what the review found there; 'domains rank' ranks them"
    let usage = ["domains [barrier|facilitator]", "domains rank [by=CRITERIA] [from=FILE.csv total=N]"]
    let details = """
    Counts sub-themes and quotes per domain and direction under the mapping in use ('set mapping'); domains with no data are marked. \
    'domains rank' ranks the domains by importance (Atkins et al. 2017): by the number of studies with data, then elaboration (the \
    number of sub-themes), with joint ranks for ties ("joint 4th–5th"); by= sets the criteria and their order (studies, elaboration, \
    quotes, conflicting). Where quotes are linked to reference numbers rather than studies, distinct citations are counted and the \
    notes say so. from=FILE.csv ranks a review's own domain-level counts (columns domain, studies, subthemes, optional quotes, \
    barriers, facilitators); total=N is its number of included studies, for the percentages. See docs/cerqual.md.
    """
    let examples = ["domains", "domains barrier", "domains rank", "domains rank by=elaboration,studies"]
    let signature = ArgumentSignature.subcommands([
        .init("rank", aliases: ["ranking", "importance"], ArgumentSignature(options: [.init("by"), .init("from", .file), .init("total", .number)])),
    ], missing: nil, unknown: { "unknown domains sub-command '\($0)'" },
       otherwise: ArgumentSignature(positionals: [.optional("direction", .field("direction"))]))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        if arguments.subcommand?.name == "rank" { return try rank(arguments, in: context) }
        let workspace = context.workspace
        let mapping = context.settings.mapping
        let only = try arguments.positional(0).map { word throws(Diagnostic) in
            try arguments.resolve(word.text, at: word.span, Framework.directions, what: "direction")
        }
        let coverage = Coverage(workspace: workspace)
        let shown = only.map { [$0] } ?? Direction.allCases
        var rows: [[ResultValue]] = []
        for domain in TDFDomain.allCases {
            let mapped = mapping.components(of: domain)
            let components = ResultValue.labelled(.list(mapped.map { .text($0.slug) }), display: mapped.map(\.name).joined(separator: " + "))
            let themes = Direction.allCases.map { d in workspace.subThemes.filter { $0.domain == domain && $0.direction == d }.count }
            let quotes = Direction.allCases.map { d in coverage.cells.filter { $0.domain == domain && $0.direction == d }.reduce(0) { $0 + $1.quotes } }
            let total = shown.reduce(0) { $0 + quotes[Int($1.rawValue) - 1] }
            var row: [ResultValue] = [.integer(Int(domain.rawValue)), .labelled(.text(domain.slug), display: domain.name), components]
            for d in shown { row.append(.pair(themes[Int(d.rawValue) - 1], quotes[Int(d.rawValue) - 1])) }
            row.append(total == 0 && shown.allSatisfy({ themes[Int($0.rawValue) - 1] == 0 }) ? .absent("no data") : .integer(total))
            rows.append(row)
        }
        var columns: [ResultTable.Column] = [.init("number", "#", type: .integer), .init("domain", "TDF domain", wraps: true),
                                             .init("component", "COM-B", type: .list, wraps: true)]
        for d in shown { columns.append(ResultColumn(d.slug + "s", type: .pair).pairKeyed(d.slug + "_subthemes", d.slug + "_quotes")) }
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

    /// `domains rank`: domain importance from the workspace, or from a file of domain-level counts.
    private func rank(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        var criteria = DomainImportance.Criterion.standard
        if let by = arguments.option("by") {
            criteria = try arguments.located(at: by.valueSpan) { () throws(ReviewError) in try DomainImportance.Criterion.parseList(by.value) }
        }
        let total: Int?
        if let option = arguments.option("total") {
            guard let value = Int(option.value), value > 0 else { throw arguments.error("total must be a positive whole number (the review's included studies)", at: option.valueSpan) }
            total = value
        } else {
            total = nil
        }
        let importance: DomainImportance
        if let from = arguments.option("from") {
            let counts: [DomainCounts]
            do throws(FileError) {
                counts = try DomainCountsCSV.parse(try AtomicFile.read(context.files.url(forReading: from.value)), path: from.value)
            } catch {
                throw Diagnostic(error.naming(from.value))
            }
            importance = try arguments.located(at: from.valueSpan) { () throws(ReviewError) in
                try DomainImportance(counts: counts, criteria: criteria, totalStudies: total,
                                     notes: total == nil ? ["no percentages: give total=N, the review's number of included studies"] : [])
            }
        } else {
            if let option = arguments.option("total") {
                throw arguments.error("total= goes with from=FILE.csv; the workspace's own count of included studies is used here", at: option.span)
            }
            importance = try arguments.invocation.engine { () throws(ReviewError) in try DomainImportance(workspace: context.workspace, criteria: criteria) }
        }
        // One vocabulary: `domain` is the slug everywhere; the name people read is `domain_label`.
        var table = ResultTable(importance.table)
        for index in table.columns.indices {
            switch table.columns[index].key {
            case "domain": table.columns[index].key = "domain_label"
            case "domain_slug": table.columns[index].key = "domain"
            default: break
            }
        }
        return .table(table)
    }
}
