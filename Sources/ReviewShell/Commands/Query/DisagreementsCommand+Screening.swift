import ReviewKit

/// `disagreements screening`: the Covidence-style conflict list of the stored screening decisions.
extension DisagreementsCommand {
    func screening(_ workspace: Workspace, chosen: [String]?, all: Bool, _ arguments: ParsedArguments) throws(Diagnostic) -> ResultTable {
        guard !workspace.screening.isEmpty else {
            throw arguments.error("no screening decisions here; import them with 'import screening FILE' (a table, a Rayyan export or Covidence votes)")
        }
        let available = workspace.screening.reviewers
        let reviewers = chosen ?? available
        if let unknown = reviewers.first(where: { !available.contains($0) }) {
            throw arguments.error("'\(unknown)' made no screening decision here; screeners: \(available.joined(separator: ", "))",
                                  at: arguments.option("reviewers")?.valueSpan)
        }
        let conflicts = workspace.screeningConflicts(reviewers: reviewers)
        let keys = ResultKey.reviewerKeys(in: workspace)
        let titled = workspace.screening.records.contains { $0.title != nil }
        var rows: [[ResultValue]] = []
        for (record, conflict) in conflicts {
            rows.append([.labelled(.text(conflict.slug), display: conflict.label), .text(record.id)] + (titled ? [record.title.map { .text($0) } ?? .missing] : [])
                        + reviewers.map { name in record.decision(of: name).map { .text($0.rawValue) } ?? .missing }
                        + [record.consensus.map { .text($0.rawValue) } ?? .missing, .text(record.consensus == nil ? "unresolved" : "consensus")])
        }
        if all {
            for record in workspace.screening.records where ScreeningConflict(Set(reviewers.compactMap { record.decision(of: $0) })) == nil {
                let given = reviewers.compactMap { record.decision(of: $0) }
                guard given.count >= 2 else { continue }
                rows.append([.text("agreed"), .text(record.id)] + (titled ? [record.title.map { .text($0) } ?? .missing] : [])
                            + reviewers.map { name in record.decision(of: name).map { .text($0.rawValue) } ?? .missing }
                            + [record.consensus.map { .text($0.rawValue) } ?? .missing, .text("agreed")])
            }
        }
        let double = workspace.screening.records.filter { record in reviewers.compactMap { record.decision(of: $0) }.count >= 2 }.count
        var counts: [String] = []
        for kind in ScreeningConflict.allCases {
            let count = conflicts.filter { $0.conflict == kind }.count
            if count > 0 { counts.append("\(count) \(kind.label)") }
        }
        let columns: [ResultTable.Column] = [.init("conflict"), .init("record")] + (titled ? [.init("title", wraps: true)] : [])
            + reviewers.map { .init("decision_" + keys[$0], $0) } + [.init("consensus"), .init("status")]
        return ResultTable(title: "Screening conflicts", columns: columns, rows: rows, footnotes: [
            "\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") among \(double) record\(double == 1 ? "" : "s") screened by two of \(reviewers.joined(separator: ", ")) or more"
                + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")),
            "'consensus screening RECORD DECISION' records the agreed decision (so does a consensus column in an imported table, or Covidence's 'Consensus' reviewer)",
        ] + [keys.note(for: reviewers, prefix: "decision_")].compactMap { $0 })
    }
}

extension ScreeningConflict {
    /// The conflict as machine output names it, a slug of a closed set (docs/formats.md): `include-exclude`,
    /// `maybe-exclude`, `include-maybe`, `include-maybe-exclude` (`agreed` marks a record without one).
    var slug: String {
        switch self {
        case .includeExclude: "include-exclude"
        case .maybeExclude: "maybe-exclude"
        case .includeMaybe: "include-maybe"
        case .all: "include-maybe-exclude"
        }
    }
}
