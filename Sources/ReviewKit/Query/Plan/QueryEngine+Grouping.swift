extension QueryEngine {
    /// Counts the selected records per combination of the grouped fields' values, and orders the groups.
    ///
    /// Order: by the first sort key when it names a grouped field; by group size when it is `count` (or a
    /// field that is not grouped); then by the grouped values, first field first.
    func group(_ selection: RecordSelection, plan: QueryPlan) -> QueryGroups {
        let fields = plan.groupBy
        let (values, counted) = countGroups(fields, subject: plan.subject, selection: selection)
        var groups = counted
        let first = plan.sortBy.first
        let keyIndex = first.flatMap { key in key.field.flatMap { sorted in fields.firstIndex { $0.field.name == sorted.field.name } } }
        let bySize = first != nil && keyIndex == nil
        let descending = first?.descending ?? false
        groups.sort { a, b in
            if let index = keyIndex, a.ranks[index] != b.ranks[index] {
                return descending ? a.ranks[index] > b.ranks[index] : a.ranks[index] < b.ranks[index]
            }
            if bySize, a.count != b.count { return descending ? a.count > b.count : a.count < b.count }
            return a.ranks.lexicographicallyPrecedes(b.ranks)
        }
        if let limit = plan.limit, limit < groups.count { groups.removeSubrange(limit...) }
        return QueryGroups(
            fields: fields,
            groups: groups.map { group in QueryGroups.Group(values: zip(values, group.ranks).map { $0[Int($1)] }, count: group.count) },
            total: selection.count, orderedBySize: bySize)
    }

    /// The non-empty groups (each field's rank, and the count), unordered, with each field's values by rank.
    private func countGroups(_ fields: [FieldReference], subject: Field.Subject,
                             selection: RecordSelection) -> (values: [[FieldValue]], groups: [(ranks: [UInt32], count: Int)]) {
        // One coded quote field: a histogram of its bytes, with no rank per record at all.
        if fields.count == 1, subject == .quote, !fields[0].viaStudy, case .quote(.codes(let codes)) = fields[0].field.reader {
            let (values, rankOfCode) = Self.codeRanks(codes.vocabulary)
            let histogram = Self.histogram(codes.bytes(workspace.quotes), selection)
            var counts = [Int](repeating: 0, count: values.count)
            for code in 0..<256 where histogram[code] > 0 { counts[Int(rankOfCode[code])] += histogram[code] }
            return ([values], counts.indices.filter { counts[$0] > 0 }.map { ([UInt32($0)], counts[$0]) })
        }
        if subject == .quote, let groups = countCodeGroups(fields, selection) { return groups }
        let columns = fields.map { ordinalColumn($0, subject: subject, selection: selection) }
        let values = columns.map(\.values)
        // Dense: one counter per combination of ranks, when there are few enough combinations.
        var combinations = 1
        for column in columns {
            let (product, overflow) = combinations.multipliedReportingOverflow(by: max(1, column.cardinality))
            combinations = overflow ? Int.max : product
        }
        if combinations <= max(1 << 16, selection.count) {
            // Each record's combination, built one column at a time (a tight loop per column), then counted.
            var combined = [UInt32](repeating: 0, count: selection.count)
            combined.withUnsafeMutableBufferPointer { combined in
                for column in columns {
                    let cardinality = UInt32(column.cardinality)
                    column.ranks.withUnsafeBufferPointer { ranks in
                        for record in 0..<ranks.count { combined[record] = combined[record] &* cardinality &+ ranks[record] }
                    }
                }
            }
            var counts = [Int](repeating: 0, count: combinations)
            counts.withUnsafeMutableBufferPointer { counts in
                combined.withUnsafeBufferPointer { combined in
                    for key in combined { counts[Int(key)] &+= 1 }
                }
            }
            return (values, Self.groups(counts, cardinalities: columns.map(\.cardinality)))
        }
        var counts: [[UInt32]: Int] = [:]
        for record in 0..<selection.count { counts[columns.map { $0.ranks[record] }, default: 0] += 1 }
        return (values, counts.map { ($0.key, $0.value) })
    }

    /// Several coded quote fields: each record's combination of categories counted in one pass over the byte
    /// columns, with no rank array per field; nil when a field is not a code column or there are too many combinations.
    private func countCodeGroups(_ fields: [FieldReference], _ selection: RecordSelection) -> (values: [[FieldValue]], groups: [(ranks: [UInt32], count: Int)])? {
        var columns: [(bytes: [UInt8], rankOfCode: [UInt32], cardinality: Int)] = []
        var values: [[FieldValue]] = []
        for field in fields {
            guard !field.viaStudy, case .quote(.codes(let codes)) = field.field.reader else { return nil }
            let (names, rankOfCode) = Self.codeRanks(codes.vocabulary)
            columns.append((codes.bytes(workspace.quotes), rankOfCode, names.count))
            values.append(names)
        }
        let combinations = columns.reduce(1) { $0 * $1.cardinality }
        guard combinations <= 1 << 16 else { return nil }
        // A table per field from byte code straight to its share of the combination number.
        var tables = [Int](repeating: 0, count: columns.count * 256)
        var stride = 1
        for (index, column) in columns.enumerated().reversed() {
            for code in 0..<256 { tables[index * 256 + code] = Int(column.rankOfCode[code]) * stride }
            stride *= column.cardinality
        }
        var counts = [Int](repeating: 0, count: combinations)
        let byteColumns = columns.map(\.bytes)
        withUnsafePointers(to: byteColumns) { bytes in
            tables.withUnsafeBufferPointer { tables in
                counts.withUnsafeMutableBufferPointer { counts in
                    func count(_ row: Int) {
                        var combined = 0
                        for field in 0..<bytes.count { combined &+= tables[field &* 256 &+ Int(bytes[field][row])] }
                        counts[combined] &+= 1
                    }
                    switch selection {
                    case .all(let total): for row in 0..<total { count(row) }
                    case .list(let rows): for row in rows { count(row) }
                    }
                }
            }
        }
        return (values, Self.groups(counts, cardinalities: columns.map(\.cardinality)))
    }

    /// The non-empty counters of a dense count, each with its combination number taken apart into ranks
    /// (the last field varies fastest).
    private static func groups(_ counts: [Int], cardinalities: [Int]) -> [(ranks: [UInt32], count: Int)] {
        counts.indices.filter { counts[$0] > 0 }.map { combined in
            var rest = combined
            var ranks = [UInt32](repeating: 0, count: cardinalities.count)
            for index in cardinalities.indices.reversed() {
                ranks[index] = UInt32(rest % cardinalities[index])
                rest /= cardinalities[index]
            }
            return (ranks, counts[combined])
        }
    }

    /// How many selected records hold each byte code (four interleaved tables, merged, so that runs of one
    /// code do not wait on the same counter).
    static func histogram(_ bytes: [UInt8], _ selection: RecordSelection) -> [Int] {
        var tables = [Int](repeating: 0, count: 4 * 256)
        tables.withUnsafeMutableBufferPointer { tables in
            bytes.withUnsafeBufferPointer { bytes in
                switch selection {
                case .all(let count):
                    var row = 0
                    while row &+ 4 <= count {
                        tables[Int(bytes[row])] &+= 1
                        tables[256 &+ Int(bytes[row &+ 1])] &+= 1
                        tables[512 &+ Int(bytes[row &+ 2])] &+= 1
                        tables[768 &+ Int(bytes[row &+ 3])] &+= 1
                        row &+= 4
                    }
                    while row < count { tables[Int(bytes[row])] &+= 1; row &+= 1 }
                case .list(let rows):
                    for (index, row) in rows.enumerated() { tables[(index & 3) &* 256 &+ Int(bytes[row])] &+= 1 }
                }
            }
        }
        return (0..<256).map { tables[$0] + tables[256 + $0] + tables[512 + $0] + tables[768 + $0] }
    }
}

/// Calls `body` with a buffer of pointers to each array's bytes, valid for the call.
private func withUnsafePointers<R>(to arrays: [[UInt8]], _ body: (UnsafeBufferPointer<UnsafePointer<UInt8>>) -> R) -> R {
    func nest(_ index: Int, _ pointers: inout [UnsafePointer<UInt8>]) -> R {
        guard index < arrays.count else { return pointers.withUnsafeBufferPointer(body) }
        return arrays[index].withUnsafeBufferPointer { buffer in
            pointers.append(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            return nest(index + 1, &pointers)
        }
    }
    var pointers: [UnsafePointer<UInt8>] = []
    return nest(0, &pointers)
}
