/// A small deterministic pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014): the same seed gives the
/// same sequence on every platform and Swift version.
///
/// The quiz uses it with its own Fisher–Yates shuffle rather than the standard library's `shuffle(using:)`,
/// whose algorithm is not guaranteed to stay the same between releases.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator's state; it advances by a fixed odd constant on every draw.
    public private(set) var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (rejection sampling, so no modulo bias); `bound` must be positive.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = next()
            if value >= threshold { return Int(value % limit) }
        }
    }

    /// The elements in a random order (Fisher–Yates, drawing from this generator).
    public mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        guard result.count > 1 else { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            let j = next(below: i + 1)
            if i != j { result.swapAt(i, j) }
        }
        return result
    }
}
