import Foundation
import ReviewKit

/// A seeded mutation generator for fuzzing the readers and the command line: the same seed gives the same
/// inputs on every platform (ReviewKit's `SplitMix64`), so a finding is reproduced by its seed and iteration.
///
/// Campaign length in the test run: `REVIEW_FUZZ_ITERATIONS` (default: a short campaign); `REVIEW_FUZZ_SEED`
/// changes the seed. Long campaigns: `scripts/fuzz.sh` (the `review-fuzz` executable).
public struct Mutator: Sendable {
    /// The random source.
    public var random: SplitMix64

    /// A mutator whose choices follow `seed`.
    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Iterations per fuzz test: short by default, longer when asked for.
    public static func iterations(default count: Int) -> Int {
        ProcessInfo.processInfo.environment["REVIEW_FUZZ_ITERATIONS"].flatMap(Int.init) ?? count
    }

    /// The campaign seed (`REVIEW_FUZZ_SEED`, decimal or 0x hex), else `fallback`.
    public static func seed(_ fallback: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment["REVIEW_FUZZ_SEED"] else { return fallback }
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) ?? fallback : UInt64(text) ?? fallback
    }

    /// A number in 0..<bound (0 when bound < 1).
    public mutating func below(_ bound: Int) -> Int { random.next(below: max(bound, 1)) }
    /// True `percent` times in a hundred.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// One of `items` (which must not be empty).
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Values that sit on or just past a rule's edge, and bytes that readers treat specially.
    public static let interesting: [String] = [
        "", "0", "-1", "1", "+1", "1.0", "35.5", "1e9", "2147483647", "2147483648", "4294967296", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999999", "00000000001", "1799", "1800", "2200", "2201", "Q", "Q0",
        "Q2147483648", "S01", "S 1", "\\", "\\t", "\\#", "\\@", "\\x", "#", "@", "@end", "@quotes", "\t", "\"", "\"\"",
        ",", ";", "\r", "\r\n", "\u{FEFF}", "barrier", "facilitator", "knowledge", "physical-opportunity", "yes", "no",
        "cant-tell", "can't tell", "0.5", "B/ECR/2", "é", "🙂", "\u{0301}", "\u{200B}", "\u{1B}[2J", "\u{0}",
        String(repeating: "9", count: 400), String(repeating: "a", count: 70_000),
    ]
    public static let specialBytes: [UInt8] = [0, 9, 10, 13, 34, 35, 44, 59, 64, 92, 0x7F, 0x80, 0xC3, 0xE2, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF]

    /// One to four random edits of `input`; `donor` supplies lines to splice in.
    public mutating func mutate(_ input: [UInt8], donor: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + below(4)) {
            let position = below(bytes.count + 1)
            switch below(11) {
            case 0 where !bytes.isEmpty:  // flip a bit
                bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(below(8))
            case 1:  // insert a special byte
                bytes.insert(Mutator.specialBytes[below(Mutator.specialBytes.count)], at: position)
            case 2 where !bytes.isEmpty:  // delete a range
                let start = min(position, bytes.count - 1)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(40)))
            case 3:  // insert an interesting value
                bytes.insert(contentsOf: Array(Mutator.interesting[below(Mutator.interesting.count)].utf8), at: position)
            case 4:  // replace a field (between separators) with an interesting value
                bytes = replaceField(bytes, at: position)
            case 5 where !bytes.isEmpty:  // duplicate a range
                let start = min(position, bytes.count - 1)
                let end = min(bytes.count, start + 1 + below(200))
                bytes.insert(contentsOf: Array(bytes[start..<end]), at: end)
            case 6:  // splice a line of the donor
                let lines = donor.split(separator: 10, omittingEmptySubsequences: false)
                if !lines.isEmpty { bytes.insert(contentsOf: Array(lines[below(lines.count)]) + [10], at: lineStart(bytes, position)) }
            case 7:  // swap two lines
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
                if lines.count > 2 {
                    lines.swapAt(below(lines.count), below(lines.count))
                    bytes = Array(lines.joined(separator: [10]))
                }
            case 8:  // truncate
                bytes.removeSubrange(position...)
            case 9:  // a line end changed (LF ↔ CRLF ↔ CR)
                if let index = bytes[min(position, bytes.count)...].firstIndex(of: 10) {
                    bytes.replaceSubrange(index...index, with: [[13, 10], [13], [10, 10]][below(3)])
                }
            default:  // overwrite a byte with a random one
                if !bytes.isEmpty { bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return bytes
    }

    func lineStart(_ bytes: [UInt8], _ position: Int) -> Int {
        var start = min(position, bytes.count)
        while start > 0 && bytes[start - 1] != 10 { start -= 1 }
        return start
    }

    mutating func replaceField(_ bytes: [UInt8], at position: Int) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        let separators: Set<UInt8> = [9, 10, 44, 59]
        var start = min(position, bytes.count - 1)
        while start > 0 && !separators.contains(bytes[start - 1]) { start -= 1 }
        var end = start
        while end < bytes.count && !separators.contains(bytes[end]) { end += 1 }
        var out = bytes
        out.replaceSubrange(start..<end, with: Array(Mutator.interesting[below(Mutator.interesting.count)].utf8))
        return out
    }
}
