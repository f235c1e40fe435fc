/// A field's values for the selected records as ranks: the distinct values in order, and each record's
/// position among them. Sorting and grouping work on the ranks (small integers), so their loops never touch
/// a string; values are only looked up again for the few distinct ones a result shows.
struct OrdinalColumn {
    /// The distinct values, in order (unknown last); a rank indexes this list.
    let values: [FieldValue]
    /// Each selected record's rank, in selection order.
    let ranks: [UInt32]

    /// How many ranks there are.
    var cardinality: Int { values.count }
}

extension QueryEngine {
    /// The ranks of a field over the selected records of a subject.
    func ordinalColumn(_ field: FieldReference, subject: Field.Subject, selection: RecordSelection) -> OrdinalColumn {
        let q = workspace.quotes
        if subject == .quote && field.viaStudy {
            // Rank the studies once, then look each quote's study up.
            let (values, studyRanks) = rankedStudyValues(field.field, studies: .all(workspace.studies.count))
            var all = values
            let missing: UInt32
            if let index = all.firstIndex(of: .missing) { missing = UInt32(index) } else { missing = UInt32(all.count); all.append(.missing) }
            let ranks = q.studies.withUnsafeBufferPointer { studies in
                studyRanks.withUnsafeBufferPointer { table in
                    selection.map { row -> UInt32 in
                        let study = studies[row]
                        return study < 0 ? missing : table[Int(study)]
                    }
                }
            }
            return OrdinalColumn(values: all, ranks: ranks)
        }
        switch field.field.reader {
        case .study:
            let (values, ranks) = rankedStudyValues(field.field, studies: selection)
            return OrdinalColumn(values: values, ranks: ranks)
        case .quote(let column):
            return quoteColumn(column, selection: selection)
        }
    }

    private func quoteColumn(_ column: QuoteColumn, selection: RecordSelection) -> OrdinalColumn {
        let q = workspace.quotes
        switch column {
        case .codes(let codes):
            let (values, table) = Self.codeRanks(codes.vocabulary)
            let ranks = codes.bytes(q).withUnsafeBufferPointer { bytes in
                table.withUnsafeBufferPointer { table in selection.map { table[Int(bytes[$0])] } }
            }
            return OrdinalColumn(values: values, ranks: ranks)
        case .integers(let integers):
            return Self.integerRanks(integers(q), selection: selection)
        case .strings(let strings):
            let column = strings(q)
            return Self.ranked(selection.map { FieldValue(text: column[$0]) })
        case .text:
            return Self.ranked(selection.map { FieldValue(text: q.text(atRow: $0)) })
        case .tags:
            return Self.ranked(selection.map { FieldValue(text: q.tags[$0].joined(separator: "; ")) })
        case .study:
            let studies = workspace.studies
            let values = studies.enumerated().map { FieldValue.ordered("\($0.element.id) \($0.element.label)", rank: $0.offset) } + [.missing]
            let missing = UInt32(studies.count)
            let ranks = q.studies.withUnsafeBufferPointer { column in selection.map { column[$0] < 0 ? missing : UInt32(column[$0]) } }
            return OrdinalColumn(values: values, ranks: ranks)
        case .subTheme:
            let themes = workspace.subThemes
            let values = themes.enumerated().map { FieldValue.ordered($0.element.code + " " + $0.element.label, rank: $0.offset) } + [.missing]
            let missing = UInt32(themes.count)
            var position: [Int32: UInt32] = [:]
            for (index, theme) in themes.enumerated() where theme.id <= Int(Int32.max) { position[Int32(theme.id)] = UInt32(index) }
            let ranks = q.subThemes.withUnsafeBufferPointer { column in selection.map { column[$0] < 0 ? missing : position[column[$0]] ?? missing } }
            return OrdinalColumn(values: values, ranks: ranks)
        }
    }

    /// A vocabulary's categories as values in order (unknown last), and each byte code's rank.
    static func codeRanks(_ vocabulary: CodeVocabulary) -> (values: [FieldValue], rankOfCode: [UInt32]) {
        let values = vocabulary.names.enumerated().map { FieldValue.ordered($0.element, rank: $0.offset) } + [.missing]
        let missing = UInt32(vocabulary.names.count)
        return (values, vocabulary.categoryOfCode.map { $0 == 0 ? missing : UInt32($0 - 1) })
    }

    /// The values of a study field for the given studies, ranked.
    private func rankedStudyValues(_ field: Field, studies: RecordSelection) -> (values: [FieldValue], ranks: [UInt32]) {
        guard case .study(let read) = field.reader else { return ([.missing], studies.map { _ in 0 }) }
        let column = Self.ranked(studies.map { read(StudyRow(index: $0, context: context)) })
        return (column.values, column.ranks)
    }

    /// Whole numbers (negative = unknown) ranked by value: through a presence table when they span a small
    /// range (ids, reference numbers), else by sorting the distinct values.
    static func integerRanks(_ column: [Int32], selection: RecordSelection) -> OrdinalColumn {
        let selected = column.withUnsafeBufferPointer { column in selection.map { column[$0] } }
        var low = Int32.max, high = Int32.min
        for value in selected where value >= 0 {
            low = min(low, value)
            high = max(high, value)
        }
        guard low <= high else { return OrdinalColumn(values: [.missing], ranks: selected.map { _ in 0 }) }
        var distinct: [Int32]
        if Int(high) - Int(low) < 1 << 22 {
            var present = [Bool](repeating: false, count: Int(high - low) + 1)
            for value in selected where value >= 0 { present[Int(value - low)] = true }
            distinct = present.indices.filter { present[$0] }.map { Int32($0) + low }
            var rankOf = [UInt32](repeating: 0, count: present.count)
            for (rank, value) in distinct.enumerated() { rankOf[Int(value - low)] = UInt32(rank) }
            let missing = UInt32(distinct.count)
            let ranks = selected.map { $0 < 0 ? missing : rankOf[Int($0 - low)] }
            return OrdinalColumn(values: distinct.map { .number(Double($0)) } + [.missing], ranks: ranks)
        }
        distinct = Array(Set(selected.filter { $0 >= 0 })).sorted()
        var rankOf: [Int32: UInt32] = [:]
        for (rank, value) in distinct.enumerated() { rankOf[value] = UInt32(rank) }
        let missing = UInt32(distinct.count)
        return OrdinalColumn(values: distinct.map { .number(Double($0)) } + [.missing], ranks: selected.map { $0 < 0 ? missing : rankOf[$0]! })
    }

    /// Any values ranked: the distinct ones sorted (each folded once), then each value's rank.
    static func ranked(_ values: [FieldValue]) -> OrdinalColumn {
        var index: [FieldValue: Int] = [:]
        var distinct: [FieldValue] = []
        let provisional = values.map { value -> Int in
            if let known = index[value] { return known }
            index[value] = distinct.count
            distinct.append(value)
            return distinct.count - 1
        }
        let keys = distinct.map(\.sortKey)
        let order = distinct.indices.sorted { keys[$0] < keys[$1] }
        var rankOf = [UInt32](repeating: 0, count: distinct.count)
        for (rank, position) in order.enumerated() { rankOf[position] = UInt32(rank) }
        return OrdinalColumn(values: order.map { distinct[$0] }, ranks: provisional.map { rankOf[$0] })
    }
}
