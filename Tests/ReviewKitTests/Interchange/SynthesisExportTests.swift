import Foundation
import GRDB
import Testing
@testable import ReviewKit

/// Findings and GRADE-CERQual judgements in `export json`, `export sqlite` and `export csv`, read back by an
/// independent reader (`read_exports.py`: json, sqlite3 and pandas), which also recomputes every finding's
/// figures from the exported quotes.
@Suite struct SynthesisExportTests {
    /// The small hand-made review (SynthesisFixtures.small) with one written finding over sub-themes 1 and 2, judged
    /// in full with curly quotes, an emoji and a name with a háček; sub-theme 3 standing as T3, judged in part.
    static let workspace: Workspace = {
        var workspace = SynthesisFixtures.small
        var full = CERQualAssessment()
        full[.methodologicalLimitations] = .init(.moderate, explanation: "S02 answers “no” on Q6 and Q7")
        full[.coherence] = .init(.noOrVeryMinor)
        full[.adequacy] = .init(.minor, explanation: "six quotes from five sources, Janoušková’s among them 🙂")
        full[.relevance] = .init(.serious, explanation: "two countries only,\nboth high-income")
        full.overall = .init(.low, explanation: "Serious concerns about relevance")
        var partial = CERQualAssessment()
        partial[.adequacy] = .init(.serious, explanation: "one quote, no source")
        try! workspace.apply(.synthesis(.batch([
            .addFinding(Finding(id: .written(1), statement: "Training and support, or their absence, shape \"involvement\"", subThemeIDs: [2, 1]), at: nil),
            .setAssessment(.written(1), full),
            .setAssessment(.subTheme(3), partial),
        ])))
        return workspace
    }()

