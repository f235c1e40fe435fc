import Foundation
import Testing

/// The interactive path in a real terminal: tmux runs `review`, send-keys types, capture-pane reads the screen.
/// Covers completion of a TDF domain, history recall, Ctrl-C, a non-ASCII line, under C and UTF-8 locales.
@Suite(.serialized) struct InteractiveTerminalTests {
    final class Terminal {
        let socket = "review-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let state: URL

        init(locale: String) throws {
            state = FileManager.default.temporaryDirectory.appendingPathComponent("review-tmux-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let command = "env LANG=\(locale) LC_ALL=\(locale) NO_COLOR=1 PAGER=cat XDG_STATE_HOME=\(state.path) \(ReviewProcess.executable.path)"
            try tmux(["new-session", "-d", "-x", "120", "-y", "40", command])
            // Keep the pane after review exits, so its last words can be read.
            try tmux(["set-option", "-g", "remain-on-exit", "on"])
        }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let process = Process()
            // The tmux server outlives this call; it must not inherit pipes that other tests are reading,
            // or their reads never see end-of-file. bash closes every descriptor above 2 before exec.
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] 2>/dev/null && eval \"exec $n>&-\" 2>/dev/null; done; exec tmux \"$@\"",
                                 "bash", "-L", socket] + arguments
            // Only capture-pane's output is read; other commands must not hand a pipe to the tmux server,
            // which would keep it open and block the read forever.
            let capture = arguments.first == "capture-pane" || arguments.first == "display-message"
            let out = Pipe()
            process.standardOutput = capture ? out : FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }
        /// Types text and waits until it is on the screen, as a person would before pressing a key.
        func type(_ text: String) throws {
            try tmux(["send-keys", "-t", "0", "-l", text])
            let tail = String(text.suffix(12))
            _ = try waitFor("'\(tail)' to be echoed") { $0.contains(tail) }
        }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

        /// Waits until the screen satisfies `condition` (up to 10 s) and returns it.
        func waitFor(_ what: String, _ condition: (String) -> Bool) throws -> String {
            var last = ""
            for _ in 0..<100 {
                last = try screen()
                if condition(last) { return last }
                usleep(100_000)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(last)")
            return last
        }

        func close() {
            // kill-server can leave a server with a dead pane behind (tmux 3.3a), so end it by pid as well.
            let pid = (try? tmux(["display-message", "-p", "#{pid}"])).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            _ = try? tmux(["kill-server"])
            if let pid, pid > 0 { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(at: state)
        }
    }

    static var tmuxAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    @Test(arguments: ["C", "C.UTF-8"])
    func completionHistoryInterruptAndUnicode(locale: String) throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the terminal test (scripts/bootstrap.sh installs it)")
        let terminal = try Terminal(locale: locale)
        defer { terminal.close() }
        _ = try terminal.waitFor("the banner and prompt") { $0.contains("33 studies, 46 coded quotes") && $0.contains("review>") }

        // Tab completes a TDF domain, quoted because it has a space.
        try terminal.type("quotes where domain = \"Social In")
        try terminal.keys("Tab")
        _ = try terminal.waitFor("completion of the domain") { $0.contains("quotes where domain = \"Social Influences\"") }
        try terminal.type("count")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("the count") { $0.contains("quotes: 6 (of 46)") }

        // Ctrl-C clears a half-typed line and keeps the shell running.
        try terminal.type("studies where casp")
        try terminal.keys("C-c")
        _ = try terminal.waitFor("the line to be dropped") { $0.contains("studies where casp^C") }
        try terminal.type("studies count")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("the shell still answering after Ctrl-C") { $0.contains("studies: 33 (of 33)") }

        // Up recalls the previous command.
        try terminal.keys("Up")
        try terminal.keys("Up")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("history recall of the domain query") { screen in
            screen.components(separatedBy: "quotes: 6 (of 46)").count >= 3
        }

        // Non-ASCII text survives typing and comes back intact.
        try terminal.type("note Janoušková “quoted” Kivistö")
        try terminal.keys("Enter")
        try terminal.type("note")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("the note listed intact") { $0.contains("1  Janoušková “quoted” Kivistö") }

        // Ctrl-D on an empty line warns about the unsaved note first; a second Ctrl-D leaves.
        try terminal.keys("C-d")
        _ = try terminal.waitFor("a warning about unsaved changes") { $0.contains("there are unsaved changes") }
        try terminal.keys("C-d")
        _ = try terminal.waitFor("the shell to leave") { $0.contains("left without saving the changes") }

        // History was written (mode 0600) under XDG_STATE_HOME.
        let history = terminal.state.appendingPathComponent("review/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOf: history, encoding: .utf8)
        #expect(text.contains("Social Influences"))
    }

    /// Ctrl-C during a long command: progress shows after a second, the command stops with "interrupted", the
    /// prompt comes back, and the workspace has none of the half-done import.
    @Test func ctrlCStopsALongCommand() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the terminal test (scripts/bootstrap.sh installs it)")
        let terminal = try Terminal(locale: "C.UTF-8")
        defer { terminal.close() }
        var quotes = "text,domain,direction,study\n"
        for row in 0..<600_000 { quotes += "quote \(row),ecr,barrier,S01\n" }
        let file = terminal.state.appendingPathComponent("big.csv")
        try quotes.write(to: file, atomically: true, encoding: .utf8)
        _ = try terminal.waitFor("the banner and prompt") { $0.contains("33 studies, 46 coded quotes") && $0.contains("review>") }
        try terminal.type("import quotes \(file.path)")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("progress after a second") { $0.contains("importing…") }
        try terminal.keys("C-c")
        let screen = try terminal.waitFor("'interrupted' and the prompt again") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.contains("interrupted") && lines.last == "review>"
        }
        #expect(!screen.contains("imported"))
        try terminal.type("quotes count")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("the workspace as it was") { $0.contains("quotes: 46") }
    }
}
