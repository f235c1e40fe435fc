import Testing
@testable import ReviewShell

/// The byte-buffer expanded display (`ExpandedTableLines`) gives exactly the text of the per-line layout it
/// replaced. The oracle is that layout as it was (copied below, unchanged): each label and value wrapped with
/// `DisplayWidth.wrap`, the label padded with `DisplayWidth.pad`, two spaces, trailing spaces dropped with
/// `trailingSpacesRemoved`, and a `-[ row N of M ]` rule of dashes per row. Labels and values are drawn from
/// `PlainTableLinesTests.pieces` (ASCII, double and edge spaces, accents, CJK, emoji, line ends, U+0600).
@Suite struct ExpandedTableLinesTests {
    typealias Generator = PlainTableLinesTests.Generator

    static func reference(labels: [String], rows: [[String]], width: Int) -> String {
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, max(8, width / 3))
        let valueWidth = max(8, width - labelWidth - 2)
        var out = ""
        for (index, row) in rows.enumerated() {
            let long = "-[ row \(index + 1) of \(rows.count) ]"
            let head = DisplayWidth.of(long) <= width ? long : "-[ \(index + 1) ]"
            out += head + String(repeating: "-", count: max(0, width - DisplayWidth.of(head))) + "\n"
            for (column, value) in row.enumerated() {
                let labelLines = DisplayWidth.wrap(labels[column], width: labelWidth)
                let values = DisplayWidth.wrap(value, width: valueWidth)
                for line in 0..<max(labelLines.count, values.count) {
                    let label = DisplayWidth.pad(line < labelLines.count ? labelLines[line] : "", to: labelWidth)
                    out += (label + "  " + (line < values.count ? values[line] : "")).trailingSpacesRemoved + "\n"
                }
            }
        }
        return out
    }

    static func blocks(labels: [String], rows: [[String]], width: Int) -> String {
        var lines = ExpandedTableLines(labels: labels, width: width, rows: rows.count)
        for (index, row) in rows.enumerated() { lines.append(row: row, index: index) }
        return lines.text
    }

    @Test(arguments: [false, true])
    func blocksMatchThePerLineLayout(asciiOnly: Bool) {
        var generator = Generator(state: asciiOnly ? 17 : 19)
        for _ in 0..<500 {
            let count = Int.random(in: 1...5, using: &generator)
            let labels = (0..<count).map { _ in PlainTableLinesTests.text(&generator, asciiOnly: asciiOnly) }
            let width = [1, 8, 12, 20, 33, 80].randomElement(using: &generator)!
            let rows = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (0..<count).map { _ in PlainTableLinesTests.text(&generator, asciiOnly: asciiOnly) }
            }
            let expected = Self.reference(labels: labels, rows: rows, width: width)
            #expect(Self.blocks(labels: labels, rows: rows, width: width) == expected, "labels \(labels.debugDescription) width \(width)")
        }
    }

    /// A label wider than a third of the width wraps onto lines of its own under a value that fits on one line.
    @Test func aLongLabelWrapsUnderAShortValue() {
        let labels = ["Confidence in the finding", "n"]
        let text = Self.blocks(labels: labels, rows: [["High", "3"]], width: 30)
        #expect(text == Self.reference(labels: labels, rows: [["High", "3"]], width: 30))
        #expect(text == """
            -[ row 1 of 1 ]---------------
            Confidence  High
            in the
            finding
            n           3

            """)
    }
}
