/// The REFI-QDA import as the workspace takes it: the plan's changes with the studies' references and the
/// quotes' free codes stored on them.
extension REFIImportPlan {
    /// The import as one atomic, undoable change: sub-themes, studies (with their references), appraisals and
    /// quotes (with their free codes); quotes the workspace already held gain the project's free codes. Also one
    /// lowercase line per value the workspace could not take as it was (a tag too long, a DOI that is not one).
    ///
    /// Per-coder codings stay in `codings`: the workspace holds one coding per quote until reviewers are modelled.
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
        let tagsByQuote = self.tags
        func tags(for quote: Quote) -> [String] {
            var result = quote.tags
            for name in tagsByQuote[quote.id] ?? [] {
                let tag = QuoteTags.normalized(name)
                do throws(ReviewError) {
                    try QuoteTags.check(tag)
                    if let added = QuoteTags.adding(tag, to: result) { result = added }
                } catch {
                    notes.append("\(quote.label): free code not kept as a tag: \(error.message)")
                }
            }
            return result
        }
        var result: [WorkspaceChange] = changes.map { change in
            switch change {
            case .addStudy(let study, let position): return .addStudy(study.attaching(record(for: study.id)), at: position)
            case .updateStudy(let study): return .updateStudy(study.attaching(record(for: study.id)))
            case .addQuote(var quote):
                quote.tags = tags(for: quote)
                return .addQuote(quote)
            default: return change
            }
        }
        // Studies the project matched without changing their fields still take its reference.
        var updates: [WorkspaceChange] = []
        for planned in studies {
            guard let studyID = planned.studyID, !attached.contains(studyID), let study = workspace.study(studyID) else { continue }
            let updated = study.attaching(record(for: studyID))
            if updated != study { updates.append(.updateStudy(updated)) }
        }
        // Quotes the workspace already held gain the free codes the project applied to them.
        for planned in quotes where planned.isExisting {
            guard let quote = workspace.quote(planned.quote.id) else { continue }
            var tagged = quote
            tagged.tags = tags(for: quote)
            if tagged != quote { updates.append(.updateQuote(tagged)) }
        }
        if let firstQuote = result.firstIndex(where: { if case .addQuote = $0 { return true }; return false }) {
            result.insert(contentsOf: updates.filter { if case .updateStudy = $0 { return true }; return false }, at: firstQuote)
            result += updates.filter { if case .updateQuote = $0 { return true }; return false }
        } else {
            result += updates
        }
        return (.batch(result), notes)
    }

    /// One lowercase line per coder saying what their codings became, for the import's listing: the REFI-QDA
    /// User of every coding is kept in `codings`, but the workspace has no reviewers yet (issue 11), so it holds
    /// one coding per quote.
    public var coderReport: [String] {
        guard !coders.isEmpty else { return [] }
        var passages: [String: Int] = [:]
        for planned in quotes { for coder in planned.codings.keys { passages[coder, default: 0] += 1 } }
        let counted = coders.filter { passages[$0] != nil }
        guard !counted.isEmpty else { return [] }
        let list = counted.map { "\($0) (\(passages[$0]!) passage\(passages[$0]! == 1 ? "" : "s"))" }.joined(separator: ", ")
        return ["codings by \(list): the workspace holds one coding per quote until reviewers are modelled; every coder's coding is kept with the import, not in the workspace"]
    }
}
