import Dispatch
import Foundation

/// A set of row numbers as a bit vector: filters combine with and / or / not one 64-bit word at a time.
public struct RowSet: Sendable, Equatable {
    /// The bits, 64 rows a word.
    public private(set) var words: [UInt64]
    /// The number of rows the set ranges over.
    public let count: Int

    /// An empty set over `count` rows.
    public init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// The set of all `count` rows.
    public static func all(_ count: Int) -> RowSet {
        var set = RowSet(count: count)
        for index in set.words.indices { set.words[index] = ~0 }
        set.clearTail()
        return set
    }

    /// Builds a set by testing each row; `test` runs in row order.
    @inline(__always)
    public init(count: Int, where test: (Int) -> Bool) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { words in RowSet.fill(words, 0..<words.count, count: count, test) }
    }

    /// Builds a set by testing each row, spreading the rows over the processors when there are enough of them.
    ///
    /// Each worker fills its own range of 64-row words, so the result is the same as the serial one;
    /// `test` must be safe to call from several threads at once (it only reads).
    public init(count: Int, concurrently: Bool, where test: (Int) -> Bool) {
        self.init(count: count, concurrently: concurrently) { words, range in RowSet.fill(words, range, count: count, test) }
    }

    /// Builds a set by letting `fill` write whole 64-row words: it is called with the words and a range of
    /// word indices to fill (bit b of word w is row 64·w + b; bits past `count` must stay 0). With
    /// `concurrently`, disjoint ranges are filled on several threads, so `fill` must only read shared state.
    public init(count: Int, concurrently: Bool, fill: (UnsafeMutableBufferPointer<UInt64>, Range<Int>) -> Void) {
        self.init(count: count)
        let workers = concurrently && count >= RowSet.concurrencyThreshold ? RowSet.processorCount : 1
        words.withUnsafeMutableBufferPointer { words in
            let wordCount = words.count
            guard workers > 1 else { return fill(words, 0..<wordCount) }
            withoutActuallyEscaping(fill) { fill in
                // Workers write disjoint word ranges and `fill` only reads, which the compiler cannot see.
                let shared = UncheckedSendable((words, fill))
                let parts = min(wordCount, workers * 8)  // several parts per worker evens out uneven rows
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    shared.value.1(shared.value.0, (wordCount * part / parts)..<(wordCount * (part + 1) / parts))
                }
            }
        }
    }

    /// The rows whose byte code is allowed: `allowed[code]` for each row's `codes[row]`, eight rows per step, no branches.
    public static func rows(of codes: UnsafeBufferPointer<UInt8>, allowed: [Bool]) -> RowSet {
        precondition(allowed.count == 256, "one entry per byte value")
        let bits = allowed.map { $0 ? UInt64(1) : 0 }
        let count = codes.count
        return bits.withUnsafeBufferPointer { bits in
            RowSet(count: count, concurrently: false) { words, range in
                for w in range {
                    let base = w &* 64
                    var word: UInt64 = 0
                    if base &+ 64 <= count {
                        for bit in 0..<64 { word |= bits[Int(codes[base &+ bit])] &<< UInt64(bit) }
                    } else {
                        for bit in 0..<(count &- base) { word |= bits[Int(codes[base &+ bit])] &<< UInt64(bit) }
                    }
                    words[w] = word
                }
            }
        }
    }

    /// The rows whose index is allowed: `allowed[index]` for each row's `indices[row]`; a negative index means `negative`.
    public static func rows(of indices: UnsafeBufferPointer<Int32>, allowed: [Bool], negative: Bool) -> RowSet {
        let bits = allowed.map { $0 ? UInt64(1) : 0 }
        let missing: UInt64 = negative ? 1 : 0
        let count = indices.count
        return bits.withUnsafeBufferPointer { bits in
            RowSet(count: count, concurrently: false) { words, range in
                for w in range {
                    let base = w &* 64
                    var word: UInt64 = 0
                    for bit in 0..<min(64, count &- base) {
                        let index = indices[base &+ bit]
                        word |= (index < 0 ? missing : bits[Int(index)]) &<< UInt64(bit)
                    }
                    words[w] = word
                }
            }
        }
    }

    /// Rows below this are tested on one thread (starting threads costs more than it saves).
    public static let concurrencyThreshold = 65_536

    /// The processors available to spread work over.
    public static let processorCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Fills words `range` by testing their rows, without branching on the outcome.
    @inline(__always)
    static func fill(_ words: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>, count: Int, _ test: (Int) -> Bool) {
        for w in range {
            let row = w &* 64
            var word: UInt64 = 0
            let limit = min(64, count &- row)
            for bit in 0..<limit { word |= UInt64(test(row &+ bit) ? 1 : 0) &<< UInt64(bit) }
            words[w] = word
        }
    }

    /// Whether a row is in the set.
    public func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    /// Adds a row.
    public mutating func insert(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }

    /// Rows in both.
    public func intersection(_ other: RowSet) -> RowSet { combine(other, &) }
    /// Rows in either.
    public func union(_ other: RowSet) -> RowSet { combine(other, |) }

    /// Rows not in the set.
    public func complement() -> RowSet {
        var result = self
        for index in result.words.indices { result.words[index] = ~result.words[index] }
        result.clearTail()
        return result
    }

    /// The number of rows in the set.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The rows in ascending order.
    public var rows: [Int] {
        var result: [Int] = []
        result.reserveCapacity(cardinality)
        for (index, var word) in words.enumerated() {
            while word != 0 {
                let bit = word.trailingZeroBitCount
                result.append(index * 64 + bit)
                word &= word - 1
            }
        }
        return result
    }

    private func combine(_ other: RowSet, _ op: (UInt64, UInt64) -> UInt64) -> RowSet {
        precondition(count == other.count, "row sets over different row counts")
        var result = self
        for index in result.words.indices { result.words[index] = op(words[index], other.words[index]) }
        return result
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~UInt64(0) >> UInt64(extra) }
    }
}

/// A value handed to concurrent workers that the caller knows is used safely (disjoint writes, shared reads).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
