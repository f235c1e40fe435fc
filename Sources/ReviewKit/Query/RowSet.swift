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
        words.withUnsafeMutableBufferPointer { words in
            var row = 0
            for w in 0..<words.count {
                var word: UInt64 = 0
                let limit = min(64, count - row)
                for bit in 0..<limit where test(row + bit) { word |= 1 << UInt64(bit) }
                words[w] = word
                row += 64
            }
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
