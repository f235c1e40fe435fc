/// The RIS import as the workspace takes it: the plan's study changes with each study's reference stored on it.
extension RISImportPlan {
    /// The import as one atomic, undoable change that also stores the references (new studies hold theirs,
    /// matched studies get the merged record), and one lowercase line per value the workspace could not take
    /// as it was (a DOI that is not one is kept as the RIS field DO).
    public func workspaceChange(for workspace: Workspace) -> (change: WorkspaceChange, notes: [String]) {
        var notes: [String] = []
        var attached = Set<String>()
        func record(for studyID: String) -> BibliographicRecord? {
            guard let record = bibliography[studyID] else { return nil }
            let clean = BibliographicRules.sanitized(record)
            notes += clean.notes.map { "study \(studyID): \($0)" }
            attached.insert(studyID)
            return clean.record
        }
        var changes: [WorkspaceChange] = changes.map { change in
            switch change {
            case .addStudy(let study, let position): return .addStudy(study.attaching(record(for: study.id)), at: position)
            case .updateStudy(let study): return .updateStudy(study.attaching(record(for: study.id)))
            default: return change
            }
        }
        for item in items {
            guard case .matched(let studyID, _) = item.outcome, !attached.contains(studyID), let study = workspace.study(studyID) else { continue }
            let updated = study.attaching(record(for: studyID))
            if updated != study { changes.append(.updateStudy(updated)) }
        }
        return (.batch(changes), notes)
    }
}
