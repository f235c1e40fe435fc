import ReviewKit

/// `report`: one self-contained HTML file with the review's figures and tables, the notebook's notes and the
/// commands behind them.
struct ReportCommand: Command {
    let name = "report"
    let group = CommandGroup.figures
    let summary = "write a self-contained HTML report: PRISMA flow, CASP table, barriers, facilitators, map, heat maps, CERQual tables, domain ranking, notes, provenance"
    let usage = ["report FILE.html [palette=colour-blind]"]
    let details = """
    One HTML file with inline CSS and SVG and no network access or scripts: the review's title and metadata, the PRISMA 2020 flow \
    and its checks, Table 2 (CASP) with the quality bands in use and the band-gap notes, the barrier and facilitator tables as the \
    paper prints them, the COM-B/TDF map under the mapping in use, the heat maps, the Summary of Qualitative Findings and the \
    CERQual Evidence Profile of the assessed findings (with the pre-filled explanations in the published wording), the TDF \
    domains ranked by importance ('domains rank'), agreement figures (from the notebook's successful \
    'kappa fleiss' and 'kappa cohen' cells, re-computed; none when there are none), the notebook's notes, and a provenance appendix \
    listing the notebook's commands. It prints to PDF from a browser with sensible page breaks. The same session gives the same \
    bytes (no date is read). scripts/check-report.sh renders it in headless Chromium.
    """
    let examples = ["report review.html", "report review.html palette=colour-blind"]
    let signature = ArgumentSignature(positionals: [.required("file", .file, missing: "name the HTML file to write, e.g. 'report review.html'")],
                                      extra: { _ in "'report' takes one file name" },
                                      options: [.init("palette", aliases: ["colours", "colors"], .keyword(AppraisalPalette.allCases.map(\.rawValue)))])

    /// The report section a notebook command contributes to, by command name (and, for `chart` and `figure`, its first word).
    static let sections: [String: ReviewReport.Section] = [
        "prisma": .prisma, "casp": .casp, "bands": .casp, "appraise": .casp, "themes": .barriers, "domains": .map,
        "matrix": .matrix, "kappa": .agreement, "note": .notes, "load": .summary, "import": .summary,
        "figure casp": .casp, "figure map": .map, "figure matrix": .matrix, "figure prisma": .prisma,
        "chart casp": .casp, "chart bands": .casp, "chart domains": .map, "chart matrix": .matrix, "export prisma": .prisma,
        "finding": .findings, "findings": .findings, "cerqual": .findings, "domains rank": .domains,
    ]

    func filesWritten(by arguments: ParsedArguments, in session: Session) -> [String] {
        arguments.positionals.prefix(1).map(\.text)
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let file = arguments.positional(0) else { return .empty }
        var palette = AppraisalPalette.cochrane
        if let option = arguments.option("palette") {
            guard let chosen = AppraisalPalette(rawValue: option.value.lowercased()) else {
                throw arguments.error("unknown palette '\(option.value)'", at: option.valueSpan, notes: ["expected cochrane or colour-blind"])
            }
            palette = chosen
        }
        let session = context.session
        let cells = session.cells.filter { !$0.failed }
        var provenance = cells.map { ReportInputs.ProvenanceEntry(section: Self.section(of: $0.command), command: $0.command) }
        provenance.append(.init(section: "report", command: arguments.invocation.text))
        let agreement = cells.compactMap { Self.agreement(from: $0.command, context) }
        let workspace = context.workspace
        let inputs = ReportInputs(bands: context.settings.bands, mapping: context.settings.mapping, palette: palette,
                                  prisma: workspace.prisma.isEmpty ? nil : workspace.prisma,
                                  notes: session.notes.map { ReportInputs.Note(text: $0) }, agreement: agreement, provenance: provenance)
        let html = ReviewReport.html(workspace: workspace, inputs: inputs)
        try context.files.write(html, to: file.text, named: file.span, in: arguments.invocation)
        return .message("wrote the report to \(file.text) (\(html.utf8.count) bytes; \(provenance.count) command\(provenance.count == 1 ? "" : "s") in its provenance, "
                        + "\(agreement.count) agreement figure\(agreement.count == 1 ? "" : "s"))")
    }

    /// The section id a command belongs to ("cell" when it feeds no particular section).
    static func section(of command: String) -> String {
        let words = command.split(whereSeparator: \.isWhitespace).prefix(2).map { $0.lowercased() }
        if words.count == 2, let section = sections[words[0] + " " + words[1]] { return section.rawValue }
        if let first = words.first, let section = sections[first] { return section.rawValue }
        return "notebook"
    }

    /// A `kappa fleiss|cohen …` cell run again (it reads only its own arguments and files), as a report row.
    static func agreement(from command: String, _ context: CommandContext) -> ReportInputs.AgreementRow? {
        let words = command.split(whereSeparator: \.isWhitespace).prefix(2).map { $0.lowercased() }
        guard words.count == 2, words[0] == "kappa", words[1] == "fleiss" || words[1] == "cohen",
              let invocation = Invocation(command), let result = try? context.host.execute(invocation) else { return nil }
        let record: ResultRecord
        switch result {
        case .record(let r): record = r
        case .sequence(let parts):
            guard case .record(let r)? = parts.first else { return nil }
            record = r
        default: return nil
        }
        func field(_ key: String) -> ResultValue? { record.fields.first { $0.key == key }?.value }
        guard let kappa = field("kappa") else { return nil }
        let lower = record.fields.first { $0.key == "ci_lower" }
        let interval = lower.map { "\($0.label.replacingOccurrences(of: " lower", with: "")): \($0.value) to \(field("ci_upper")?.description ?? "?")" } ?? ""
        var measure = record.title ?? "kappa"
        if let subjects = field("subjects") { measure += ", \(subjects) subjects" }
        return ReportInputs.AgreementRow(measure: measure, value: kappa.description, interval: interval,
                                         interpretation: (field("strength")?.description ?? "") + " (Landis & Koch 1977)", source: command)
    }
}
