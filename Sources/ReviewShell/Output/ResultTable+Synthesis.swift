import ReviewKit

/// The one place a ReviewKit `SynthesisTable` (findings, CERQual, domain importance) becomes a shell table:
/// keys and labels carried over, values kept typed, so the tables render in every output format and
/// `expect` reads the numbers behind them.
extension ResultTable {
    /// Text columns of prose whose longest value or label is longer than this wrap at word boundaries.
    static let synthesisWrapWidth = 24

    /// The shell table for a synthesis table: its title, columns (key, label, type taken from the values),
    /// rows and notes (as footnotes, which machine formats send to stderr).
    init(_ table: SynthesisTable) {
        let rows = table.rows.map { $0.map(ResultValue.init) }
        let columns = table.columns.enumerated().map { index, column in
            let values = rows.map { $0.indices.contains(index) ? $0[index] : .missing }
            let typed = values.first { if case .missing = $0 { false } else { true } }
            let type = typed?.type ?? .text
            // Prose wraps; identifiers (slugs, ids, one-word values) and the row-naming first column keep their width.
            // A long header over short values ("barriers and facilitators" over yes/no) wraps too.
            let texts = values.map(\.description)
            let longestValue = texts.map(\.count).max() ?? 0
            let limit = index == 0 ? 2 * Self.synthesisWrapWidth : Self.synthesisWrapWidth
            let prose = (type == .text || type == .list) && texts.contains { $0.contains(" ") } && max(longestValue, column.label.count) > limit
            let longHeader = column.label.contains(" ") && column.label.count > max(longestValue, 8)
            var result = ResultColumn(column.key, column.label, type: type, wraps: prose || longHeader)
            result.machineOnly = column.machineOnly
            result.tableOnly = column.tableOnly
            return result
        }
        self.init(title: table.title, columns: columns, rows: rows, footnotes: table.notes)
    }
}

extension ResultValue {
    /// A synthesis table's cell, typed alike.
    init(_ value: SynthesisTable.Value) {
        switch value {
        case .text(let text): self = .text(text)
        case .integer(let number): self = .integer(number)
        case .number(let number, let decimals): self = .number(number, decimals: decimals)
        case .boolean(let flag): self = .boolean(flag)
        case .missing: self = .missing
        case .list(let items): self = .list(items.map(ResultValue.init))
        case .labelled(let value, let display): self = .labelled(ResultValue(value), display: display)
        }
    }
}
