/// The coders of an imported project as the workspace's reviewers.
///
/// Each User's coding of a passage becomes a ``ReviewerCoding`` under that User's reviewer name (``REFICoders``),
/// a User named "consensus" gives the consensus, and codings by no user (or, in `review`'s own export, by its
/// project user) are the quote's own coding. The quote's coding then follows the workspace's rule
/// (``Workspace/resolvedCoding(of:)``): the consensus where one exists, else what every coder gave; fields the coders
/// dispute with no consensus stay uncoded and are reported, unless `coder=NAME` was asked for, which records that
/// coder's coding as the consensus of those quotes. Quotes the workspace already holds gain the codings of
/// reviewers who had not coded them; a different coding by a reviewer who had is listed and the workspace's kept.
extension REFIImport.Planner {
    /// Appends the reviewer codings (and the consensus choices of `coder=`) to `changes`, and sets each planned quote's
    /// coding to the one the workspace will hold after the import, with the fields left in dispute.
    mutating func resolveCodings(_ planned: inout [REFIImportPlan.PlannedQuote], changes: inout [WorkspaceChange]) {
        var themes: [Int: SubTheme] = [:]
        for theme in workspace.subThemes { themes[theme.id] = theme }
        for theme in codebook.newSubThemes { themes[theme.id] = theme }

        var codingChanges: [WorkspaceChange] = []
        var already = 0
        for entry in planned {
            let id = entry.quote.id
            var arriving = entry.codings.keys.sorted().map { Self.reviewerCoding(entry.codings[$0]!, quote: id, by: $0) }
            if let consensus = entry.consensus { arriving.append(Self.reviewerCoding(consensus, quote: id, by: ReviewerCoding.consensus)) }
            for var coding in arriving {
                let who = coding.isConsensus ? "the consensus" : coding.reviewer + "'s coding"
                if let themeID = coding.subTheme, let theme = themes[themeID],
                   let conflict = theme.conflict(direction: coding.direction, component: coding.component, domain: coding.domain) {
                    unmapped.append("\(entry.quote.label): \(who) names sub-theme \(theme.code) but a \(conflict.field) it does not have; the sub-theme was not kept")
                    coding.subTheme = nil
                }
                if entry.isExisting, let existing = workspace.reviewerCoding(of: id, by: coding.reviewer) {
                    if existing == coding {
                        already += 1
                    } else {
                        unmapped.append("\(entry.quote.label): \(who) in the project differs from the workspace's; kept the workspace's")
                    }
                    continue
                }
                codingChanges.append(.setReviewerCoding(coding))
            }
        }
        if already > 0 {
            notices.append("\(already) reviewer coding\(already == 1 ? " was" : "s were") already in the workspace; not added again")
        }

        // The workspace decides each quote's coding: work it out on a copy.
        var scratch = workspace
        do throws(ReviewError) {
            try scratch.apply(.batch(changes + codingChanges))
        } catch {
            unmapped.append("the coders' codings could not be kept as reviewers' codings (\(error.message)); only the quotes' own codings were imported")
            return
        }
        changes += codingChanges

        // Quotes the coders dispute with no consensus; coder=NAME makes NAME's coding their consensus.
        let ids = planned.map(\.quote.id)
        var disputed: [(id: Int, fields: [CodingField])] = []
        for id in ids { if let fields = scratch.resolvedCoding(of: id)?.unresolved, !fields.isEmpty { disputed.append((id, fields)) } }
        var chosen: [Int] = []
        if let coder = options.primaryCoder {
            var choices: [WorkspaceChange] = []
            for (id, _) in disputed {
                guard scratch.consensusCoding(of: id) == nil, var coding = scratch.reviewerCoding(of: id, by: coder) else { continue }
                coding.reviewer = ReviewerCoding.consensus
                choices.append(.setReviewerCoding(coding))
                chosen.append(id)
            }
            do throws(ReviewError) {
                try scratch.apply(.batch(choices))
                changes += choices
            } catch {
                unmapped.append("\(coder)'s coding could not be recorded as the consensus (\(error.message))")
                chosen = []
            }
        }

        // The quote's own coding (codings by no user; in review's own export, the coding figures used) is put back last.
        var ownFixes: [WorkspaceChange] = []
        var ownBesideCoders: [Int] = []
        for entry in planned where !entry.isExisting {
            guard let own = entry.ownCoding ?? (isOwnExport ? FrameworkCoding() : nil), let current = scratch.quote(entry.quote.id) else { continue }
            if FrameworkCoding(current) != own {
                ownFixes.append(.updateQuote(own.applied(to: current)))
                ownBesideCoders.append(entry.quote.id)
            }
        }
        do throws(ReviewError) {
            try scratch.apply(.batch(ownFixes))
            changes += ownFixes
        } catch {
            unmapped.append("the quotes' own codings could not be put back beside the coders' (\(error.message))")
            ownBesideCoders = []
        }
        if !isOwnExport, !ownBesideCoders.isEmpty {
            notices.append("\(ownBesideCoders.count) quote\(ownBesideCoders.count == 1 ? "" : "s") (\(Self.list(ownBesideCoders))) also carr\(ownBesideCoders.count == 1 ? "ies" : "y") codings by no user; "
                           + "those are the quote's own coding, which figures use, beside the coders' codings")
        }

        // What the workspace will hold.
        let disputedIDs = Dictionary(disputed.map { ($0.id, $0.fields) }, uniquingKeysWith: { a, _ in a })
        for index in planned.indices {
            let id = planned[index].quote.id
            planned[index].coderDisagreement = disputedIDs[id] != nil
            planned[index].unresolved = scratch.resolvedCoding(of: id)?.unresolved ?? []
            if !planned[index].isExisting, let quote = scratch.quote(id) { planned[index].quote = quote }
        }
        if !disputed.isEmpty {
            let described = disputed.prefix(8).map { "Q\($0.id) (\($0.fields.map(\.label).joined(separator: ", ")))" }.joined(separator: ", ")
                + (disputed.count > 8 ? ", …" : "")
            var line = "\(disputed.count) quote\(disputed.count == 1 ? "" : "s") coded differently by different coders with no consensus: \(described); "
            if let coder = options.primaryCoder {
                line += "\(coder)'s coding is recorded as the consensus of \(chosen.count) (coder=\(coder))"
                let left = disputed.count - chosen.count
                if left > 0 { line += "; the other \(left), which \(coder) did not code, stay\(left == 1 ? "s" : "") unresolved" }
            } else {
                line += "those fields stay uncoded until settled ('disagreements' lists them, 'consensus' settles one)"
            }
            notices.append(line)
        }
        consensusChosen = chosen
    }

    /// A coder's coding as a reviewer coding of a quote.
    static func reviewerCoding(_ coding: FrameworkCoding, quote: Int, by reviewer: String) -> ReviewerCoding {
        ReviewerCoding(quoteID: quote, reviewer: reviewer, direction: coding.direction, component: coding.component,
                       domain: coding.domain, subTheme: coding.subTheme)
    }

    /// "Q1, Q2, Q5" (at most eight, then "…").
    static func list(_ ids: [Int]) -> String {
        ids.prefix(8).map { "Q\($0)" }.joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
    }
}
