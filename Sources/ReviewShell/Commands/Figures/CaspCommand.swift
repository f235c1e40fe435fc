import ReviewKit

/// `casp`: the CASP appraisals as Table 2, per-question tallies, or summary statistics of the totals.
struct CaspCommand: Command {
    let name = "casp"
    let group = CommandGroup.figures
    let summary = "CASP appraisals: Table 2, per-question tallies, summary statistics"
    let usage = ["casp [table]", "casp questions", "casp stats"]
    let details = "Answers score yes 1, can't tell 0.5, no 0; the total is out of 10. Bands follow the cut-offs in use ('bands', 'set bands'). " +
        "An appraisal with a question unanswered has no total: it shows as 'incomplete (N of 10)', in band 'incomplete', and is left out of the statistics with a note."
    let examples = ["casp", "casp questions", "casp stats"]
    let signature = ArgumentSignature(positionals: [.optional("view", .keyword(["table", "questions", "stats"]))])

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let summary = CASPSummary(workspace: context.workspace, bands: context.settings.bands)
        switch arguments.positional(0)?.text.lowercased() ?? "table" {
        case "table": return .table(table(summary))
        case "questions", "tallies": return .table(questions(summary))
        case "stats", "statistics": return .record(statistics(summary))
        default:
            let word = arguments.positionals[0]
            throw arguments.error("unknown view '\(word.text)'", at: word.span, notes: ["expected table, questions or stats"])
        }
    }

    private func table(_ summary: CASPSummary) -> ResultTable {
        // One vocabulary: `study` is the study's id wherever it appears (quotes, matrix, disagreements); its label is `study_label`.
        let columns: [ResultTable.Column] = [.init("study", "id"), .init("study_label", "study", wraps: true)] + (1...10).map { .init("q\($0)", "Q\($0)", type: .number) }
            + [.init("total", type: .number), .init("band")]
        let rows: [[ResultValue]] = summary.rows.map { row in
            [.text(row.study.id), .text(row.study.label)] + row.appraisal.answers.map { $0.map { .number($0.score, decimals: 1) } ?? .missing }
                + [row.totalHalfPoints.map { .number(Double($0) / 2, decimals: 1) } ?? .absent(row.appraisal.totalText), .band(row.bandName)]
        }
        var notes = ["scores: yes 1, can't tell 0.5, no 0; bands: \(summary.bands.description)"]
        if !summary.unappraised.isEmpty { notes.append("not appraised: " + summary.unappraised.map(\.id).joined(separator: ", ")) }
        if let incomplete = summary.incompleteNote { notes.append(incomplete) }
        return ResultTable(title: "CASP appraisal (Table 2)", columns: columns, rows: rows, footnotes: notes)
    }

    private func questions(_ summary: CASPSummary) -> ResultTable {
        let rows: [[ResultValue]] = summary.tallies.map { t in
            [.labelled(.text("q\(t.question.id)"), display: "Q\(t.question.id)"), .text(t.question.text), .integer(t.yes), .integer(t.cantTell), .integer(t.no),
             .integer(t.unanswered), t.meanScore.map { .number($0, decimals: 2) } ?? .missing]
        }
        return ResultTable(title: "CASP answers per question (\(summary.rows.count) studies)",
                           columns: [.init("question", "Q"), .init("question_text", "question", wraps: true), .init("yes", type: .integer),
                                     .init("cant_tell", "can't tell", type: .integer), .init("no", type: .integer),
                                     .init("unanswered", type: .integer), .init("mean", type: .number)],
                           rows: rows, footnotes: ["questions: \(CASPQuestion.source)"])
    }

    private func statistics(_ summary: CASPSummary) -> ResultRecord {
        let s = summary.statistics
        func n(_ v: Double?) -> ResultValue { v.map { .number($0, decimals: 2) } ?? .missing }
        return ResultRecord(title: "CASP totals", fields: [
            .init("studies_appraised", "studies appraised", .integer(s.count)), .init("mean", n(s.mean)),
            .init("standard_deviation", "standard deviation", n(s.standardDeviation)), .init("median", n(s.median)),
            .init("lower_quartile", "lower quartile", n(s.lowerQuartile)), .init("upper_quartile", "upper quartile", n(s.upperQuartile)),
            .init("minimum", n(s.minimum)), .init("maximum", n(s.maximum)), .init("full_score", "full score (10)", .integer(summary.fullScoreCount)),
        ], footnotes: ["standard deviation uses n − 1; quartiles are R's default (type 7)"] + (summary.incompleteNote.map { [$0] } ?? []))
    }
}
