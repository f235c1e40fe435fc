import Foundation
import Testing
@testable import ReviewShell

/// `import quotes` with text,domain,direction infers the COM-B component as `code` does, and a matrix that
/// cannot place a quote says how many it left out and why. The seed codes 46 quotes (matrix total 46);
/// Environmental Context and Resources sits only under physical opportunity in both mappings.
@Suite struct ImportQuotesCodingTests {
    static func run(_ script: String, files: [String: String] = [:]) throws -> (Shell, BufferedOutput) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = folder.path
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options)
        _ = shell.runScript(script, file: "import.review")
        return (shell, output)
    }

    @Test func importedDomainsGetTheirComponentAsCodeGivesIt() throws {
        let csv = "text,domain,direction\n\"No room on the ward for it\",ecr,barrier\n\"The new hoist helped\",Environmental Context and Resources,facilitator\n"
        let (shell, output) = try Self.run("""
            expect total[total] = 46 from matrix
            import quotes new.csv
            expect total[total] = 48 from matrix
            expect rows = 2 from quotes where component = physical opportunity and text contains "ward" or text contains "hoist"
            """, files: ["new.csv": csv])
        #expect(shell.exitStatus == 0, "\(output.errors)")
        #expect(output.errors.isEmpty)
    }

    @Test func anAmbiguousDomainNeedsAComponentColumn() throws {
        let csv = "text,domain,direction\n\"I am the one who should\",role,barrier\n"
        let (shell, output) = try Self.run("set mapping standard\nimport quotes role.csv", files: ["role.csv": csv])
        #expect(shell.exitStatus == 1)
        #expect(output.errors.contains("add a component column"))
    }

    @Test func aMatrixSaysWhichQuotesItLeavesOut() throws {
        let (_, output) = try Self.run("""
            add quote "Not coded yet"
            matrix
            matrix study
            """)
        #expect(output.text.contains("left out 1 quote that cannot be placed: 1 without a TDF domain (not coded yet)"))
        #expect(output.text.components(separatedBy: "left out 1 quote").count == 3)
    }
}
