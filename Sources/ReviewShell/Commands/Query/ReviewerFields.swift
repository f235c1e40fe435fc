import ReviewKit

/// The per-reviewer lines `quote` shows: each reviewer's coding and the consensus (in blind mode the
/// workspace is the reviewer's view, so only their own).
enum ReviewerFields {
    /// One field per reviewer coding of the quote, then the consensus, then what is unresolved.
    static func codings(of quoteID: Int, in workspace: Workspace) -> [ResultRecord.Field] {
        let keys = ResultKey.reviewerKeys(in: workspace)
        var fields: [ResultRecord.Field] = workspace.reviewerCodings(of: quoteID).map {
            .init("coding_" + keys[$0.reviewer], "coded by \($0.reviewer)", .text(describe($0, in: workspace)))
        }
        if let consensus = workspace.consensusCoding(of: quoteID) {
            fields.append(.init("consensus", .text(describe(consensus, in: workspace))))
        }
        if let resolution = workspace.resolvedCoding(of: quoteID), !resolution.unresolved.isEmpty {
            fields.append(.init("unresolved", .text(resolution.unresolved.map(\.label).joined(separator: ", ") + " (reviewers differ, no consensus)")))
        }
        return fields
    }

    /// "barrier, Psychological capability, Knowledge, B/Know/1"; a field not coded is left out.
    static func describe(_ coding: ReviewerCoding, in workspace: Workspace) -> String {
        let theme = coding.subTheme.flatMap { workspace.subTheme($0) }.map(\.code)
        let parts = [coding.direction?.slug, coding.component?.name, coding.domain?.name, theme].compactMap { $0 }
        return parts.isEmpty ? "(nothing)" : parts.joined(separator: ", ")
    }
}
