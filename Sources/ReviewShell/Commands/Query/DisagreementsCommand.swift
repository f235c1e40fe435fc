import ReviewKit

/// `disagreements`: the quotes and CASP answers on which reviewers differ, each reviewer's answer side by side.
struct DisagreementsCommand: Command {
    let name = "disagreements"
    let group = CommandGroup.query
    let summary = "where reviewers differ: each reviewer's coding or CASP answer side by side, with the consensus"
    let usage = ["disagreements [domain|component|direction|subtheme] [reviewers=A,B,C] [all]", "disagreements casp [reviewers=A,B,C] [all]",
                 "disagreements screening [reviewers=A,B,C]"]
    let details = """
    Without a field, a quote is listed when the reviewers differ on any field. Only reviewers who coded the field are compared; \
    a quote or question settled by a consensus is listed too (status 'consensus') unless it is resolved by agreement; \
    'all' lists every double-coded quote (or question), agreed or not. Not available in blind mode, which hides the others' codings. \
    'screening': the conflict list of the stored screening decisions as Covidence shows it, grouped include vs exclude, maybe vs exclude, \
    include vs maybe (then all three), each reviewer's decision side by side with the consensus where one was imported.
    """
    let examples = ["disagreements", "disagreements domain", "disagreements casp"]
    let signature = ArgumentSignature(
        positionals: [.optional("field", .keyword(["domain", "component", "direction", "subtheme", "casp", "screening", "all"])), .optional("all", .keyword(["all"]))],
        extra: { "unexpected '\($0)'" }, options: [.init("reviewers", aliases: ["reviewer", "raters"])])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard context.settings.blindReviewer == nil else {
            throw arguments.error("disagreements shows the other reviewers' codings; blind mode is on ('set blind off' first)")
        }
        let workspace = context.document.workspace
        var words = arguments.positionals.map { $0.text.lowercased() }
        let all = words.last == "all"
        if all { words.removeLast() }
        let chosen = try ReviewerArguments.reviewers(arguments)
        if words.first == "casp" { return .table(casp(workspace, chosen: chosen, all: all)) }
        if words.first == "screening" { return .table(try screening(workspace, chosen: chosen, all: all, arguments)) }
        var fields = CodingField.allCases
        if let word = words.first {
            guard let field = CodingField(parsing: word) else {
                throw arguments.error("expected domain, component, direction, subtheme or casp", at: arguments.positionals[0].span)
            }
            fields = [field]
        }
        let reviewers = chosen ?? workspace.reviewers.filter { name in workspace.reviewerCodings.contains { $0.reviewer == name } }
        let keys = ResultKey.reviewerKeys(in: workspace)
        var ids: [Int] = []
        var seen = Set<Int>()
        for coding in workspace.reviewerCodings where seen.insert(coding.quoteID).inserted { ids.append(coding.quoteID) }
        var rows: [[ResultValue]] = []
        for id in ids.sorted() {
            let codings = reviewers.compactMap { workspace.reviewerCoding(of: id, by: $0) }
            guard codings.count >= 2 else { continue }
            let differ = fields.filter { field in Set(codings.compactMap { $0.value(of: field) }).count > 1 }
            guard all || !differ.isEmpty else { continue }
            let consensus = workspace.consensusCoding(of: id)
            let unresolved = workspace.resolvedCoding(of: id)?.unresolved ?? []
            let status = differ.isEmpty ? "agreed" : (differ.allSatisfy { !unresolved.contains($0) } ? "consensus" : "unresolved")
            rows.append([ResultValue.quoteID(id), .list(differ.map { .labelled(.text($0.rawValue), display: $0.label) })]
                        + reviewers.flatMap { name in codingCells(workspace.reviewerCoding(of: id, by: name), fields, workspace) }
                        + codingCells(consensus, fields, workspace) + [.text(status)])
        }
        let columns: [ResultTable.Column] = [.init("quote", type: .integer, alignRight: false), .init("differ_on", "differ on", type: .list, wraps: true)]
            + reviewers.flatMap { codingColumns("coding_" + keys[$0], $0, fields) } + codingColumns("consensus", "consensus", fields) + [.init("status")]
        return .table(ResultTable(title: "Disagreements" + (fields.count == 1 ? ": \(fields[0].label)" : ""), columns: columns, rows: rows,
                                  footnotes: ["\(rows.count) quote\(rows.count == 1 ? "" : "s") coded by two of \(reviewers.joined(separator: ", ")) or more"
                                              + (all ? "" : " on which they differ") + "; record the agreed coding with 'consensus Q… field=value'"]
                                      + [keys.note(for: reviewers, prefix: "coding_")].compactMap { $0 }))
    }

    /// The columns of one reviewer (or the consensus): with one field, its value (a slug, a sub-theme id) shown by name;
    /// with several, the coding described for people (table only) and one machine-only key per field
    /// (`coding_gt_domain`, `consensus_subtheme`), so machine output never packs several fields into one string.
    private func codingColumns(_ key: String, _ label: String, _ fields: [CodingField]) -> [ResultTable.Column] {
        if fields.count == 1 { return [.init(key, label, wraps: true)] }
        var display = ResultTable.Column(key, label, wraps: true)
        display.tableOnly = true
        return [display] + fields.map { field in
            var column = ResultTable.Column(key + "_" + field.rawValue, "\(label) \(field.label)", type: field == .subTheme ? .integer : .text)
            column.machineOnly = true
            return column
        }
    }

    /// The cells under `codingColumns(_:_:_:)` for one coding (missing where there is none).
    private func codingCells(_ coding: ReviewerCoding?, _ fields: [CodingField], _ workspace: Workspace) -> [ResultValue] {
        guard let coding else { return Array(repeating: .missing, count: fields.count == 1 ? 1 : fields.count + 1) }
        let values = fields.map { field -> ResultValue in
            guard let value = coding.value(of: field) else { return .missing }
            let machine: ResultValue = field == .subTheme ? Int(value).map(ResultValue.integer) ?? .text(value) : .text(value)
            return .labelled(machine, display: AgreementTables.name(of: value, field: field, in: workspace))
        }
        if fields.count == 1 { return values }
        return [.text(ReviewerFields.describe(coding, in: workspace))] + values
    }

    private func casp(_ workspace: Workspace, chosen: [String]?, all: Bool) -> ResultTable {
        let reviewers = chosen ?? workspace.reviewers.filter { name in workspace.appraisals.contains { $0.reviewer == name } }
        var rows: [[ResultValue]] = []
        for study in workspace.studies {
            let own = reviewers.map { workspace.appraisal(of: study.id, reviewer: $0) }
            guard own.compactMap({ $0 }).count >= 2 else { continue }
            let consensus = workspace.appraisals.first { $0.studyID == study.id && $0.reviewer == ReviewerCoding.consensus }
            for question in CASPQuestion.all {
                let answers = own.map { $0?.answers[question.id - 1] }
                let given = Set(answers.compactMap { $0 })
                guard all || given.count > 1 else { continue }
                let agreed = consensus?.answers[question.id - 1]
                rows.append([.text(study.id), .labelled(.text("q\(question.id)"), display: "q\(question.id) \(question.shortLabel)")]
                            + answers.map { $0.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing }
                            + [agreed.map { .labelled(.text($0.slug), display: $0.name) } ?? .missing, .text(given.count <= 1 ? "agreed" : agreed == nil ? "unresolved" : "consensus")])
            }
        }
        let keys = ResultKey.reviewerKeys(in: workspace)
        let columns: [ResultTable.Column] = [.init("study"), .init("question")] + reviewers.map { .init("answer_" + keys[$0], $0) }
            + [.init("consensus"), .init("status")]
        return ResultTable(title: "Disagreements: CASP answers", columns: columns, rows: rows,
                           footnotes: ["\(rows.count) answer\(rows.count == 1 ? "" : "s") of studies appraised by two of \(reviewers.joined(separator: ", ")) or more"
                                       + (all ? "" : " on which they differ") + "; record the agreed answer with 'consensus S… qN=answer'"]
                               + [keys.note(for: reviewers, prefix: "answer_")].compactMap { $0 })
    }
}
