@testable import ReviewKit

/// The embedded review with the three findings and the (illustrative) GRADE-CERQual judgements of
/// sessions/cerqual-illustration.review, made through the same changes the shell commits. ILLUSTRATION ONLY:
/// these are not the authors' judgements (the review did no formal GRADE-CERQual assessment, section 4.3).
enum CERQualIllustration {
    /// Says so wherever the judgements are shown (the report's notes).
    static let disclaimer = "The GRADE-CERQual judgements of findings F1–F3 are an illustration written for the tool's documentation "
        + "(sessions/cerqual-illustration.review), not the authors' judgements: the review did no formal GRADE-CERQual assessment (section 4.3)."

    static let workspace: Workspace = {
        var workspace = SynthesisFixtures.embedded
        func ids(_ codes: [String]) -> [Int] { codes.map { SynthesisFixtures.theme($0) } }
        func assessment(_ levels: [ConcernLevel], _ explanations: [String], _ overall: ConfidenceLevel, _ reason: String) -> CERQualAssessment {
            var assessment = CERQualAssessment()
            for (index, component) in CERQualComponent.allCases.enumerated() { assessment[component] = .init(levels[index], explanation: explanations[index]) }
            assessment.overall = .init(overall, explanation: reason)
            return assessment
        }
        let settings = "the settings of the contributing studies are not recorded in the workspace; all the review's studies come from high-income settings (section 4.3)"
        let changes: [SynthesisChange] = [
            .addFinding(Finding(id: .written(1), statement: "Staff members' lack of knowledge about the peer role, and the gap between their knowledge and peers', limit peers' capability to be involved",
                                subThemeIDs: ids(["B/Know/1", "B/Know/2"])), at: nil),
            .addFinding(Finding(id: .written(2), statement: "Tension between the professional peer role and the lived-experience identity shapes peers' motivation to stay involved",
                                subThemeIDs: ids(["B/SPRI/2", "B/SPRI/3", "B/SPRI/4", "F/SPRI/1"])), at: nil),
            .addFinding(Finding(id: .written(3), statement: "Social support from staff enables peers' involvement; its absence leaves peers stigmatised and without power",
                                subThemeIDs: ids(["B/SocI/1", "F/SocI/1", "F/SocI/2"])), at: nil),
            .setAssessment(.written(1), assessment(
                [.moderate, .noOrVeryMinor, .moderate, .minor],
                ["the two contributing studies (refs 35 and 36) cannot be matched to their CASP appraisals in the workspace, and under-reporting of reflexivity (Q6) is common in this review (17 of 33 studies)",
                 "", "the finding rests on two quotes, one from each of two studies; the review's tables show one illustrative quote per sub-theme, so richer data may exist in the studies",
                 "the settings of the contributing studies are not recorded in the workspace; the review reports that all its studies come from high-income settings (section 4.3)"],
                .moderate, "Moderate concerns about methodological limitations and adequacy, and minor concerns about relevance")),
            .setAssessment(.written(2), assessment(
                [.moderate, .minor, .moderate, .minor],
                ["the contributing studies (refs 36 and 51) cannot be matched to their CASP appraisals in the workspace",
                 "three barrier sub-themes and one facilitator; the statement describes a tension that both sides illustrate, but the facilitator quote speaks to boundaries rather than identity",
                 "four short quotes from two cited studies; one quote cannot be traced to a study", settings],
                .moderate, "Several minor and moderate concerns, none serious")),
            .setAssessment(.written(3), assessment(
                [.moderate, .minor, .serious, .minor],
                ["the contributing studies (refs 33 and 41) cannot be matched to their CASP appraisals in the workspace",
                 "barrier and facilitator sub-themes are two sides of one factor, support from staff, which the statement names",
                 "three quotes, of which only two can be traced, one from each of two studies: thin data for a finding about a whole workforce", settings],
                .low, "Serious concerns about adequacy and moderate concerns about methodological limitations")),
        ]
        try! workspace.apply(.synthesis(.batch(changes)))
        return workspace
    }()
}
