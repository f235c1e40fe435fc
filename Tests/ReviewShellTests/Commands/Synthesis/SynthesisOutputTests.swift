import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// The findings, GRADE-CERQual and domain tables in every output format, at 80 columns, in exports, and finding ids
/// in tab completion.
@Suite struct SynthesisOutputTests {
    /// A shell that has run the illustration session's commands (sessions/cerqual-illustration.review) up to its tables.
    static func illustrated() throws -> CommandHarness {
        let harness = try CommandHarness()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent("sessions/cerqual-illustration.review"), encoding: .utf8)
        for line in script.split(separator: "\n").map(String.init) {
            let command = line.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty, !command.hasPrefix("#"), !command.hasPrefix("expect"), !command.hasPrefix("explain"),
                  command.hasPrefix("finding") || command.hasPrefix("cerqual F") else { continue }
            _ = try harness.result(command)
        }
        return harness
    }

    /// Machine output of the findings and CERQual tables carries arrays and slugs (docs/formats.md, "Machine output:
    /// one vocabulary"): sub-themes as id arrays, sources as `studies`/`references` arrays, levels as the export's slugs,
    /// while the text table keeps the joined wording.
    @Test func synthesisTablesGiveArraysAndSlugsToMachines() throws {
        let harness = try Self.illustrated()
        let concern = Set(ConcernLevel.allCases.map(\.slug)), confidence = Set(ConfidenceLevel.allCases.map(\.slug))
        guard case .table(let list) = try harness.result("finding list") else { Issue.record("finding list: not a table"); return }
        let machine = MachineTable(list)
        #expect(!machine.keys.contains("studies_contributing") && machine.keys.contains("studies") && machine.keys.contains("references"), "\(machine.keys)")
        let row = Dictionary(uniqueKeysWithValues: zip(machine.keys, machine.rows.first { $0.first == .string("F1") } ?? []))
        #expect(row["references"] == .array([.integer(35), .integer(36)]), "\(row)")
        #expect(row["studies"] == .array([]))
        guard case .array(let themes) = row["subthemes"], case .array(let codes) = row["subtheme_codes"] else { Issue.record("\(row)"); return }
        #expect(!themes.isEmpty && themes.allSatisfy { if case .integer = $0 { true } else { false } }, "\(themes)")
        #expect(codes.count == themes.count && codes.allSatisfy { if case .string(let code) = $0 { code.contains("/") } else { false } })
        guard case .string(let level) = row["confidence"] else { Issue.record("confidence: \(row)"); return }
        #expect(confidence.contains(level))
        // People still read the joined text.
        let text = Renderer(format: .table, width: 200).render(.table(list))
        #expect(text.contains("ref 35; ref 36"), "\(text)")

        guard case .table(let profile) = try harness.result("cerqual table profile") else { Issue.record("profile: not a table"); return }
        let profileMachine = MachineTable(profile)
        for component in CERQualComponent.allCases {
            let index = try #require(profileMachine.keys.firstIndex(of: component.key))
            for row in profileMachine.rows {
                if case .string(let slug) = row[index] { #expect(concern.contains(slug), "\(component.key): \(slug)") }
                else { #expect(row[index] == .null) }
            }
        }
        #expect(Renderer(format: .table, width: 400).render(.table(profile)).contains("concerns"))

        guard case .table(let sheet) = try harness.result("cerqual F1") else { Issue.record("cerqual F1: not a table"); return }
        let sheetMachine = MachineTable(sheet)
        let levels = sheetMachine.rows.compactMap { row -> String? in if case .string(let slug) = row[1] { slug } else { nil } }
        #expect(!levels.isEmpty && levels.allSatisfy { concern.contains($0) || confidence.contains($0) }, "\(levels)")
    }

    static let wideCommands = ["cerqual table soqf", "cerqual table profile", "cerqual table profile all", "cerqual F1", "cerqual F2",
                               "cerqual check", "finding list", "domains rank", "domains rank by=quotes,conflicting,studies"]

    @Test("at 80 columns (and 20 to 100) every line of the findings, CERQual and domain tables fits, and no cell loses a word", arguments: [80, 100, 60, 40, 20])
    func tablesFitTheWidth(width: Int) throws {
        let harness = try Self.illustrated()
        let renderer = Renderer(format: .table, width: width)
        for command in Self.wideCommands {
            let result = try harness.result(command)
            guard case .table(let table) = result else { Issue.record("\(command): not a table"); continue }
            let text = renderer.render(result)
            for line in text.split(separator: "\n") {
                #expect(DisplayWidth.of(String(line)) <= width, "\(command) at \(width): \(DisplayWidth.of(String(line))) columns: \(line)")
            }
            // Every word of every shown cell is printed (wrapping moves words, it never drops them).
            let printed = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
            for (index, column) in table.columns.enumerated() where !column.machineOnly {
                for row in table.rows {
                    for word in row[index].description.split(whereSeparator: \.isWhitespace).map(String.init) where DisplayWidth.of(word) <= width / 3 {
                        #expect(printed.contains(word), "\(command) at \(width): '\(word)' of \(column.key) is missing")
                    }
                }
            }
        }
    }

    @Test("the Evidence Profile is too wide for columns, so each finding is a block; the SoQF at 80 columns stays a table")
    func layouts() throws {
        let harness = try Self.illustrated()
        let renderer = Renderer(format: .table, width: 80)
        let profile = renderer.render(try harness.result("cerqual table profile"))
        #expect(profile.contains("-[ row 1 of 3 ]---"))
        #expect(profile.contains("adequacy                    serious concerns"))
        let soqf = renderer.render(try harness.result("cerqual table soqf"))
        #expect(!soqf.contains("-[ row"))
        // Columns one space apart before values wrap (headers wrap first).
        #expect(soqf.split(separator: "\n").contains { $0.hasPrefix("3 F3 ") })
        // The domain table shows the published columns; the slug and rank bounds stay in machine formats.
        let domains = renderer.render(try harness.result("domains rank"))
        #expect(!domains.contains("environmental-context-resources") && domains.contains("joint"))
        let csv = Renderer(format: .csv, width: 80).render(try harness.result("domains rank"))
        #expect(csv.contains("environmental-context-resources"))
    }

    @Test("the SoQF and the Evidence Profile in every output format: table, markdown, CSV, TSV and JSON", arguments: ["cerqual table soqf", "cerqual table profile"])
    func everyFormat(command: String) throws {
        let harness = try Self.illustrated()
        let result = try harness.result(command)
        guard case .table(let table) = result else { Issue.record("not a table"); return }
        let explanation = "Moderate concerns regarding methodological limitations, no or very minor concerns regarding coherence, moderate concerns regarding adequacy, and minor concerns regarding relevance."

        let csv = Renderer(format: .csv).render(result)
        let rows = try CSV.rows(Array(csv.utf8))
        #expect(rows.count == 1 + 3 && rows.allSatisfy { $0.count == MachineTable(table).keys.count }, "one table per CSV stream")
        #expect(rows[1].contains { $0.hasPrefix(explanation) })

        let tsv = Renderer(format: .tsv).render(result).split(separator: "\n")
        #expect(tsv.count == 4 && tsv.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == MachineTable(table).keys.count })

        let json = try #require(try JSONSerialization.jsonObject(with: Data(Renderer(format: .json).render(result).utf8)) as? [String: Any])
        let jsonRows = try #require(json["rows"] as? [[String: Any]])
        #expect(json["type"] as? String == "table" && jsonRows.count == 3)
        #expect(jsonRows.last?.values.contains { $0 as? String == "low" } == true)

        let markdown = Renderer(format: .markdown).render(result).split(separator: "\n")
        #expect(markdown.filter { $0.hasPrefix("| ") }.count == 1 + 3)
        #expect(markdown.contains { $0.contains(explanation) })

        let text = Renderer(format: .table, width: 100).render(result)
        #expect(text.contains(table.title ?? "?"))
    }

    @Test("exports: 'export csv FOLDER' writes the synthesis tables too; one synthesis table by name or by file name; Markdown soqf/profile")
    func exports() throws {
        let harness = try Self.illustrated()
        let folder = harness.directory
        #expect(try harness.message("export csv out").contains("findings.csv, finding_subthemes.csv, finding_sources.csv, cerqual.csv"))
        let cerqual = try CSV.rows(try AtomicFile.read(folder.appendingPathComponent("out/cerqual.csv")))
        #expect(cerqual.first == SynthesisExport.cerqualColumns && cerqual.count == 1 + 3)
        #expect(cerqual[3][SynthesisExport.cerqualColumns.firstIndex(of: "adequacy")!] == "serious")
        #expect(try harness.message("export csv findings f.csv") == "wrote findings to f.csv")
        #expect(try CSV.rows(try AtomicFile.read(folder.appendingPathComponent("f.csv"))).count == 1 + 40)
        #expect(try harness.message("export csv finding_sources.csv") == "wrote finding_sources to finding_sources.csv")
        #expect(try harness.message("export markdown soqf.md soqf") == "wrote Markdown to soqf.md")
        let markdown = String(decoding: try AtomicFile.read(folder.appendingPathComponent("soqf.md")), as: UTF8.self)
        #expect(markdown.hasPrefix("| # | finding | summary of review finding |") && markdown.contains("| 3 | F3 |"))
        _ = try harness.message("export markdown all.md")
        let document = String(decoding: try AtomicFile.read(folder.appendingPathComponent("all.md")), as: UTF8.self)
        #expect(document.contains("## Summary of Qualitative Findings (GRADE-CERQual)") && document.contains("## CERQual Evidence Profile"))
        // Unknown table names still get the CSV tables' error.
        #expect(harness.failure("export csv verdicts v.csv")?.message == "unknown table 'verdicts'")
    }

    @Test("tab completion offers finding ids where a finding is expected, written ones where only they fit")
    func completion() throws {
        let harness = try Self.illustrated()
        let completer = ShellCompleter(shell: harness.shell)
        #expect(completer.complete("cerqual F").candidates == ["F1", "F2", "F3"])
        let first = completer.complete("cerqual ").candidates
        #expect(first.prefix(3) == ["clear", "table", "check"])
        #expect(first.contains("F2") && first.contains("T3") && !first.contains("T1"), "T1 is part of F1, so not a finding of its own")
        #expect(completer.complete("cerqual clear F").candidates == ["F1", "F2", "F3"])
        let workspace = harness.session.workspace
        let inForce = workspace.synthesis.findings(in: workspace).map(\.id.description)
        #expect(completer.complete("cerqual T4").candidates == inForce.filter { $0.hasPrefix("T4") })
        #expect(inForce.count == 40)
        #expect(completer.complete("cerqual F1 co").candidates == ["coherence"])
        #expect(completer.complete("finding edit ").candidates == ["F1", "F2", "F3", "statement=", "themes="])
        #expect(completer.complete("finding remove F3").candidates == ["F3"])
        #expect(completer.complete("export csv cer").candidates == ["cerqual"])
        let empty = try CommandHarness()
        #expect(ShellCompleter(shell: empty.shell).complete("finding edit F").candidates.isEmpty, "no written finding yet")
        #expect(ShellCompleter(shell: empty.shell).complete("cerqual T1").candidates.first == "T1")
    }
}
