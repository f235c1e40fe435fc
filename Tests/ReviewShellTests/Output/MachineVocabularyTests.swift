import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// Rows and keys of machine output are identified by slugs, ids and numbers (docs/formats.md, "Machine output: one
/// vocabulary"): `matrix study`, `prisma`, `cerqual check`, `disagreements screening`, and keys built from reviewer names.
@Suite struct MachineVocabularyTests {
    /// The JSON document a line printed.
    static func document(_ shell: Shell, _ output: BufferedOutput, _ line: String) throws -> [String: Any] {
        let result = MachineOutputTests.run(shell, output, line)
        #expect(result.ok, "\(line): \(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any], "\(line): \(result.out)")
    }

    /// `matrix study` rows carry `study` (id) and `reference` (number), typed as pandas reads them, and their counts are
    /// what pandas counts from `export csv quotes` grouped the same way (study, else reference number, else neither).
    @Test func matrixStudyRowsAreIdentifiedByStudyAndReference() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.csv, in: folder)
        // Quotes of a study (S06, with a reference number), of a study without one (S34), and without any source.
        for line in ["add study \"Nobody 2020\"", "add quote \"one\" study=S06 ref=43 page=\"p. 3\"", "code Q47 domain=knowledge direction=barrier",
                     "add quote \"two\" study=S34", "code Q48 domain=knowledge direction=facilitator", "add quote \"three\"", "code Q49 domain=emotion direction=barrier"] {
            #expect(shell.run(line), "\(line): \(output.errors)")
        }
        let matrix = MachineOutputTests.run(shell, output, "matrix study")
        try Data(matrix.out.utf8).write(to: folder.appendingPathComponent("matrix.csv"))
        #expect(shell.run("export csv quotes quotes.csv"), "\(output.errors)")
        let (jsonShell, jsonOutput) = try MachineOutputTests.shell(.json, in: folder)
        for line in ["add study \"Nobody 2020\"", "add quote \"one\" study=S06 ref=43", "code Q47 domain=knowledge direction=barrier"] { #expect(jsonShell.run(line)) }
        let json = MachineOutputTests.run(jsonShell, jsonOutput, "matrix study").out
        let columns = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["columns"] as? [String] ?? []
        #expect(Array(columns.prefix(3)) == ["study", "reference", "study_label"], "\(columns)")
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path,
                                                        "documents": [["command": "matrix", "example": "matrix study", "json": json]],
                                                        "tables": [["name": "matrix", "format": "csv", "path": folder.appendingPathComponent("matrix.csv").path],
                                                                   ["name": "quotes", "format": "csv", "path": folder.appendingPathComponent("quotes.csv").path]]]),
              let tables = report["tables"] as? [String: [String: Any]] else { return }
        #expect((report["failures"] as? [[String: Any]] ?? [["error": "no report"]]).isEmpty, "\(report["failures"] ?? "")")
        let types = tables["matrix"]?["dtypes"] as? [String: String] ?? [:]
        // pandas: study ids are text (object), reference numbers numbers (float64 because some are empty), counts int64.
        #expect(types["study"] == "object" && types["reference"] == "float64" && types["knowledge"] == "int64" && types["is_total"] == "bool", "\(types)")
        let rows = tables["matrix"]?["rows"] as? [[String: Any]] ?? []
        // No display text outside study_label: "ref 33" and "S06 …" never identify a row.
        for row in rows {
            for (key, value) in row where key != "study_label" {
                if let text = value as? String { #expect(!text.contains(" "), "\(key) holds display text '\(text)'") }
            }
        }
        let s06 = try #require(rows.first { $0["study"] as? String == "S06" })
        #expect(s06["reference"] as? Double == shell.session.workspace.study("S06")?.reference.map(Double.init) && s06["knowledge"] as? Int == 1, "\(s06)")
        let s34 = try #require(rows.first { $0["study"] as? String == "S34" })
        #expect(s34["reference"] == nil || s34["reference"] is NSNull, "\(s34)")
        #expect(rows.contains { $0["study"] is NSNull && $0["reference"] as? Double == 33 && ($0["study_label"] as? String) == "ref 33" })
        let total = try #require(rows.last)
        #expect(total["is_total"] as? Bool == true && total["study"] is NSNull && total["reference"] is NSNull && total["study_label"] is NSNull)

        // The counts, by pandas from the exported quotes: grouped by study, else by reference number, else as unattributed.
        let quotes = tables["quotes"]?["rows"] as? [[String: Any]] ?? []
        var expected: [String: [String: Int]] = [:]
        for quote in quotes {
            guard let domain = quote["domain"] as? String else { continue }
            let source = (quote["study"] as? String).map { "study \($0)" } ?? (quote["reference"] as? Double).map { "ref \(Int($0))" } ?? "none"
            expected[source, default: [:]][domain.replacingOccurrences(of: "-", with: "_"), default: 0] += 1
        }
        var found: [String: [String: Int]] = [:]
        let domainKeys = Set(TDFDomain.allCases.map { $0.slug.replacingOccurrences(of: "-", with: "_") })
        for row in rows where row["is_total"] as? Bool == false {
            let source = (row["study"] as? String).map { "study \($0)" } ?? (row["reference"] as? Double).map { "ref \(Int($0))" } ?? "none"
            #expect(found[source] == nil, "two rows for \(source)")
            found[source] = row.filter { domainKeys.contains($0.key) }.compactMapValues { $0 as? Int }.filter { $0.value > 0 }
        }
        #expect(found == expected)
        #expect(expected.count >= 5)
    }

    /// `prisma` in machine output: each box by its slug, a breakdown item's database or exclusion reason as its own
    /// field, never the `database:NAME` key; check outcomes as slugs; the arithmetic checked by hand.
    @Test func prismaBoxesAreStructured() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.json, in: folder)
        // Made-up counts: 162 + 4 − 23 − 0 − 0 = 143 records screened, recorded as 144 (off by +1); 3 databases itemised, one not reported.
        #expect(shell.run("prisma set databases=162 database:MEDLINE=80 database:EMBASE=82 \"database:Web of Science=\" registers=4 register:ClinicalTrials.gov=4 "
                          + "duplicates=23 automation_excluded=0 other_removed=0 records_screened=144 \"reports_excluded:Wrong population=12\""), "\(output.errors)")
        let result = MachineOutputTests.run(shell, output, "prisma")
        let sequence = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let items = sequence["items"] as? [[String: Any]] ?? []
        let boxes = items.first?["rows"] as? [[String: Any]] ?? []
        #expect(items.first?["columns"] as? [String] == ["box", "source", "exclusion_reason", "box_label", "n", "n_reason"], "\(items.first?["columns"] ?? "")")
        for row in boxes { #expect(!((row["box"] as? String) ?? ":").contains(":"), "\(row)") }
        let medline = try #require(boxes.first { $0["source"] as? String == "MEDLINE" })
        #expect(medline["box"] as? String == "databases" && medline["n"] as? Int == 80 && medline["exclusion_reason"] is NSNull)
        let web = try #require(boxes.first { $0["source"] as? String == "Web of Science" })
        #expect(web["n"] is NSNull && web["n_reason"] as? String == "not reported")
        #expect(boxes.contains { $0["box"] as? String == "registers" && $0["source"] as? String == "ClinicalTrials.gov" && $0["n"] as? Int == 4 })
        let reason = try #require(boxes.first { $0["exclusion_reason"] as? String == "Wrong population" })
        #expect(reason["box"] as? String == "reports_excluded" && reason["source"] is NSNull && reason["n"] as? Int == 12)
        let total = try #require(boxes.first { $0["box"] as? String == "databases" && $0["source"] is NSNull })
        #expect(total["n"] as? Int == 162)
        let checks = items.last?["rows"] as? [[String: Any]] ?? []
        let screened = try #require(checks.first { $0["box"] as? String == "records_screened" })
        #expect(screened["outcome"] as? String == "differs" && screened["difference"] as? Int == 1 && screened["expected"] as? Int == 143, "\(screened)")
        // databases = Σ database items cannot be checked: Web of Science has no count, so the box it itemises is missing.
        let databases = try #require(checks.first { $0["box"] as? String == "databases" })
        #expect(databases["outcome"] as? String == "not-checked" && databases["missing"] as? [String] == ["databases"], "\(databases)")
        #expect(checks.allSatisfy { ["adds-up", "differs", "exceeds", "not-checked", "too-large"].contains($0["outcome"] as? String ?? "") }, "\(checks)")
        let unchecked = checks.filter { $0["outcome"] as? String == "not-checked" }
        #expect(!unchecked.isEmpty && unchecked.allSatisfy { !($0["missing"] as? [String] ?? []).isEmpty }, "\(unchecked)")
        let boxSlugs = Set(PRISMAFlow.Box.allCases.map(\.key))
        #expect(unchecked.allSatisfy { ($0["missing"] as? [String] ?? []).allSatisfy(boxSlugs.union(["reports_excluded", "other_reports_excluded"]).contains) }, "\(unchecked)")
        // The schema's box slugs are the model's, both ways.
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: MachineOutputTests.schemas.appendingPathComponent("prisma.schema.json"))) as? [String: Any]
        let enumerated = ((schema?["$defs"] as? [String: Any])?["box"] as? [String: Any])?["enum"] as? [String] ?? []
        #expect(Set(enumerated) == boxSlugs.union(["reports_excluded", "other_reports_excluded"]))
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path,
                                                        "documents": [["command": "prisma", "example": "prisma", "json": result.out]]]) else { return }
        #expect((report["failures"] as? [[String: Any]] ?? [["error": "no report"]]).isEmpty, "\(report["failures"] ?? "")")
    }

    /// `cerqual check`'s `check` values are the documented closed set: the schema enumerates exactly
    /// `CERQualCheck.Kind`'s slugs, docs/formats.md lists each, and flags raised on a workspace validate.
    @Test func cerqualCheckValuesAreADocumentedClosedSet() throws {
        let kinds = Set(CERQualCheck.Kind.allCases.map(\.rawValue))
        let schema = try String(contentsOf: MachineOutputTests.schemas.appendingPathComponent("cerqual.schema.json"), encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(schema.utf8))
        var enums: [Set<String>] = []
        func walk(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                if let check = (dictionary["properties"] as? [String: Any])?["check"] as? [String: Any], let values = check["enum"] as? [String] { enums.append(Set(values)) }
                dictionary.values.forEach(walk)
            } else if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(object)
        #expect(!enums.isEmpty && enums.allSatisfy { $0 == kinds }, "\(enums)")
        let formats = try String(contentsOf: ReproduceScriptTests.root.appendingPathComponent("docs/formats.md"), encoding: .utf8)
        for kind in kinds { #expect(formats.contains("`\(kind)`"), "docs/formats.md does not list \(kind)") }

        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.json, in: folder)
        // Serious concerns with high confidence, explanations missing, overall before components.
        for line in ["cerqual T1 coherence serious", "cerqual T1 overall high", "cerqual T2 overall low"] { #expect(shell.run(line), "\(line): \(output.errors)") }
        let result = MachineOutputTests.run(shell, output, "cerqual check")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let rows = document["rows"] as? [[String: Any]] ?? []
        let found = Set(rows.compactMap { $0["check"] as? String })
        #expect(found.isSuperset(of: ["serious-with-high-confidence", "missing-explanation", "overall-without-explanation", "overall-before-components"]), "\(found)")
        #expect(found.isSubset(of: kinds))
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path,
                                                        "documents": [["command": "cerqual", "example": "cerqual check", "json": result.out]]]) else { return }
        #expect((report["failures"] as? [[String: Any]] ?? [["error": "no report"]]).isEmpty, "\(report["failures"] ?? "")")
    }

    /// Reviewer names that fold to the same key get numbered keys; the rule depends only on the set of names.
    @Test func reviewerKeysAreDistinctAndDeterministic() {
        let names = ["ann", "Ann", "Bob", "ann_1", "A. Lee", "a-lee", "Ann"]
        let keys = ResultKey.distinct(names)
        #expect(keys == ["Ann": "ann_2", "ann": "ann_3", "ann_1": "ann_1", "Bob": "bob", "A. Lee": "a_lee_1", "a-lee": "a_lee_2"])
        #expect(Set(keys.values).count == keys.count)
        for permutation in [names.reversed(), names.sorted(), names.shuffled()] { #expect(ResultKey.distinct(Array(permutation)) == keys) }
        #expect(ResultKey.distinct(["GT", "KW"]) == ["GT": "gt", "KW": "kw"])
    }

    /// Two reviewers `Ann` and `ann` (codings, appraisals, screening decisions) never share a JSON key or a CSV header.
    @Test func reviewersDifferingInCaseGetDistinctKeys() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = ["set reviewer Ann", "code Q1 domain=knowledge direction=facilitator", "appraise S06 q1=yes q2=no reviewer=Ann", "screen R1 include reviewer=Ann",
                     "set reviewer ann", "code Q1 domain=emotion direction=barrier", "appraise S06 q1=no q2=no reviewer=ann", "screen R1 exclude reviewer=ann", "set reviewer none"]
        var documents: [[String: Any]] = []
        var streams: [[String: Any]] = []
        for format in [OutputFormat.json, .csv] {
            let (shell, output) = try MachineOutputTests.shell(format, in: folder)
            for line in lines { #expect(shell.run(line), "\(line): \(output.errors)") }
            #expect(Set(shell.session.workspace.reviewers).isSuperset(of: ["Ann", "ann"]), "\(shell.session.workspace.reviewers)")
            for (command, line) in [("disagreements", "disagreements all"), ("disagreements", "disagreements domain all"), ("disagreements", "disagreements casp all"),
                                    ("disagreements", "disagreements screening"), ("quote", "quote Q1"), ("study", "study S06")] {
                let result = MachineOutputTests.run(shell, output, line)
                #expect(result.ok, "\(line): \(result.err)")
                if format == .json {
                    documents.append(["command": command, "example": line, "json": result.out])
                } else {
                    streams.append(["example": line, "format": "csv", "text": result.out])
                }
            }
        }
        let all = try JSONSerialization.jsonObject(with: Data((documents[0]["json"] as? String ?? "").utf8)) as? [String: Any]
        let columns = all?["columns"] as? [String] ?? []
        #expect(columns.contains("coding_ann_1_domain") && columns.contains("coding_ann_2_domain"), "\(columns)")
        #expect((all?["notes"] as? [String] ?? []).contains { $0.contains("coding_ann_1 = Ann") && $0.contains("coding_ann_2 = ann") }, "\(all?["notes"] ?? "")")
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path, "documents": documents, "streams": streams]) else { return }
        #expect((report["failures"] as? [[String: Any]] ?? [["error": "no report"]]).isEmpty, "\(report["failures"] ?? "")")
        #expect(report["streams_read"] as? Int == 6)
    }
}
