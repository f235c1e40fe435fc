import Foundation
import Testing

/// The `review` binary: a failed write to standard output is an error, `-c` takes a command starting with '-',
/// and `review run --read-only` / `--dry-run` let a reviewer replay a script they did not write.
@Suite struct OutputIntegrityTests {
    /// Runs `review` with standard output going to `stdout` (a file handle), returning status and stderr.
    static func run(_ arguments: [String], stdout: Any) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ReviewProcess.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("review-e2e-state").path
        process.environment = env
        let stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: err, as: UTF8.self))
    }

    @Test func aFullDiskOnStandardOutputIsAnError() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try Self.run(["-c", "quotes"], stdout: full)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the output") && result.stderr.contains("disk is full"), "\(result.stderr)")
    }

    @Test func aClosedPipeOnStandardOutputIsAnErrorNotAKill() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()  // nobody reads: every write gets EPIPE
        let result = try Self.run(["-c", "quotes"], stdout: pipe)
        #expect(result.status == 1, "killed by SIGPIPE shows as 141 / 13: \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("cannot write the output"), "\(result.stderr)")
    }

    @Test func aCommandMayStartWithADash() throws {
        let result = try ReviewProcess.run(["-c", "-2+3"])
        #expect(result.status == 1, "a usage error is 2: \(result.stderr)")
        #expect(result.stderr.contains("unknown command '-2+3'"), "\(result.stderr)")
        let two = try ReviewProcess.run(["-c", "studies count", "-c", "-x"])
        #expect(two.stdout.contains("studies: 33"), "\(two.stderr)")
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-replay-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readOnlyRunsWriteNoFile() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "studies count\nnote harmless\nhistory save planted.sh\n".write(to: directory.appendingPathComponent("foreign.review"), atomically: true, encoding: .utf8)
        let result = try ReviewProcess.run(["run", "--read-only", "foreign.review"], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("studies: 33"))
        #expect(result.stderr.contains("read-only run") && result.stderr.contains("planted.sh"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("planted.sh").path))
    }

    @Test func dryRunListsEveryFileAScriptWouldWriteAndRunsNothing() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "note first\nsave results.snapshot\nsource inner.review\n".write(to: directory.appendingPathComponent("outer.review"), atomically: true, encoding: .utf8)
        try "export csv quotes out/quotes.csv\nnotebook export notes.md\n".write(to: directory.appendingPathComponent("inner.review"), atomically: true, encoding: .utf8)
        let result = try ReviewProcess.run(["run", "--dry-run", "outer.review"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("would write 3 files"), "\(result.stdout)")
        #expect(result.stdout.contains("outer.review:2: save → results.snapshot"))
        #expect(result.stdout.contains("inner.review:1: export → out/quotes.csv"))
        #expect(result.stdout.contains("inner.review:2: notebook → notes.md"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("results.snapshot").path), "nothing ran")
        let help = try ReviewProcess.run(["run", "--help"])
        #expect(help.stdout.contains("--read-only") && help.stdout.contains("--dry-run"))
    }
}
