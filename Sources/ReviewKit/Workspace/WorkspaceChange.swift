/// One validated edit of a workspace. Applying a change returns its inverse, which undo applies.
public indirect enum WorkspaceChange: Sendable, Equatable, Codable {
    /// Adds a study at a position (nil: at the end).
    case addStudy(Study, at: Int?)
    /// Replaces the study with the same id.
    case updateStudy(Study)
    /// Removes a study and its appraisals (refused while quotes cite it).
    case removeStudy(id: String)
    /// Adds or replaces the appraisal for (study, reviewer).
    case setAppraisal(Appraisal)
    /// Adds the appraisal for (study, reviewer) at a position in the list (nil: at the end); refused when that
    /// study and reviewer already have one. The inverse of removing an appraisal, so undo restores its place.
    case addAppraisal(Appraisal, at: Int?)
    /// Removes the appraisal for (study, reviewer).
    case removeAppraisal(studyID: String, reviewer: String)
    /// Adds a sub-theme at a position (nil: at the end).
    case addSubTheme(SubTheme, at: Int?)
    /// Replaces the sub-theme with the same id; quotes under it are recoded to match.
    case updateSubTheme(SubTheme)
    /// Removes a sub-theme (refused while quotes use it).
    case removeSubTheme(id: Int)
    /// Adds a quote (its id must be free).
    case addQuote(Quote)
    /// Replaces the quote with the same id (editing, coding and uncoding are all this).
    case updateQuote(Quote)
    /// Removes a quote.
    case removeQuote(id: Int)
    /// Replaces the PRISMA 2020 flow counts as a whole (its inverse restores the previous flow).
    case setPRISMA(PRISMAFlow)
    /// An edit of the findings or their CERQual judgements, validated against the workspace.
    case synthesis(SynthesisChange)
    /// Replaces the workspace's descriptive metadata as a whole (an import that brings the review's title).
    case setMetadata([String: String])
    /// Adds or replaces a reviewer's coding of a quote (or the consensus) and re-resolves the quote's coding.
    case setReviewerCoding(ReviewerCoding)
    /// Removes a reviewer's coding of a quote (or the consensus) and re-resolves the quote's coding.
    case removeReviewerCoding(quoteID: Int, reviewer: String)
    /// An edit of the reviewers' screening decisions.
    case screening(ScreeningChange)
    /// Several changes applied as one (all or nothing).
    case batch([WorkspaceChange])
    /// Appends the new quotes of a bulk import in one pass (journaled as a reference to its file).
    case appendQuotes(QuoteAppend)
    /// Drops the quotes a bulk import appended (the inverse of `appendQuotes`).
    case truncateQuotes(QuoteTruncation)
}
