/// The reviewer's GRADE-CERQual judgements for one finding: the four components and the overall confidence.
///
/// Any part may be missing while the assessment is in progress. Nothing here is computed: the tool only
/// assembles evidence (`CERQualEvidence`), offers a labelled suggestion (`CERQualSuggestion`) and flags
/// inconsistencies (`CERQualCheck`); what is stored is what the reviewer chose.
public struct CERQualAssessment: Sendable, Equatable, Codable {
    /// A level the reviewer chose, with the reason given for it.
    public struct Rated<Level: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
        /// The level.
        public var level: Level
        /// Why (expected for the overall level and whenever a component's concerns are worse than
        /// "no or very minor"); "" when none was given.
        public var explanation: String

        /// Creates a rated level.
        public init(_ level: Level, explanation: String = "") {
            self.level = level
            self.explanation = explanation
        }
    }

    /// A component's level of concern with its explanation.
    public typealias Judgement = Rated<ConcernLevel>
    /// The overall confidence with its explanation.
    public typealias Overall = Rated<ConfidenceLevel>

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
