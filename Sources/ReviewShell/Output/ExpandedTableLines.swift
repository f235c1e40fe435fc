/// The expanded display of a table (psql's `\x`), written as bytes into one buffer: each row a block under a
/// `-[ row N of M ]-` rule, one `label  value` line per column, both wrapped.
///
/// Why not strings per line: at 80 columns a 5,500-row `matrix study` is expanded into 93,500 lines, and padding,
/// concatenating and trimming a `String` for each (with a fresh run of dashes per rule) was half the command's
/// time. Here each column's label is wrapped and padded once for the whole table, a value that fits its width is
/// copied once, and only a value that wraps builds line strings. The text is byte for byte what the per-line layout
/// gave (`ExpandedTableLinesTests` holds it to that layout, kept there as the oracle): label lines padded to the
/// label width, two spaces, the value's line, trailing spaces removed.
struct ExpandedTableLines {
    /// The display width of the labels' column.
    let labelWidth: Int
    /// The display width of the values' column.
    let valueWidth: Int
    /// The width of the rules between rows.
    let width: Int
    /// Every column's label lines, wrapped to `labelWidth` and padded to it, one after another as bytes; then each
    /// line again as it ends a line with no value (`label  ` with its trailing spaces removed).
    private let labelBytes: [UInt8]
    /// Where each column's label lines lie in `labelBytes`: the padded line and the line alone, one pair per line.
    private let labelLines: [[(padded: Range<Int>, alone: Range<Int>)]]
    /// `labelWidth` spaces in `labelBytes`, and the empty line alone: the label side of a value's lines after its label's.
    private let blankLabel: (padded: Range<Int>, alone: Range<Int>)
    /// The rule's start, `-[ row `, and its end, ` of M ]` for the table's M.
    private let rulePrefix = Array("-[ row ".utf8), ruleSuffix: [UInt8]
    /// The text so far, UTF-8.
    private(set) var bytes: [UInt8] = []

    /// Blocks for `rows` rows of these columns' labels, in `width` display columns.
    init(labels: [String], width: Int, rows: Int) {
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, max(8, width / 3))
        self.labelWidth = labelWidth
        valueWidth = max(8, width - labelWidth - 2)
        self.width = width
        var labelBytes: [UInt8] = []
        func add(_ line: String) -> (padded: Range<Int>, alone: Range<Int>) {
            let padded = DisplayWidth.pad(line, to: labelWidth)
            let start = labelBytes.count
            labelBytes.append(contentsOf: padded.utf8)
            let middle = labelBytes.count
            labelBytes.append(contentsOf: (padded + "  ").trailingSpacesRemoved.utf8)
            return (start..<middle, middle..<labelBytes.count)
        }
        labelLines = labels.map { label in DisplayWidth.wrap(label, width: labelWidth).map(add) }
        blankLabel = add("")
        self.labelBytes = labelBytes
        ruleSuffix = Array(" of \(rows) ]".utf8)
        // An estimate, capped: a million-row listing at 1,000 columns should grow the buffer, not reserve gigabytes.
        let estimate = min(max(0, rows), 1 << 20) * min(width + 1 + labels.count * (labelWidth + 8), 1 << 12)
        bytes.reserveCapacity(min(estimate, 1 << 26))
    }

    /// Appends the block of row `row` of `cells`, the table's row `index` (from 0).
    mutating func append(row: Int, of cells: CellTexts, index: Int) {
        appendRule(index)
        labelBytes.withUnsafeBufferPointer { labelBytes in
            cells.bytes.withUnsafeBufferPointer { all in
                for column in 0..<min(cells.columns, labelLines.count) {
                    let labels = labelLines[column]
                    let value = UnsafeBufferPointer(rebasing: all[cells.range(row, column)])
                    // A value that fits its width unwrapped (almost all) is copied straight from its bytes.
                    if DisplayWidth.fitsUnwrapped(value, width: valueWidth) {
                        appendLine(labelBytes, labels.first ?? blankLabel, value)
                        // A label longer than its width wraps onto lines of its own below a value that fits on one.
                        for line in labels.indices.dropFirst() { appendLine(labelBytes, labels[line], UnsafeBufferPointer(start: nil, count: 0)) }
                        continue
                    }
                    let lines = DisplayWidth.wrap(cells.string(row, column), width: valueWidth)
                    for line in 0..<max(labels.count, lines.count) {
                        var text = line < lines.count ? lines[line] : ""
                        text.withUTF8 { appendLine(labelBytes, line < labels.count ? labels[line] : blankLabel, $0) }
                    }
                }
            }
        }
    }

    /// Appends text as it is (a note line such as "(interrupted …)").
    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// The blocks as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `-[ row N of M ]` and dashes to the width; `-[ N ]` when that is wider than the width (all ASCII).
    private mutating func appendRule(_ index: Int) {
        let number = String(index + 1).utf8
        let long = rulePrefix.count + number.count + ruleSuffix.count
        let start = bytes.count
        if long <= width {
            bytes.append(contentsOf: rulePrefix)
            bytes.append(contentsOf: number)
            bytes.append(contentsOf: ruleSuffix)
        } else {
            bytes.append(contentsOf: "-[ ".utf8)
            bytes.append(contentsOf: number)
            bytes.append(contentsOf: " ]".utf8)
        }
        let dashes = width - (bytes.count - start)
        if dashes > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: dashes)) }
        bytes.append(0x0A)
    }

    /// One `label  value` line. A value with no trailing space leaves nothing to trim (the label side is followed by
    /// two spaces and the value); an empty value takes the label's line alone, trimmed once for the whole table.
    private mutating func appendLine(_ labelBytes: UnsafeBufferPointer<UInt8>, _ label: (padded: Range<Int>, alone: Range<Int>),
                                     _ value: UnsafeBufferPointer<UInt8>) {
        guard let last = value.last else {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: labelBytes[label.alone]))
            bytes.append(0x0A)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: labelBytes[label.padded]))
        bytes.append(0x20)
        bytes.append(0x20)
        bytes.append(contentsOf: value)
        if last == 0x20 { bytes.removeTrailingSpaces(ofLineFrom: start) }
        bytes.append(0x0A)
    }
}
