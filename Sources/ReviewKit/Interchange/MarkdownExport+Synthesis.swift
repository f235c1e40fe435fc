/// The Summary of Qualitative Findings and the CERQual Evidence Profile as Markdown pipe tables.
extension MarkdownExport {
    /// Any synthesis table (`CERQualTables`, `DomainImportance.table`) as a pipe table with its notes below.
    public static func table(_ table: SynthesisTable) -> String {
        // Machine-only columns (the typed twins of "studies contributing") are for R and pandas, not for a document.
        let shown = table.columns.indices.filter { !table.columns[$0].machineOnly }
        var lines = ["| " + shown.map { cell(table.columns[$0].label) }.joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: shown.count)]
        for row in table.rows {
            lines.append("| " + shown.map { cell(row.indices.contains($0) ? row[$0].description : "—") }.joined(separator: " | ") + " |")
        }
        var text = lines.joined(separator: "\n") + "\n"
        for note in table.notes { text += "\n" + note + "\n" }
        return text
    }

    /// The Summary of Qualitative Findings of the assessed findings.
    public static func summaryOfFindings(_ workspace: Workspace, bands: QualityBands = .seed) -> String {
        table(CERQualTables(workspace: workspace, synthesis: workspace.synthesis, bands: bands).summaryOfFindings())
    }

    /// The CERQual Evidence Profile of the assessed findings.
    public static func evidenceProfile(_ workspace: Workspace, bands: QualityBands = .seed) -> String {
        table(CERQualTables(workspace: workspace, synthesis: workspace.synthesis, bands: bands).evidenceProfile())
    }

    /// Both tables with headings, or "" when no finding has an assessment (the document then stays as the
    /// review prints it).
    static func synthesisSections(_ workspace: Workspace) -> String {
        guard !workspace.synthesis.assessments.isEmpty else { return "" }
        return "\n## Summary of Qualitative Findings (GRADE-CERQual)\n\n" + summaryOfFindings(workspace)
            + "\n## CERQual Evidence Profile\n\n" + evidenceProfile(workspace)
    }
}
