/// Several reviewers: per-reviewer codings of quotes, the consensus, and how the quote's own (resolved)
/// coding follows from them.
///
/// The quote's coding fields stay the coding every figure and query uses. Once a quote has reviewer
/// codings, its coding is *resolved* from them field by field: the consensus value where one is recorded,
/// else the value every reviewer who coded the field gave; where reviewers differ with no consensus the
/// field is left uncoded and the quote is listed in ``unresolvedCodings`` (figures say so; nothing is
/// silently picked).
extension Workspace {
    /// The reviewers' codings (not the consensus) of a quote, by reviewer name.
    public func reviewerCodings(of quoteID: Int) -> [ReviewerCoding] {
        reviewerCodings[codingRange(of: quoteID)].filter { !$0.isConsensus }
    }

    /// A reviewer's coding of a quote (`ReviewerCoding.consensus` for the consensus).
    public func reviewerCoding(of quoteID: Int, by reviewer: String) -> ReviewerCoding? {
        codingIndex(of: quoteID, by: reviewer).map { reviewerCodings[$0] }
    }

    /// The positions of a quote's codings. `reviewerCodings` is kept sorted by quote, then reviewer (every change
    /// inserts in place and the snapshot reader sorts what it read), so a quote's codings are found by binary
    /// search: a linear scan per lookup made imports of thousands of double-coded passages quadratic.
    func codingRange(of quoteID: Int) -> Range<Int> {
        let start = codingInsertionIndex(quoteID, nil)
        var end = start
        while end < reviewerCodings.count && reviewerCodings[end].quoteID == quoteID { end += 1 }
        return start..<end
    }

    /// Where a reviewer's coding of a quote is, when there is one.
    func codingIndex(of quoteID: Int, by reviewer: String) -> Int? {
        let index = codingInsertionIndex(quoteID, reviewer)
        guard index < reviewerCodings.count, reviewerCodings[index].quoteID == quoteID,
              reviewerCodings[index].reviewer == reviewer else { return nil }
        return index
    }

