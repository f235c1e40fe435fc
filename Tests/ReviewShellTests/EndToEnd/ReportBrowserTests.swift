import Foundation
import Testing

/// The report the built binary writes, rendered in headless Chromium by scripts/check-report.sh: it loads with no
/// console message and no network request, and every section and figure is in the rendered page.
@Suite struct ReportBrowserTests {
    @Test(.timeLimit(.minutes(2)))
    func builtBinaryReportRendersInChromium() throws {
        let root = ReproduceScriptTests.root
        let script = root.appendingPathComponent("scripts/check-report.sh")
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
        let made = try ReviewProcess.run(["-c", "report report.html"], directory: directory)
        #expect(made.status == 0, "review -c 'report report.html' failed: \(made.stderr)")
        let report = directory.appendingPathComponent("report.html")
        #expect(FileManager.default.fileExists(atPath: report.path))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, report.path, directory.appendingPathComponent("rendered").path]
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
