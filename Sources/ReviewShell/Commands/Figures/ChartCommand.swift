import ReviewKit

/// `chart`: the review's figures drawn in the terminal (bars, heat maps, the CASP traffic-light grid, bands).
struct ChartCommand: Command {
    let name = "chart"
    let group = CommandGroup.figures
    let summary = "terminal charts: quotes or sub-themes per domain, the matrix heat map, the CASP grid, band distribution"
    let usage = [
        "chart domains [quotes|themes]",
        "chart matrix [comb|study] [barrier|facilitator]",
        "chart casp",
        "chart bands",
    ]
    let details = """
    Charts fit the output width ('set width'; at least 50 columns) and use Unicode block characters under a UTF-8 locale, \
    plain ASCII otherwise or after 'set glyphs ascii'. Colour is added only when the shell uses colour ('set colour'), and \
    always on top of a glyph: every CASP answer has its own mark (+ yes, − can't tell, x no, ? not answered), so a chart \
    reads the same under NO_COLOR and in print. 'chart domains' splits each TDF domain's bar into barriers and facilitators; \
    'chart matrix' shades COM-B × TDF (comb, the default) or study × domain (study) cells by count, with the counts printed; \
    'chart casp' is Table 2 as a traffic-light grid with totals and bands; 'chart bands' counts studies per quality band.
    """
    let examples = ["chart domains", "chart domains themes", "chart matrix", "chart matrix study barrier", "chart casp", "chart bands",
                    "set glyphs ascii"]

    static let measures = ["quotes", "themes", "subthemes", "sub-themes"]

    var signature: ArgumentSignature {
        let direction = ArgumentSignature.Positional.optional("direction", .field("direction"))
        return .subcommands([
            .init("domains", aliases: ["domain"], ArgumentSignature(positionals: [.optional("measure", .keyword(["quotes", "themes"]))])),
            .init("matrix", ArgumentSignature(positionals: [.optional("rows", .keyword(["comb", "study", "barrier", "facilitator"])), direction])),
            .init("casp", ArgumentSignature(extra: { _ in "'chart casp' takes no arguments" })),
            .init("bands", ArgumentSignature(extra: { _ in "'chart bands' takes no arguments" })),
        ], missing: "which chart? 'chart domains', 'chart matrix', 'chart casp' or 'chart bands'",
           unknown: { "unknown chart '\($0)'" }, notes: ["expected domains, matrix, casp or bands"])
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let chart = try draw(arguments, in: context)
        // The renderer ends prose with its own newline; the chart's is dropped so the terminal shows it byte for byte.
        return .text(chart.hasSuffix("\n") ? String(chart.dropLast()) : chart)
    }

    private func draw(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> String {
        guard let (chart, _) = arguments.subcommand else { return "" }
        let style = try context.chartStyle(arguments)
        let workspace = context.workspace
        switch chart {
        case "domains":
            var measure = TerminalChart.Measure.quotes
            if let word = arguments.positional(0) {
                guard Self.measures.contains(word.text.lowercased()) else {
                    throw arguments.error("unknown measure '\(word.text)'", at: word.span, notes: ["expected quotes or themes (sub-themes)"])
                }
                if word.text.lowercased() != "quotes" { measure = .subThemes }
            }
            return TerminalChart.domainBars(Coverage(workspace: workspace), measure: measure, style: style)
        case "matrix":
            let choice = try Self.matrixChoice(arguments)
            return choice.byStudy ? TerminalChart.studyHeatMap(workspace, direction: choice.direction, style: style)
                : TerminalChart.combHeatMap(workspace, direction: choice.direction, style: style)
        case "casp":
            return TerminalChart.caspGrid(CASPSummary(workspace: workspace, bands: context.settings.bands), style: style)
        default:
            return TerminalChart.bandDistribution(CASPSummary(workspace: workspace, bands: context.settings.bands), style: style)
        }
    }

    /// `[comb|study] [barrier|facilitator]` in either order (both optional), shared with `figure matrix`.
    static func matrixChoice(_ arguments: ParsedArguments, from first: Int = 0) throws(Diagnostic) -> (byStudy: Bool, direction: Direction?) {
        var byStudy: Bool?
        var direction: Direction?
        for word in arguments.positionals.dropFirst(first) {
            switch word.text.lowercased() {
            case "comb", "com-b", "domain", "domains":
                guard byStudy == nil else { throw arguments.error("choose comb or study once", at: word.span) }
                byStudy = false
            case "study", "studies":
                guard byStudy == nil else { throw arguments.error("choose comb or study once", at: word.span) }
                byStudy = true
            default:
                guard direction == nil else {
                    throw arguments.error("unexpected '\(word.text)'", at: word.span, notes: ["expected comb or study, then barrier or facilitator"])
                }
                direction = try arguments.resolve(word.text, at: word.span, Framework.directions, what: "direction")
            }
        }
        return (byStudy ?? false, direction)
    }
}
