import Foundation
import Testing
@testable import ReviewShell
@testable import ReviewKit

/// `figure`, `prisma`, `export prisma` and `report` on the embedded review: the files the shell writes are the
/// ReviewKit goldens in docs/figures byte for byte, PRISMA counts survive save/load and undo, and a
/// version-2 snapshot loads with no flow.
@Suite struct FigureCommandTests {
    static let figures = ReproduceScriptTests.root.appendingPathComponent("docs/figures")

    /// Runs commands on a fresh embedded session in a temporary directory.
    static func run(_ lines: [String]) throws -> (session: Session, transcript: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let session = try Session.embedded()
        session.settings.colour = false
        let output = BufferedOutput()
        var options = ShellOptions()
        options.keepGoing = true
        options.workingDirectory = directory.path
        let shell = Shell(session: session, input: EchoingLineSource(text: lines.joined(separator: "\n") + "\n", output: output), output: output, options: options)
        _ = shell.runLoop(file: "test")
        return (session, output.transcript, directory)
    }

    @Test func writtenFiguresAreTheDocsGoldens() throws {
        let (_, transcript, directory) = try Self.run([
            "figure casp casp.svg", "figure casp casp-colour-blind.svg palette=colour-blind", "figure map map.svg",
            "figure matrix matrix-comb.svg", "figure matrix matrix-study.svg study", "figure prisma prisma.svg",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!transcript.contains("error"), "\(transcript)")
        for name in ["casp.svg", "casp-colour-blind.svg", "map.svg", "matrix-comb.svg", "matrix-study.svg", "prisma.svg"] {
            let written = try Data(contentsOf: directory.appendingPathComponent(name))
            let golden = try Data(contentsOf: Self.figures.appendingPathComponent(name))
            #expect(written == golden, "\(name) written by 'figure' differs from docs/figures/\(name)")
        }
    }

    @Test func exportPrismaIsTheTemplateOfTheSessionFlow() throws {
        let (session, _, directory) = try Self.run(["export prisma prisma.csv"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try String(contentsOf: directory.appendingPathComponent("prisma.csv"), encoding: .utf8)
        #expect(session.workspace.prisma == .shaw2025)
        #expect(written == (try PRISMAFlow.shaw2025.templateCSV()))
    }

    @Test func prismaSetIsAllOrNothingUndoableAndSaved() throws {
        let (session, transcript, directory) = try Self.run([
            "prisma set databases=162 duplicates=23 records_screened=139",
            "prisma set records_excluded=90 bogus=1",
            "prisma set records_excluded=90",
            "undo",
            "save s.snapshot",
            "prisma clear all",
            "load s.snapshot discard",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected = PRISMAFlow.shaw2025
        for assignment in ["databases=162", "duplicates=23", "records_screened=139"] { try expected.assign(assignment) }
        #expect(session.workspace.prisma == expected, "\(transcript)")
        let saved = try String(contentsOf: directory.appendingPathComponent("s.snapshot"), encoding: .utf8)
        #expect(saved.hasPrefix("review-snapshot 3\n"))
        #expect(saved.contains("@prisma\n\(PRISMAFlow.snapshotHeader)\n"))
        #expect(saved.contains("\ndatabases\t162\n"))
        #expect(saved.contains("\nrecords_excluded\t\n"), "a step not reported is an empty value")
    }

    @Test func aVersionTwoSnapshotLoadsWithNoFlow() throws {
        let text = EmbeddedReview.text
        #expect(text.hasPrefix("review-snapshot 2\n"))
        let snapshot = try SnapshotReader.decode(Array(text.utf8))
        #expect(snapshot.workspace.prisma.isEmpty)
        // …and @prisma is refused in a version-2 file: it is a version-3 section.
        var body = "review-snapshot 2\n@prisma\ndatabases\t1\n@end\n"
        body += "checksum crc32 " + SnapshotWriter.hex(CRC32.checksum(Array(body.dropFirst("review-snapshot 2\n".count).utf8))) + "\n"
        #expect(throws: FileError.self) { try SnapshotReader.decode(Array(body.utf8)) }
    }

    @Test func prismaChangesAreJournaledAsTheirKeyValuePairs() throws {
        var flow = PRISMAFlow()
        try flow.assign("database:Web of Science=7")
        try flow.assign("reports_excluded:a\\=b=2")
        try flow.assign("records_excluded=")
        let change = WorkspaceChange.setPRISMA(flow)
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(WorkspaceChange.self, from: data) == change)
        var workspace = Workspace()
        let inverse = try workspace.apply(change)
        #expect(workspace.prisma == flow)
        try workspace.apply(inverse)
        #expect(workspace.prisma.isEmpty)
    }

    @Test func chartsFollowTheLocaleUnlessSet() {
        #expect(CommandContext.localeIsUTF8(["LANG": "en_GB.UTF-8"]))
        #expect(CommandContext.localeIsUTF8(["LC_ALL": "C.utf8", "LANG": "C"]))
        #expect(!CommandContext.localeIsUTF8(["LC_ALL": "C", "LANG": "en_GB.UTF-8"]))
        #expect(!CommandContext.localeIsUTF8([:]))
    }

    @Test func reportListsTheNotebookAndAgreementOnlyFromKappaCells() throws {
        let (_, transcript, directory) = try Self.run(["note a note for the report", "report plain.html",
                                                      "kappa cohen counts \"20,5; 10,15\"", "report with-kappa.html"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try String(contentsOf: directory.appendingPathComponent("plain.html"), encoding: .utf8)
        let withKappa = try String(contentsOf: directory.appendingPathComponent("with-kappa.html"), encoding: .utf8)
        #expect(plain.contains("a note for the report"), "\(transcript)")
        #expect(plain.contains("<code>report plain.html</code>"))
        #expect(!plain.contains("Cohen&#39;s kappa") && !plain.contains("Cohen's kappa, 50 subjects"))
        #expect(withKappa.contains("kappa cohen counts"))
        #expect(withKappa.contains("0.400"), "Cohen's kappa of [[20,5],[10,15]] is 0.4 (po = 0.7, pe = 0.5)")
    }

    @Test(arguments: [("chart domains", "domains-quotes"), ("chart domains themes", "domains-subthemes"), ("chart matrix", "matrix-comb"),
                      ("chart matrix study", "matrix-study"), ("chart casp", "casp"), ("chart bands", "bands")])
    func chartsAreTheTerminalGoldens(_ command: String, _ golden: String) throws {
        for (width, glyphs) in [(60, "ascii"), (80, "unicode"), (120, "ascii")] {
            let session = try Session.embedded()
            session.settings.width = width
            session.settings.colour = false
            try session.settings.set("glyphs", to: glyphs)
            let output = BufferedOutput()
            let shell = Shell(session: session, input: EchoingLineSource(text: "", output: output), output: output)
            let printed = shell.renderer.render(try shell.execute(Invocation(command)!))
            let expected = try String(contentsOf: Self.figures.appendingPathComponent("terminal/\(golden)-\(width)-\(glyphs).txt"), encoding: .utf8)
            #expect(printed == expected, "'\(command)' at \(width) columns in \(glyphs) differs from docs/figures/terminal/\(golden)-\(width)-\(glyphs).txt")
        }
    }
}
