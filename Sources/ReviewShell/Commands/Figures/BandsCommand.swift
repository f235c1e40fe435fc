import ReviewKit

/// `bands`: the CASP quality bands in use, studies per band, and totals in no band or two.
struct BandsCommand: Command {
    let name = "bands"
    let group = CommandGroup.figures
    let summary = "CASP quality bands: cut-offs in use, studies per band, totals that fall in no band or two"
    let usage = ["bands"]
    let details = "Cut-offs are changed with 'set bands \"high >8..10; moderate 6..7; low ..5\"'. Totals in no band (or in two) are listed, never silently assigned."
    let examples = ["bands", "set bands \"high >8..10; moderate 6..8; low ..5.5\""]
    let signature = ArgumentSignature(extra: { _ in "'bands' takes no arguments; change cut-offs with 'set bands …'" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let bands = context.settings.bands
        let summary = CASPSummary(workspace: context.workspace, bands: bands)
        let rows: [[ResultValue]] = summary.bandCounts.map { band in
            [.text(band.name), .text(band.range), .integer(band.count), .list(band.totals.map { .number(Double($0) / 2, decimals: $0 % 2 == 0 ? 0 : 1) })]
        }
        var notes = ["cut-offs: \(bands.description)" + (bands == .seed ? " (the seed review's, section 2.4: 'high' > 8–10, 'moderate' 6–7, 'low' ≤ 5)" : "")]
        if !bands.gaps.isEmpty { notes.append("possible totals in no band: " + bands.gaps.map(QualityBands.format).joined(separator: ", ")) }
        for overlap in bands.overlaps { notes.append("total \(QualityBands.format(overlap.halfPoints)) falls in two bands: " + overlap.names.joined(separator: " and ")) }
        let none = summary.rows.filter { $0.bands.isEmpty }
        if !none.isEmpty {
            notes.append("studies in no band: " + none.map { "\($0.study.id) \($0.study.label) (\(QualityBands.format($0.totalHalfPoints)))" }.joined(separator: "; "))
        }
        return .table(ResultTable(title: "CASP quality bands",
                                  columns: [.init("band"), .init("range"), .init("studies", type: .integer), .init("totals", type: .list, wraps: true)],
                                  rows: rows, footnotes: notes))
    }
}
