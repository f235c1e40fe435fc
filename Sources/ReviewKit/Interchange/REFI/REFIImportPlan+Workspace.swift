/// The REFI-QDA import as the workspace takes it: the plan's changes with the studies' references and the
/// quotes' free codes stored on them.
extension REFIImportPlan {
    /// The import as one atomic, undoable change: sub-themes, studies (with their references), appraisals,
    /// quotes (with their free codes), then every coder's coding as that reviewer's coding (and the consensus);
    /// quotes the workspace already held gain the project's free codes. Also one lowercase line per value the
    /// workspace could not take as it was (a tag too long, a DOI that is not one).
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
            case .updateQuote(var quote):
                // A new quote's own coding put back after its coders' codings: it keeps its free codes.
                quote.tags = tags(for: quote)
                return .updateQuote(quote)
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
        let studyUpdates = updates.filter { if case .updateStudy = $0 { return true }; return false }
        let quoteUpdates = updates.filter { if case .updateQuote = $0 { return true }; return false }
        if let firstQuote = result.firstIndex(where: { if case .addQuote = $0 { return true }; return false }) {
            result.insert(contentsOf: studyUpdates, at: firstQuote)
        } else {
            result.insert(contentsOf: studyUpdates, at: result.firstIndex(where: { if case .setReviewerCoding = $0 { return true }; return false }) ?? result.count)
        }
        // Before the reviewers' codings, which re-resolve those quotes' coding from the tagged quote.
        let firstCoding = result.firstIndex(where: { if case .setReviewerCoding = $0 { return true }; return false }) ?? result.count
        result.insert(contentsOf: quoteUpdates, at: firstCoding)
        var seen = Set<String>()
        return (.batch(result), notes.filter { seen.insert($0).inserted })
    }

    /// One lowercase line saying whose codings became which reviewer's, for the import's listing, then one per
    /// User whose reviewer name is not its name as written.
    public var coderReport: [String] {
        var passages: [String: Int] = [:]
        for planned in quotes { for coder in planned.codings.keys { passages[coder, default: 0] += 1 } }
        let consensus = quotes.filter { $0.consensus != nil }.count
        let counted = coders.filter { passages[$0] != nil }
        var lines: [String] = []
        if !counted.isEmpty {
            let list = counted.map { "\($0) (\(passages[$0]!) passage\(passages[$0]! == 1 ? "" : "s"))" }.joined(separator: ", ")
            lines.append("codings by \(list) are kept as th\(counted.count == 1 ? "at reviewer's" : "ose reviewers'") codings"
                         + (counted.count > 1 ? " ('agreement' and 'disagreements' compare them)" : ""))
        }
        if consensus > 0 {
            lines.append("the codings of the user named consensus on \(consensus) passage\(consensus == 1 ? "" : "s") are kept as the consensus coding")
        }
        return lines + coderNotes
    }
}
