import Foundation

/// The pre-filled explanation sentences, in the wording tools such as iSoQ use (after Lewin et al. 2018).
public enum CERQualWording {
    /// One component: "Moderate concerns regarding coherence" (sentence case), followed by
    /// " because " and the reviewer's reason, verbatim, when there is one (the reason continues the
    /// pre-filled sentence, as in iSoQ).
    public static func sentence(_ component: CERQualComponent, _ judgement: CERQualAssessment.Judgement) -> String {
        let reason = judgement.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
        let head = capitalised("\(judgement.level.name) regarding \(component.name)")
        guard !reason.isEmpty else { return head }
        return "\(head) because \(reason)"
    }

    /// The summary of the four components: "No or very minor concerns regarding methodological limitations,
    /// minor concerns regarding coherence, moderate concerns regarding adequacy, and serious concerns
    /// regarding relevance"; nil until all four are judged.
    public static func summary(_ assessment: CERQualAssessment) -> String? {
        guard assessment.isComplete else { return nil }
        let parts = CERQualComponent.allCases.map { "\(assessment[$0]!.level.name) regarding \($0.name)" }
        return capitalised(parts.dropLast().joined(separator: ", ") + ", and " + parts.last!)
    }

    /// The explanation column of the tables: the summary sentence, then the reviewer's overall explanation.
    public static func explanation(_ assessment: CERQualAssessment) -> String {
        var parts: [String] = []
        if let summary = summary(assessment) { parts.append(summary + ".") }
        if let overall = assessment.overall {
            let reason = overall.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
            if !reason.isEmpty { parts.append(reason.last.map { ".!?".contains($0) } == true ? reason : reason + ".") }
        }
        return parts.joined(separator: " ")
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
