import Foundation
import Testing

/// The report the built binary writes, rendered in headless Chromium by scripts/check-report.sh: it loads with no
/// console message and no network request, every section and figure is in the rendered page, and the Summary of
/// Qualitative Findings and Evidence Profile carry the pre-filled explanations in the published wording.
@Suite struct ReportBrowserTests {
    @Test(.timeLimit(.minutes(2)))
    func builtBinaryReportRendersInChromium() throws {
        let root = ReproduceScriptTests.root
        let checker = root.appendingPathComponent("scripts/check-report.sh")
        let browser = ["chromium", "chromium-browser", "google-chrome"].first { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        guard browser != nil else {
            Issue.record("chromium is not installed: run scripts/bootstrap.sh (it installs the Debian package chromium) to run the browser test")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The illustration session assesses three findings, so the report's Summary of Qualitative Findings and Evidence
        // Profile have rows whose wording check-report.sh checks.
        let session = root.appendingPathComponent("sessions/cerqual-illustration.review").path
        let script = directory.appendingPathComponent("report.review")
        try "source \"\(session)\"\nreport report.html\n".write(to: script, atomically: true, encoding: .utf8)
        let made = try ReviewProcess.run(["run", script.path], directory: directory)
        #expect(made.status == 0, "review run (the illustration session, then report) failed: \(made.stderr)")
        let report = directory.appendingPathComponent("report.html")
        #expect(FileManager.default.fileExists(atPath: report.path))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [checker.path, report.path, directory.appendingPathComponent("rendered").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/check-report.sh found problems in the built binary's report:\n\(text)")
        let screenshot = directory.appendingPathComponent("rendered/report.png")
        #expect(((try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0) > 10_000, "no screenshot")
    }
}
