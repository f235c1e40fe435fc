import Foundation
import ReviewKit

/// A finding: the target, what broke, and the input that broke it.
public struct FuzzFinding: Sendable {
    /// The target's name.
    public var target: String
    /// What broke (an invariant, or "slow: 3.2 s").
    public var detail: String
    /// The input.
    public var input: [UInt8]
    /// Which input of the campaign it was.
    public var iteration: Int
}

/// What a campaign on one target did.
public struct FuzzReport: Sendable {
    /// The target's name.
    public var target: String
    /// Inputs run.
    public var inputs = 0
    /// Inputs accepted as valid.
    public var accepted = 0
    /// Inputs refused by the rules.
    public var refused = 0
    /// Seconds spent.
    public var seconds = 0.0
    /// The slowest input, in seconds.
    public var slowest = 0.0
    /// What broke.
    public var findings: [FuzzFinding] = []

    /// "commands: 12000 inputs (8000 accepted, 4000 refused) in 60.0 s, slowest 0.20 s, 0 findings".
    public var summary: String {
        "\(target): \(inputs) inputs (\(accepted) accepted, \(refused) refused) in \(String(format: "%.1f", seconds)) s, "
            + "slowest \(String(format: "%.2f", slowest)) s, \(findings.count) finding\(findings.count == 1 ? "" : "s")"
    }
}

/// Runs seeded campaigns: inputs from a target's generator, each run with a time bound, findings collected and
/// (given a corpus folder) saved as files that the regression test replays.
///
/// Crashes cannot be caught in-process: with `inflight` set, each input is written there before it runs, so
/// when a trap or a hang watchdog ends the process the input that did it is on disk (`scripts/fuzz.sh` moves
/// it into the corpus and starts again with the next seed).
public struct FuzzCampaign {
    /// The seed of the generator.
    public var seed: UInt64
    /// An input that takes longer than this (seconds) is a finding.
    public var timeBound: Double
    /// Where each input is written before it runs (nil: not written).
    public var inflight: URL?
    /// Where findings are saved, in a folder per target (nil: not saved).
    public var corpus: URL?

    /// A campaign.
    public init(seed: UInt64, timeBound: Double = 5, inflight: URL? = nil, corpus: URL? = nil) {
        self.seed = seed
        self.timeBound = timeBound
        self.inflight = inflight
        self.corpus = corpus
    }

    /// Runs `target` for `iterations` inputs or until `deadline`, whichever comes first.
    public func run(_ target: any FuzzTarget, iterations: Int = .max, until deadline: Date = .distantFuture,
                    watchdog: FuzzWatchdog? = nil) -> FuzzReport {
        var mutator = Mutator(seed: seed ^ Self.hash(Array(target.name.utf8)))
        var report = FuzzReport(target: target.name)
        let start = Date()
        let inflightFile = inflight.map { InflightFile(url: $0.appendingPathComponent("inflight-\(target.name)")) }
        var iteration = 0
        while iteration < iterations && (iteration % 16 != 0 || Date() < deadline) {
            let input = target.generate(&mutator)
            inflightFile?.write(input)
            watchdog?.started()
            let began = DispatchTime.now().uptimeNanoseconds
            let outcome = target.run(input)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
            watchdog?.finished()
            report.inputs += 1
            report.slowest = max(report.slowest, seconds)
            switch outcome {
            case .accepted: report.accepted += 1
            case .refused: report.refused += 1
            case .finding(let detail): record(FuzzFinding(target: target.name, detail: detail, input: input, iteration: iteration), in: &report)
            }
            if seconds > timeBound {
                record(FuzzFinding(target: target.name, detail: "slow: \(String(format: "%.2f", seconds)) s for one input", input: input, iteration: iteration),
                       in: &report)
            }
            iteration += 1
        }
        inflightFile?.remove()
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    private func record(_ finding: FuzzFinding, in report: inout FuzzReport) {
        // Many inputs break the same way: keep the first of each kind of detail (its text up to the first quote).
        let kind = Self.kind(of: finding.detail)
        guard !report.findings.contains(where: { Self.kind(of: $0.detail) == kind }) else { return }
        report.findings.append(finding)
        if let corpus { Self.save(finding, in: corpus) }
    }

    static func kind(of detail: String) -> String {
        if detail.hasPrefix("slow:") { return "slow" }
        if let range = detail.range(of: "': ") { return String(detail[range.upperBound...].prefix(60)) }
        return String(detail.prefix(60))
    }

    /// Saves a finding's input as `<corpus>/<target>/<kind>-<hash>.input`, with its detail beside it.
    public static func save(_ finding: FuzzFinding, in corpus: URL, kind: String = "finding") {
        let folder = corpus.appendingPathComponent(finding.target)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "\(kind)-\(String(hash(finding.input), radix: 16))"
        try? Data(finding.input).write(to: folder.appendingPathComponent(name + ".input"))
        try? Data((finding.detail + "\n").utf8).write(to: folder.appendingPathComponent(name + ".txt"))
    }

    /// FNV-1a, for stable file names and per-target seeds.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return value
    }
}

/// The file each input is written to before it runs, rewritten in place (two system calls an input).
final class InflightFile {
    let url: URL
    let descriptor: Int32

    init(url: URL) {
        self.url = url
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }

    func write(_ bytes: [UInt8]) {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    func remove() {
        if descriptor >= 0 { close(descriptor) }
        unlink(url.path)
    }
}
