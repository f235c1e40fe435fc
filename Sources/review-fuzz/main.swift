import ArgumentParser
import Foundation
import ReviewFuzz

/// `review-fuzz`: a long seeded campaign of the fuzz harness (the tests run a short one). See scripts/fuzz.sh.
@main
struct ReviewFuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-fuzz",
        abstract: "Fuzz the command line, snapshots, CSV imports, RIS and REFI-QDA readers with seeded inputs.",
        discussion: """
        Time is shared equally among the targets. Findings (a broken invariant, an input slower than --time-bound) \
        are saved to the corpus folder, which the test suite replays. Each input is written to --state before it \
        runs: when a trap or a hang (--hang) ends the process, that file holds the input (scripts/fuzz.sh saves it). \
        Exit status: 0 no findings, 1 findings, 86 a hang.
        """)

    @Option(name: .long, help: "Targets to fuzz (\(FuzzTargets.names.joined(separator: ", ")), or all).")
    var target: [String] = ["all"]

    @Option(name: .long, help: "Minutes to run in all (shared among the targets).")
    var minutes: Double = 1

    @Option(name: .long, help: "Stop each target after this many inputs.")
    var iterations: Int = .max

    @Option(name: .long, help: "Seed of the generators.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Folder the findings are saved in, one folder per target.")
    var corpus: String = "Tests/ReviewFuzzTests/Corpus"

    @Option(name: .long, help: "Folder for the in-flight input files.")
    var state: String = ".build/fuzz"

    @Option(name: .long, help: "Seconds one input may take before it is a finding.")
    var timeBound: Double = 5

    @Option(name: .long, help: "Seconds one input may take before the process ends as hung.")
    var hang: Double = 60

    @Option(name: .long, help: "Run this one saved input on --target and say what it did (to reproduce a finding).")
    var replay: String?

    mutating func run() throws {
        if let replay {
            guard target.count == 1, let name = target.first, let fuzzTarget = try FuzzTargets.make(name) else {
                throw ValidationError("--replay needs one --target: \(FuzzTargets.names.joined(separator: ", "))")
            }
            let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: replay)))
            let started = Date()
            let outcome = fuzzTarget.run(input)
            print("\(name) \(replay): \(outcome) in \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
            if outcome.finding != nil { throw ExitCode(1) }
            return
        }
        let names = target.contains("all") ? FuzzTargets.names : target
        let share = minutes * 60 / Double(names.count)
        let campaign = FuzzCampaign(seed: seed, timeBound: timeBound, inflight: URL(fileURLWithPath: state), corpus: URL(fileURLWithPath: corpus))
        let watchdog = FuzzWatchdog(seconds: hang)
        watchdog.start()
        var findings = 0
        for name in names {
            guard let target = try FuzzTargets.make(name) else { throw ValidationError("unknown target '\(name)'; targets: \(FuzzTargets.names.joined(separator: ", "))") }
            watchdog.watching(name)
            let report = campaign.run(target, iterations: iterations, until: Date().addingTimeInterval(share), watchdog: watchdog)
            print("seed \(seed) " + report.summary)
            for finding in report.findings { print("  finding at input \(finding.iteration): \(finding.detail.prefix(300))") }
            // A hang ends the process with _exit: what was printed must already be out.
            fflush(nil)
            findings += report.findings.count
        }
        if findings > 0 { throw ExitCode(1) }
    }
}
