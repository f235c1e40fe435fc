import ReviewKit

/// `studies`: list, filter, count or group the included studies.
struct StudiesCommand: Command {
    let name = "studies"
    let aliases = ["s"]
    let group = CommandGroup.query
    let summary = "list, filter, count or group the included studies"
    let usage = ["studies [where FILTER] [group by FIELD] [sort by FIELD [desc]] [limit N] [count]"]
    let details = """
    Study fields: id label reference year country design collection analysis participants casp band reviewer quotes q1…q10. \
    casp is the CASP total (0–10); band is the quality band under the cut-offs in use ('set bands'); q1…q10 take yes, can't tell, no or a score.
    """
    let examples = ["studies where casp >= 8.5", "studies where band = none", "studies where q6 = no count", "studies group by band", "studies where label contains gillard"]
    let signature = ArgumentSignature.rest(.query(.study))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let query = context.queryContext
        return QueryTables.show(try arguments.runQuery(for: .study, in: context), subject: "studies") { rows in
            studyTable(rows.rows, total: rows.total, query: query)
        }
    }

    /// The studies table: id and label, the descriptive columns any listed study has, CASP total, band, quotes.
    private func studyTable(_ indices: [Int], total: Int, query: QueryContext) -> ResultTable {
        let workspace = query.workspace
        var columns: [ResultTable.Column] = [.init("id"), .init("label", wraps: true)]
        let optional: [(column: ResultTable.Column, value: (Study) -> ResultValue?)] = [
            (.init("reference", "ref", type: .integer, wraps: true), { $0.reference.map(ResultValue.integer) }),
            (.init("year", type: .integer, wraps: true), { $0.year.map(ResultValue.integer) }),
            (.init("country", wraps: true), { $0.country.map(ResultValue.text) }),
            (.init("design", wraps: true), { $0.design.map(ResultValue.text) }),
            (.init("data_collection", "collection", wraps: true), { $0.dataCollection.map(ResultValue.text) }),
            (.init("analysis", wraps: true), { $0.analysis.map(ResultValue.text) }),
            (.init("participants", "n", type: .integer, wraps: true), { $0.participants.map(ResultValue.integer) }),
        ]
        let shown = optional.filter { column in indices.contains { column.value(workspace.studies[$0]) != nil } }
        columns += shown.map(\.column)
        columns += [.init("casp", type: .number), .init("band"), .init("quotes", type: .integer)]
        let rows: [[ResultValue]] = indices.map { index in
            let study = workspace.studies[index]
            var row: [ResultValue] = [.text(study.id), .text(study.label)]
            row += shown.map { $0.value(study) ?? .missing }
            let appraisal = query.appraisal(ofStudy: index)
            row.append(query.studyTotals[index].map { .number(Double($0) / 2, decimals: 1) } ?? appraisal.map { .absent($0.totalText) } ?? .missing)
            row.append(query.bandName(ofStudy: index).map(ResultValue.band) ?? .missing)
            row.append(.integer(query.studyQuoteCounts[index]))
            return row
        }
        var notes: [String] = []
        if total > indices.count { notes.append("(\(indices.count) of \(total) shown)") }
        if rows.contains(where: { $0[$0.count - 2] == .absent("none") }) {
            notes.append("band 'none': the total falls in no band under the cut-offs in use (\(query.bands.description)); see 'bands'")
        }
        if rows.contains(where: { $0[$0.count - 2] == .band(QualityBands.incompleteName) }) {
            notes.append("band 'incomplete': a question is unanswered, so there is no total; such studies are left out of band counts and 'casp stats'")
        }
        return ResultTable(columns: columns, rows: rows, footnotes: notes)
    }
}
