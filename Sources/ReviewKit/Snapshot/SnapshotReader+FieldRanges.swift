extension SnapshotReader {
    /// The tab-separated fields of one snapshot line, as byte ranges of the file.
    ///
    /// Two `[Int]` rather than a `[Range<Int>]`: the first `[Range<Int>]` of a process makes the Swift runtime
    /// instantiate its storage type and check `Int: Comparable` by scanning every protocol conformance record
    /// in the process, and the embedded review is read at every start (issue 15, start-up time).
    struct FieldRanges {
        private var starts: [Int] = []
        private var ends: [Int] = []

        /// The number of fields.
        var count: Int { starts.count }

        /// The byte range of field `index`.
        subscript(index: Int) -> Range<Int> { starts[index]..<ends[index] }

        /// Adds a field.
        mutating func append(_ range: Range<Int>) {
            starts.append(range.lowerBound)
            ends.append(range.upperBound)
        }

        /// Removes every field, keeping the storage for the next line.
        mutating func removeAll() {
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }

        /// Makes room for `capacity` fields.
        mutating func reserveCapacity(_ capacity: Int) {
            starts.reserveCapacity(capacity)
            ends.reserveCapacity(capacity)
        }
    }
}
