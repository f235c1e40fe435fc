import Foundation

/// A review's findings and their GRADE-CERQual assessments: a value the workspace can hold beside its coding.
///
/// Every edit goes through `apply(_:in:)`, which validates it against the workspace (the sub-themes a
/// finding cites must exist) and returns its inverse; on error nothing changes.
public struct Synthesis: Sendable, Equatable, Codable {
    /// The findings the reviewer wrote, in order.
    public internal(set) var writtenFindings: [Finding] = []
    /// Assessments by finding id.
    public internal(set) var assessments: [FindingID: CERQualAssessment] = [:]

    /// No written findings, no assessments: every sub-theme stands as its own finding.
    public init() {}

    /// Whether there is nothing to save (no written finding, no assessment).
    public var isEmpty: Bool { writtenFindings.isEmpty && assessments.isEmpty }

    /// A written finding by id.
    public func writtenFinding(_ id: FindingID) -> Finding? { writtenFindings.first { $0.id == id } }

    /// The assessment of a finding (nil when none has been started).
    public func assessment(of id: FindingID) -> CERQualAssessment? { assessments[id] }

    /// The findings in force: the written ones in order, then one per sub-theme no written finding uses,
    /// in the workspace's sub-theme order.
    public func findings(in workspace: Workspace) -> [Finding] {
        let used = Set(writtenFindings.flatMap(\.subThemeIDs))
        return writtenFindings + workspace.subThemes.filter { !used.contains($0.id) }.map(Self.defaultFinding)
    }

    /// A finding in force by id, or nil.
    public func finding(_ id: FindingID, in workspace: Workspace) -> Finding? {
        switch id {
        case .written: return writtenFinding(id)
        case .subTheme(let themeID):
            guard let theme = workspace.subTheme(themeID), !writtenFindings.contains(where: { $0.subThemeIDs.contains(themeID) }) else { return nil }
            return Self.defaultFinding(theme)
        }
    }

    /// The finding a sub-theme stands as when no written finding uses it.
    public static func defaultFinding(_ theme: SubTheme) -> Finding {
        Finding(id: .subTheme(theme.id), statement: theme.label, subThemeIDs: [theme.id])
    }

    /// The id the next written finding gets ("F4" after F1–F3).
    public var nextFindingID: FindingID {
        let numbers = writtenFindings.compactMap { if case .written(let n) = $0.id { n } else { nil } }
        return .written((numbers.max() ?? 0) + 1)
    }

    // MARK: - Changes

    /// Validates and applies a change, returning the change that undoes it; on error nothing is changed.
    @discardableResult
    public mutating func apply(_ change: SynthesisChange, in workspace: Workspace) throws(ReviewError) -> SynthesisChange {
        switch change {
        case .batch(let changes):
            var copy = self
            var inverses: [SynthesisChange] = []
            for (index, change) in changes.enumerated() {
                do {
                    inverses.append(try copy.apply(change, in: workspace))
                } catch {
                    var error = error
                    if changes.count > 1 { error.notes.insert("in change \(index + 1) of \(changes.count); nothing was applied", at: 0) }
                    throw error
                }
            }
            self = copy
            return .batch(inverses.reversed())

        case .addFinding(let finding, let position):
            guard case .written = finding.id else {
                throw ReviewError("\(finding.id) is a sub-theme's own finding; a written finding needs an id such as \(nextFindingID)")
            }
            guard writtenFinding(finding.id) == nil else { throw ReviewError("finding id \(finding.id) is already in use") }
            let finding = try validated(finding, in: workspace)
            try checkAbsorbs(finding, replacing: nil, in: workspace)
            let index = min(max(position ?? writtenFindings.count, 0), writtenFindings.count)
            writtenFindings.insert(finding, at: index)
            return .removeFinding(id: finding.id)

        case .updateFinding(let finding):
            guard let index = writtenFindings.firstIndex(where: { $0.id == finding.id }) else { throw unknownWritten(finding.id) }
            let finding = try validated(finding, in: workspace)
            try checkAbsorbs(finding, replacing: finding.id, in: workspace)
            let old = writtenFindings[index]
            writtenFindings[index] = finding
            return .updateFinding(old)

        case .removeFinding(let id):
            guard let index = writtenFindings.firstIndex(where: { $0.id == id }) else { throw unknownWritten(id) }
            let removed = writtenFindings.remove(at: index)
            let assessment = assessments.removeValue(forKey: id)
            let restore = SynthesisChange.addFinding(removed, at: index)
            return assessment.map { .batch([restore, .setAssessment(id, $0)]) } ?? restore

        case .setAssessment(let id, let assessment):
            if let assessment, !assessment.isEmpty {
                guard finding(id, in: workspace) != nil else { throw unknownFinding(id, in: workspace) }
                try validate(assessment)
            }
            let old = assessments[id]
            if let assessment, !assessment.isEmpty { assessments[id] = assessment } else { assessments[id] = nil }
            return .setAssessment(id, old)
        }
    }

