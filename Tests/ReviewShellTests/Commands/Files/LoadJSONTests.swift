import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// `load FILE.json`: the project's own `export json` in place of the workspace, as `load FILE.snapshot` does it.
@Suite struct LoadJSONTests {
    /// A review with every part the export holds: the embedded review (with its PRISMA counts), three reviewers'
    /// codings and a merged appraisal, a written finding with CERQual judgements, a judged sub-theme finding, screening
    /// decisions, tags with accents and emoji, and PRISMA breakdowns.
    static func fullReview(in folder: URL) throws -> (Shell, BufferedOutput) {
        let (shell, output) = try MachineOutputTests.shell(.table, in: folder)
        for line in ["source sessions/three-reviewers.review", "set blind off",
                     "finding add \"Staff lack knowledge of the peer role\" themes=B/Know/1,B/Know/2",
                     "cerqual F1 coherence moderate \"two quotes pull the other way\"", "cerqual F1 adequacy no-or-very-minor",
                     "cerqual F1 overall moderate \"Moderate concerns about coherence\"", "cerqual T5 relevance minor",
                     "import screening sessions/screening.csv", "tag Q12 \"peer training\"", "tag Q12 \"Janoušková 🙂\"",
                     "prisma set database:MEDLINE=80 \"reports_excluded:Wrong population=12\""] {
            #expect(shell.run(line), "\(line): \(output.errors)")
        }
        let workspace = shell.session.workspace
        #expect(!workspace.reviewerCodings.isEmpty && !workspace.screening.records.isEmpty && !workspace.prisma.isEmpty)
        #expect(!workspace.synthesis.writtenFindings.isEmpty && workspace.quote(12)?.tags.count == 2)
        return (shell, output)
    }

    /// The workspace as a snapshot encodes it (no settings, notes or history): equal bytes, equal workspaces.
    static func encoded(_ workspace: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: workspace)) }

    @Test("export json, then load it in another session: the same workspace, byte for byte in snapshot form; nothing to undo, nothing unsaved")
    func roundTrip() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try Self.fullReview(in: folder)
        #expect(shell.run("export json all.json"), "\(output.errors)")
        let original = Self.encoded(shell.session.workspace)
        let file = folder.appendingPathComponent("all.json")
        let bytes = try Data(contentsOf: file)

        let (copy, copyOutput) = try MachineOutputTests.shell(.table, in: folder)
        #expect(copy.run("note \"mine\"") && copy.run("load all.json discard"), "\(copyOutput.errors)")
        #expect(Self.encoded(copy.session.workspace) == original, "the loaded workspace differs from the exported one")
        #expect(copyOutput.text.contains("loaded all.json: 33 studies, 46 coded quotes"), "\(copyOutput.text)")
        #expect(!copy.session.hasUnsavedChanges && copy.session.document.undoDepth == 0, "as after loading a snapshot")
        #expect(copy.session.notes.isEmpty, "the export has no notes; the workspace and its notes are replaced")
        #expect(copy.session.snapshotPath == nil && copy.session.sourceDescription == "all.json")
        #expect(copy.session.savedBase == JournalBase.jsonExport(file, checksum: CRC32.checksum([UInt8](bytes))),
                "the journal's base is the JSON file, by its checksum")
        // 'save' needs a name: a snapshot is never written over the JSON file.
        #expect(!copy.run("save"))
        #expect(try Data(contentsOf: file) == bytes)
        #expect(copy.run("save all.snapshot") && copy.run("load all.snapshot"), "\(copyOutput.errors)")
        #expect(Self.encoded(copy.session.workspace) == original)

        // Told by its content too: an export under another name.
        try bytes.write(to: folder.appendingPathComponent("all.export"))
        let (third, thirdOutput) = try MachineOutputTests.shell(.table, in: folder)
        #expect(third.run("load all.export"), "\(thirdOutput.errors)")
        #expect(Self.encoded(third.session.workspace) == original)
    }

    @Test("a damaged or invalid file is refused at its line and column or JSON path, and the session stays exactly as it was")
    func damagedFilesChangeNothing() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try Self.fullReview(in: folder)
        #expect(shell.run("export json all.json") && shell.run("save all.snapshot"), "\(output.errors)")
        let text = try String(contentsOf: folder.appendingPathComponent("all.json"), encoding: .utf8)
        let before = Self.encoded(shell.session.workspace)
        let session = shell.session
        let (description, path, cells) = (session.sourceDescription, session.snapshotPath, session.cells.count)

        func refused(_ name: String, _ content: String) throws -> Diagnostic? {
            try content.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let diagnostic: Diagnostic?
            do { _ = try shell.execute(Invocation("load \(name)")!); diagnostic = nil } catch { diagnostic = error }
            #expect(diagnostic != nil, "\(name) loaded")
            #expect(Self.encoded(shell.session.workspace) == before, "\(name): the workspace changed")
            #expect(session.sourceDescription == description && session.snapshotPath == path && !session.hasUnsavedChanges)
            #expect(session.cells.count == cells)
            return diagnostic
        }
        // Syntax: cut in the middle of the quotes, and a stray comma on a known line.
        let quotesLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  \"quotes\"") }! + 1
        let cut = try #require(try refused("cut.json", String(text.prefix(text.count / 2))))
        #expect(cut.file == "cut.json" && cut.line != nil && cut.column != nil, "\(cut)")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[quotesLine] = lines[quotesLine].replacingOccurrences(of: "\"id\": ", with: "\"id\": ,")
        let comma = try #require(try refused("comma.json", lines.joined(separator: "\n")))
        #expect(comma.file == "comma.json" && comma.line == quotesLine + 1, "\(comma)")
        #expect(comma.column == lines[quotesLine].distance(from: lines[quotesLine].startIndex, to: lines[quotesLine].firstIndex(of: ",")!) + 1, "\(comma)")
        #expect(comma.message.hasPrefix("not a JSON document"), "\(comma.message)")

        // Values: each part of the document is checked, and the error names its JSON path.
        let cases: [(String, String, String)] = [
            ("\"domain\": \"skills\", \"subtheme\"", "\"domain\": \"not-a-domain\", \"subtheme\"", "$.quotes["),
            ("\"decision\": \"include\"", "\"decision\": \"perhaps\"", "$.screening["),
            ("\"key\": \"database:MEDLINE\", \"count\": 80", "\"key\": \"database:MEDLINE\", \"count\": -80", "$.prisma["),
            ("\"reviewer\": \"GT\", \"direction\": \"", "\"reviewer\": \"GT\", \"direction\": \"sideways-", "$.codings["),
            ("\"coherence\": \"moderate\"", "\"coherence\": \"somewhat\"", "$.cerqual[0].coherence"),
        ]
        for (from, to, place) in cases {
            guard let range = text.range(of: from) else { Issue.record("the export has no \(from)"); continue }
            let damaged = try #require(try refused("bad.json", text.replacingCharacters(in: range, with: to)))
            #expect(damaged.message.contains(place), "\(to): \(damaged.message)")
        }
        #expect(shell.run("load all.snapshot"), "\(output.errors)")
    }
}
