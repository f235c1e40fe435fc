import Foundation

/// The findings in force and their GRADE-CERQual judgements as plain rows: the one vocabulary the JSON,
/// SQLite and CSV exports share (docs/formats.md, "Findings and CERQual judgements in exports").
///
/// Every finding in force is exported (written findings F1… first, then each sub-theme standing as its own
/// finding T…), with the figures the tables show (sources, quotes, words) and, in link rows, the sub-themes
/// that support it and the sources its quotes come from. Judgements are exported for the findings in force;
/// an assessment that belongs to no finding in force (a hand-edited file; `cerqual check` flags it) is left
/// out, so every row of `cerqual` names a row of `findings`. Levels are slugs (`no-or-very-minor`,
/// `very-low`), as in snapshots; an unjudged component is null (empty in CSV).
public struct SynthesisExport: Sendable, Equatable {
    /// One finding in force.
    public struct FindingRow: Sendable, Equatable {
        /// "F1" or "T7".
        public var id: String
        /// 1-based place among the findings in force (the # of the Summary of Qualitative Findings).
        public var position: Int
        /// Whether the reviewer wrote it (false: a sub-theme standing as its own finding).
        public var written: Bool
        /// The statement.
        public var statement: String
        /// The supporting sub-themes that exist, in the finding's order.
        public var subThemes: [SubTheme]
        /// How many sub-themes the finding names that the workspace no longer has.
        public var missingSubThemes: Int
        /// The distinct sources of its quotes, studies first, then bare reference numbers.
        public var sources: [ContributingSource]
        /// Its quotes.
        public var quotes: Int
        /// Words in those quotes (`WordCount`).
        public var words: Int
        /// Quotes with neither a study nor a reference number.
        public var unattributedQuotes: Int
        /// The overall confidence the reviewer chose, if any.
        public var confidence: ConfidenceLevel?
    }

    /// The judgements of one finding.
    public struct AssessmentRow: Sendable, Equatable {
        /// The finding's id.
        public var finding: String
        /// The judgements.
        public var assessment: CERQualAssessment
        /// The pre-filled summary sentence (`CERQualWording.summary`), once all four components are judged.
        public var summary: String?
    }

    /// The findings in force, in order.
    public let findings: [FindingRow]
    /// The judgements of findings in force, in finding order.
    public let assessments: [AssessmentRow]

    /// Collects the rows from a workspace's synthesis.
    public init(_ workspace: Workspace) {
        let synthesis = workspace.synthesis
        var findings: [FindingRow] = []
        var assessments: [AssessmentRow] = []
        let rowsBySubTheme = FindingData.rowsBySubTheme(in: workspace)
        for (index, finding) in synthesis.findings(in: workspace).enumerated() {
            let data = FindingData(finding, in: workspace, rowsBySubTheme: rowsBySubTheme)
            let written: Bool = if case .written = finding.id { true } else { false }
            let assessment = synthesis.assessment(of: finding.id)
            findings.append(FindingRow(id: finding.id.description, position: index + 1, written: written, statement: finding.statement,
                                       subThemes: data.subThemes, missingSubThemes: data.missingSubThemeIDs.count, sources: data.sources,
                                       quotes: data.quotes.count, words: data.words, unattributedQuotes: data.unattributedQuotes,
                                       confidence: assessment?.overall?.level))
            if let assessment {
                assessments.append(AssessmentRow(finding: finding.id.description, assessment: assessment, summary: CERQualWording.summary(assessment)))
            }
        }
        self.findings = findings
        self.assessments = assessments
    }

    // MARK: - Columns

