extension Workspace {
    /// Validates and applies a change, returning the change that undoes it; on error nothing is changed.
    @discardableResult
    public mutating func apply(_ change: WorkspaceChange) throws(ReviewError) -> WorkspaceChange {
        switch change {
        case .batch(let changes):
            // Applied to a copy (all or nothing) with index maps built once, so an import of 100k rows, its
            // undo and its redo take linear time (Workspace+Batch.swift).
            var copy = self
            let inverse = try copy.applyBatch(changes)
            self = copy
            return inverse

        case .appendQuotes(let append):
            return try applyAppend(append)

        case .truncateQuotes(let truncation):
            return try applyTruncation(truncation)

        case .addStudy(let study, let position):
            try Self.check(study)
            guard studyIndex(of: study.id) == nil else { throw Self.duplicate("study id '\(study.id)'") }
            let index = min(max(position ?? studies.count, 0), studies.count)
            studies.insert(study, at: index)
            shiftStudyReferences(from: index, by: 1)
            return .removeStudy(id: study.id)

        case .updateStudy(let study):
            try Self.check(study)
            guard let index = studyIndex(of: study.id) else { throw unknownStudy(study.id) }
            let old = studies[index]
            studies[index] = study
            return .updateStudy(old)

        case .removeStudy(let id):
            guard let index = studyIndex(of: id) else { throw unknownStudy(id) }
            let cited = quotes.studies.reduce(0) { $0 + ($1 == Int32(index) ? 1 : 0) }
            guard cited == 0 else {
                throw ReviewError(.conflict, "study \(id) is cited by \(cited) quote\(cited == 1 ? "" : "s"); remove them or attribute them elsewhere first")
            }
            // Each appraisal goes back where it was: put back in ascending order of their old places, the
            // positions come out right.
            let removedAppraisals = appraisals.enumerated().filter { $0.element.studyID == id }
            appraisals.removeAll { $0.studyID == id }
            let study = studies.remove(at: index)
            shiftStudyReferences(from: index + 1, by: -1)
            return .batch([.addStudy(study, at: index)] + removedAppraisals.map { .addAppraisal($0.element, at: $0.offset) })

        case .setAppraisal(let appraisal):
            guard studyIndex(of: appraisal.studyID) != nil else { throw unknownStudy(appraisal.studyID) }
            try Self.check(appraisal)
            if let index = appraisals.firstIndex(where: { $0.studyID == appraisal.studyID && $0.reviewer == appraisal.reviewer }) {
                let old = appraisals[index]
                appraisals[index] = appraisal
                return .setAppraisal(old)
            }
            // The consensus goes first, so `appraisal(of:)` (what figures use) finds it.
            if appraisal.reviewer == ReviewerCoding.consensus, let first = appraisals.firstIndex(where: { $0.studyID == appraisal.studyID }) {
                appraisals.insert(appraisal, at: first)
            } else {
                appraisals.append(appraisal)
            }
            return .removeAppraisal(studyID: appraisal.studyID, reviewer: appraisal.reviewer)

        case .removeAppraisal(let studyID, let reviewer):
            guard let index = appraisals.firstIndex(where: { $0.studyID == studyID && $0.reviewer == reviewer }) else {
                throw ReviewError(.notFound, "study \(studyID) has no appraisal\(reviewer.isEmpty ? "" : " by '\(reviewer)'")")
            }
            return .addAppraisal(appraisals.remove(at: index), at: index)

        case .addAppraisal(let appraisal, let position):
            guard studyIndex(of: appraisal.studyID) != nil else { throw unknownStudy(appraisal.studyID) }
            try Self.check(appraisal)
            guard !appraisals.contains(where: { $0.studyID == appraisal.studyID && $0.reviewer == appraisal.reviewer }) else {
                throw Self.duplicate("the appraisal of study \(appraisal.studyID)\(appraisal.reviewer.isEmpty ? "" : " by '\(appraisal.reviewer)'")")
            }
            appraisals.insert(appraisal, at: min(max(position ?? appraisals.count, 0), appraisals.count))
            return .removeAppraisal(studyID: appraisal.studyID, reviewer: appraisal.reviewer)

        case .addSubTheme(let subTheme, let position):
            try Self.check(subTheme)
            guard self.subTheme(subTheme.id) == nil else { throw Self.duplicate("sub-theme id \(subTheme.id)") }
            let index = min(max(position ?? subThemes.count, 0), subThemes.count)
            subThemes.insert(subTheme, at: index)
            return .removeSubTheme(id: subTheme.id)

        case .updateSubTheme(let subTheme):
            try Self.check(subTheme)
            guard let index = subThemes.firstIndex(where: { $0.id == subTheme.id }) else { throw Self.unknownSubTheme(subTheme.id) }
            let old = subThemes[index]
            var copy = self
            copy.subThemes[index] = subTheme
            // Quotes under a sub-theme carry its coding; keep them in step.
            for row in 0..<copy.quotes.count where copy.quotes.subThemes[row] == Int32(subTheme.id) {
                copy.quotes.directions[row] = subTheme.direction.rawValue
                copy.quotes.components[row] = subTheme.component.rawValue
                copy.quotes.domains[row] = subTheme.domain.rawValue
            }
            // So do the reviewers' codings that name it (Workspace+Reviewers.swift).
            let restore = try copy.followSubTheme(subTheme, before: self)
            self = copy
            return restore.isEmpty ? .updateSubTheme(old) : .batch([.updateSubTheme(old)] + restore)

        case .removeSubTheme(let id):
            guard let index = subThemes.firstIndex(where: { $0.id == id }) else { throw Self.unknownSubTheme(id) }
            let used = quotes.subThemes.reduce(0) { $0 + ($1 == Int32(id) ? 1 : 0) }
                + reviewerCodings.reduce(0) { $0 + ($1.subTheme == id ? 1 : 0) }
            guard used == 0 else {
                throw ReviewError(.conflict, "sub-theme \(subThemes[index].code) is used by \(used) quote\(used == 1 ? "" : "s"); uncode or recode them first")
            }
            // A written finding cites the sub-theme by id; removing it would leave the finding (and its
            // CERQual judgement) resting on evidence that is gone.
            let findings = synthesis.writtenFindings.filter { $0.subThemeIDs.contains(id) }.map(\.id.description)
            guard findings.isEmpty else {
                throw ReviewError("sub-theme \(subThemes[index].code) supports finding\(findings.count == 1 ? "" : "s") \(findings.joined(separator: ", ")); edit or remove \(findings.count == 1 ? "it" : "them") first",
                                  notes: ["e.g. finding edit \(findings[0]) themes=… (or finding remove \(findings[0]))"])
            }
            guard synthesis.assessment(of: .subTheme(id)) == nil else {
                throw ReviewError("sub-theme \(subThemes[index].code) stands as finding T\(id), which has a cerqual assessment",
                                  notes: ["clear it first (cerqual clear T\(id))"])
            }
            let removed = subThemes.remove(at: index)
            return .addSubTheme(removed, at: index)

        case .addQuote(let quote):
            let columns = try columns(for: quote)
            try Self.checkQuoteID(quote.id)
            guard quotes.row(of: quote.id) == nil else { throw Self.duplicate("quote id Q\(quote.id)") }
            let row = quotes.insertionRow(for: Int32(quote.id))
            quotes.insert(row: row, id: Int32(quote.id), text: quote.text, direction: columns.direction, component: columns.component,
                          domain: columns.domain, subTheme: columns.subTheme, study: columns.study, reference: columns.reference, page: quote.page ?? "",
                          tags: quote.tags)
            return .removeQuote(id: quote.id)

        case .updateQuote(let quote):
            guard let row = quotes.row(of: quote.id) else { throw Self.unknownQuote(quote.id) }
            let columns = try columns(for: quote)
            let old = self.quote(atRow: row)
            if quotes.texts[row] != quote.text { quotes.setText(quote.text, atRow: row) }
            quotes.directions[row] = columns.direction
            quotes.components[row] = columns.component
            quotes.domains[row] = columns.domain
            quotes.subThemes[row] = columns.subTheme
            quotes.studies[row] = columns.study
            quotes.references[row] = columns.reference
            quotes.pages[row] = quote.page ?? ""
            quotes.tags[row] = quote.tags
            return .updateQuote(old)

        case .synthesis(let change):
            var synthesis = self.synthesis
            let inverse = try synthesis.apply(change, in: self)
            self.synthesis = synthesis
            return .synthesis(inverse)

        case .removeQuote(let id):
            guard let row = quotes.row(of: id) else { throw Self.unknownQuote(id) }
            let old = quote(atRow: row)
            quotes.remove(row: row)
            // Reviewers' codings go with the quote and come back with it.
            let codings = reviewerCodings.filter { $0.quoteID == id }
            guard !codings.isEmpty else { return .addQuote(old) }
            reviewerCodings.removeAll { $0.quoteID == id }
            return .batch([.addQuote(old)] + codings.map { .setReviewerCoding($0) } + [.updateQuote(old)])

        case .setReviewerCoding(let coding):
            return try applySetReviewerCoding(coding)

        case .removeReviewerCoding(let quoteID, let reviewer):
            return try applyRemoveReviewerCoding(quoteID: quoteID, reviewer: reviewer)

        case .screening(let change):
            return try applyScreening(change)

        case .setMetadata(let values):
            let old = metadata
            metadata = values
            return .setMetadata(old)

        case .setPRISMA(let flow):
            // A PRISMAFlow is valid by construction (`set`, `assign` and the readers check every count).
            let old = prisma
            prisma = flow
            return .setPRISMA(old)
        }
    }

