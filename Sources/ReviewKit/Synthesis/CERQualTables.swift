/// The tables a qualitative evidence synthesis publishes from its CERQual assessments, and the sheet the
/// shell shows while a reviewer judges one finding.
public struct CERQualTables: Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The findings and judgements.
    public let synthesis: Synthesis
    /// CASP cut-offs for the methodological-limitations evidence.
    public let bands: QualityBands

    /// Creates the table builder.
    public init(workspace: Workspace, synthesis: Synthesis, bands: QualityBands = .seed) {
        self.workspace = workspace
        self.synthesis = synthesis
        self.bands = bands
    }

    /// The findings a table lists: those with an assessment (`assessedOnly`) or all in force, in order.
    func findings(assessedOnly: Bool) -> [Finding] {
        synthesis.findings(in: workspace).filter { !assessedOnly || synthesis.assessment(of: $0.id) != nil }
    }

    /// Summary of Qualitative Findings: # | summary of review finding | studies contributing | CERQual
    /// assessment of confidence | explanation of the assessment.
    public func summaryOfFindings(assessedOnly: Bool = true) -> SynthesisTable {
        let rows = FindingData.rowsBySubTheme(in: workspace)
        let cells: [[SynthesisTable.Value]] = findings(assessedOnly: assessedOnly).enumerated().map { index, finding in
            let data = FindingData(finding, in: workspace, rowsBySubTheme: rows)
            let assessment = synthesis.assessment(of: finding.id) ?? CERQualAssessment()
            return [.integer(index + 1), .text(finding.id.description), .text(finding.statement),
                    Self.text(data.sourcesText(in: workspace))] + Self.sourceCells(data) + [.integer(data.sources.count),
                    assessment.overall.map { Self.level($0.level) } ?? .missing,
                    Self.text(CERQualWording.explanation(assessment))]
        }
        return SynthesisTable(
            name: "soqf", title: "Summary of Qualitative Findings",
            columns: [.init("number", "#"), .init("finding", "finding"), .init("statement", "summary of review finding"),
                      Self.studiesContributing] + Self.sourceColumns + [.init("sources", "sources"),
                      .init("confidence", "CERQual assessment of confidence"), .init("explanation", "explanation of CERQual assessment")],
            rows: cells, notes: notes)
    }

    /// Evidence Profile: finding | studies contributing | each component's concern and explanation | CERQual
    /// assessment | explanation.
    public func evidenceProfile(assessedOnly: Bool = true) -> SynthesisTable {
        var columns: [SynthesisTable.Column] = [.init("finding", "finding"), .init("statement", "summary of review finding"),
                                                Self.studiesContributing] + Self.sourceColumns
        for component in CERQualComponent.allCases {
            columns.append(.init(component.key, component.name))
            columns.append(.init(component.key + "_explanation", "\(component.name): explanation"))
        }
        columns += [.init("confidence", "CERQual assessment of confidence"), .init("explanation", "explanation of CERQual assessment")]
        let rows = FindingData.rowsBySubTheme(in: workspace)
        let cells: [[SynthesisTable.Value]] = findings(assessedOnly: assessedOnly).map { finding in
            let data = FindingData(finding, in: workspace, rowsBySubTheme: rows)
            let assessment = synthesis.assessment(of: finding.id) ?? CERQualAssessment()
            var row: [SynthesisTable.Value] = [.text(finding.id.description), .text(finding.statement), Self.text(data.sourcesText(in: workspace))]
                + Self.sourceCells(data)
            for component in CERQualComponent.allCases {
                if let judgement = assessment[component] {
                    row += [Self.level(judgement.level), .text(CERQualWording.sentence(component, judgement))]
                } else {
                    row += [.missing, .missing]
                }
            }
            row += [assessment.overall.map { Self.level($0.level) } ?? .missing, Self.text(CERQualWording.explanation(assessment))]
            return row
        }
        return SynthesisTable(name: "evidence_profile", title: "CERQual Evidence Profile", columns: columns, rows: cells, notes: notes)
    }

    /// The sheet for judging one finding: per component the reviewer's level and explanation beside the
    /// evidence the workspace holds; then the overall row. Notes carry the suggestion (labelled as one),
    /// the pre-filled summary sentence and any flags.
    public func sheet(for id: FindingID) throws(ReviewError) -> SynthesisTable {
        guard let finding = synthesis.finding(id, in: workspace) else { throw synthesis.unknownFinding(id, in: workspace) }
        let evidence = CERQualEvidence(finding, in: workspace, bands: bands)
        let assessment = synthesis.assessment(of: id) ?? CERQualAssessment()
        var rows: [[SynthesisTable.Value]] = CERQualComponent.allCases.map { component in
            let judgement = assessment[component]
            return [.text(component.slug), judgement.map { Self.level($0.level) } ?? .missing,
                    judgement.map { Self.text($0.explanation) } ?? .missing, .text(evidence.lines(for: component).joined(separator: "\n"))]
        }
        rows.append([.text("overall"), assessment.overall.map { .labelled(.text($0.level.slug), display: $0.level.name + " confidence") } ?? .missing,
                     assessment.overall.map { Self.text($0.explanation) } ?? .missing,
                     Self.text(assessment.overall?.level.meaning ?? "")])
        var notes = ["\(finding.id): \(finding.statement)"]
        if let suggestion = CERQualSuggestion(assessment) { notes.append(suggestion.text) }
        else { notes.append("no suggestion until all four components are judged (missing: \(assessment.missingComponents.map(\.name).joined(separator: ", ")))") }
        if let summary = CERQualWording.summary(assessment) { notes.append("pre-filled explanation: \(summary).") }
        notes += CERQualCheck.check(assessment, id).map { "flag: \($0.message)" }
        if evidence.data.sources.isEmpty { notes.append("flag: no contributing study") }
        return SynthesisTable(
            name: "cerqual_sheet", title: "GRADE-CERQual: \(finding.id)",
            columns: [.init("component", "component"), .init("level", "judgement"), .init("explanation", "explanation"), .init("evidence", "evidence from the workspace")],
            rows: rows, notes: notes)
    }

    /// The findings in force, with their data and any overall confidence (`finding list`). `written` is machine-only:
    /// the id says it in the text table (F… written, T… a sub-theme's own).
    public func findingList() -> SynthesisTable {
        let rows = FindingData.rowsBySubTheme(in: workspace)
        let cells: [[SynthesisTable.Value]] = synthesis.findings(in: workspace).map { finding in
            let data = FindingData(finding, in: workspace, rowsBySubTheme: rows)
            let written: Bool = if case .written = finding.id { true } else { false }
            return [.text(finding.id.description), .boolean(written), .text(finding.statement),
                    .labelled(.list(data.subThemes.map { .integer($0.id) }), display: data.subThemes.map(\.code).joined(separator: ", ")),
                    .list(data.subThemes.map { .text($0.code) }), Self.text(data.sourcesText(in: workspace))] + Self.sourceCells(data) + [
                    .integer(data.sources.count), .integer(data.quotes.count), .integer(data.words),
                    synthesis.assessment(of: finding.id)?.overall.map { Self.level($0.level) } ?? .missing]
        }
        return SynthesisTable(
            name: "findings", title: "Findings",
            columns: [.init("finding", "finding"), .init("written", "written", machineOnly: true), .init("statement", "statement"), .init("subthemes", "sub-themes"),
                      .init("subtheme_codes", "sub-theme codes", machineOnly: true), Self.studiesContributing] + Self.sourceColumns + [.init("sources", "sources"), .init("quotes", "quotes"),
                      .init("words", "words"), .init("confidence", "confidence")],
            rows: cells,
            notes: ["findings T… are sub-themes standing as their own finding; 'finding add' writes one over several sub-themes"] + notes)
    }

    /// The consistency flags as a table (`cerqual check`).
    public func checks() -> SynthesisTable {
        let rows: [[SynthesisTable.Value]] = CERQualCheck.run(synthesis, in: workspace).map { flag in
            [.text(flag.finding.description), .text(flag.kind.rawValue), flag.component.map { .text($0.slug) } ?? .missing, .text(flag.message)]
        }
        return SynthesisTable(name: "cerqual_checks", title: "CERQual consistency checks",
                              columns: [.init("finding", "finding"), .init("check", "check"), .init("component", "component"), .init("message", "message")],
                              rows: rows, notes: ["checks flag; they never change a judgement"])
    }

    /// How sources are counted, when the workspace links quotes to reference numbers.
    var notes: [String] {
        let store = workspace.quotes
        let byReference = (0..<store.count).contains { store.studies[$0] < 0 && store.references[$0] >= 0 }
        return byReference ? ["studies contributing: where a quote is linked to a reference number and no study carries that number, the source is shown as 'ref N'"] : []
    }

    static func text(_ text: String) -> SynthesisTable.Value { text.isEmpty ? .missing : .text(text) }

    /// A concern level: its slug for machines, the published wording ("moderate concerns") for people.
    static func level(_ level: ConcernLevel) -> SynthesisTable.Value { .labelled(.text(level.slug), display: level.name) }

    /// A confidence level: its slug ("very-low") for machines, its name ("very low") for people.
    static func level(_ level: ConfidenceLevel) -> SynthesisTable.Value { .labelled(.text(level.slug), display: level.name) }

    /// "studies contributing" as people read it ("Smith 2020; ref 35 (+ 1 quote without a source)"); machine formats
    /// get `studies`, `references` and `unattributed_quotes` instead, the keys of the JSON export's `findings`.
    static let studiesContributing = SynthesisTable.Column("studies_contributing", "studies contributing", tableOnly: true)

    /// The typed twins of "studies contributing", machine-only.
    static let sourceColumns: [SynthesisTable.Column] = [
        .init("studies", "studies", machineOnly: true), .init("references", "references", machineOnly: true),
        .init("unattributed_quotes", "quotes without a source", machineOnly: true),
    ]

    /// The cells under `sourceColumns`: study ids, reference numbers, the count of quotes with neither.
    static func sourceCells(_ data: FindingData) -> [SynthesisTable.Value] {
        let studies = data.sources.compactMap { if case .study(let id) = $0 { SynthesisTable.Value.text(id) } else { nil } }
        let references = data.sources.compactMap { if case .reference(let number) = $0 { SynthesisTable.Value.integer(number) } else { nil } }
        return [.list(studies), .list(references), .integer(data.unattributedQuotes)]
    }
}