    /// What `read_exports.py` printed, or nil after recording why it could not run.
    static func readBack(_ workspace: Workspace) throws -> [String: Any]? {
        let folder = temporaryDirectory("synthesis-export")
        defer { cleanUp(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let json = folder.appendingPathComponent("review.json"), sqlite = folder.appendingPathComponent("review.sqlite")
        let csv = folder.appendingPathComponent("csv")
        try JSONExport.write(workspace, to: json)
        try SQLiteExport.write(workspace, to: sqlite)
        try CSVExport.writeAll(workspace: workspace, to: csv)
        guard let python = SchemaValidator.python() else {
            Issue.record("python3 is not on PATH: the export read-back needs python3 with pandas (scripts/bootstrap.sh installs both)")
            return nil
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("read_exports.py")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, json.path, sqlite.path, csv.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record(process.terminationStatus == 3 ? "pandas is missing: pip install pandas (scripts/bootstrap.sh installs it)"
                                                        : "read_exports.py failed (status \(process.terminationStatus)): \(message)")
            return nil
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static func rows(_ result: [String: Any], _ format: String, _ table: String) -> [[String: Any]] {
        let formats = result["formats"] as? [String: Any]
        let tables = formats?[format] as? [String: Any]
        return (tables?[table] as? [String: Any])?["rows"] as? [[String: Any]] ?? []
    }

    static func dtypes(_ result: [String: Any], _ format: String, _ table: String) -> [String: String] {
        let tables = (result["formats"] as? [String: Any])?[format] as? [String: Any]
        return (tables?[table] as? [String: Any])?["dtypes"] as? [String: String] ?? [:]
    }

    @Test("the figures by hand: F1 has six quotes from five sources (S01, S02, S03, S04 through ref 7, bare ref 9); T3 one quote without a source")
    func handCountedFigures() throws {
        let export = SynthesisExport(Self.workspace)
        #expect(export.findings.map(\.id) == ["F1", "T3"])
        let f1 = export.findings[0], t3 = export.findings[1]
        #expect(f1.written && !t3.written)
        #expect(f1.quotes == 6 && f1.sources == [.study("S01"), .study("S02"), .study("S03"), .study("S04"), .reference(9)])
        #expect(f1.unattributedQuotes == 0 && f1.subThemes.map(\.id) == [2, 1])
        // "I was worn out." is four words.
        #expect(t3.quotes == 1 && t3.words == 4 && t3.sources.isEmpty && t3.unattributedQuotes == 1)
        #expect(f1.confidence == .low && t3.confidence == nil)
        #expect(export.assessments.map(\.finding) == ["F1", "T3"])
        #expect(export.assessments[0].summary == "Moderate concerns regarding methodological limitations, no or very minor concerns regarding coherence, minor concerns regarding adequacy, and serious concerns regarding relevance")
        #expect(export.assessments[1].summary == nil)
    }

    @Test("JSON, SQLite and CSV read back in pandas with the same rows, typed columns and snake_case keys")
    func readBackByPandas() throws {
        guard let result = try Self.readBack(Self.workspace) else { return }
        let export = SynthesisExport(Self.workspace)
        #expect(result["json_version"] as? Int == JSONExport.formatVersion)
        #expect(result["user_version"] as? Int == SQLiteExport.schemaVersion)
        #expect((result["foreign_key_check"] as? [Any])?.isEmpty == true, "every link row names an existing finding, sub-theme and study")

        for format in ["json", "sqlite", "csv"] {
            let findings = Self.rows(result, format, "findings")
            #expect(findings.map { $0["finding"] as? String } == export.findings.map(\.id), "\(format)")
            #expect(findings.map { $0["position"] as? Int } == export.findings.map(\.position), "\(format)")
            #expect(findings.map { $0["statement"] as? String } == export.findings.map(\.statement), "\(format)")
            #expect(findings.map { $0["quotes"] as? Int } == export.findings.map(\.quotes), "\(format)")
            #expect(findings.map { $0["words"] as? Int } == export.findings.map(\.words), "\(format)")
            #expect(findings.map { $0["sources"] as? Int } == export.findings.map(\.sources.count), "\(format)")
            #expect(findings.map { $0["confidence"] as? String } == ["low", nil], "\(format)")
            let types = Self.dtypes(result, format, "findings")
            for column in ["position", "sources", "quotes", "words", "unattributed_quotes", "missing_subthemes"] {
                #expect(types[column] == "int64", "\(format) \(column): \(types[column] ?? "absent")")
            }
            // SQLite has no boolean type: 0/1 there; JSON and CSV read as bool.
            #expect(types["written"] == (format == "sqlite" ? "int64" : "bool"), "\(format) written: \(types["written"] ?? "absent")")
            if format == "sqlite" {
                #expect(findings.map { $0["written"] as? Int } == [1, 0])
            } else {
                #expect(findings.map { $0["written"] as? Bool } == [true, false])
            }
            #expect(Set(types.keys).isSuperset(of: ["finding", "position", "written", "statement", "confidence"]))
            #expect(types.keys.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") && !$0.contains("-") }, "snake_case keys in \(format)")

            let themes = Self.rows(result, format, "finding_subthemes")
            #expect(themes.map { "\($0["finding"] as? String ?? "?"):\($0["subtheme"] as? Int ?? -1)" } == ["F1:2", "F1:1", "T3:3"], "\(format)")

            let cerqual = Self.rows(result, format, "cerqual")
            #expect(cerqual.map { $0["finding"] as? String } == ["F1", "T3"], "\(format)")
            #expect(cerqual.first?["methodological_limitations"] as? String == "moderate", "\(format)")
            #expect(cerqual.first?["coherence"] as? String == "no-or-very-minor", "\(format)")
            #expect(cerqual.first?["adequacy_explanation"] as? String == "six quotes from five sources, Janoušková’s among them 🙂", "\(format)")
            #expect(cerqual.first?["relevance_explanation"] as? String == "two countries only,\nboth high-income", "\(format)")
            #expect(cerqual.first?["methodological_limitations_explanation"] as? String == "S02 answers “no” on Q6 and Q7", "\(format)")
            #expect(cerqual.first?["confidence"] as? String == "low", "\(format)")
            #expect(cerqual.first?["summary"] as? String == export.assessments[0].summary, "\(format)")
            // Unjudged parts are unknown (null / NaN / empty cell), not text.
            #expect(cerqual.last?["coherence"] == nil || cerqual.last?["coherence"] is NSNull, "\(format)")
            #expect(cerqual.last?["confidence"] == nil || cerqual.last?["confidence"] is NSNull, "\(format)")
            #expect(cerqual.last?["adequacy"] as? String == "serious", "\(format)")
            #expect(Self.dtypes(result, format, "cerqual").keys.sorted() == SynthesisExport.cerqualColumns.sorted(), "\(format)")
        }
        // Sources: typed link rows in SQLite and CSV (a study id or a reference number), lists in JSON.
        for format in ["sqlite", "csv"] {
            let sources = Self.rows(result, format, "finding_sources").filter { $0["finding"] as? String == "F1" }
            #expect(sources.map { $0["study"] as? String } == ["S01", "S02", "S03", "S04", nil], "\(format)")
            #expect(sources.map { $0["reference"] as? Int } == [nil, nil, nil, nil, 9], "\(format)")
        }
        let jsonSources = Self.rows(result, "json", "finding_sources").first
        #expect(jsonSources?["studies"] as? [String] == ["S01", "S02", "S03", "S04"])
        #expect(jsonSources?["references"] as? [Int] == [9])
    }

    @Test("every exported figure equals the Python recomputation from the exported quotes (embedded review with the illustration's findings)")
    func figuresEqualTheSecondImplementation() throws {
        for workspace in [Self.workspace, CERQualIllustration.workspace] {
            guard let result = try Self.readBack(workspace) else { return }
            let computed = try #require(result["computed"] as? [String: [String: Any]])
            let findings = Self.rows(result, "csv", "findings")
            #expect(computed.count == findings.count && !findings.isEmpty)
            for row in findings {
                let id = row["finding"] as? String ?? "?"
                let expected = try #require(computed[id])
                for key in ["quotes", "words", "sources", "unattributed_quotes"] {
                    #expect(row[key] as? Int == expected[key] as? Int, "\(id) \(key): exported \(row[key] ?? "nil"), computed \(expected[key] ?? "nil")")
                }
            }
            // The database's views keep the levels' slugs and give the published tables' level names in *_label columns.
            let views = try #require(result["views"] as? [String: [String: Any]])
            let soqf = (views["summary_of_findings"]?["rows"] as? [[String: Any]]) ?? []
            let tables = CERQualTables(workspace: workspace, synthesis: workspace.synthesis)
            #expect(soqf.map { $0["confidence_label"] as? String } == tables.summaryOfFindings().values("confidence").map { if case .missing = $0 { nil } else { $0.description } })
            let assessed = SynthesisExport(workspace).assessments
            #expect(soqf.map { $0["confidence"] as? String } == assessed.map { $0.assessment.overall?.level.slug })
            let profile = (views["evidence_profile"]?["rows"] as? [[String: Any]]) ?? []
            #expect(profile.map { $0["adequacy_label"] as? String } == tables.evidenceProfile().values("adequacy").map { if case .missing = $0 { nil } else { $0.description } })
            #expect(profile.map { $0["adequacy"] as? String } == assessed.map { $0.assessment[.adequacy]?.level.slug })
            #expect(profile.map { $0["confidence"] as? String } == assessed.map { $0.assessment.overall?.level.slug })
        }
    }

    @Test("CSV: one table per file, header in snake_case, 'export csv FOLDER' writes the four synthesis tables beside the four review tables")
    func csvFolder() throws {
        let folder = temporaryDirectory("synthesis-csv")
        defer { cleanUp(folder) }
        try CSVExport.writeAll(workspace: Self.workspace, to: folder)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == Set(CSVTableKind.allCases.map(\.fileName) + SynthesisCSVTable.allCases.map(\.fileName)))
        for table in SynthesisCSVTable.allCases {
            let rows = try CSV.rows(try AtomicFile.read(folder.appendingPathComponent(table.fileName)))
            #expect(rows.first == table.columns)
            #expect(rows.dropFirst().allSatisfy { $0.count == table.columns.count })
        }
        #expect(SynthesisCSVTable(named: "Finding-Subthemes") == .findingSubthemes)
        #expect(SynthesisCSVTable(named: "CERQual") == .cerqual)
        #expect(SynthesisCSVTable(named: "quotes") == nil)
    }

    @Test("collecting findings from rows grouped by sub-theme gives the same data as scanning every quote")
    func groupedRowsEqualTheScan() {
        var generator = RandomWorkspace(seed: 14)
        for workspace in [Self.workspace, CERQualIllustration.workspace, generator.workspace().workspace] {
            let rows = FindingData.rowsBySubTheme(in: workspace)
            for finding in workspace.synthesis.findings(in: workspace) {
                #expect(FindingData(finding, in: workspace, rowsBySubTheme: rows) == FindingData(finding, in: workspace), "\(finding.id)")
            }
        }
    }

    @Test("a workspace without findings or quotes exports empty synthesis tables, valid in every format")
    func emptyWorkspace() throws {
        let export = SynthesisExport(Workspace())
        #expect(export.findings.isEmpty && export.assessments.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONExport.encode(Workspace()))) as? [String: Any])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        #expect((object["cerqual"] as? [Any])?.isEmpty == true)
        #expect(String(decoding: SynthesisCSVTable.cerqual.encode(Workspace()), as: UTF8.self) == SynthesisExport.cerqualColumns.joined(separator: ",") + "\r\n")
    }
}
