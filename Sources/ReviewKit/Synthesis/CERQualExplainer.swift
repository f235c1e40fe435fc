/// The teaching text behind `explain cerqual`: the four components, the levels, how the overall judgement
/// is reached, each component illustrated with the workspace's own findings, and the common misuse.
///
/// Like `Explainer`, it computes every figure from the workspace each time, so the examples follow the
/// reviewer's findings and coding. It produces the same `Explanation` value the other topics do.
public struct CERQualExplainer: Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The findings and judgements.
    public let synthesis: Synthesis
    /// CASP cut-offs in use.
    public let bands: QualityBands

    /// Creates the explainer.
    public init(workspace: Workspace, synthesis: Synthesis = Synthesis(), bands: QualityBands = .seed) {
        self.workspace = workspace
        self.synthesis = synthesis
        self.bands = bands
    }

    /// The citation for GRADE-CERQual.
    public static let source = "Lewin S, Booth A, Glenton C, et al. Applying GRADE-CERQual to qualitative evidence synthesis findings: introduction to the series. Implementation Science 2018;13(Suppl 1):2. doi:10.1186/s13012-017-0688-3 (the first of seven papers)"

    /// The citation for how often CERQual is misapplied.
    public static let misuseSource = "Wainwright M, Zahroh RI, Tun\u{00E7}alp \u{00D6}, et al. The use of GRADE-CERQual in qualitative evidence synthesis: an evaluation of fidelity and reporting. Health Research Policy and Systems 2023;21:77. doi:10.1186/s12961-023-00999-3"

    /// The explanation.
    public func explanation() -> Explanation {
        let name = ReviewFindings.name(of: workspace)
        let findings = synthesis.findings(in: workspace)
        let data = findings.map { FindingData($0, in: workspace) }
        let written = findings.filter { if case .written = $0.id { true } else { false } }.count
        return Explanation(
            title: "GRADE-CERQual: confidence in review findings",
            summary: "Lewin et al. 2018, Implementation Science 13(Suppl 1)",
            sections: [
                whatItAssesses(name: name, findings: findings.count, written: written),
                Explanation.Section(heading: "The four components",
                                    items: CERQualComponent.allCases.map { "\($0.name.prefix(1).uppercased() + $0.name.dropFirst()): \($0.meaning)" }),
                concernLevels(),
                confidenceLevels(),
                overall(),
                methodologicalLimitations(name: name, findings: findings, data: data),
                coherence(name: name),
                adequacy(name: name, data: data),
                relevance(name: name, data: data),
                misuse(),
                inThisTool(),
            ],
            seeAlso: ["finding list", "cerqual T1", "cerqual table soqf", "cerqual check", "domains rank", "explain casp"])
    }

    func whatItAssesses(name: String, findings: Int, written: Int) -> Explanation.Section {
        Explanation.Section(heading: "What it assesses", paragraphs: [
            "GRADE-CERQual (Confidence in the Evidence from Reviews of Qualitative research) says how much confidence to place in each finding of a qualitative evidence synthesis: how likely it is that the finding is a reasonable representation of the phenomenon of interest. A finding is a statement that summarises data from several studies; the assessment is made for that statement, never for one study.",
            "Four components are judged for each finding, each with a level of concern and an explanation; together they inform an overall level of confidence, also explained.",
            "In \(name) there \(findings == 1 ? "is 1 finding" : "are \(findings) findings") in force: \(written == 0 ? "every sub-theme stands as a finding of its own" : "\(written) written by the reviewer, and every sub-theme they do not use stands as its own")."
        ], notes: ["source: \(Self.source)"])
    }

    func concernLevels() -> Explanation.Section {
        Explanation.Section(
            heading: "Levels of concern",
            paragraphs: ["Each component is rated with one of four levels of concern:"],
            items: ConcernLevel.allCases.map(\.name),
            notes: ["this is the 2018 wording; older papers said \u{201C}substantial\u{201D} where the guidance now says \u{201C}serious\u{201D}, and the two scales should not be mixed"])
    }

    func confidenceLevels() -> Explanation.Section {
        Explanation.Section(
            heading: "Levels of confidence",
            paragraphs: ["The overall confidence has four levels, each a statement about the finding:"],
            items: ConfidenceLevel.allCases.map { "\($0.name): \($0.meaning)" })
    }

    func overall() -> Explanation.Section {
        let example = CERQualAssessment(components: [
            .methodologicalLimitations: .init(.minor, explanation: "…"), .coherence: .init(.noOrVeryMinor),
            .adequacy: .init(.moderate, explanation: "…"), .relevance: .init(.noOrVeryMinor),
        ])
        var section = Explanation.Section(heading: "From the components to the overall confidence", paragraphs: [
            "Start from high confidence, the assumption that each finding represents the phenomenon well. Rate down by at least one level for each component with serious concerns. Minor or moderate concerns may not call for rating down on their own; several of them together may justify one level.",
            "This is a judgement, not arithmetic: the reviewer weighs the components against each other and against how the finding will be used. Explain every component rated worse than \u{201C}no or very minor concerns\u{201D}, and the overall level.",
        ])
        if let summary = CERQualWording.summary(example) {
            section.paragraphs.append("Tools such as iSoQ pre-fill the explanation from the levels, e.g. \u{201C}\(summary)\u{201D}, and one sentence per component, e.g. \u{201C}Moderate concerns regarding adequacy because \u{2026}\u{201D}, which the reviewer completes.")
        }
        section.notes = ["`cerqual` shows the rule of thumb's outcome as a suggestion, labelled as one; only the level the reviewer chooses is recorded"]
        return section
    }

    func methodologicalLimitations(name: String, findings: [Finding], data: [FindingData]) -> Explanation.Section {
        var section = Explanation.Section(heading: "Methodological limitations in \(name)")
        let appraisedStudyFindings = data.filter { d in d.studyIDs.contains { workspace.appraisal(of: $0) != nil } }.count
        let byReference = data.filter { !$0.bareReferences.isEmpty }.count
        section.paragraphs.append("Concerns here come from the appraisal (CASP) of the studies that contribute to a finding, not of the review's studies at large: a finding resting on two weak studies deserves more concern than the review's average suggests.")
        if appraisedStudyFindings > 0 {
            section.paragraphs.append("\(appraisedStudyFindings) of the \(data.count) findings have at least one contributing study with a CASP appraisal; `cerqual` lists each one's total, band and the questions where it falls short.")
        }
        if byReference > 0 {
            section.paragraphs.append("\(byReference) of the \(data.count) findings draw on quotes that carry only a reference number, which no study in the workspace records, so their contributing studies cannot be matched to their appraisals. Until the reference numbers are added to the studies, judge this component from the study reports.")
        }
        if let index = data.firstIndex(where: { !$0.bareReferences.isEmpty && !$0.quotes.isEmpty }) {
            let evidence = CERQualEvidence(findings[index], in: workspace, bands: bands)
            section.items = evidence.lines(for: .methodologicalLimitations)
            section.paragraphs.append("For example, \(findings[index].id) (\u{201C}\(findings[index].statement)\u{201D}):")
            section.example = Explanation.Example(data[index].quotes[0], in: workspace)
        } else if let index = data.firstIndex(where: { !$0.studyIDs.isEmpty }) {
            section.items = CERQualEvidence(findings[index], in: workspace, bands: bands).lines(for: .methodologicalLimitations)
            section.paragraphs.append("For example, \(findings[index].id) (\u{201C}\(findings[index].statement)\u{201D}):")
        }
        return section
    }

    func coherence(name: String) -> Explanation.Section {
        var section = Explanation.Section(heading: "Coherence in \(name)", paragraphs: [
            "Coherence asks whether the data fit the finding: a finding that glosses over contradicting data, or over variation it does not explain, raises concern. A first sign is a finding whose supporting sub-themes pull in opposite directions."
        ])
        let mixed = TDFDomain.allCases.compactMap { domain -> (TDFDomain, SubTheme, SubTheme)? in
            let themes = workspace.subThemes.filter { $0.domain == domain }
            guard let barrier = themes.first(where: { $0.direction == .barrier }), let facilitator = themes.first(where: { $0.direction == .facilitator }) else { return nil }
            return (domain, barrier, facilitator)
        }
        if let (domain, barrier, facilitator) = mixed.first {
            section.paragraphs.append("\(mixed.count == 1 ? "One domain holds" : "\(mixed.count) domains hold") both barrier and facilitator sub-themes (\(mixed.map { $0.0.name }.joined(separator: ", "))). A finding that joined \(barrier.code) (\u{201C}\(barrier.label)\u{201D}) and \(facilitator.code) (\u{201C}\(facilitator.label)\u{201D}) would have to explain how the same domain (\(domain.name)) both hinders and helps; if the statement tells only one side, the other side's quotes do not fit it.")
            if let quote = (0..<workspace.quotes.count).map({ workspace.quote(atRow: $0) }).first(where: { $0.subTheme == facilitator.id }) {
                section.example = Explanation.Example(quote, in: workspace)
            }
        } else {
            section.paragraphs.append("No domain in \(name) holds both barrier and facilitator sub-themes.")
        }
        return section
    }

    func adequacy(name: String, data: [FindingData]) -> Explanation.Section {
        var section = Explanation.Section(heading: "Adequacy in \(name)", paragraphs: [
            "Adequacy weighs how much data support a finding and how rich they are: several studies with detailed accounts support a finding better than one short quote. There is no threshold; a finding about a rare experience may be adequate with little data."
        ])
        guard !data.isEmpty else { section.paragraphs.append("There are no findings yet."); return section }
        let single = data.filter { $0.sources.count == 1 && $0.unattributedQuotes == 0 }.count
        let none = data.filter { $0.sources.isEmpty }.count
        let quotes = data.map(\.quotes.count), words = data.map(\.words)
        section.items = [
            "quotes per finding: \(quotes.min()!)\u{2013}\(quotes.max()!)",
            "words per finding: \(words.min()!)\u{2013}\(words.max()!)",
            "findings resting on a single source: \(single) of \(data.count)",
            "findings with no traceable source: \(none) of \(data.count)",
        ]
        if let thinnest = data.filter({ !$0.quotes.isEmpty }).min(by: { ($0.words, $0.finding.id) < ($1.words, $1.finding.id) }) {
            section.paragraphs.append("The thinnest is \(thinnest.finding.id) (\u{201C}\(thinnest.finding.statement)\u{201D}): \(ReviewFindings.plural(thinnest.quotes.count, "quote")), \(ReviewFindings.plural(thinnest.words, "word")).")
            section.example = Explanation.Example(thinnest.quotes[0], in: workspace)
        }
        if quotes.max() == 1 {
            section.notes.append("every finding here rests on a single quote because the review's tables print one illustrative quote per sub-theme; the studies behind a sub-theme may hold more data than the tables show")
        }
        return section
    }

    func relevance(name: String, data: [FindingData]) -> Explanation.Section {
        let studies = workspace.studies
        let fields: [(String, Int)] = [("country", studies.filter { !($0.country ?? "").isEmpty }.count),
                                       ("design", studies.filter { !($0.design ?? "").isEmpty }.count),
                                       ("data collection", studies.filter { !($0.dataCollection ?? "").isEmpty }.count),
                                       ("year", studies.filter { $0.year != nil }.count)]
        var section = Explanation.Section(heading: "Relevance in \(name)", paragraphs: [
            "Relevance compares the context of the supporting studies with the context the review question names: whose perspective, which phenomenon, which setting. Studies from other settings or populations, or about only part of the phenomenon, may apply only partly."
        ], items: fields.map { "\($0.0) recorded for \($0.1) of \(studies.count) studies" })
        if fields.allSatisfy({ $0.1 == 0 }) && !studies.isEmpty {
            section.paragraphs.append("The workspace records no context for any study, so relevance has to be judged from the study reports; `cerqual` says so beside each finding rather than guess.")
        }
        return section
    }

    func misuse() -> Explanation.Section {
        Explanation.Section(heading: "A common misuse", paragraphs: [
            "CERQual is not a quality score for single studies. CASP (`explain casp`) appraises one study; CERQual judges one finding across all the studies that support it, and uses the appraisals only as evidence for one of its four components. Writing \u{201C}high CERQual\u{201D} next to a study, or averaging study scores into a confidence level, misapplies it. An evaluation of 233 published reviews that applied GRADE-CERQual found 97 (41.6%) misapplied it seriously, for example as a quality appraisal tool for primary studies or reviews.",
            "Nor is it a score to add up: a finding with no serious concern can still merit moderate confidence, and the explanation matters as much as the level.",
        ], notes: ["source: \(Self.misuseSource)", "in this tool `cerqual` takes a finding (F1, T7 or a sub-theme's code), never a study"])
    }

    func inThisTool() -> Explanation.Section {
        Explanation.Section(heading: "In this tool", items: [
            "finding list: the findings in force, with sources, quotes and words",
            "finding add \"statement\" themes=B/Know/1,B/Know/2: write a finding over several sub-themes",
            "cerqual F1: the evidence for each component beside the judgements, and the rule of thumb's suggestion",
            "cerqual F1 adequacy moderate \"only two short quotes\": record a judgement; cerqual F1 overall moderate \"…\" the overall one",
            "cerqual table soqf | profile: the Summary of Qualitative Findings or the Evidence Profile",
            "cerqual check: serious concerns with high confidence, missing explanations, findings without a study",
        ])
    }
}