    /// The columns of `findings` (CSV header, SQLite columns, JSON keys besides the nested lists).
    public static let findingColumns = ["finding", "position", "written", "statement", "sources", "quotes", "words",
                                        "unattributed_quotes", "missing_subthemes", "confidence"]
    /// The columns of `finding_subthemes`: one row per supporting sub-theme.
    public static let findingSubThemeColumns = ["finding", "position", "subtheme", "subtheme_code"]
    /// The columns of `finding_sources`: one row per contributing source; `study` or `reference` is set.
    public static let findingSourceColumns = ["finding", "position", "study", "reference"]
    /// The columns of `cerqual`: one row per assessed finding, each component's level and explanation, the
    /// overall confidence and its explanation, and the pre-filled summary.
    public static let cerqualColumns: [String] = ["finding"]
        + CERQualComponent.allCases.flatMap { [$0.key, $0.key + "_explanation"] }
        + ["confidence", "confidence_explanation", "summary"]

    // MARK: - Text rows (CSV)

    /// `findings` as CSV fields: booleans `true`/`false` (pandas and R read them as logical), unknown empty.
    public var findingFields: [[String]] {
        findings.map { row in
            [row.id, String(row.position), row.written ? "true" : "false", row.statement, String(row.sources.count), String(row.quotes),
             String(row.words), String(row.unattributedQuotes), String(row.missingSubThemes), row.confidence?.slug ?? ""]
        }
    }

    /// `finding_subthemes` as CSV fields.
    public var findingSubThemeFields: [[String]] {
        findings.flatMap { row in
            row.subThemes.enumerated().map { [row.id, String($0.offset + 1), String($0.element.id), $0.element.code] }
        }
    }

    /// `finding_sources` as CSV fields.
    public var findingSourceFields: [[String]] {
        findings.flatMap { row in
            row.sources.enumerated().map { index, source in
                switch source {
                case .study(let id): [row.id, String(index + 1), id, ""]
                case .reference(let number): [row.id, String(index + 1), "", String(number)]
                }
            }
        }
    }

    /// `cerqual` as CSV fields.
    public var cerqualFields: [[String]] {
        assessments.map { row in
            var fields = [row.finding]
            for component in CERQualComponent.allCases {
                let judgement = row.assessment[component]
                fields += [judgement?.level.slug ?? "", judgement?.explanation ?? ""]
            }
            fields += [row.assessment.overall?.level.slug ?? "", row.assessment.overall?.explanation ?? "", row.summary ?? ""]
            return fields
        }
    }

    // MARK: - JSON

    /// Appends `"findings"` and `"cerqual"` to a JSON document being written (after `"quotes"`).
    func appendJSON(to out: inout JSONBuffer) {
        out.raw(",\n  \"findings\": [")
        for (index, row) in findings.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"finding\": "); out.string(row.id)
            out.raw(", \"position\": "); out.int(row.position)
            out.raw(", \"written\": "); out.raw(row.written ? "true" : "false")
            out.raw(", \"statement\": "); out.string(row.statement)
            out.raw(", \"sources\": "); out.int(row.sources.count)
            out.raw(", \"quotes\": "); out.int(row.quotes)
            out.raw(", \"words\": "); out.int(row.words)
            out.raw(", \"unattributed_quotes\": "); out.int(row.unattributedQuotes)
            out.raw(", \"missing_subthemes\": "); out.int(row.missingSubThemes)
            out.raw(", \"confidence\": "); out.string(row.confidence?.slug)
            out.raw(", \"subthemes\": [")
            for (position, theme) in row.subThemes.enumerated() {
                if position > 0 { out.raw(", ") }
                out.int(theme.id)
            }
            out.raw("], \"studies\": [")
            let studies = row.sources.compactMap { if case .study(let id) = $0 { id } else { nil } }
            for (position, id) in studies.enumerated() {
                if position > 0 { out.raw(", ") }
                out.string(id)
            }
            out.raw("], \"references\": [")
            let references = row.sources.compactMap { if case .reference(let number) = $0 { number } else { nil } }
            for (position, number) in references.enumerated() {
                if position > 0 { out.raw(", ") }
                out.int(number)
            }
            out.raw("]}")
        }
        out.raw(findings.isEmpty ? "]" : "\n  ]")
        out.raw(",\n  \"cerqual\": [")
        for (index, row) in assessments.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"finding\": "); out.string(row.finding)
            for component in CERQualComponent.allCases {
                let judgement = row.assessment[component]
                out.raw(", \"\(component.key)\": "); out.string(judgement?.level.slug)
                out.raw(", \"\(component.key)_explanation\": "); out.string(judgement?.explanation)
            }
            out.raw(", \"confidence\": "); out.string(row.assessment.overall?.level.slug)
            out.raw(", \"confidence_explanation\": "); out.string(row.assessment.overall?.explanation)
            out.raw(", \"summary\": "); out.string(row.summary)
            out.raw("}")
        }
        out.raw(assessments.isEmpty ? "]" : "\n  ]")
    }
}

