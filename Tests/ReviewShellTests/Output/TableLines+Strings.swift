@testable import ReviewShell

// The table writers take rows from `CellTexts`; the oracle tests build their rows from strings.

extension CellTexts {
    /// One row of texts.
    init(row values: [String]) {
        self.init(columns: values.count)
        for value in values { append(value) }
    }
}

extension PlainTableLines {
    /// Appends one row; `values` has one entry per column.
    mutating func append(row values: [String]) {
        append(row: 0, of: CellTexts(row: values))
    }
}

extension ExpandedTableLines {
    /// Appends the block of row `index` (from 0); `values` has one entry per label.
    mutating func append(row values: [String], index: Int) {
        append(row: 0, of: CellTexts(row: values), index: index)
    }
}

extension DisplayWidth {
    /// `measure(_:)` of a string.
    static func measure(_ text: String) -> (width: Int, longestWord: Int, hasSpace: Bool) {
        var text = text
        return text.withUTF8 { measure($0) }
    }
}
