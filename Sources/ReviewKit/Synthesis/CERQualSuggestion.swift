/// The overall confidence the GRADE-CERQual rule of thumb points to, offered as a suggestion only.
///
/// The rule (Lewin et al. 2018): start from high confidence; rate down by at least one level for each
/// component with serious concerns; minor or moderate concerns may not need rating down, but several of
/// them together may justify one level. Read here as: one level down per serious component gives the
/// `level`; when two or more components have minor or moderate concerns, one level lower is also defensible
/// (`lowerAlternative`). The reviewer decides; only the reviewer's choice is recorded.
public struct CERQualSuggestion: Sendable, Equatable {
    /// The level the rule of thumb gives.
    public let level: ConfidenceLevel
    /// One level lower, when several minor or moderate concerns may justify it.
    public let lowerAlternative: ConfidenceLevel?
    /// Components with serious concerns.
    public let serious: [CERQualComponent]
    /// Components with minor or moderate concerns.
    public let minorOrModerate: [CERQualComponent]

    /// The suggestion for a complete assessment; nil while any component is unjudged (nothing is proposed
    /// that the judgements do not support).
    public init?(_ assessment: CERQualAssessment) {
        guard assessment.isComplete else { return nil }
        let judged = CERQualComponent.allCases.map { ($0, assessment[$0]!.level) }
        serious = judged.filter { $0.1 == .serious }.map(\.0)
        minorOrModerate = judged.filter { $0.1 == .minor || $0.1 == .moderate }.map(\.0)
        var level = ConfidenceLevel.high
        for _ in serious { level = level.lower ?? .veryLow }
        self.level = level
        lowerAlternative = minorOrModerate.count >= 2 ? level.lower : nil
    }

    /// "Suggested by the rule of thumb (not a judgement): moderate — one level down for serious concerns
    /// about adequacy. …"
    public var text: String {
        var text = "suggestion from the rule of thumb, not a judgement: \(level.name)"
        if serious.isEmpty {
            text += " (no component has serious concerns)"
        } else {
            text += " (\(serious.count == 1 ? "one level" : "\(serious.count) levels") down for serious concerns about \(Explainer.joined(serious.map(\.name))))"
        }
        if let lowerAlternative {
            text += "; the minor or moderate concerns about \(Explainer.joined(minorOrModerate.map(\.name))) may together justify \(lowerAlternative.name)"
        }
        return text
    }
}
