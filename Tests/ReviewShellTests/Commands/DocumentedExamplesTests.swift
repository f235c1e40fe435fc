import Foundation
import Testing
@testable import ReviewShell

/// Every example `help` shows, and every shell command in the ```review blocks of docs/*.md, runs without an
/// error, so that no example can rot (name a file that is not shipped, use an option that changed…).
///
/// The examples run in order in one session, in a scratch folder where `sessions/` is the repository's own
/// and the reviewer's files the examples name (extraction.csv, coded-quotes.csv) were written by `export`
/// (and synthesis.snapshot saved) first. Examples with a placeholder ("…") are not runnable and are skipped.
@Suite struct DocumentedExamplesTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("sessions"),
                                                   withDestinationURL: ReproduceScriptTests.root.appendingPathComponent("sessions"))
        return folder
    }

    static func shell(in folder: URL) throws -> (Shell, BufferedOutput) {
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = folder.path
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options)
        #expect(shell.run("export csv studies extraction.csv") && shell.run("export csv quotes coded-quotes.csv")
                && shell.run("save synthesis.snapshot"), "\(output.errors)")
        return (shell, output)
    }

    static func runnable(_ line: String) -> Bool { !line.contains("…") && !line.contains("...") && !line.isEmpty }

    /// Each command's examples run in a fresh session on the embedded review; editing examples after the `add` examples, which
    /// create the study S34, quote Q47 and sub-theme B/Know/3 that the other editing examples name.
    @Test func everyHelpExampleRuns() throws {
        let folder = try Self.scratch()
        let commands = CommandRegistry.standard.commands
        let setup = commands.filter { $0.name == "add" }.flatMap(\.examples)
        var ran = 0
        for command in commands {
            let (shell, output) = try Self.shell(in: folder)
            if command.group == .editing && command.name != "add" {
                for line in setup { #expect(shell.run(line), "setup '\(line)': \(output.errors)") }
            }
            for example in command.examples where Self.runnable(example) {
                let before = output.errors.count
                let ok = shell.run(example)
                ran += 1
                #expect(ok, "help \(command.name): '\(example)' failed: \(output.errors.dropFirst(before))")
            }
        }
        #expect(ran >= 60)
    }

    /// The ```review blocks of docs/*.md, each a list of commands (comment lines and "…" placeholders left out;
    /// a trailing "  # …" after two spaces is an annotation for the reader, not part of the command).
    static func documentedBlocks() throws -> [(file: String, commands: [String])] {
        let docs = ReproduceScriptTests.root.appendingPathComponent("docs")
        var blocks: [(String, [String])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
            var current: [String]?
            for raw in text.components(separatedBy: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("```") {
                    if let commands = current { blocks.append((name, commands)); current = nil } else if line == "```review" { current = [] }
                    continue
                }
                guard current != nil else { continue }
                var command = line.hasPrefix("review> ") ? String(line.dropFirst(8)) : line
                if let annotation = command.range(of: "  #") { command = String(command[..<annotation.lowerBound]).trimmingCharacters(in: .whitespaces) }
                guard !command.hasPrefix("#"), Self.runnable(command) else { continue }
                current!.append(command)
            }
        }
        return blocks
    }

    /// Each block runs in a fresh session on the embedded review, as a reader would type it after starting `review`.
    @Test func everyReviewBlockInTheDocsRuns() throws {
        let blocks = try Self.documentedBlocks()
        #expect(blocks.count >= 3)
        for (file, commands) in blocks {
            let (shell, output) = try Self.shell(in: try Self.scratch())
            for line in commands {
                let before = output.errors.count
                #expect(shell.run(line), "docs/\(file): '\(line)' failed: \(output.errors.dropFirst(before))")
            }
        }
    }
}