    // MARK: - Convenience changes for the shell

    /// The change that adds a finding with the next free id.
    public func addFinding(_ statement: String, subThemes: [Int]) -> SynthesisChange {
        .addFinding(Finding(id: nextFindingID, statement: statement, subThemeIDs: subThemes), at: nil)
    }

    /// The change that sets one component's judgement (nil clears it), keeping the rest of the assessment.
    public func judging(_ id: FindingID, _ component: CERQualComponent, _ judgement: CERQualAssessment.Judgement?) -> SynthesisChange {
        var assessment = assessments[id] ?? CERQualAssessment()
        assessment[component] = judgement
        return .setAssessment(id, assessment)
    }

    /// The change that sets (or, with nil, clears) the overall confidence, keeping the components.
    public func judging(_ id: FindingID, overall: CERQualAssessment.Overall?) -> SynthesisChange {
        var assessment = assessments[id] ?? CERQualAssessment()
        assessment.overall = overall
        return .setAssessment(id, assessment)
    }

    // MARK: - Validation

    /// A finding with its statement trimmed, checked against the workspace.
    func validated(_ finding: Finding, in workspace: Workspace) throws(ReviewError) -> Finding {
        var finding = finding
        finding.statement = finding.statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !finding.statement.isEmpty else { throw ReviewError("a finding needs a statement") }
        guard finding.statement.count <= Finding.maximumStatementLength else {
            throw ReviewError("the statement of \(finding.id) has \(finding.statement.count) characters; a finding is a summary of at most \(Finding.maximumStatementLength)")
        }
        guard !finding.subThemeIDs.isEmpty else {
            throw ReviewError("\(finding.id) needs at least one supporting sub-theme", notes: ["e.g. themes=B/Know/1,B/Know/2"])
        }
        var seen = Set<Int>()
        for id in finding.subThemeIDs {
            guard let theme = workspace.subTheme(id) else { throw ReviewError("sub-theme \(id) does not exist") }
            guard seen.insert(id).inserted else { throw ReviewError("sub-theme \(theme.code) is listed twice in \(finding.id)") }
        }
        return finding
    }

    /// Refuses a written finding that would take over a default finding that has an assessment (which would
    /// otherwise be lost from view).
    func checkAbsorbs(_ finding: Finding, replacing: FindingID?, in workspace: Workspace) throws(ReviewError) {
        let usedElsewhere = Set(writtenFindings.filter { $0.id != replacing }.flatMap(\.subThemeIDs))
        for themeID in finding.subThemeIDs where !usedElsewhere.contains(themeID) {
            let defaultID = FindingID.subTheme(themeID)
            guard assessments[defaultID] != nil else { continue }
            let code = workspace.subTheme(themeID)?.code ?? String(themeID)
            throw ReviewError("sub-theme \(code) stands as finding \(defaultID), which has a cerqual assessment",
                              notes: ["clear it first (cerqual clear \(defaultID)), or leave \(code) out of \(finding.id)"])
        }
    }

    func validate(_ assessment: CERQualAssessment) throws(ReviewError) {
        for (component, judgement) in assessment.components where judgement.explanation.count > Finding.maximumStatementLength {
            throw ReviewError("the explanation for \(component.name) has \(judgement.explanation.count) characters; at most \(Finding.maximumStatementLength)")
        }
        if let overall = assessment.overall, overall.explanation.count > Finding.maximumStatementLength {
            throw ReviewError("the overall explanation has \(overall.explanation.count) characters; at most \(Finding.maximumStatementLength)")
        }
    }

    func unknownWritten(_ id: FindingID) -> ReviewError {
        if case .subTheme = id {
            return ReviewError("\(id) is a sub-theme's own finding; only written findings (F1, F2…) can be edited or removed",
                               notes: ["write one with: finding add \"…\" themes=…"])
        }
        let known = writtenFindings.map(\.id.description)
        return ReviewError("no finding \(id)", notes: known.isEmpty ? ["no findings have been written yet"] : ["written findings: " + known.joined(separator: ", ")])
    }

    func unknownFinding(_ id: FindingID, in workspace: Workspace) -> ReviewError {
        if case .subTheme(let themeID) = id, let theme = workspace.subTheme(themeID),
           let owner = writtenFindings.first(where: { $0.subThemeIDs.contains(themeID) }) {
            return ReviewError("sub-theme \(theme.code) is part of \(owner.id), so \(id) is not a finding of its own")
        }
        return ReviewError("no finding \(id)", notes: ["'finding list' shows the findings in force"])
    }
}
