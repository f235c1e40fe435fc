import Foundation

/// One of the four components of a GRADE-CERQual assessment (Lewin et al. 2018, Implementation Science 13(Suppl 1)).
///
/// Each is judged for a review finding, never for a single study: the concerns are about the body of
/// evidence that supports the finding.
public enum CERQualComponent: Int, CaseIterable, Sendable, Codable, Comparable {
    /// Concerns about the design or conduct of the primary studies that contribute to the finding.
    case methodologicalLimitations = 1
    /// How clear and cogent the fit is between the primary data and the finding.
    case coherence = 2
    /// The richness and quantity of the data that support the finding.
    case adequacy = 3
    /// How applicable the supporting evidence is to the context of the review question.
    case relevance = 4

    /// The display name ("methodological limitations"), lowercase as it sits inside the published sentences.
    public var name: String {
        switch self {
        case .methodologicalLimitations: "methodological limitations"
        case .coherence: "coherence"
        case .adequacy: "adequacy"
        case .relevance: "relevance"
        }
    }

    /// The stable identifier used in snapshots and commands ("methodological-limitations").
    public var slug: String {
        switch self {
        case .methodologicalLimitations: "methodological-limitations"
        case .coherence: "coherence"
        case .adequacy: "adequacy"
        case .relevance: "relevance"
        }
    }

    /// The snake_case key used for table columns and JSON ("methodological_limitations").
    public var key: String { slug.replacingOccurrences(of: "-", with: "_") }

    /// Other names a reviewer may type.
    public var aliases: [String] {
        switch self {
        case .methodologicalLimitations: ["methodological limitations", "methods", "ml", "limitations", "methodology"]
        case .coherence: ["coherence", "coh"]
        case .adequacy: ["adequacy", "adequacy of data", "adeq"]
        case .relevance: ["relevance", "rel"]
        }
    }

    /// The component's meaning, in the project's words (after Lewin et al. 2018).
    public var meaning: String {
        switch self {
        case .methodologicalLimitations:
            "Concerns about how the primary studies that contribute to the finding were designed or conducted, usually informed by their critical appraisal (here, CASP)."
        case .coherence:
            "How clear and cogent the fit is between the data from the primary studies and the finding that summarises them: do the data support it, or are there data that contradict it or that it leaves unexplained?"
        case .adequacy:
            "The richness and the quantity of the data behind the finding: how many studies, participants and quotes, and whether the data are thin or rich."
        case .relevance:
            "How far the supporting evidence applies to the context named in the review question: perspective or population, phenomenon of interest, setting."
        }
    }

    /// Resolves a typed component name (any alias, case- and accent-insensitively, or an unambiguous prefix).
    public static func resolve(_ text: String) throws(ReviewError) -> CERQualComponent {
        switch matcher.resolve(text) {
        case .found(let component): return component
        case .ambiguous(let names): throw ReviewError("'\(text)' could mean \(names.joined(separator: " or "))")
        case .unknown:
            throw ReviewError("unknown cerqual component '\(text)'",
                              notes: ["components: " + allCases.map(\.slug).joined(separator: ", ")])
        }
    }

    /// Orders components as the published tables do.
    public static func < (lhs: CERQualComponent, rhs: CERQualComponent) -> Bool { lhs.rawValue < rhs.rawValue }

    static let matcher = NameMatcher<CERQualComponent>(allCases.map { ($0.name, $0.aliases + [$0.slug], $0) })
}
