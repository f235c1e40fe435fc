/// The body lines of a plain-text table, laid out to widths already decided (`Renderer+FittedTables.swift`) and
/// written as bytes into one buffer.
///
/// Why not one `String` per cell: a 5,500-row `matrix study` is 88,000 cells, and padding, joining and trimming
/// each as a separate string (a few allocations and a grapheme walk per cell) made the table cost 100 times the
/// count behind it. Here a cell is measured once (printable ASCII by its byte count, `DisplayWidth.of`
/// otherwise), copied once and padded with spaces in place; only a column that wraps builds line strings. The
/// text is byte for byte what the per-cell layout gave (the golden transcripts and `PlainTableLinesTests` hold
/// it to that): each line is the cells padded to their widths (right-aligned columns on the left), the last
/// left-aligned cell not padded, columns `separator` spaces apart, trailing spaces removed.
struct PlainTableLines {
    /// Each column's width in display columns.
    let widths: [Int]
    /// Whether a column wraps at word boundaries to its width.
    let wraps: [Bool]
    /// Whether a column's values line up on the right.
    let alignRight: [Bool]
    /// Spaces between columns.
    let separator: Int
    /// The text so far, UTF-8.
    private(set) var bytes: [UInt8] = []
    /// A wrapping column's lines for the row being written (reused from row to row).
    private var wrapped: [[String]]

    /// Lines for columns of these widths; `rows` (an estimate) reserves the buffer.
    init(widths: [Int], wraps: [Bool], alignRight: [Bool], separator: Int, rows: Int = 0) {
        self.widths = widths
        self.wraps = wraps
        self.alignRight = alignRight
        self.separator = separator
        wrapped = Array(repeating: [], count: widths.count)
        bytes.reserveCapacity(rows * (widths.reduce(0, +) + separator * max(0, widths.count - 1) + 1))
    }

    /// Appends one row (one line, or more when a wrapping column needs them); `values` has one entry per column.
    mutating func append(row values: [String]) {
        let count = widths.count
        var height = 1
        for column in 0..<count where wraps[column] {
            let lines = DisplayWidth.wrap(values[column], width: widths[column])
            height = max(height, lines.count)
            wrapped[column] = lines
        }
        for line in 0..<height {
            let start = bytes.count
            for column in 0..<count {
                if column > 0 { appendSpaces(separator) }
                let value: String
                if wraps[column] {
                    value = line < wrapped[column].count ? wrapped[column][line] : ""
                } else {
                    value = line == 0 ? values[column] : ""
                }
                if column == count - 1 && !alignRight[column] {
                    bytes.append(contentsOf: value.utf8)
                    continue
                }
                let missing = max(0, widths[column] - DisplayWidth.of(value))
                if alignRight[column] {
                    appendSpaces(missing)
                    bytes.append(contentsOf: value.utf8)
                } else {
                    bytes.append(contentsOf: value.utf8)
                    appendSpaces(missing)
                }
            }
            removeTrailingSpaces(after: start)
            bytes.append(0x0A)
        }
    }

    /// Appends text as it is (a note line such as "(interrupted …)").
    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// The lines as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(0x20, count: count))
    }

    /// Drops the spaces ending the line that starts at `start`, as `trailingSpacesRemoved` does on its Characters.
    private mutating func removeTrailingSpaces(after start: Int) {
        var end = bytes.count
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard end < bytes.count else { return }
        if end > start && bytes[end - 1] >= 0x80 {
            // A space after a non-ASCII scalar can belong to its grapheme cluster (a prepended concatenation mark
            // such as U+0600 joins the character after it): let String decide which Characters are spaces.
            let line = String(decoding: bytes[start...], as: UTF8.self).trailingSpacesRemoved
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: line.utf8)
        } else {
            bytes.removeSubrange(end...)
        }
    }
}

extension DisplayWidth {
    /// The display width of the longest run of non-white-space in any of `texts` (0 when there is none): what
    /// `texts.flatMap { $0.split(whereSeparator: \.isWhitespace) }.map { of(String($0)) }.max() ?? 0` gives,
    /// without making a string per word when a text is printable ASCII (where the only white space is U+0020).
    static func longestWord(in texts: [String]) -> Int {
        var longest = 0
        for text in texts {
            if let ascii = longestASCIIWord(text) {
                longest = max(longest, ascii)
            } else {
                for word in text.split(whereSeparator: \.isWhitespace) { longest = max(longest, of(String(word))) }
            }
        }
        return longest
    }

    /// The longest run of bytes other than a space, when every byte is printable ASCII; nil otherwise.
    private static func longestASCIIWord(_ text: String) -> Int? {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            if byte == 0x20 {
                run = 0
            } else {
                run += 1
                if run > longest { longest = run }
            }
        }
        return longest
    }

    /// Whether `wrap(text, width:)` gives `[text]` without looking further: printable ASCII (no line ends, one
    /// column per byte) that fits the width, with no space at either end and no two spaces together (which
    /// wrapping would drop).
    static func fitsUnwrapped(_ text: String, width: Int) -> Bool {
        var count = 0
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
            count += 1
        }
        return count <= width && (count == 0 || previous != 0x20)
    }
}
