/// What scripts did, for the summary `review run` prints on stderr at the end ("41 commands, 12 expects
/// held, 1 failed at setup.review:7"), and how exit statuses combine.
struct ScriptTally: Sendable, Equatable {
    /// Commands run from scripts (a `source` line counts, and so does each command of the sourced script).
    var commands = 0
    /// `expect` commands that held.
    var expectsHeld = 0
    /// Where commands failed ("file:line"), in order.
    var failures: [String] = []

    /// Counts one script command; a `source` whose inner commands already failed is not counted twice.
    mutating func count(_ text: String, ok: Bool, at place: String, innerFailures: Int) {
        commands += 1
        let name = Invocation(text)?.name.lowercased() ?? ""
        if ok && name == "expect" { expectsHeld += 1 }
        if !ok && innerFailures == 0 { failures.append(place) }
    }

    /// The closing line, e.g. "41 commands, 12 expects held, 1 failed at run.review:7".
    var summary: String {
        let failed = failures.isEmpty ? "none failed"
            : "\(failures.count) failed at " + failures.prefix(10).joined(separator: ", ") + (failures.count > 10 ? " and \(failures.count - 10) more" : "")
        return "\(commands) command\(commands == 1 ? "" : "s"), \(expectsHeld) expect\(expectsHeld == 1 ? "" : "s") held, \(failed)"
    }

    /// The more severe of two exit statuses: a failed command (1) or a usage error (2) outranks a failed
    /// expect (3), which outranks success (0), so `--keep-going` never hides a failure behind an expect.
    static func moreSevere(_ a: Int32, _ b: Int32) -> Int32 {
        func rank(_ status: Int32) -> Int {
            switch status {
            case 0: 0
            case 3: 1
            case 1: 2
            case 2: 3
            default: 4
            }
        }
        return rank(b) > rank(a) ? b : a
    }
}
