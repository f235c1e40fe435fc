import Foundation

/// The CASP appraisals as the input table of robvis (McGuinness & Higgins 2021, the R package that draws
/// risk-of-bias and appraisal figures), for `rob_traffic_light(data, tool = "Generic")` and `rob_summary`.
///
/// robvis reads a table whose first column is `Study`, then one column per domain (`D1` … `Dn`), then
/// `Overall`, then an optional numeric `Weight`. Its judgements are words (Low, Some concerns, High,
/// Critical, No information); raw CASP answers plot wrongly ("Yes" is dropped, "Can't tell" becomes
/// Critical), so each answer is recoded:
///
/// - yes → Low, can't tell → Some concerns, no → High, unanswered → No information;
/// - `D1` … `D10` are CASP questions 1–10 (`CASPQuestion.all`, `domainLegend`);
/// - `Overall` comes from the CASP quality band of the study's total: high → Low, moderate → Some concerns,
///   low → High; a total in no band (or in several), an incomplete appraisal, or a band of another name →
///   No information.
///
/// Source of the layout and of the recoding: robvis documentation (McGuinness LA, Higgins JPT. Risk-of-bias
/// VISualization (robvis). Res Syn Meth 2021;12:55–61), summarised in docs/formats.md ("robvis").
public enum RobvisExport {
    /// What the optional `Weight` column holds.
    public enum Weight: String, Sendable, CaseIterable {
        /// The number of coded quotes from the study.
        case quotes
        /// The study's number of participants (every study must have one).
        case participants
    }

    /// robvis's judgement words (the "Generic" template's defaults).
    public static let low = "Low", someConcerns = "Some concerns", high = "High", noInformation = "No information"

    /// The judgement an answer is recoded to.
    public static func judgement(_ answer: CASPAnswer?) -> String {
        switch answer {
        case .yes: low
        case .cantTell: someConcerns
        case .no: high
        case nil: noInformation
        }
    }

    /// The overall judgement of an appraisal: from its quality band (high → Low, moderate → Some concerns,
    /// low → High), else No information.
    public static func overall(_ appraisal: Appraisal, bands: QualityBands) -> String {
        guard let total = appraisal.completeTotalHalfPoints, let band = bands.band(for: total) else { return noInformation }
        switch band.name.lowercased() {
        case "high": return low
        case "moderate": return someConcerns
        case "low": return high
        default: return noInformation
        }
    }

    /// What the domain columns stand for: `D1 = CASP Q1: Was there a clear statement of the aims of the research?`.
    public static var domainLegend: [(column: String, question: CASPQuestion)] {
        CASPQuestion.all.map { ("D\($0.id)", $0) }
    }

    /// The table: header, then one row per appraised study in study order (the first appraisal of each, the
    /// consensus when one is recorded). Studies without an appraisal are left out; `missingWeight` lists the
    /// studies a `participants` weight has no number for (their cell is empty).
    public static func table(_ workspace: Workspace, bands: QualityBands, weight: Weight? = nil)
        -> (rows: [[String]], leftOut: [String], missingWeight: [String]) {
        var header = ["Study"] + domainLegend.map(\.column) + ["Overall"]
        if weight != nil { header.append("Weight") }
        var quoteCounts = [Int](repeating: 0, count: workspace.studies.count)
        if weight == .quotes {
            for study in workspace.quotes.studies where study >= 0 && Int(study) < quoteCounts.count { quoteCounts[Int(study)] += 1 }
        }
        var rows = [header]
        var leftOut: [String] = [], missingWeight: [String] = []
        for (index, study) in workspace.studies.enumerated() {
            guard let appraisal = workspace.appraisal(of: study.id) else { leftOut.append(study.id); continue }
            var row = [study.label.isEmpty ? study.id : study.label]
            row += (0..<CASPQuestion.all.count).map { judgement($0 < appraisal.answers.count ? appraisal.answers[$0] : nil) }
            row.append(overall(appraisal, bands: bands))
            switch weight {
            case .quotes?: row.append(String(quoteCounts[index]))
            case .participants?:
                if let count = study.participants { row.append(String(count)) } else { row.append(""); missingWeight.append(study.id) }
            case nil: break
            }
            rows.append(row)
        }
        return (rows, leftOut, missingWeight)
    }

    /// The CSV bytes of rows (CRLF; `byteOrderMark` and `guardingFormulas` as for every CSV export).
    public static func encode(_ rows: [[String]], byteOrderMark: Bool = false, guardingFormulas: Bool = false) -> [UInt8] {
        var writer = CSV.Writer(byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas)
        for row in rows { writer.row(row) }
        return writer.bytes
    }
}
