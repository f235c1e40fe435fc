import Foundation
import Testing
@testable import ReviewFuzz
import ReviewShell

/// The fuzz harness in every test run: a short seeded campaign on each target (the command line, snapshots,
/// CSV imports, RIS and REFI-QDA readers), and every input in the corpus replayed as a regression test.
///
/// Longer campaigns: `REVIEW_FUZZ_ITERATIONS=20000 swift test --filter FuzzHarnessTests` (and `REVIEW_FUZZ_SEED`),
/// or `scripts/fuzz.sh --minutes 10 --seed N`, which also catches traps and hangs out of process.
@Suite struct FuzzHarnessTests {
    static let shortCampaign = ["commands": 200, "snapshot": 300, "csv": 300, "ris": 400, "refi": 120]

    @Test(arguments: FuzzTargets.names)
    func shortCampaign(_ name: String) throws {
        let target = try #require(try FuzzTargets.make(name))
        let campaign = FuzzCampaign(seed: Mutator.seed(0x5EED_0009), timeBound: 10)
        let report = campaign.run(target, iterations: Mutator.iterations(default: Self.shortCampaign[name] ?? 200))
        print("fuzz " + report.summary)
        for finding in report.findings {
            Issue.record("\(name) input \(finding.iteration): \(finding.detail)\ninput: \(String(decoding: finding.input.prefix(400), as: UTF8.self).debugDescription)")
        }
        #expect(report.accepted > 0 && report.refused > 0, "the inputs should be both accepted and refused: \(report.summary)")
    }

    /// Every saved input (a finding fixed since) runs again without a finding, within the time bound.
    @Test func theCorpusReplays() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
        var replayed = 0
        for name in FuzzTargets.names {
            let folder = corpus.appendingPathComponent(name)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            let target = try #require(try FuzzTargets.make(name))
            for file in files.sorted() where file.hasSuffix(".input") {
                let input = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
                let started = Date()
                let outcome = target.run(input)
                let seconds = Date().timeIntervalSince(started)
                #expect(outcome.finding == nil, "\(name)/\(file): \(outcome.finding ?? "")")
                #expect(seconds < 10, "\(name)/\(file) took \(seconds) s")
                replayed += 1
            }
        }
        print("fuzz corpus: \(replayed) inputs replayed")
    }

    /// The command-line target's own rules can fail: an absolute or escaping path never reaches a command, and
    /// a refusal that breaks a rule is reported.
    @Test func theCommandTargetConfinesFilesAndCatchesBrokenRules() throws {
        #expect(CommandLineTarget.confined("save /etc/passwd") == "save fuzz-file")
        #expect(CommandLineTarget.confined("export json ~/x.json") == "export json fuzz-file")
        #expect(CommandLineTarget.confined("export csv quotes ../../x.csv") == "export csv quotes fuzz-file")
        #expect(CommandLineTarget.confined("history save file=/tmp/x") == "history save fuzz-file")
        #expect(CommandLineTarget.confined("save a.snapshot") == "save a.snapshot")
        #expect(FuzzRules.messageProblem("Unknown thing") != nil)
        #expect(FuzzRules.messageProblem("unknown thing") == nil)
        #expect(FuzzRules.messageProblem("VariableRef needs a 'targetGUID' attribute") != nil)
        #expect(FuzzRules.messageProblem("CASP answers are yes, can't tell or no") == nil)
        let target = try CommandLineTarget()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([String]()), output: BufferedOutput())
        let state = target.state(of: shell.session)
        let files = target.listing()
        // A refusal without a location, or after which the session changed, is a finding.
        #expect(target.check(Diagnostic(.invalidArgument, .error, "no location"), line: "x", shell: shell, before: state, files: files) != nil)
        shell.session.notes.append("changed")
        let located = Diagnostic(.invalidArgument, .error, "located", column: 1, lineText: "x")
        #expect(target.check(located, line: "x", shell: shell, before: state, files: files)?.contains("session changed") == true)
        // Every registered command is reached by the seed lines.
        for command in CommandRegistry.standard.commands {
            #expect(target.lines.contains { $0.split(separator: " ").first.map(String.init) == command.name }, "\(command.name)")
        }
    }
}
