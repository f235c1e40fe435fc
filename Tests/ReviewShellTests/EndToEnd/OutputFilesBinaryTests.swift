import Foundation
import Testing
import ReviewKit
@testable import ReviewShell

/// Files for other tools, written by the built binary and read back by independent readers (Python's csv and
/// json modules and pandas, `read_output_files.py`): the robvis table, results sent with `into`/`output`, and
/// `-` as standard output and standard input (issue 10).
@Suite(.serialized) struct OutputFilesBinaryTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("read_output_files.py")

    struct Read: Decodable {
        var bom: Bool?
        var crlf: Bool?
        var header: [String]?
        var rows: [[String]]?
        var pandas_columns: [String]?
        var pandas_rows: Int
        var weights: [Double]?
        var problems: [String]
    }

    /// What Python reads from a file.
    static func read(_ kind: String, _ file: URL) throws -> Read? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let python = path.map({ URL(fileURLWithPath: String($0)).appendingPathComponent("python3") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("python3 is not on PATH (scripts/bootstrap.sh installs it with pandas)")
            return nil
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, kind, file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: problem, as: UTF8.self))")
        return try JSONDecoder().decode(Read.self, from: data)
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-outputfiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: robvis

    @Test func robvisTableHasRobvisLayoutAndRecodedAnswers() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FileSafetyTests.run(["-c", "export robvis casp.csv weight=quotes", "-c", "export robvis plain.csv excel"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("for robvis"), "\(result.stdout)")
        guard let read = try Self.read("robvis", directory.appendingPathComponent("casp.csv")),
              let excel = try Self.read("robvis", directory.appendingPathComponent("plain.csv")) else { return }
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.header == ["Study"] + (1...10).map { "D\($0)" } + ["Overall", "Weight"])
        #expect(read.pandas_columns == read.header)
        #expect(excel.bom == true && read.bom == false)
        #expect(excel.header == ["Study"] + (1...10).map { "D\($0)" } + ["Overall"])

        // Against the workspace: the embedded review's appraisals, recoded as robvis's Generic template needs.
        let workspace = try Session.embedded().workspace
        let recode: [CASPAnswer?: String] = [.yes: "Low", .cantTell: "Some concerns", .no: "High", nil: "No information"]
        let overall: [String: String] = ["high": "Low", "moderate": "Some concerns", "low": "High"]
        let appraised = workspace.studies.filter { workspace.appraisal(of: $0.id) != nil }
        #expect(read.rows?.count == appraised.count && read.pandas_rows == appraised.count)
        var quoteCounts: [String: Int] = [:]
        for row in 0..<workspace.quotes.count where workspace.quotes.studies[row] >= 0 {
            quoteCounts[workspace.studies[Int(workspace.quotes.studies[row])].id, default: 0] += 1
        }
        var seenBands = Set<String>()
        for (study, row) in zip(appraised, read.rows ?? []) {
            let appraisal = try #require(workspace.appraisal(of: study.id))
            #expect(row[0] == study.label)
            #expect(Array(row[1...10]) == appraisal.answers.map { recode[$0]! }, "\(study.id)")
            let band = QualityBands.seed.bandName(of: appraisal)
            seenBands.insert(band)
            #expect(row[11] == overall[band] ?? "No information", "\(study.id) band \(band)")
            #expect(row[12] == String(quoteCounts[study.id] ?? 0), "\(study.id)")
        }
        #expect(read.weights == appraised.map { Double(quoteCounts[$0.id] ?? 0) })
        // The seed has every band and totals in no band (5.5, 7.5, 8.0): each Overall word is exercised.
        #expect(seenBands.isSuperset(of: ["high", "moderate", "low", "none"]), "\(seenBands)")
        #expect(Set((read.rows ?? []).flatMap { $0[1...10] }).isSuperset(of: ["Low", "Some concerns", "High"]))
    }

    @Test func robvisRefusesParticipantsWeightsItDoesNotHave() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Session.embedded().workspace
        let result = try FileSafetyTests.run(["-c", "export robvis casp.csv weight=participants"], in: directory)
        if workspace.studies.allSatisfy({ $0.participants != nil }) {
            #expect(result.status == 0, "\(result.stderr)")
        } else {
            #expect(result.status == 1)
            #expect(result.stderr.contains("no number of participants"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("casp.csv").path))
        }
        let bad = try FileSafetyTests.run(["-c", "export json r.json weight=quotes"], in: directory)
        #expect(bad.stderr.contains("weight= applies to 'export robvis'"), "\(bad.stderr)")
    }

    // MARK: results to files, read by pandas

    @Test func intoAndOutputFilesReadInPandas() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try CommandHarness()
        let barriers = try h.table("quotes where direction = barrier").rows.count
        let facilitators = try h.table("quotes where direction = facilitator").rows.count
        let result = try FileSafetyTests.run(["--format", "csv",
                                              "-c", "quotes where direction = barrier into barriers.csv",
                                              "-c", "quotes where text contains \"into\" into into.tsv",
                                              "-c", "output all.json", "-c", "bands", "-c", "studies", "-c", "output off",
                                              "-c", "output both.csv bom", "-c", "quotes where direction = barrier",
                                              "-c", "quotes where direction = facilitator"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(barriers) rows to barriers.csv\n"), "\(result.stderr)")
        #expect(!result.stdout.contains("Q"), "no result reaches standard output: \(result.stdout.prefix(300))")
        guard let csv = try Self.read("csv", directory.appendingPathComponent("barriers.csv")),
              let tsv = try Self.read("tsv", directory.appendingPathComponent("into.tsv")),
              let both = try Self.read("csv", directory.appendingPathComponent("both.csv")) else { return }
        #expect(csv.pandas_rows == barriers && csv.rows?.count == barriers)
        #expect(csv.pandas_columns == csv.header)
        #expect((tsv.rows ?? []).allSatisfy { $0.count == tsv.header?.count })
        #expect(tsv.pandas_rows == tsv.rows?.count && (tsv.rows?.count ?? 0) > 0)
        #expect(both.bom == true)
        #expect(both.pandas_rows == barriers + facilitators, "one table under one header")
        let lines = try String(contentsOf: directory.appendingPathComponent("all.json"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }

    // MARK: '-' and /dev/stdin

    @Test func dashIsStandardOutputForExports() throws {
        let csv = try ReviewProcess.run(["-c", "export csv quotes -"], stdin: "")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix("id,text,direction,component,domain,subtheme,study,reference,page,tags\r\n"), "\(csv.stdout.prefix(120))")
        #expect(csv.stderr == "wrote quotes to -\n", "the acknowledgement goes to standard error")
        let rows = try CSVText.rows(csv.stdout)
        #expect(rows.count == (try Session.embedded().workspace.quotes.count) + 1)

        let json = try ReviewProcess.run(["-c", "export json -"], stdin: "")
        #expect(json.status == 0, "\(json.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout.prefix(100))")
        #expect(!json.stdout.contains("wrote JSON"))

        let history = try ReviewProcess.run(["-c", "bands", "-c", "history save -"], stdin: "")
        #expect(history.stdout.hasSuffix("bands\n"), "\(history.stdout.suffix(100))")
    }

    @Test func dashAndDevStdinAreStandardInputForReaders() throws {
        let studies = "id,label,year\nS90,Piped study,2024\n"
        let imported = try ReviewProcess.run(["-c", "import studies -", "-c", "study S90"], stdin: studies)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Piped study"), "\(imported.stdout)")
        let devStdin = try ReviewProcess.run(["-c", "import studies /dev/stdin", "-c", "study S90"], stdin: studies)
        #expect(devStdin.status == 0, "\(devStdin.stderr)")
        #expect(devStdin.stdout.contains("Piped study"))

        let script = "bands\nexpect rows = 33 from studies\n"
        let run = try ReviewProcess.run(["run", "-"], stdin: script)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("moderate"), "\(run.stdout)")
        let failing = try ReviewProcess.run(["run", "-"], stdin: "bands\nexpect rows = 1 from studies\n")
        #expect(failing.status == 3)
        #expect(failing.stderr.contains("<stdin>:2:"), "\(failing.stderr)")
        let devRun = try ReviewProcess.run(["run", "/dev/stdin"], stdin: script)
        #expect(devRun.status == 0, "\(devRun.stderr)")

        // A snapshot from standard input: load -, load /dev/stdin, --load -.
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = try FileSafetyTests.run(["-c", "add study \"Piped snapshot\" id=S91", "-c", "save s.snapshot"], in: directory)
        #expect(saved.status == 0, "\(saved.stderr)")
        let snapshot = try Data(contentsOf: directory.appendingPathComponent("s.snapshot"))
        for arguments in [["-c", "load - discard", "-c", "study S91"], ["-c", "load /dev/stdin discard", "-c", "study S91"], ["--load", "-", "-c", "study S91"]] {
            let loaded = try ReviewProcess.run(arguments, input: snapshot)
            #expect(loaded.status == 0, "\(arguments): \(loaded.stderr)")
            #expect(loaded.stdout.contains("Piped snapshot"), "\(arguments)")
        }
    }

    @Test func exportCSVBomIsAFlagAndGuardIsOffByDefault() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FileSafetyTests.run(["-c", "add study \"=cmd|' /C calc'!A0\" id=S99 year=2020",
                                              "-c", "export csv studies s.csv bom", "-c", "export csv studies plain.csv",
                                              "-c", "export csv studies guarded.csv guard"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let bom = try Data(contentsOf: directory.appendingPathComponent("s.csv"))
        let plain = try String(contentsOf: directory.appendingPathComponent("plain.csv"), encoding: .utf8)
        let guarded = try String(contentsOf: directory.appendingPathComponent("guarded.csv"), encoding: .utf8)
        #expect(bom.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(plain.contains("S99,=cmd|' /C calc'!A0,"), "round-trips as it is by default")
        #expect(guarded.contains("S99,'=cmd|' /C calc'!A0,"), "\(guarded.suffix(200))")
        // 'import' does not take the guard off (docs/formats.md): the quote comes back as part of the label.
        let reimported = try FileSafetyTests.run(["-c", "import studies guarded.csv", "-c", "study S99"], in: directory)
        #expect(reimported.stdout.contains("'=cmd|' /C calc'!A0"), "\(reimported.stdout)\(reimported.stderr)")
        let wrong = try FileSafetyTests.run(["-c", "export json r.json bom"], in: directory)
        #expect(wrong.stderr.contains("'bom' applies to CSV exports"), "\(wrong.stderr)")
    }
}
