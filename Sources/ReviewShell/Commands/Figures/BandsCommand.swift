import ReviewKit

/// `bands`: the CASP quality bands in use, studies per band, and totals in no band or two.
struct BandsCommand: Command {
    let name = "bands"
    let group = CommandGroup.figures
    let summary = "CASP quality bands: cut-offs in use, studies per band, totals that fall in no band or two"
    let usage = ["bands"]
    let details = "Cut-offs are changed with 'set bands \"high >8..10; moderate 6..7; low ..5\"'. Totals in no band (or in two) are listed, never silently assigned: " +
        "a study whose total falls in two overlapping bands is counted once, in a row 'a+b', so the counts add up to the complete appraisals. " +
        "An incomplete appraisal (a question unanswered) has no total and no band; it is left out with a note."
    let examples = ["bands", "set bands \"high >8..10; moderate 6..8; low ..5.5\""]
    let signature = ArgumentSignature(extra: { _ in "'bands' takes no arguments; change cut-offs with 'set bands …'" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let bands = context.settings.bands
        let summary = CASPSummary(workspace: context.workspace, bands: bands)
        // Machine output carries the range as bounds (null: no limit, or a row that is not a band: 'none', 'a+b').
        let rows: [[ResultValue]] = summary.bandCounts.map { band in
            let cutOff = bands.bands.first { $0.name == band.name }
            func bound(_ halfPoints: Int?) -> ResultValue { halfPoints.map { .number(Double($0) / 2, decimals: 1) } ?? .missing }
            return [.text(band.name), .text(band.range), bound(cutOff?.lower), cutOff.map { .boolean($0.lowerExclusive) } ?? .missing,
                    bound(cutOff?.upper), cutOff.map { .boolean($0.upperExclusive) } ?? .missing,
                    .integer(band.count), .list(band.totals.map { .number(Double($0) / 2, decimals: $0 % 2 == 0 ? 0 : 1) })]
        }
        var notes = ["cut-offs: \(bands.description)" + (bands == .seed ? " (the seed review's, section 2.4: 'high' > 8–10, 'moderate' 6–7, 'low' ≤ 5)" : "")]
        if !bands.gaps.isEmpty { notes.append("possible totals in no band: " + bands.gaps.map(QualityBands.format).joined(separator: ", ")) }
        for overlap in bands.overlaps { notes.append("total \(QualityBands.format(overlap.halfPoints)) falls in two bands: " + overlap.names.joined(separator: " and ")) }
        let none = summary.rows.filter { $0.bandName == QualityBands.noneName }
        if !none.isEmpty {
            notes.append("studies in no band: " + none.map { "\($0.study.id) \($0.study.label) (\($0.appraisal.totalText))" }.joined(separator: "; "))
        }
        let overlapping = summary.rows.filter { $0.bands.count > 1 }
        if !overlapping.isEmpty {
            notes.append("\(overlapping.count) stud\(overlapping.count == 1 ? "y falls" : "ies fall") in two overlapping bands and \(overlapping.count == 1 ? "is" : "are") counted once, as in both: "
                         + overlapping.map { "\($0.study.id) (\($0.appraisal.totalText), \($0.bandName))" }.joined(separator: ", "))
        }
        if let incomplete = summary.incompleteNote { notes.append(incomplete) }
        let studies = context.workspace.studies.count
        notes.append("\(summary.completeCount) with a total + \(summary.incomplete.count) incomplete + \(summary.unappraised.count) not appraised = \(studies) stud\(studies == 1 ? "y" : "ies")")
        return .table(ResultTable(title: "CASP quality bands",
                                  columns: [.init("band"), ResultColumn("range").onlyForTables(), ResultColumn("range_min", type: .number).onlyForMachines(),
                                            ResultColumn("range_min_exclusive", type: .boolean).onlyForMachines(),
                                            ResultColumn("range_max", type: .number).onlyForMachines(),
                                            ResultColumn("range_max_exclusive", type: .boolean).onlyForMachines(),
                                            .init("studies", type: .integer), .init("totals", type: .list, wraps: true)],
                                  rows: rows, footnotes: notes))
    }
}
