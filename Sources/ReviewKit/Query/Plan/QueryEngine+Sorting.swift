extension QueryEngine {
    /// The selected records ordered by the sort keys, ties in record order.
    ///
    /// A least-significant-key-first radix sort: the records are put in order by the last key, then stably
    /// by each earlier one, every pass a counting sort over the key's ranks, so the cost is linear in the
    /// number of records whatever the keys.
    func order(_ selection: RecordSelection, subject: Field.Subject, by keys: [QueryPlan.SortKey]) -> [Int] {
        let rows = selection.rows
        var permutation = [Int32](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
            for index in 0..<rows.count { buffer[index] = Int32(truncatingIfNeeded: index) }
            initialized = rows.count
        }
        for key in keys.reversed() {
            guard let field = key.field else { continue }
            let column = ordinalColumn(field, subject: subject, selection: selection)
            permutation = Self.stableSort(permutation, ranks: column.ranks, cardinality: column.cardinality, descending: key.descending)
        }
        return permutation.map { rows[Int($0)] }
    }

    /// Reorders positions stably by their ranks (`ranks[position]`), in 16-bit digits.
    static func stableSort(_ positions: [Int32], ranks: [UInt32], cardinality: Int, descending: Bool) -> [Int32] {
        let top = UInt32(max(0, cardinality - 1))
        var result = positions
        var scratch = positions
        let digits = cardinality <= 1 << 16 ? 1 : 2
        ranks.withUnsafeBufferPointer { ranks in
            for digit in 0..<digits {
                let shift = UInt32(16 * digit)
                let buckets = digits == 1 ? max(1, cardinality) : 1 << 16
                var starts = [Int](repeating: 0, count: buckets + 1)
                result.withUnsafeBufferPointer { input in
                    starts.withUnsafeMutableBufferPointer { starts in
                        for position in input {
                            let rank = descending ? top &- ranks[Int(position)] : ranks[Int(position)]
                            starts[Int((rank >> shift) & 0xFFFF) &+ 1] &+= 1
                        }
                        for bucket in 0..<buckets { starts[bucket &+ 1] &+= starts[bucket] }
                        scratch.withUnsafeMutableBufferPointer { output in
                            for position in input {
                                let rank = descending ? top &- ranks[Int(position)] : ranks[Int(position)]
                                let bucket = Int((rank >> shift) & 0xFFFF)
                                output[starts[bucket]] = position
                                starts[bucket] &+= 1
                            }
                        }
                    }
                }
                swap(&result, &scratch)
            }
        }
        return result
    }
}
