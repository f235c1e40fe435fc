import Foundation
import Testing

/// SIGINT to the built `review` while it computes: it stops, prints "interrupted" and exits 130, well within
/// the bound (issue 9: Ctrl-C must stop a command within 0.2 s; on a 2,000,000-row ratings file it kept
/// computing for 110 s). The assertion is generous for a busy machine; the measured latency is printed.
@Suite(.serialized) struct InterruptBinaryTests {
    /// A folder with a 2,000,000-row ratings table (three raters, no identifier column: 30 MB).
    static func bigRatings() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-sigint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var block = ""
        for row in 0..<1000 { block += ["include,include,maybe\n", "exclude,Exclude,exclude\n", "include,exclude,\n"][row % 3] }
        var data = Data("A,B,C\n".utf8)
        let chunk = Data(block.utf8)
        for _ in 0..<2000 { data.append(chunk) }
        try data.write(to: folder.appendingPathComponent("big.csv"))
        return folder
    }

    /// Starts `review` with `arguments` in `folder`, sends SIGINT after `delay` seconds, and returns the output
    /// with the seconds from the signal to the exit.
    static func interrupt(_ arguments: [String], in folder: URL, after delay: Double) throws -> (status: Int32, stdout: String, stderr: String, latency: Double, stillRunning: Bool) {
        let process = Process()
        process.executableURL = ReviewProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain the pipes while waiting, so a full pipe never blocks the child.
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { stdout = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { stderr = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        usleep(UInt32(delay * 1_000_000))
        let stillRunning = process.isRunning
        let sent = DispatchTime.now().uptimeNanoseconds
        kill(process.processIdentifier, SIGINT)
        while process.isRunning { usleep(1000) }
        let latency = Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e9
        group.wait()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self), latency, stillRunning)
    }

    @Test func sigintStopsKappaOnTwoMillionRows() throws {
        let folder = try Self.bigRatings()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.interrupt(["-c", "kappa fleiss ratings big.csv"], in: folder, after: 1.5)
        #expect(run.stillRunning, "kappa finished before the signal; the test needs a bigger file")
        print("SIGINT latency (kappa fleiss ratings, 2,000,000 rows): \(String(format: "%.3f", run.latency)) s")
        #expect(run.latency < 2, "stopping took \(run.latency) s")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr == "interrupted\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func sigintStopsAScriptWithoutHalfAnEdit() throws {
        let folder = try Self.bigRatings()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 300,000 quotes to import, then a save that must never happen.
        var quotes = "text,domain,direction,study\n"
        for row in 0..<300_000 { quotes += "quote \(row),ecr,barrier,S01\n" }
        try quotes.write(to: folder.appendingPathComponent("quotes.csv"), atomically: true, encoding: .utf8)
        try "import quotes quotes.csv\nsave after.snapshot\n".write(to: folder.appendingPathComponent("run.review"), atomically: true, encoding: .utf8)
        let run = try Self.interrupt(["run", "--keep-going", "run.review"], in: folder, after: 1.0)
        #expect(run.stillRunning, "the import finished before the signal; the test needs a bigger file")
        print("SIGINT latency (import quotes, 300,000 rows, in a script): \(String(format: "%.3f", run.latency)) s")
        #expect(run.latency < 2)
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("run.review:1: interrupted\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("after.snapshot").path))
        // Nothing left behind by the stopped work.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "state" }.sorted()
        #expect(names == ["big.csv", "quotes.csv", "run.review"])
    }
}
