import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// Every command of the registry (not a hand list, so a new command is covered) run with `--format json`, `csv` and
/// `tsv` on two workspaces: the embedded review, and a team workspace (three reviewers' codings and appraisals,
/// sessions/three-reviewers.review, plus three screeners' decisions, sessions/screening.csv). Read back by
/// `read_machine_output.py`: each JSON document validated by Python's `jsonschema` against the command's own schema in
/// docs/schemas, no duplicate keys, slug columns holding slugs; each CSV/TSV stream one table for csv and pandas.
@Suite struct MachineOutputCoverageTests {
    /// Commands that print prose, not results, and why they are not validated as data.
    static let withoutResults: [String: String] = [
        "quiz": "interactive prose; with --format json it refuses with a JSON error",
        "tutorial": "interactive prose; with --format json it refuses with a JSON error",
    ]

    /// Keys whose string values must be slugs of a closed set (docs/formats.md, "Machine output: one vocabulary").
    static let slugKeys = [
        "direction", "component", "domain", "check", "outcome", "conflict", "status", "confidence", "level",
        "consensus_direction", "consensus_component", "consensus_domain", "box", "differ_on", "strength",
    ]

    /// A shell on the team workspace: the embedded review with three reviewers' codings and three screeners' decisions.
    static func teamShell(_ format: OutputFormat, in folder: URL) throws -> (Shell, BufferedOutput) {
        let (shell, output) = try MachineOutputTests.shell(format, in: folder)
        #expect(shell.run("source sessions/three-reviewers.review") && shell.run("import screening sessions/screening.csv"), "\(output.errors)")
        return (shell, output)
    }

    /// One run of every command's examples in `format` on one workspace: the documents or streams printed, and the
    /// examples that failed.
    static func runAll(_ format: OutputFormat, team: Bool, in folder: URL) throws -> (outputs: [[String: Any]], failed: [String]) {
        let commands = CommandRegistry.standard.commands
        let setup = commands.filter { $0.name == "add" }.flatMap(\.examples)
        var outputs: [[String: Any]] = []
        var failed: [String] = []
        for command in commands where withoutResults[command.name] == nil {
            let (shell, output) = team ? try teamShell(format, in: folder) : try MachineOutputTests.shell(format, in: folder)
            #expect(shell.run("export csv studies extraction.csv") && shell.run("export csv quotes coded-quotes.csv") && shell.run("save synthesis.snapshot"))
            if command.group == .editing && command.name != "add" { for line in setup { _ = shell.run(line) } }
            for example in command.examples where DocumentedExamplesTests.runnable(example) {
                let result = MachineOutputTests.run(shell, output, example)
                if !result.ok { failed.append("\(team ? "team" : "seed") \(format.rawValue): \(example): \(result.err.prefix(200))") }
                outputs.append(["command": command.name, "example": "\(team ? "team" : "seed") \(command.name): \(example)", "json": result.out,
                                "format": format.rawValue, "text": result.out])
            }
        }
        return (outputs, failed)
    }

    @Test func everyCommandValidatesAndReadsAsOneTable() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var documents: [[String: Any]] = []
        var streams: [[String: Any]] = []
        var failed: [String] = []
        for team in [false, true] {
            let json = try Self.runAll(.json, team: team, in: folder)
            documents += json.outputs
            failed += json.failed
            // Prose (help, explanations: a text result) is printed as it is in every format; a stream of results is checked.
            let prose = Set(json.outputs.filter { ($0["json"] as? String ?? "").hasPrefix(#"{"type":"text""#) }.compactMap { $0["example"] as? String })
            for format in [OutputFormat.csv, .tsv] {
                let run = try Self.runAll(format, team: team, in: folder)
                streams += run.outputs.filter { !prose.contains($0["example"] as? String ?? "") }
                failed += run.failed
            }
        }
        // Every documented example runs on both workspaces, in every machine format.
        #expect(failed.isEmpty, "\(failed.prefix(10))")
        // Every command with a runnable example is covered (quit, undo, redo and merge print messages; they are run when
        // their examples can run in a scripted shell).
        let names = Set(CommandRegistry.standard.commands.filter { $0.examples.contains(where: DocumentedExamplesTests.runnable) }.map(\.name))
            .subtracting(Self.withoutResults.keys)
        #expect(Set(documents.compactMap { $0["command"] as? String }) == names)
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path, "documents": documents,
                                                        "streams": streams, "slug_keys": Self.slugKeys]) else { return }
        let failures = report["failures"] as? [[String: Any]] ?? [["error": "no report"]]
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(12))")
        #expect((report["validated"] as? Int ?? 0) >= documents.count / 2)
        #expect((report["streams_read"] as? Int ?? 0) >= 100)
        // A command that prints data (a table, record, figure or sequence) has a schema of its own, not only the
        // generic result shape.
        let data = report["data_documents"] as? [String: Int] ?? [:]
        let used = report["schemas_used"] as? [String: String] ?? [:]
        #expect(data.count >= 17, "\(data)")
        for name in data.keys.sorted() {
            #expect(used[name] == "\(name).schema.json", "\(name) prints data but has no schema of its own (docs/schemas/\(name).schema.json)")
        }
    }

    /// The reader fails on what it must catch: a duplicate key, display text under a slug key, a second table in a
    /// CSV stream, a duplicated CSV header.
    @Test func theReaderCatchesDuplicatesDisplayTextAndTwoTables() throws {
        let duplicate = #"{"type":"table","title":null,"columns":["coding_ann","coding_ann"],"rows":[{"coding_ann":"knowledge","coding_ann":"skills"}],"notes":[]}"#
        let display = #"{"type":"table","title":null,"columns":["conflict","record"],"rows":[{"conflict":"include vs exclude","record":"R1"}],"notes":[]}"#
        guard let report = try MachineOutputTests.read([
            "schemas": MachineOutputTests.schemas.path,
            "documents": [["command": "disagreements", "example": "duplicate", "json": duplicate], ["command": "disagreements", "example": "display", "json": display]],
            "streams": [["example": "two tables", "format": "csv", "text": "a,b\n1,2\n\nc\n3\n"], ["example": "header", "format": "csv", "text": "a,a\n1,2\n"]],
            "slug_keys": Self.slugKeys,
        ]) else { return }
        let failures = report["failures"] as? [[String: Any]] ?? []
        #expect(Set(failures.compactMap { $0["example"] as? String }) == ["duplicate", "display", "two tables", "header"], "\(failures)")
    }
}
