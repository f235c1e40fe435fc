import ReviewKit

/// `figure`: the review's figures as SVG files for a paper (CASP traffic light, COM-B/TDF map, heat map, PRISMA flow).
struct FigureCommand: Command {
    let name = "figure"
    let group = CommandGroup.figures
    let summary = "write a figure as an SVG file: CASP traffic light, COM-B/TDF map, matrix heat map, PRISMA 2020 flow"
    let usage = [
        "figure casp FILE.svg [palette=colour-blind]",
        "figure map FILE.svg",
        "figure matrix FILE.svg [comb|study] [barrier|facilitator]",
        "figure prisma FILE.svg",
    ]
    let details = """
    Figures are standalone SVG: valid XML, no external fonts or scripts, text as text (searchable, with a title and description \
    for screen readers), sized for a journal page (493 pt wide). The same workspace always gives the same bytes, so figures can \
    live in git (docs/figures holds the embedded review's). 'casp' is the robvis-style traffic-light plot (studies × Q1–Q10, total \
    and band, then the share of yes / can't tell / no per question); palette=colour-blind uses robvis's colour-blind set, and every \
    answer also has its own glyph. 'map' places the barrier and facilitator sub-themes (with quote counts) on COM-B and the TDF under \
    the mapping in use; domains without data are shown as such. 'matrix' is the heat map of quotes, COM-B × TDF (comb) or study × \
    domain (study). 'prisma' draws the PRISMA 2020 flow from the counts 'prisma' shows ("n = ?" for a step not reported). \
    Files are written atomically. For PNG: 'rsvg-convert -d 300 -p 300 FILE.svg -o FILE.png' (docs/figures/README.md).
    """
    let examples = ["figure casp casp.svg", "figure casp casp.svg palette=colour-blind", "figure map map.svg", "figure matrix matrix.svg",
                    "figure matrix barriers-by-study.svg study barrier", "figure prisma prisma.svg"]

    var signature: ArgumentSignature {
        let file = ArgumentSignature.Positional.required("file", .file, missing: "name the SVG file to write, e.g. 'figure casp casp.svg'")
        return .subcommands([
            .init("casp", ArgumentSignature(positionals: [file], extra: { _ in "'figure casp' takes one file name" },
                                            options: [.init("palette", aliases: ["colours", "colors"], .keyword(AppraisalPalette.allCases.map(\.rawValue)))])),
            .init("map", ArgumentSignature(positionals: [file], extra: { _ in "'figure map' takes one file name" })),
            .init("matrix", aliases: ["heatmap"], ArgumentSignature(positionals: [file, .optional("rows", .keyword(["comb", "study", "barrier", "facilitator"])),
                                                                                  .optional("direction", .field("direction"))])),
            .init("prisma", ArgumentSignature(positionals: [file], extra: { _ in "'figure prisma' takes one file name" })),
        ], missing: "which figure? 'figure casp FILE.svg', 'figure map FILE.svg', 'figure matrix FILE.svg' or 'figure prisma FILE.svg'",
           unknown: { "unknown figure '\($0)'" }, notes: ["expected casp, map, matrix or prisma"])
    }

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        arguments.positionals.prefix(1).map(\.text)
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let (figure, _) = arguments.subcommand, let file = arguments.positional(0) else { return .empty }
        let workspace = context.workspace
        let svg: String
        let what: String
        switch figure {
        case "casp":
            var palette = AppraisalPalette.cochrane
            if let option = arguments.option("palette") {
                let value = option.value.lowercased().replacingOccurrences(of: "color", with: "colour").replacingOccurrences(of: "_", with: "-")
                guard let chosen = AppraisalPalette(rawValue: value == "colourblind" ? "colour-blind" : value) else {
                    throw arguments.error("unknown palette '\(option.value)'", at: option.valueSpan,
                                          notes: ["expected " + AppraisalPalette.allCases.map(\.rawValue).joined(separator: " or ")])
                }
                palette = chosen
            }
            svg = SVGFigure.casp(CASPSummary(workspace: workspace, bands: context.settings.bands), options: FigureOptions(palette: palette, idPrefix: "casp"))
            what = "the CASP traffic-light plot (\(workspace.studies.count) studies" + (palette == .cochrane ? ")" : ", \(palette.rawValue) palette)")
        case "map":
            svg = SVGFigure.frameworkMap(FrameworkMap(workspace: workspace, mapping: context.settings.mapping), options: FigureOptions(idPrefix: "map"))
            what = "the COM-B/TDF map (\(context.settings.mapping.rawValue) mapping)"
        case "matrix":
            let choice = try ChartCommand.matrixChoice(arguments, from: 1)
            svg = choice.byStudy ? SVGFigure.studyHeatMap(workspace, direction: choice.direction, options: FigureOptions(idPrefix: "matrix-study"))
                : SVGFigure.combHeatMap(workspace, direction: choice.direction, options: FigureOptions(idPrefix: "matrix"))
            what = "the " + (choice.byStudy ? "study × domain" : "COM-B × TDF") + " heat map" + (choice.direction.map { " (\($0.slug)s)" } ?? "")
        default:
            svg = SVGFigure.prismaFlow(workspace.prisma, options: FigureOptions(idPrefix: "prisma"))
            let problems = PrismaCommand.checks(workspace.prisma, workspace).filter(\.isProblem).count
            what = "the PRISMA 2020 flow" + (problems == 0 ? "" : " (\(problems) box\(problems == 1 ? "" : "es") do\(problems == 1 ? "es" : "") not add up: see 'prisma')")
        }
        try context.files.write(svg, to: file.text, named: file.span, in: arguments.invocation)
        return .message("wrote \(what) to \(file.text) (\(svg.utf8.count) bytes)")
    }
}
