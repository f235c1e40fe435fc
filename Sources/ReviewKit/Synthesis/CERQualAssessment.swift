/// The reviewer's GRADE-CERQual judgements for one finding: the four components and the overall confidence.
///
/// Any part may be missing while the assessment is in progress. Nothing here is computed: the tool only
/// assembles evidence (`CERQualEvidence`), offers a labelled suggestion (`CERQualSuggestion`) and flags
/// inconsistencies (`CERQualCheck`); what is stored is what the reviewer chose.
public struct CERQualAssessment: Sendable, Equatable, Codable {
    /// A concern level with the reviewer's reason for it.
    public struct Judgement: Sendable, Equatable, Codable {
        /// The level of concern.
        public var level: ConcernLevel
        /// Why (expected whenever the level is worse than "no or very minor concerns"); "" when none was given.
        public var explanation: String

        /// Creates a judgement.
        public init(_ level: ConcernLevel, explanation: String = "") {
            self.level = level
            self.explanation = explanation
        }
    }

    /// The overall confidence with its explanation.
    public struct Overall: Sendable, Equatable, Codable {
        /// The level of confidence.
        public var level: ConfidenceLevel
        /// Why; "" when none was given.
        public var explanation: String

        /// Creates an overall judgement.
        public init(_ level: ConfidenceLevel, explanation: String = "") {
            self.level = level
            self.explanation = explanation
        }
    }

    /// Judgements by component (a component not yet judged is absent).
    public private(set) var components: [CERQualComponent: Judgement]
    /// The overall confidence, once judged.
    public var overall: Overall?

    /// Creates an assessment.
    public init(components: [CERQualComponent: Judgement] = [:], overall: Overall? = nil) {
        self.components = components
        self.overall = overall
    }

    /// The judgement of a component, or nil.
    public subscript(component: CERQualComponent) -> Judgement? {
        get { components[component] }
        set { components[component] = newValue }
    }

    /// Whether all four components are judged.
    public var isComplete: Bool { components.count == CERQualComponent.allCases.count }

    /// Whether nothing is judged.
    public var isEmpty: Bool { components.isEmpty && overall == nil }

    /// Components not yet judged, in table order.
    public var missingComponents: [CERQualComponent] { CERQualComponent.allCases.filter { components[$0] == nil } }
}
