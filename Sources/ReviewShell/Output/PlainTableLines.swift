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
    /// A wrapping column's lines for the row being written, nil when its cell fits as it is (reused from row to row).
    private var wrapped: [[String]?]

    /// Lines for columns of these widths; `rows` (an estimate) reserves the buffer.
    init(widths: [Int], wraps: [Bool], alignRight: [Bool], separator: Int, rows: Int = 0) {
        self.widths = widths
        self.wraps = wraps
        self.alignRight = alignRight
        self.separator = separator
        wrapped = Array(repeating: nil, count: widths.count)
        // An estimate, capped: a million-row listing at 1,000 columns should grow the buffer, not reserve gigabytes.
        let estimate = min(max(0, rows), 1 << 20) * min(widths.reduce(0, +) + separator * max(0, widths.count - 1) + 1, 1 << 12)
        bytes.reserveCapacity(min(estimate, 1 << 26))
    }

    /// Appends row `row` of `cells` (one line, or more when a wrapping column needs them).
    mutating func append(row: Int, of cells: CellTexts) {
        let count = widths.count
        var height = 1
        cells.bytes.withUnsafeBufferPointer { all in
            for column in 0..<count where wraps[column] {
                // A cell that fits its column is written from its bytes; only one that wraps becomes lines.
                if DisplayWidth.fitsUnwrapped(UnsafeBufferPointer(rebasing: all[cells.range(row, column)]), width: widths[column]) {
                    wrapped[column] = nil
                } else {
                    let lines = DisplayWidth.wrap(cells.string(row, column), width: widths[column])
                    height = max(height, lines.count)
                    wrapped[column] = lines
                }
            }
            for line in 0..<height {
                let start = bytes.count
                for column in 0..<count {
                    if column > 0 { appendSpaces(separator) }
                    if wraps[column], let lines = wrapped[column] {
                        var value = line < lines.count ? lines[line] : ""
                        value.withUTF8 { appendCell($0, column: column) }
                    } else {
                        appendCell(line == 0 ? UnsafeBufferPointer(rebasing: all[cells.range(row, column)]) : UnsafeBufferPointer(start: nil, count: 0),
                                   column: column)
                    }
                }
                bytes.removeTrailingSpaces(ofLineFrom: start)
                bytes.append(0x0A)
            }
        }
    }

    /// Writes one value of a column, padded to its width (on the left when it aligns right); the last column, when
    /// it aligns left, is not padded.
    private mutating func appendCell(_ value: UnsafeBufferPointer<UInt8>, column: Int) {
        if column == widths.count - 1 && !alignRight[column] {
            bytes.append(contentsOf: value)
            return
        }
        let missing = max(0, widths[column] - DisplayWidth.width(utf8: value))
        if alignRight[column] {
            appendSpaces(missing)
            bytes.append(contentsOf: value)
        } else {
            bytes.append(contentsOf: value)
            appendSpaces(missing)
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
}

extension [UInt8] {
    /// Drops the spaces ending the line that starts at `start` (the rest of the buffer), as
    /// `trailingSpacesRemoved` does on its Characters.
    mutating func removeTrailingSpaces(ofLineFrom start: Int) {
        var end = count
        while end > start && self[end - 1] == 0x20 { end -= 1 }
        guard end < count else { return }
        if end > start && self[end - 1] >= 0x80 {
            // A space after a non-ASCII scalar can belong to its grapheme cluster (a prepended concatenation mark
            // such as U+0600 joins the character after it): let String decide which Characters are spaces.
            let line = String(decoding: self[start...], as: UTF8.self).trailingSpacesRemoved
            removeSubrange(start...)
            append(contentsOf: line.utf8)
        } else {
            removeSubrange(end...)
        }
    }
}

extension DisplayWidth {
    /// The display width of the longest run of non-white-space in any of `texts` (0 when there is none): what
    /// `texts.flatMap { $0.split(whereSeparator: \.isWhitespace) }.map { of(String($0)) }.max() ?? 0` gives,
    /// counted from the bytes (``measure(_:)``) when a text is plain, where the only white space is U+0020.
    static func longestWord(in texts: [String]) -> Int {
        var longest = 0
        for var text in texts { longest = max(longest, text.withUTF8 { measure($0).longestWord }) }
        return longest
    }

    /// A cell's display width, longest word (as `longestWord(in:)` defines it) and whether it holds U+0020, from its
    /// UTF-8 bytes, in one pass when every scalar is a plain one (``plainScalarLength(_:at:)``: printable ASCII and
    /// the Latin letters of names such as Janoušková or Łódź, almost every cell a table holds).
    static func measure(_ utf8: UnsafeBufferPointer<UInt8>) -> (width: Int, longestWord: Int, hasSpace: Bool) {
        var count = 0
        var longest = 0
        var run = 0
        var space = false
        var index = 0
        while index < utf8.count {
            let length = plainScalarLength(utf8, at: index)
            guard length > 0 else {
                let text = String(decoding: utf8, as: UTF8.self)
                let longestWord = text.split(whereSeparator: \.isWhitespace).map { of(String($0)) }.max() ?? 0
                return (of(text), longestWord, utf8.contains(UInt8(ascii: " ")))
            }
            count &+= 1
            if utf8[index] == 0x20 {
                space = true
                run = 0
            } else {
                run &+= 1
                if run > longest { longest = run }
            }
            index &+= length
        }
        return (count, longest, space)
    }

    /// The display width of a text's UTF-8 bytes, as `of(_:)` has it: one column per scalar when all are plain.
    static func width(utf8: UnsafeBufferPointer<UInt8>) -> Int {
        plainWidth(utf8) ?? of(String(decoding: utf8, as: UTF8.self))
    }

    /// The number of scalars when every one is plain (``plainScalarLength(_:at:)``), each one column wide; nil
    /// otherwise.
    static func plainWidth(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var index = 0
        while index < utf8.count {
            let length = plainScalarLength(utf8, at: index)
            guard length > 0 else { return nil }
            count &+= 1
            index &+= length
        }
        return count
    }

    /// The UTF-8 length of the scalar starting at `utf8[index]` when it is plain, 0 otherwise.
    ///
    /// Plain: printable ASCII (U+0020…U+007E, one byte) or U+00A1…U+024F (two bytes: the letters and signs of
    /// Latin-1 Supplement and Latin Extended-A and -B that names and places in a review use: é, ö, š, Ł, ź). Each
    /// takes one column; none is a line end, and none but U+0020 is white space (U+0085 and U+00A0 are left out for
    /// that); and none joins a neighbour into one grapheme cluster: what joins (combining marks from U+0300,
    /// joiners, prepended marks, CR LF) is not plain. So in a text of plain scalars the Characters are the scalars, and widths and
    /// words can be counted from the bytes without the Unicode tables.
    @inline(__always)
    static func plainScalarLength(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = utf8[index]
        if byte >= 0x20 && byte < 0x7F { return 1 }
        guard byte >= 0xC2 && byte <= 0xC9, index &+ 1 < utf8.count else { return 0 }
        let next = utf8[index &+ 1]
        guard next & 0xC0 == 0x80 else { return 0 }
        if byte == 0xC2 { return next >= 0xA1 ? 2 : 0 }
        if byte == 0xC9 { return next <= 0x8F ? 2 : 0 }
        return 2
    }

    /// Whether `wrap(text, width:)` gives `[text]` without looking further: plain scalars (printable ASCII or
    /// Latin letters, ``plainScalarLength(_:at:)``: no line ends, one column each) that fit the width, with no
    /// space at either end and no two spaces together (which wrapping would drop).
    static func fitsUnwrapped(_ text: String, width: Int) -> Bool {
        var text = text
        return text.withUTF8 { fitsUnwrapped($0, width: width) }
    }

    /// Whether `wrap(text, width:)` gives `[text]`, for text that is not all printable ASCII (a study label with an
    /// accent): no line end of any kind, no space at either end or two together (the bytes are checked, so a
    /// space that belongs to its grapheme cluster only sends the text the long way), every word of some width,
    /// and a display width within `width`. Then the word-by-word algorithm rebuilds the text unchanged: its words
    /// joined by single spaces, their widths adding up to the text's. (`PlainTableLinesTests` holds `wrap` to that
    /// algorithm, written out separately, on random text.)
    static func fitsUnwrappedBeyondASCII(_ text: String, width: Int) -> Bool {
        var previous: UInt8 = 0x20
        var lastTwo: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            // \n, \v, \f, \r; U+0085 (C2 85); U+2028 and U+2029 (E2 80 A8, E2 80 A9).
            if (0x0A...0x0D).contains(byte) || byte == 0x20 && previous == 0x20
                || byte == 0x85 && previous == 0xC2 || (byte == 0xA8 || byte == 0xA9) && lastTwo == (0xE2, 0x80) {
                return false
            }
            lastTwo = (previous, byte)
            previous = byte
        }
        guard let first = text.utf8.first, first != 0x20, previous != 0x20 else { return text.isEmpty }
        // A word of no width (a control character, a lone mark) loses the space before the next word: the long way.
        var total = 0
        var word = 0
        for character in text {
            if character == " " {
                guard word > 0 else { return false }
                total += 1
                word = 0
            } else {
                let characterWidth = of(character)
                word += characterWidth
                total += characterWidth
            }
        }
        return word > 0 && total <= width
    }

    /// `fitsUnwrapped(_:width:)` of a text's UTF-8 bytes. It answers for text of plain scalars too
    /// (``plainScalarLength(_:at:)``): one column each, no line end and no white space but U+0020, so the same
    /// rules hold.
    static func fitsUnwrapped(_ utf8: UnsafeBufferPointer<UInt8>, width: Int) -> Bool {
        var count = 0
        var previous: UInt8 = 0x20
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            let length = plainScalarLength(utf8, at: index)
            guard length > 0, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
            count &+= 1
            index &+= length
        }
        return count <= width && (count == 0 || previous != 0x20)
    }
}