    /// The first position whose (quote, reviewer) is not before (quoteID, reviewer); a nil reviewer sorts first.
    func codingInsertionIndex(_ quoteID: Int, _ reviewer: String?) -> Int {
        var low = 0, high = reviewerCodings.count
        while low < high {
            let middle = low + (high - low) / 2
            let coding = reviewerCodings[middle]
            let before = coding.quoteID < quoteID || (coding.quoteID == quoteID && reviewer.map { coding.reviewer < $0 } == true)
            if before { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The consensus coding of a quote, when one is recorded.
    public func consensusCoding(of quoteID: Int) -> ReviewerCoding? { reviewerCoding(of: quoteID, by: ReviewerCoding.consensus) }

    /// Every named reviewer of a coding or an appraisal, in order of first appearance (not the consensus, not "").
    public var reviewers: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for name in reviewerCodings.map(\.reviewer) + appraisals.map(\.reviewer)
        where !name.isEmpty && name != ReviewerCoding.consensus && seen.insert(name).inserted {
            names.append(name)
        }
        return names
    }

    /// A quote's coding resolved from its reviewers' codings and consensus, with the fields still in
    /// dispute; nil when the quote has no reviewer coding or consensus (its coding is then its own).
    public func resolvedCoding(of quoteID: Int) -> (coding: ReviewerCoding, unresolved: [CodingField])? {
        let codings = reviewerCodings(of: quoteID)
        let consensus = consensusCoding(of: quoteID)
        guard !codings.isEmpty || consensus != nil else { return nil }
        var unresolved: [CodingField] = []
        func pick<T: Equatable>(_ field: CodingField, _ key: KeyPath<ReviewerCoding, T?>) -> T? {
            if let agreed = consensus?[keyPath: key] { return agreed }
            let values = codings.compactMap { $0[keyPath: key] }
            guard let first = values.first else { return nil }
            if values.allSatisfy({ $0 == first }) { return first }
            unresolved.append(field)
            return nil
        }
        var resolved = ReviewerCoding(quoteID: quoteID, reviewer: ReviewerCoding.consensus)
        resolved.domain = pick(.domain, \.domain)
        resolved.component = pick(.component, \.component)
        resolved.direction = pick(.direction, \.direction)
        resolved.subTheme = pick(.subTheme, \.subTheme)
        // A sub-theme carries its coding: one that contradicts the settled fields is not settled either.
        if let id = resolved.subTheme, let theme = subTheme(id),
           !theme.fits(direction: resolved.direction, component: resolved.component, domain: resolved.domain) {
            if theme.conflict(direction: resolved.direction, component: resolved.component, domain: resolved.domain) == nil,
               !unresolved.contains(where: { $0 != .subTheme }) {
                // The fields are merely missing: the sub-theme settles them.
                resolved.direction = theme.direction
                resolved.component = theme.component
                resolved.domain = theme.domain
            } else {
                resolved.subTheme = nil
                if !unresolved.contains(.subTheme) { unresolved.append(.subTheme) }
            }
        }
        return (resolved, unresolved)
    }

    /// The quotes whose reviewers disagree on some field with no consensus, with those fields, in quote order.
    public var unresolvedCodings: [(quoteID: Int, fields: [CodingField])] {
        // Codings are sorted by quote: each quote's run is visited once, and its lookups are binary searches.
        var unresolved: [(quoteID: Int, fields: [CodingField])] = []
        var index = 0
        while index < reviewerCodings.count {
            let id = reviewerCodings[index].quoteID
            if let resolution = resolvedCoding(of: id), !resolution.unresolved.isEmpty { unresolved.append((id, resolution.unresolved)) }
            index = codingRange(of: id).upperBound
        }
        return unresolved
    }

    /// Studies appraised by two or more reviewers who differ on some question with no consensus appraisal:
    /// figures use the first reviewer's appraisal (``appraisal(of:reviewer:)``), and say so.
    public var unresolvedAppraisals: [(studyID: String, questions: [Int], usedReviewer: String)] {
        // Asked before every figure command. Only a study appraised twice or more can be unresolved, and with one
        // reviewer there is none: a set of the ids seen says so without grouping anything (grouping every study's
        // appraisals into arrays took 4 ms of `matrix study` with 5,000 appraised studies).
        var seen = Set<String>(minimumCapacity: appraisals.count)
        var repeated = Set<String>()
        for appraisal in appraisals where !seen.insert(appraisal.studyID).inserted { repeated.insert(appraisal.studyID) }
        if repeated.isEmpty { return [] }
        // Those studies' appraisals, in order, gathered in one pass (filtering all appraisals per study was
        // quadratic: 130 ms before every figure command with 5,000 appraised studies).
        var byStudy: [String: [Appraisal]] = [:]
        for appraisal in appraisals where repeated.contains(appraisal.studyID) { byStudy[appraisal.studyID, default: []].append(appraisal) }
        return studies.compactMap { study in
            guard let all = byStudy[study.id] else { return nil }
            guard !all.contains(where: { $0.reviewer == ReviewerCoding.consensus }), all.count >= 2 else { return nil }
            let questions = (0..<10).filter { q in Set(all.compactMap { $0.answers[q] }).count > 1 }.map { $0 + 1 }
            return questions.isEmpty ? nil : (study.id, questions, all[0].reviewer)
        }
    }

    /// The workspace as one reviewer sees it in blind mode: each quote carries only that reviewer's coding
    /// (uncoded where they have none) and each study only their appraisal, so double coding stays independent.
    public func blindView(for reviewer: String) -> Workspace {
        var view = self
        for row in 0..<view.quotes.count {
            let id = Int(view.quotes.ids[row])
            let own = reviewerCoding(of: id, by: reviewer)
            view.quotes.directions[row] = own?.direction?.rawValue ?? 0
            view.quotes.components[row] = own?.component?.rawValue ?? 0
            view.quotes.domains[row] = own?.domain?.rawValue ?? 0
            let fits = own?.subTheme.flatMap { subTheme($0) }.map {
                $0.fits(direction: own?.direction, component: own?.component, domain: own?.domain)
            } ?? false
            view.quotes.subThemes[row] = fits ? Int32(own!.subTheme!) : -1
        }
        view.appraisals = appraisals.filter { $0.reviewer == reviewer }
        view.reviewerCodings = reviewerCodings.filter { $0.reviewer == reviewer }
        return view
    }

    // MARK: changes

    /// Applies `.setReviewerCoding`: records the coding, re-resolves the quote, returns the inverse.
    mutating func applySetReviewerCoding(_ coding: ReviewerCoding) throws(ReviewError) -> WorkspaceChange {
        guard quotes.row(of: coding.quoteID) != nil else { throw Self.unknownQuote(coding.quoteID) }
        if !coding.isConsensus { try ReviewerName.check(coding.reviewer) }
        guard !coding.isEmpty else {
            throw ReviewError("a coding needs at least one of domain, component, direction or sub-theme")
        }
        if let id = coding.subTheme {
            guard let theme = subTheme(id) else { throw Self.unknownSubTheme(id) }
            if let conflict = theme.conflict(direction: coding.direction, component: coding.component, domain: coding.domain) {
                throw ReviewError(.conflict, "the \(conflict.field) does not match sub-theme \(theme.code) (\(conflict.expected))")
            }
        }
        // Changed in place and put back on failure: a copy of the whole workspace per coding made imports of
        // thousands of codings quadratic (every quote column copied for each one).
        let listInverse: WorkspaceChange
        let previous: ReviewerCoding?
        let index: Int
        if let found = codingIndex(of: coding.quoteID, by: coding.reviewer) {
            index = found
            previous = reviewerCodings[found]
            listInverse = .setReviewerCoding(reviewerCodings[found])
            reviewerCodings[found] = coding
        } else {
            previous = nil
            listInverse = .removeReviewerCoding(quoteID: coding.quoteID, reviewer: coding.reviewer)
            // Kept by quote, then reviewer: the order (and so a saved snapshot) does not depend on history or undo.
            index = codingInsertionIndex(coding.quoteID, coding.reviewer)
            reviewerCodings.insert(coding, at: index)
        }
        let quoteInverse: WorkspaceChange
        do throws(ReviewError) {
            quoteInverse = try resolveQuote(coding.quoteID)
        } catch {
            if let previous { reviewerCodings[index] = previous } else { reviewerCodings.remove(at: index) }
            throw error
        }
        return .batch([listInverse, quoteInverse])
    }

    /// Applies `.removeReviewerCoding`: forgets the coding, re-resolves the quote, returns the inverse.
    mutating func applyRemoveReviewerCoding(quoteID: Int, reviewer: String) throws(ReviewError) -> WorkspaceChange {
        guard let index = codingIndex(of: quoteID, by: reviewer) else {
            throw ReviewError(.notFound, reviewer == ReviewerCoding.consensus ? "Q\(quoteID) has no consensus coding"
                                                                                : "Q\(quoteID) has no coding by '\(reviewer)'")
        }
        let removed = reviewerCodings.remove(at: index)
        let quoteInverse: WorkspaceChange
        do throws(ReviewError) {
            quoteInverse = try resolveQuote(quoteID)
        } catch {
            reviewerCodings.insert(removed, at: index)
            throw error
        }
        return .batch([.setReviewerCoding(removed), quoteInverse])
    }

    /// After a sub-theme moved (its direction, component or domain changed), makes the reviewers' codings that
    /// name it carry its new coding (the fields they had coded) and re-resolves their quotes. Returns the changes
    /// that, applied after moving the sub-theme back, restore each re-resolved quote exactly as it was in `before`.
    mutating func followSubTheme(_ theme: SubTheme, before: Workspace) throws(ReviewError) -> [WorkspaceChange] {
        var touched: [Int] = []
        for index in reviewerCodings.indices where reviewerCodings[index].subTheme == theme.id {
            var coding = reviewerCodings[index]
            if coding.direction != nil { coding.direction = theme.direction }
            if coding.component != nil { coding.component = theme.component }
            if coding.domain != nil { coding.domain = theme.domain }
            guard coding != reviewerCodings[index] else { continue }
            reviewerCodings[index] = coding
            if touched.last != coding.quoteID { touched.append(coding.quoteID) }
        }
        var restore: [WorkspaceChange] = []
        for id in touched {
            _ = try resolveQuote(id)
            restore.append(.updateQuote(before.quote(id)!))
        }
        return restore
    }

    /// Sets a quote's coding to its resolved coding (unchanged when it has no reviewer codings) and returns
    /// the change that restores the previous coding exactly.
    private mutating func resolveQuote(_ id: Int) throws(ReviewError) -> WorkspaceChange {
        let old = quote(id)!
        guard let resolution = resolvedCoding(of: id) else { return .updateQuote(old) }
        var quote = old
        quote.direction = resolution.coding.direction
        quote.component = resolution.coding.component
        quote.domain = resolution.coding.domain
        quote.subTheme = resolution.coding.subTheme
        if let theme = quote.subTheme.flatMap({ subTheme($0) }),
           !theme.fits(direction: quote.direction, component: quote.component, domain: quote.domain) {
            quote.subTheme = nil
        }
        try apply(.updateQuote(quote))
        return .updateQuote(old)
    }
}
