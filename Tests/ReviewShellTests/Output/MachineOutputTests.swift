import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// Machine output (docs/formats.md, "Machine output") read back by independent readers: Python's json + the
/// `jsonschema` package against docs/schemas/, Python's csv module and pandas (`read_machine_output.py`).
@Suite struct MachineOutputTests {
    /// The report `read_machine_output.py` printed for a job, or nil after recording why it could not run.
    static func read(_ job: [String: Any]) throws -> [String: Any]? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-machine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobFile = folder.appendingPathComponent("job.json")
        try JSONSerialization.data(withJSONObject: job).write(to: jobFile)
        guard let python = Self.python() else {
            Issue.record("python3 is not on PATH: the machine-output read-back needs python3 with pandas and jsonschema (scripts/bootstrap.sh)")
            return nil
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("read_machine_output.py").path, jobFile.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record(process.terminationStatus == 3 ? "python packages missing: pip install pandas jsonschema (scripts/bootstrap.sh installs them). \(message)"
                                                        : "read_machine_output.py failed (status \(process.terminationStatus)): \(message)")
            return nil
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// python3 on PATH.
    static func python() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static var schemas: URL { ReproduceScriptTests.root.appendingPathComponent("docs/schemas") }

    /// A shell on the embedded review printing `format`, in a scratch folder.
    static func shell(_ format: OutputFormat, in folder: URL) throws -> (Shell, BufferedOutput) {
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = folder.path
        options.format = format
        return (Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options), output)
    }

    /// Runs `line` and returns what it printed on standard output and standard error.
    static func run(_ shell: Shell, _ output: BufferedOutput, _ line: String) -> (ok: Bool, out: String, err: String) {
        let (textBefore, errorsBefore) = (output.text.count, output.errors.count)
        let ok = shell.run(line)
        return (ok, String(output.text.dropFirst(textBefore)), String(output.errors.dropFirst(errorsBefore)))
    }