    private struct Columns {
        var direction: UInt8, component: UInt8, domain: UInt8, subTheme: Int32, study: Int32, reference: Int32
    }

    private func columns(for quote: Quote) throws(ReviewError) -> Columns {
        try Self.checkQuoteText(isBlank: quote.text.allSatisfy(\.isWhitespace))
        var study: Int32 = -1
        if let id = quote.studyID {
            guard let index = studyIndex(of: id) else { throw unknownStudy(id) }
            study = Int32(index)
        }
        var subTheme: Int32 = -1
        if let id = quote.subTheme {
            guard let theme = self.subTheme(id) else { throw Self.unknownSubTheme(id) }
            guard theme.fits(direction: quote.direction, component: quote.component, domain: quote.domain) else {
                throw theme.codingMismatch(quoteID: quote.id)
            }
            subTheme = Int32(id)
        }
        try Self.checkReference(quote.reference)
        try QuoteTags.check(quote.tags, quoteID: quote.id)
        return Columns(direction: quote.direction?.rawValue ?? 0, component: quote.component?.rawValue ?? 0,
                       domain: quote.domain?.rawValue ?? 0, subTheme: subTheme, study: study,
                       reference: Int32(quote.reference ?? -1))
    }

    mutating func shiftStudyReferences(from index: Int, by delta: Int32) {
        let threshold = Int32(index)
        for row in 0..<quotes.count where quotes.studies[row] >= threshold { quotes.studies[row] += delta }
    }
}
