/// One validated edit of a review's findings or CERQual judgements. Applying it returns its inverse, for undo.
///
/// Mirrors `WorkspaceChange`: the shell, scripts, the journal and undo can share one path.
public indirect enum SynthesisChange: Sendable, Equatable, Codable {
    /// Adds a written finding at a position (nil: at the end); its id must be free.
    case addFinding(Finding, at: Int?)
    /// Replaces the written finding with the same id.
    case updateFinding(Finding)
    /// Removes a written finding and its assessment.
    case removeFinding(id: FindingID)
    /// Sets (or, with nil, clears) the CERQual assessment of a finding.
    case setAssessment(FindingID, CERQualAssessment?)
    /// Several changes applied as one (all or nothing).
    case batch([SynthesisChange])
}
