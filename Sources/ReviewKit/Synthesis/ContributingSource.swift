/// Where a quote comes from, as far as the workspace knows: an included study, or only the review's
/// reference number for it (the embedded review links quotes to reference numbers, not to studies).
public enum ContributingSource: Sendable, Hashable, Comparable {
    /// An included study, by id.
    case study(String)
    /// A reference number that no study in the workspace carries.
    case reference(Int)

    /// The source of a quote: its study; else the study that carries its reference number; else the bare
    /// reference number; nil when the quote has neither.
    public static func of(_ quote: Quote, in workspace: Workspace, studiesByReference: [Int: String]) -> ContributingSource? {
        if let studyID = quote.studyID { return .study(studyID) }
        guard let reference = quote.reference else { return nil }
        if let studyID = studiesByReference[reference] { return .study(studyID) }
        return .reference(reference)
    }

    /// Study ids by their reference number (the first study wins when two share a number).
    public static func studiesByReference(in workspace: Workspace) -> [Int: String] {
        var map: [Int: String] = [:]
        for study in workspace.studies { if let reference = study.reference, map[reference] == nil { map[reference] = study.id } }
        return map
    }

    /// How a table shows the source: the study's label (with its id when another study shares the label),
    /// or "ref 35".
    public func label(in workspace: Workspace) -> String {
        switch self {
        case .reference(let number): return "ref \(number)"
        case .study(let id):
            guard let study = workspace.study(id) else { return id }
            let shared = workspace.studies.contains { $0.id != id && $0.label == study.label }
            return shared ? "\(study.label) (\(id))" : study.label
        }
    }

    /// Studies in workspace order come first (compared by id), then references by number.
    public static func < (lhs: ContributingSource, rhs: ContributingSource) -> Bool {
        switch (lhs, rhs) {
        case (.study(let a), .study(let b)): a.count != b.count ? a.count < b.count : a < b
        case (.reference(let a), .reference(let b)): a < b
        case (.study, .reference): true
        case (.reference, .study): false
        }
    }
}
