import Foundation
@testable import ReviewKit

/// Workspaces for the synthesis tests: the embedded review, and a small hand-made review whose quotes are
/// linked to appraised studies (the embedded review links quotes to reference numbers only).
enum SynthesisFixtures {
    /// The embedded review (Shaw et al. 2025).
    static let embedded: Workspace = try! EmbeddedReview.load().workspace

    /// A small review:
    /// - S01 Alpha et al. (UK, interviews, 2019, 12 participants): no on Q6, can't tell on Q7; total 8.5.
    /// - S02 Beta (Australia, focus groups, 2021, 8 participants): no on Q6 and Q7, can't tell on Q3; total 7.5.
    /// - S03 Gamma et al. (no appraisal, nothing recorded), S04 Delta (reference 7, all yes).
    /// - Sub-themes 1 B/ECR/1, 2 F/ECR/1, 3 B/Emot/1.
    /// - Quotes: Q1 (1, S01), Q2 (1, S02), Q3 (2, S01), Q4 (2, ref 7 → S04), Q5 (3, no source), Q6 (2, S03), Q7 (2, ref 9: no study).
    static let small: Workspace = {
        var workspace = Workspace()
        let yes = CASPAnswer.yes, no = CASPAnswer.no, cant = CASPAnswer.cantTell
        let changes: [WorkspaceChange] = [
            .addStudy(Study(id: "S01", label: "Alpha et al.", year: 2019, country: "UK", design: "qualitative", dataCollection: "interviews", participants: 12), at: nil),
            .addStudy(Study(id: "S02", label: "Beta", year: 2021, country: "Australia", design: "qualitative", dataCollection: "focus groups", participants: 8), at: nil),
            .addStudy(Study(id: "S03", label: "Gamma et al."), at: nil),
            .addStudy(Study(id: "S04", label: "Delta", reference: 7), at: nil),
            .setAppraisal(Appraisal(studyID: "S01", answers: [yes, yes, yes, yes, yes, no, cant, yes, yes, yes])),
            .setAppraisal(Appraisal(studyID: "S02", answers: [yes, yes, cant, yes, yes, no, no, yes, yes, yes])),
            .setAppraisal(Appraisal(studyID: "S04", answers: [yes, yes, yes, yes, yes, yes, yes, yes, yes, yes])),
            .addSubTheme(SubTheme(id: 1, direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources, number: 1, label: "Lack of training"), at: nil),
            .addSubTheme(SubTheme(id: 2, direction: .facilitator, component: .physicalOpportunity, domain: .environmentalContextAndResources, number: 1, label: "Supportive managers"), at: nil),
            .addSubTheme(SubTheme(id: 3, direction: .barrier, component: .automaticMotivation, domain: .emotion, number: 1, label: "Burnout"), at: nil),
            .addQuote(quote(1, "No one — not once — offered me training.", theme: 1, study: "S01")),
            .addQuote(quote(2, "Training? I was told to “just get on with it”.", theme: 1, study: "S02")),
            .addQuote(quote(3, "My manager checks in every week … it helps.", theme: 2, study: "S01")),
            .addQuote(quote(4, "Janoušková’s team had a peer-led supervision group 🙂", theme: 2, reference: 7)),
            .addQuote(quote(5, "I was worn out.", theme: 3)),
            .addQuote(quote(6, "They backed me.", theme: 2, study: "S03")),
            .addQuote(quote(7, "Support made the difference.", theme: 2, reference: 9)),
        ]
        try! workspace.apply(.batch(changes))
        return workspace
    }()

    static func quote(_ id: Int, _ text: String, theme: Int, study: String? = nil, reference: Int? = nil) -> Quote {
        let themes: [Int: (Direction, COMBComponent, TDFDomain)] = [
            1: (.barrier, .physicalOpportunity, .environmentalContextAndResources),
            2: (.facilitator, .physicalOpportunity, .environmentalContextAndResources),
            3: (.barrier, .automaticMotivation, .emotion),
        ]
        let (direction, component, domain) = themes[theme]!
        return Quote(id: id, text: text, direction: direction, component: component, domain: domain, subTheme: theme, studyID: study, reference: reference)
    }

    /// The id of an embedded sub-theme by code.
    static func theme(_ code: String, in workspace: Workspace = embedded) -> Int {
        workspace.subThemes.first { $0.code == code }!.id
    }
}
