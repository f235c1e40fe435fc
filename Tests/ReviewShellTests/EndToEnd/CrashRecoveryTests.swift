import Foundation
import Testing

/// Nothing accepted is lost: `review` is killed with SIGKILL at random points while editing, and the
/// next start recovers every change it had acknowledged from the journal.
@Suite struct CrashRecoveryTests {
    /// A running `review` fed through a pipe, whose output is read as it comes.
    final class LiveReview {
        let process = Process()
        let stdin = Pipe(), stdout = Pipe()
        var seen = ""

        init(state: URL) throws {
            process.executableURL = ReviewProcess.executable
            var env = ProcessInfo.processInfo.environment
            env["XDG_STATE_HOME"] = state.path
            env["NO_COLOR"] = "1"
            process.environment = env
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ line: String) { stdin.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        /// Reads output until `text` has appeared (the command was acknowledged).
        func waitFor(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while !seen.contains(text) && Date() < deadline {
                let data = stdout.fileHandleForReading.availableData
                if data.isEmpty { return seen.contains(text) }
                seen += String(decoding: data, as: UTF8.self)
            }
            return seen.contains(text)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func killedAfterSomeChangesRecoversThemAll(killAfter: Int) throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("review-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let commands: [(command: String, ack: String)] = [
            ("add study \"Killed et al.\" year=2024", "added study S34"),
            ("add quote \"Nobody told me what the role was — Kivistö’s ward\" study=S34", "added Q47"),
            ("code Q47 domain=knowledge direction=barrier", "coded Q47"),
            ("appraise S34 q1=yes q2=yes q3=no q4=no q5=yes q6=no q7=yes q8=yes q9=yes q10=yes", "appraised S34"),
            ("edit study S34 country=Finland", "updated study S34"),
            ("undo", "undid: edit study S34"),
        ]
        // Kill at a random moment after the chosen command was acknowledged: sometimes mid-way through the next one.
        var generator = SystemRandomNumberGenerator()
        let live = try LiveReview(state: state)
        for (index, step) in commands.prefix(killAfter).enumerated() {
            live.send(step.command)
            #expect(live.waitFor(step.ack), "command \(index + 1) was not acknowledged: \(live.seen)")
        }
        let sentNext = killAfter < commands.count && Bool.random(using: &generator)
        if sentNext { live.send(commands[killAfter].command) }
        usleep(UInt32.random(in: 0...20_000, using: &generator))
        live.kill()

        let after = try ReviewProcess.run(["--recover", "-c", "study S34", "-c", "quote Q47"], environment: ["XDG_STATE_HOME": state.path])
        #expect(after.stderr.contains("review: note: recovered "), "\(after.stdout)\n\(after.stderr)")
        #expect(after.stdout.contains("Killed et al."))
        if killAfter >= 2 { #expect(after.stdout.contains("Kivistö’s ward")) }
        if killAfter >= 3 { #expect(after.stdout.contains("TDF domain: Knowledge")) }
        if killAfter >= 4 { #expect(after.stdout.contains("CASP total:") && after.stdout.contains("7.0")) }
        // The next command may have landed before the kill; after 5 that is the undo of the edit.
        if killAfter == 5 { #expect(after.stdout.contains("Finland") || (sentNext && after.stderr.contains("recovered 6 of 6"))) }
        if killAfter == 6 { #expect(!after.stdout.contains("Finland"), "the journaled undo is replayed too") }

        // Recovered but not saved (issue 16): the journal stays, so the next start recovers the same work again.
        #expect(after.stderr.contains("stay in"), "\(after.stderr)")
        let again = try ReviewProcess.run(["--recover", "-c", "studies count"], environment: ["XDG_STATE_HOME": state.path])
        #expect(again.stderr.contains("review: note: recovered "), "\(again.stderr)")
        #expect(again.stdout.contains("studies: 34 (of 34)"))
        // Saved: now the journal lets go, and a third start recovers nothing.
        let saved = try ReviewProcess.run(["--recover", "-c", "save \(state.path)/recovered.snapshot"], environment: ["XDG_STATE_HOME": state.path])
        #expect(saved.status == 0, "\(saved.stderr)")
        let third = try ReviewProcess.run(["--recover", "-c", "studies count"], environment: ["XDG_STATE_HOME": state.path])
        #expect(!third.stderr.contains("recovered"), "\(third.stderr)")
        #expect(third.stdout.contains("studies: 33 (of 33)"))
    }

    @Test func aNonInteractiveStartLeavesTheJournalAndSaysWhere() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("review-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let live = try LiveReview(state: state)
        live.send("add study \"Left behind\"")
        #expect(live.waitFor("added study S34"))
        live.kill()
        let plain = try ReviewProcess.run(["-c", "studies count"], environment: ["XDG_STATE_HOME": state.path])
        #expect(plain.stdout == "studies: 33 (of 33)\n")
        #expect(plain.stderr.contains("unsaved change on"), "\(plain.stderr)")
        #expect(plain.stderr.contains("--recover"))
        let recovered = try ReviewProcess.run(["--recover", "-c", "studies count"], environment: ["XDG_STATE_HOME": state.path])
        #expect(recovered.stdout.contains("studies: 34 (of 34)"))
        // `review --recover -c …` without a save keeps the recovered work for the next start (issue 16).
        let again = try ReviewProcess.run(["--recover", "-c", "studies count"], environment: ["XDG_STATE_HOME": state.path])
        #expect(again.stdout.contains("studies: 34 (of 34)"), "\(again.stderr)")
    }

    @Test func aRecoveredNoteAndSettingComeBack() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("review-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let live = try LiveReview(state: state)
        live.send("note kept through a crash")
        #expect(live.waitFor("note 1 added"))
        live.send("set mapping standard")
        #expect(live.waitFor("mapping = standard"))
        live.kill()
        let recovered = try ReviewProcess.run(["--recover", "-c", "note", "-c", "set mapping"], environment: ["XDG_STATE_HOME": state.path])
        #expect(recovered.stderr.contains("recovered 2 of 2"), "\(recovered.stderr)")
        #expect(recovered.stdout.contains("kept through a crash"), "\(recovered.stdout)")
        #expect(recovered.stdout.contains("standard"), "\(recovered.stdout)")
    }
}