    /// Every registered command's documented examples, run with --format json, validate against the command's schema
    /// (docs/schemas/NAME.schema.json, else result.schema.json), read by Python's jsonschema.
    @Test func everyExampleValidatesAgainstItsSchema() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let commands = CommandRegistry.standard.commands
        let setup = commands.filter { $0.name == "add" }.flatMap(\.examples)
        var documents: [[String: Any]] = []
        // quiz and tutorial talk in prose and refuse JSON (with a JSON error); the rest print JSON documents.
        for command in commands where !["quiz", "tutorial"].contains(command.name) {
            let (shell, output) = try Self.shell(.json, in: folder)
            #expect(shell.run("export csv studies extraction.csv") && shell.run("export csv quotes coded-quotes.csv") && shell.run("save synthesis.snapshot"))
            if command.group == .editing && command.name != "add" { for line in setup { _ = shell.run(line) } }
            for example in command.examples where DocumentedExamplesTests.runnable(example) {
                let result = Self.run(shell, output, example)
                #expect(result.ok, "\(example): \(result.err)")
                // Interactive commands (quiz, tutorial) write prose as they go; results are one JSON document a line.
                documents.append(["command": command.name, "example": example, "json": result.out])
            }
        }
        // With three reviewers' codings (the constructed example), agreement and disagreements have rows to check.
        let (team, teamOutput) = try Self.shell(.json, in: folder)
        #expect(team.run("source sessions/three-reviewers.review"), "\(teamOutput.errors)")
        for (name, line) in [("agreement", "agreement"), ("agreement", "agreement domain"), ("agreement", "agreement casp"), ("agreement", "agreement codes domain"),
                             ("disagreements", "disagreements"), ("disagreements", "disagreements subtheme all"),
                             ("disagreements", "disagreements casp all"), ("quote", "quote Q3"), ("study", "study S01")] {
            let result = Self.run(team, teamOutput, line)
            #expect(result.ok, "\(line): \(result.err)")
            documents.append(["command": name, "example": line, "json": result.out])
        }
        #expect(documents.count >= 60)
        guard let report = try Self.read(["schemas": Self.schemas.path, "documents": documents]) else { return }
        let failures = report["failures"] as? [[String: Any]] ?? [{ ["error": "no report"] }()]
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect((report["validated"] as? Int ?? 0) >= 60)
        // The data commands have a schema of their own, not only the generic result shape.
        let used = report["schemas_used"] as? [String: String] ?? [:]
        for name in ["quotes", "themes", "matrix", "casp", "domains", "bands", "studies", "study", "quote", "kappa", "agreement", "finding", "cerqual", "disagreements", "tags", "history", "set", "prisma"] {
            #expect(used[name] == "\(name).schema.json", "\(name) validated against \(used[name] ?? "nothing")")
        }
    }

    /// disagreements in JSON: each reviewer's and the consensus coding as one key per field (slugs, sub-theme ids),
    /// never the described text ("barrier, Reflective motivation"), which stays in the table people read.
    @Test func disagreementsGiveOneKeyPerField() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (team, output) = try Self.shell(.json, in: folder)
        #expect(team.run("source sessions/three-reviewers.review"), "\(output.errors)")
        let result = Self.run(team, output, "disagreements all")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let columns = document["columns"] as? [String] ?? []
        let rows = document["rows"] as? [[String: Any]] ?? []
        #expect(!rows.isEmpty)
        let reviewers = team.session.workspace.reviewers
        for prefix in reviewers.map({ "coding_" + ResultKey.snakeCase($0) }) + ["consensus"] {
            #expect(!columns.contains(prefix), "\(prefix) packs the fields: \(columns)")
            for field in CodingField.allCases { #expect(columns.contains(prefix + "_" + field.rawValue), "\(prefix)_\(field.rawValue): \(columns)") }
        }
        let directions = Set(["barrier", "facilitator"]), domains = Set(TDFDomain.allCases.map(\.slug))
        for row in rows {
            for prefix in reviewers.map({ "coding_" + ResultKey.snakeCase($0) }) {
                if let direction = row[prefix + "_direction"] as? String { #expect(directions.contains(direction), "\(row)") }
                if let domain = row[prefix + "_domain"] as? String { #expect(domains.contains(domain), "\(row)") }
                if let theme = row[prefix + "_subtheme"], !(theme is NSNull) { #expect(theme is Int, "\(row)") }
            }
            for field in row["differ_on"] as? [String] ?? [] { #expect(CodingField(rawValue: field) != nil, "\(field)") }
        }
        // One field: the reviewer's column holds the slug (a sub-theme as its id).
        let one = Self.run(team, output, "disagreements subtheme all")
        let oneRows = (try JSONSerialization.jsonObject(with: Data(one.out.utf8)) as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        let key = "coding_" + ResultKey.snakeCase(reviewers[0])
        #expect(oneRows.contains { $0[key] is Int } && oneRows.allSatisfy { $0[key] is Int || $0[key] is NSNull }, "\(oneRows.prefix(2))")
    }

    /// A schema rejects what the old output printed: labels as keys, abbreviations as values, packed pairs.
    @Test func schemasRejectTheOldVocabulary() throws {
        let old = #"{"type":"table","title":null,"columns":["id","B/F"],"rows":[{"id":"Q1","B/F":"B","COM-B":"C-psy"}],"notes":[]}"#
        let packed = #"{"type":"table","title":"TDF domains","columns":["number","domain","component","barrier_quotes","quotes"],"rows":[{"number":1,"domain":"Knowledge","component":["psychological-capability"],"barrier_quotes":"2 / 2","quotes":2}],"notes":[]}"#
        // Before issue 10's fix: a joined list of sources, display wording for levels, a described coding.
        let findings = #"{"type":"table","title":"Findings","columns":["finding","written","statement","subthemes","subtheme_codes","studies_contributing","sources","quotes","words","confidence"],"rows":[{"finding":"T1","written":false,"statement":"x","subthemes":"B/Know/1","subtheme_codes":["B/Know/1"],"studies_contributing":"ref 35","sources":1,"quotes":1,"words":70,"confidence":"moderate"}],"notes":[]}"#
        let levels = #"{"type":"table","title":"CERQual Evidence Profile","columns":["finding","statement","studies","references","unattributed_quotes","coherence","confidence","explanation"],"rows":[{"finding":"F1","statement":"x","studies":[],"references":[35],"unattributed_quotes":0,"coherence":"moderate concerns","confidence":"very low","explanation":null}],"notes":[]}"#
        let coding = #"{"type":"table","title":"Disagreements","columns":["quote","differ_on","coding_gt","status"],"rows":[{"quote":3,"differ_on":["sub-theme"],"coding_gt":"barrier, Reflective motivation","coding_gt_domain":"Knowledge","status":"unresolved"}],"notes":[]}"#
        guard let report = try Self.read(["schemas": Self.schemas.path, "documents": [["command": "quotes", "example": "old", "json": old],
                                                                                    ["command": "domains", "example": "packed", "json": packed],
                                                                                    ["command": "finding", "example": "findings", "json": findings],
                                                                                    ["command": "cerqual", "example": "levels", "json": levels],
                                                                                    ["command": "disagreements", "example": "coding", "json": coding]]]) else { return }
        let failures = report["failures"] as? [[String: Any]] ?? []
        #expect(Set(failures.compactMap { $0["example"] as? String }) == ["old", "packed", "findings", "levels", "coding"])
    }

    /// Command JSON, CSV and TSV carry the same keys and typed values; pandas reads numbers as numbers, unknown as
    /// null; a CSV stream holds one table; acknowledgements go to standard error.
    @Test func commandOutputReadsBackTyped() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var tables: [[String: Any]] = []
        for format in [OutputFormat.csv, .tsv] {
            let (shell, output) = try Self.shell(format, in: folder)
            for (name, line) in [("quotes", "quotes limit 5"), ("casp", "casp"), ("matrix", "matrix"), ("domains", "domains"), ("bands", "bands"),
                                 ("kappa", "kappa label 0.588"), ("count", "quotes count")] {
                let result = Self.run(shell, output, line)
                #expect(result.ok, "\(line): \(result.err)")
                let path = folder.appendingPathComponent("\(name).\(format.rawValue)")
                try Data(result.out.utf8).write(to: path)
                tables.append(["name": "\(name).\(format.rawValue)", "format": format.rawValue, "path": path.path])
            }
            // An acknowledgement goes to standard error; standard output stays empty.
            let set = Self.run(shell, output, "set width 80")
            #expect(set.out.isEmpty && set.err.contains("width"), "\(set)")
            // Several tables: the first on standard output, the others named on standard error.
            let kappa = Self.run(shell, output, "kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6\"")
            #expect(kappa.ok, "\(kappa.err)")
            #expect(kappa.err.contains("one table per \(format.rawValue) stream") && kappa.err.contains("'per category'"), "\(kappa.err)")
            #expect(!kappa.out.contains("\n\n") && kappa.out.split(separator: "\n").count == 2, "not one record: \(kappa.out)")
            #expect(kappa.out.hasPrefix(format == .csv ? "subjects,raters,categories,observed_agreement" : "subjects\traters\tcategories\tobserved_agreement"), "\(kappa.out)")
        }
        guard let report = try Self.read(["tables": tables]), let read = report["tables"] as? [String: [String: Any]] else { return }
        for format in ["csv", "tsv"] {
            let quotes = read["quotes.\(format)"] ?? [:]
            let columns = quotes["columns"] as? [String] ?? []
            #expect(columns == ["id", "direction", "component", "domain", "subtheme", "subtheme_code", "study", "reference", "page", "text"], "\(format): \(columns)")
            let dtypes = quotes["dtypes"] as? [String: String] ?? [:]
            #expect(dtypes["id"] == "int64" && dtypes["reference"]?.hasPrefix("int") == true || dtypes["reference"] == "float64", "\(dtypes)")
            let rows = quotes["rows"] as? [[String: Any]] ?? []
            #expect(rows.count == 5)
            #expect(rows.allSatisfy { ["barrier", "facilitator"].contains($0["direction"] as? String ?? "") })
            #expect(rows.allSatisfy { (($0["component"] as? String) ?? "").contains("-") }, "component slugs: \(rows.map { $0["component"] ?? "" })")

            let casp = read["casp.\(format)"] ?? [:]
            let caspColumns = casp["columns"] as? [String] ?? []
            #expect(Array(caspColumns.prefix(12)) == ["study", "study_label"] + (1...10).map { "q\($0)" })
            let caspTypes = casp["dtypes"] as? [String: String] ?? [:]
            #expect(caspTypes["q1"] == "float64" && caspTypes["total"] == "float64", "\(caspTypes)")

            let matrix = read["matrix.\(format)"] ?? [:]
            let matrixRows = matrix["rows"] as? [[String: Any]] ?? []
            #expect(matrixRows.last?["is_total"] as? Bool == true && matrixRows.dropLast().allSatisfy { $0["is_total"] as? Bool == false })
            #expect(matrixRows.last?["component"] is NSNull || matrixRows.last?["component"] == nil)
            #expect(matrixRows.first?["component"] as? String == "psychological-capability")
            // The column totals add up once the totals row is dropped, as an R or pandas user would.
            let knowledge = matrixRows.dropLast().compactMap { $0["knowledge"] as? Int }.reduce(0, +)
            #expect(knowledge == matrixRows.last?["knowledge"] as? Int)

            let domains = read["domains.\(format)"] ?? [:]
            let domainColumns = domains["columns"] as? [String] ?? []
            #expect(domainColumns.contains("barrier_subthemes") && domainColumns.contains("facilitator_quotes") && domainColumns.contains("quotes_reason"), "\(domainColumns)")
            let domainTypes = domains["dtypes"] as? [String: String] ?? [:]
            #expect(domainTypes["barrier_quotes"] == "int64", "\(domainTypes)")

            let bands = read["bands.\(format)"] ?? [:]
            let bandRows = bands["rows"] as? [[String: Any]] ?? []
            let high = bandRows.first { $0["band"] as? String == "high" }
            #expect(high?["range_min"] as? Double == 8 && high?["range_min_exclusive"] as? Bool == true && high?["range_max"] as? Double == 10, "\(bandRows)")

            let kappa = read["kappa.\(format)"] ?? [:]
            let kappaRows = kappa["rows"] as? [[String: Any]] ?? []
            // Landis & Koch at the precision typed (three decimals): moderate is 0.401–0.600.
            #expect(kappaRows.first?["kappa"] as? Double == 0.588 && kappaRows.first?["range_min"] as? Double == 0.401
                    && kappaRows.first?["range_max"] as? Double == 0.6, "\(kappaRows)")

            let count = read["count.\(format)"] ?? [:]
            #expect(count["columns"] as? [String] == ["quotes"])
        }
    }

    /// TSV is lossless: a tab, a line break, a carriage return, a quote and a backslash in a quote's text come back
    /// exactly through Python's csv module (delimiter "\t") and pandas.read_csv(sep="\t").
    @Test func tsvKeepsTabsAndLineBreaks() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try Self.shell(.tsv, in: folder)
        let text = "qxzq a\tb\nc\r\nd \"e\" \\f"
        try CSVText.text([["text"], [text]]).write(to: folder.appendingPathComponent("odd.csv"), atomically: true, encoding: .utf8)
        #expect(shell.run("import quotes odd.csv"), "\(output.errors)")
        let listing = Self.run(shell, output, "quotes where text contains qxzq")
        let path = folder.appendingPathComponent("q.tsv")
        try Data(listing.out.utf8).write(to: path)
        guard let report = try Self.read(["tables": [["name": "q", "format": "tsv", "path": path.path]]]),
              let q = (report["tables"] as? [String: [String: Any]])?["q"] else { return }
        let rows = q["rows"] as? [[String: Any]] ?? []
        let records = q["csv_rows"] as? [[String]] ?? []
        #expect(records.count == 2 && records.last?.last == text, "\(records)")
        #expect(rows.first?["text"] as? String == text, "\(rows)")
    }

    /// export csv and export json are read by pandas with slugs and numbers, and each imports back into an empty
    /// workspace as the same workspace (the JSON round trip without CSV).
    @Test func exportsReadBackAndRoundTrip() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try Self.shell(.table, in: folder)
        #expect(shell.run("export json review.json") && shell.run("export csv tables") && shell.run("export sqlite review.sqlite"), "\(output.errors)")
        let original = shell.session.workspace
        var tables: [[String: Any]] = []
        for kind in CSVTableKind.allCases {
            tables.append(["name": kind.rawValue, "format": "csv", "path": folder.appendingPathComponent("tables/\(kind.fileName)").path])
        }
        guard let report = try Self.read(["tables": tables, "export_json": folder.appendingPathComponent("review.json").path,
                                          "export_sqlite": folder.appendingPathComponent("review.sqlite").path]) else { return }
        let csv = report["tables"] as? [String: [String: Any]] ?? [:]
        let json = report["export_json"] as? [String: [String: Any]] ?? [:]
        let sqlite = report["export_sqlite"] as? [String: [String: Any]] ?? [:]
        // The three exports agree on every quote's id, codes and citation (one vocabulary; docs/formats.md).
        func quoteKeys(_ source: [String: [String: Any]]) -> [String] {
            (source["quotes"]?["rows"] as? [[String: Any]] ?? []).map { row in
                ["id", "direction", "component", "domain", "subtheme", "study", "reference", "page"].map { "\(row[$0] ?? "nil")" }.joined(separator: "|")
            }
        }
        #expect(quoteKeys(json).count == original.quotes.count)
        #expect(quoteKeys(json) == quoteKeys(sqlite))
        #expect(quoteKeys(json) == quoteKeys(csv))
        let answers = { (source: [String: [String: Any]]) in (source["appraisals"]?["rows"] as? [[String: Any]] ?? []).map { "\($0["q3"] ?? "nil")" } }
        #expect(answers(csv) == answers(sqlite) && answers(csv).contains("cant-tell"))
        for (name, source) in [("csv", csv), ("json", json)] {
            let quotes = source["quotes"] ?? [:]
            let types = quotes["dtypes"] as? [String: String] ?? [:]
            #expect(types["id"] == "int64", "\(name): \(types)")
            // The sub-theme is its id everywhere: pandas reads a number column (float64 where a quote has none), never text.
            #expect(types["subtheme"] == "int64" || types["subtheme"] == "float64", "\(name): \(types)")
            let rows = quotes["rows"] as? [[String: Any]] ?? []
            #expect(rows.count == original.quotes.count)
            #expect(rows.first?["component"] as? String == "psychological-capability" || (rows.first?["component"] as? String)?.contains("-") == true, "\(name): \(rows.first ?? [:])")
            #expect(rows.first?["id"] as? Int == original.quotes.ids.first.map(Int.init))
            let themes = source["subthemes"]?["rows"] as? [[String: Any]] ?? []
            #expect(themes.allSatisfy { TDFDomain.allCases.map(\.slug).contains($0["domain"] as? String ?? "") }, "\(name)")
        }
        let appraisals = csv["appraisals"]?["rows"] as? [[String: Any]] ?? []
        #expect(appraisals.allSatisfy { ["yes", "cant-tell", "no"].contains($0["q1"] as? String ?? "") })

        for file in ["review.json", "tables/studies.csv"] {
            let (copy, copyOutput) = try Self.shell(.table, in: folder)
            #expect(copy.run("load empty"), "\(copyOutput.errors)")
            if file.hasSuffix(".json") {
                #expect(copy.run("import review.json"), "\(copyOutput.errors)")
            } else {
                for kind in CSVTableKind.allCases { #expect(copy.run("import \(kind.rawValue) tables/\(kind.fileName)"), "\(copyOutput.errors)") }
            }
            let back = copy.session.workspace
            #expect(back.studies == original.studies, "\(file): studies differ")
            #expect(back.appraisals == original.appraisals, "\(file): appraisals differ")
            #expect(back.subThemes == original.subThemes, "\(file): sub-themes differ")
            #expect(back.quotes.count == original.quotes.count)
            #expect((0..<back.quotes.count).allSatisfy { back.quote(atRow: $0) == original.quote(atRow: $0) }, "\(file): quotes differ")
        }
    }

    /// A JSON file that is not the export is refused whole, naming the JSON path; the workspace is unchanged.
    @Test func jsonImportNamesThePathAndChangesNothing() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try Self.shell(.table, in: folder)
        #expect(shell.run("export json review.json"))
        var text = try String(contentsOf: folder.appendingPathComponent("review.json"), encoding: .utf8)
        // Break the third quote's domain.
        var seen = 0
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.contains("\"domain\": ") && line.contains("\"text\": ") else { return String(line) }
            seen += 1
            return seen == 3 ? line.replacingOccurrences(of: #""domain": ""#, with: #""domain": "not-a-domain"#) : String(line)
        }.joined(separator: "\n")
        try text.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        #expect(shell.run("load empty"))
        let errorsBefore = output.errors.count
        #expect(!shell.run("import bad.json"))
        let message = String(output.errors.dropFirst(errorsBefore))
        #expect(message.contains("bad.json") && message.contains("$.quotes[2]") && message.contains("not-a-domain"), "\(message)")
        #expect(shell.session.workspace.studies.isEmpty && shell.session.workspace.quotes.count == 0)
        try "{\"format\": \"review-workspace\", \"version\": 2, \"studies\": [{\"id\": 5}]}".write(to: folder.appendingPathComponent("shape.json"), atomically: true, encoding: .utf8)
        let before = output.errors.count
        #expect(!shell.run("import shape.json"))
        #expect(String(output.errors.dropFirst(before)).contains("$.studies[0]"), "\(output.errors.dropFirst(before))")
    }
}