/// The CSV tables `import` does not read: the findings and their judgements (`SynthesisExport`), and the screening
/// decisions (`ScreeningExport`, read by `import screening`); one table per file.
public enum SynthesisCSVTable: String, CaseIterable, Sendable {
    /// The findings in force.
    case findings
    /// Which sub-themes support each finding.
    case findingSubthemes = "finding_subthemes"
    /// Which sources each finding's quotes come from.
    case findingSources = "finding_sources"
    /// The GRADE-CERQual judgements, one row per assessed finding.
    case cerqual
    /// The screening decisions, one row per decision (`ScreeningExport`); `import screening` reads it back.
    case screening

    /// The header.
    public var columns: [String] {
        switch self {
        case .findings: SynthesisExport.findingColumns
        case .findingSubthemes: SynthesisExport.findingSubThemeColumns
        case .findingSources: SynthesisExport.findingSourceColumns
        case .cerqual: SynthesisExport.cerqualColumns
        case .screening: ScreeningExport.columns
        }
    }

    /// The conventional file name ("cerqual.csv").
    public var fileName: String { rawValue + ".csv" }

    /// The table a typed name means ("findings", "finding-subthemes", "CERQual").
    public init?(named text: String) {
        let key = CSVTableKind.columnKey(text)
        guard let table = Self.allCases.first(where: { CSVTableKind.columnKey($0.rawValue) == key }) else { return nil }
        self = table
    }

    /// The CSV bytes of the table for a workspace.
    public func encode(_ workspace: Workspace, byteOrderMark: Bool = false, guardingFormulas: Bool = false) -> [UInt8] {
        encode(SynthesisExport(workspace), screening: workspace.screening, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas)
    }

    func encode(_ export: SynthesisExport, screening: ScreeningDecisions, byteOrderMark: Bool, guardingFormulas: Bool = false) -> [UInt8] {
        var writer = CSV.Writer(byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, capacity: 16 * 1024)
        writer.row(columns)
        let rows: [[String]] = switch self {
        case .findings: export.findingFields
        case .findingSubthemes: export.findingSubThemeFields
        case .findingSources: export.findingSourceFields
        case .cerqual: export.cerqualFields
        case .screening: ScreeningExport.fields(screening)
        }
        for row in rows { writer.row(row) }
        return writer.bytes
    }

    /// Writes the table to `url` atomically.
    public func write(_ workspace: Workspace, to url: URL, byteOrderMark: Bool = false, guardingFormulas: Bool = false) throws(FileError) {
        try AtomicFile.write(encode(workspace, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas), to: url, progress: nil)
    }

    /// Writes all its tables (the four synthesis tables and `screening.csv`) into an existing folder, each atomically.
    public static func writeAll(_ workspace: Workspace, to directory: URL, byteOrderMark: Bool = false, guardingFormulas: Bool = false) throws(FileError) {
        let export = SynthesisExport(workspace)
        for table in allCases {
            try AtomicFile.write(table.encode(export, screening: workspace.screening, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas), to: directory.appendingPathComponent(table.fileName), progress: nil)
        }
    }
}
