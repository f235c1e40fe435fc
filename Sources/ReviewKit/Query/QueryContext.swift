/// What a query is evaluated against: the workspace and the settings that give derived fields their meaning.
public struct QueryContext: Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The quality bands in use (for `band`).
    public let bands: QualityBands
    /// Each study's CASP total in half points (its first appraisal), or nil when not appraised.
    public let studyTotals: [Int?]
    /// Each study's number of coded quotes.
    public let studyQuoteCounts: [Int]

    /// Prepares a context.
    public init(workspace: Workspace, bands: QualityBands = .seed) {
        self.workspace = workspace
        self.bands = bands
        var firstAppraisal: [String: Appraisal] = [:]
        for appraisal in workspace.appraisals where firstAppraisal[appraisal.studyID] == nil { firstAppraisal[appraisal.studyID] = appraisal }
        studyTotals = workspace.studies.map { firstAppraisal[$0.id]?.totalHalfPoints }
        var counts = [Int](repeating: 0, count: workspace.studies.count)
        for study in workspace.quotes.studies where study >= 0 { counts[Int(study)] += 1 }
        studyQuoteCounts = counts
    }

    /// A study's band name under the cut-offs in use: the band, "none", or several joined by "+".
    public func bandName(ofStudy index: Int) -> String? {
        guard let total = studyTotals[index] else { return nil }
        let names = bands.bands(containing: total).map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: "+")
    }
}
