import Foundation

/// Writes a workspace's studies as RIS: each study's bibliographic record, or, for a study without one, a
/// minimal record (its label as the title, its year, and a note naming the study) so that no study is left out.
public enum RISExport {
    /// One record per study, in the workspace's order.
    public static func records(of workspace: Workspace, bibliography: [String: BibliographicRecord]) -> [BibliographicRecord] {
        workspace.studies.map { study in
            if var record = bibliography[study.id] {
                record.year = record.year ?? study.year
                return record
            }
            return BibliographicRecord(type: "GEN", title: study.label, year: study.year,
                                       notes: ["review study \(study.id) (\(study.label)); no bibliographic record yet"])
        }
    }

    /// Writes the studies as RIS to `url` atomically (UTF-8, CRLF).
    public static func write(_ workspace: Workspace, bibliography: [String: BibliographicRecord], to url: URL,
                             lineEnding: RISWriter.LineEnding = .crlf) throws(FileError) {
        try AtomicFile.write(RISWriter.encode(records(of: workspace, bibliography: bibliography), lineEnding: lineEnding), to: url)
    }
}
