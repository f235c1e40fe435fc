import Testing
@testable import ReviewShell

/// The byte-buffer table writer (`PlainTableLines`) and the fast paths of `DisplayWidth` give exactly the text of
/// the per-cell layout they replace. The oracle here is that layout as it was before (copied below, unchanged):
/// pad each cell with `DisplayWidth.pad`, join with spaces, drop trailing spaces with `trailingSpacesRemoved`,
/// and `DisplayWidth.wrap`'s word-by-word algorithm for wrapping columns. Cells are drawn at random from pieces
/// that exercise every branch: printable ASCII, double and edge spaces, accents (precomposed and combining),
/// CJK and emoji, CR LF and other line ends, control characters, and U+0600 (a prepended concatenation mark,
/// which joins the space after it into one Character).
@Suite struct PlainTableLinesTests {
    static let pieces = ["a", "word", "Holley", "et", "al.", "2019", " ", "  ", "-", "12", "Janoušková", "e\u{0301}", "研究",
                         "😀", "👍🏽", "\r\n", "\n", "\t", "\u{1B}", "\u{0600}", "\u{0600} ", "x ", " y", "longerwordthanthecolumn", "", "—",
                         // The edges of the plain scalars a byte scan measures (U+00A1…U+024F) and what is just beyond them.
                         "Łódź", "Pérez-Corrales", "\u{00A1}", "\u{024F}", "\u{0250}", "\u{00A0}", "\u{00AD}", "\u{0085}", "\u{009F}",
                         "ö\u{0308}", "\u{0301}"]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static func text(_ generator: inout Generator, asciiOnly: Bool) -> String {
        let count = Int.random(in: 0...6, using: &generator)
        let source = asciiOnly ? pieces.filter { $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } } : pieces
        return (0..<count).map { _ in source.randomElement(using: &generator)! }.joined()
    }

    // MARK: the layout before, as the oracle

    static func referenceWrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = ""
            var lineWidth = 0
            for piece in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = piece
                var wordWidth = DisplayWidth.of(String(word))
                if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                    lines.append(line); line = ""; lineWidth = 0
                }
                while wordWidth > width {
                    var head = ""
                    var headWidth = 0
                    while let c = word.first, headWidth + DisplayWidth.of(c) <= width - (lineWidth > 0 ? lineWidth + 1 : 0) || headWidth == 0 {
                        let cWidth = DisplayWidth.of(c)
                        head.append(c); headWidth += cWidth; word = word.dropFirst()
                        if headWidth >= width { break }
                    }
                    if lineWidth > 0 { line += " " + head } else { line = head }
                    lines.append(line); line = ""; lineWidth = 0
                    wordWidth -= headWidth
                }
                if word.isEmpty { continue }
                if lineWidth > 0 { line += " "; lineWidth += 1 }
                line += String(word)
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    static func referenceLines(_ values: [String], widths: [Int], wraps: [Bool], alignRight: [Bool], separator: Int) -> String {
        let count = widths.count
        let wrapped = (0..<count).map { wraps[$0] ? referenceWrap(values[$0], width: widths[$0]) : [values[$0]] }
        let height = wrapped.map(\.count).max() ?? 1
        var text = ""
        for row in 0..<height {
            let parts = (0..<count).map { column -> String in
                let value = row < wrapped[column].count ? wrapped[column][row] : ""
                return column == count - 1 && !alignRight[column] ? value
                    : DisplayWidth.pad(value, to: widths[column], right: alignRight[column])
            }
            text += parts.joined(separator: String(repeating: " ", count: separator)).trailingSpacesRemoved + "\n"
        }
        return text
    }

    // MARK: tests

    @Test(arguments: [false, true])
    func wrapMatchesTheWordByWordAlgorithm(asciiOnly: Bool) {
        var generator = Generator(state: asciiOnly ? 7 : 11)
        for _ in 0..<4_000 {
            let text = Self.text(&generator, asciiOnly: asciiOnly)
            let width = Int.random(in: 1...24, using: &generator)
            #expect(DisplayWidth.wrap(text, width: width) == Self.referenceWrap(text, width: width), "\(text.debugDescription) at \(width)")
        }
    }

    /// Texts beyond ASCII that wrapping would change, whatever the width: every kind of line end, and spaces at the
    /// ends, doubled, or joined to a mark's cluster.
    @Test func wrapOfNonASCIITextKeepsEveryLineEnd() {
        let texts = ["é\u{2028}b", "é\u{2029}b", "é\u{85}b", "é\u{0B}b", "é\u{0C}b", "é\r\nb", "é\rb", " é", "é ", "é  b",
                     "\u{0600} b", "a \u{0301}b", "Janoušková et al.", "研究 😀 ok", "—"]
        for text in texts {
            for width in [1, 2, 3, 5, 8, 40] {
                #expect(DisplayWidth.wrap(text, width: width) == Self.referenceWrap(text, width: width), "\(text.debugDescription) at \(width)")
            }
        }
    }

    @Test func longestWordMatchesSplittingOnWhiteSpace() {
        var generator = Generator(state: 3)
        for _ in 0..<2_000 {
            let texts = (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.text(&generator, asciiOnly: Bool.random(using: &generator)) }
            let expected = texts.flatMap { $0.split(whereSeparator: \.isWhitespace) }.map { DisplayWidth.of(String($0)) }.max() ?? 0
            #expect(DisplayWidth.longestWord(in: texts) == expected, "\(texts.debugDescription)")
        }
    }

    @Test func measureMatchesItsThreeQuestionsAskedApart() {
        var generator = Generator(state: 23)
        for _ in 0..<3_000 {
            let text = Self.text(&generator, asciiOnly: Bool.random(using: &generator))
            let measure = DisplayWidth.measure(text)
            #expect(measure.width == DisplayWidth.of(text), "\(text.debugDescription)")
            #expect(measure.longestWord == DisplayWidth.longestWord(in: [text]), "\(text.debugDescription)")
            #expect(measure.hasSpace == text.unicodeScalars.contains(" "), "\(text.debugDescription)")
        }
    }

    /// The byte scan's plain scalars (``DisplayWidth/plainScalarLength(_:at:)``) are what it assumes, by Swift's
    /// own Unicode tables: each is one Character, one column wide, not a line end, not white space but U+0020, and any two
    /// side by side stay two Characters (so the bytes of a text of plain scalars count its Characters). Every
    /// scalar up to U+07FF, the whole two-byte range, is asked.
    @Test func plainScalarsAreSingleColumnCharactersThatNeverJoin() {
        var plain: [Unicode.Scalar] = []
        for value in 0...0x7FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8)
            let length = bytes.withUnsafeBufferPointer { DisplayWidth.plainScalarLength($0, at: 0) }
            let expected = (0x20...0x7E).contains(value) || (0xA1...0x24F).contains(value)
            #expect((length > 0) == expected, "U+\(String(value, radix: 16))")
            guard length > 0 else { continue }
            #expect(length == bytes.count)
            let character = Character(scalar)
            #expect(DisplayWidth.of(character) == 1 && (value == 0x20) == character.isWhitespace && !character.isNewline, "U+\(String(value, radix: 16))")
            plain.append(scalar)
        }
        #expect(plain.count == 0x7E - 0x20 + 1 + 0x24F - 0xA1 + 1)
        for first in plain {
            for second in plain {
                var pair = String.UnicodeScalarView()
                pair.append(first)
                pair.append(second)
                #expect(String(pair).count == 2, "U+\(String(first.value, radix: 16)) U+\(String(second.value, radix: 16))")
            }
        }
        // A lead byte cut off at the end of the text, or followed by a byte that continues nothing, is not plain.
        for bytes: [UInt8] in [[0xC3], [0xC3, 0x41], [0xC2, 0xA0], [0xC9, 0x90], [0xCA, 0x80], [0xC1, 0xBF], [0x7F], [0x1F]] {
            #expect(bytes.withUnsafeBufferPointer { DisplayWidth.plainScalarLength($0, at: 0) } == 0, "\(bytes)")
        }
    }

    /// The byte answers for text of plain scalars against the Character-by-Character ones, on random names and words.
    @Test func plainTextIsMeasuredFromItsBytesAsFromItsCharacters() {
        let letters = Array("abcz AZ09-.,'éöšŁźÅøßĳſǅǿȀɏ¡¿×÷")
        var generator = Generator(state: 29)
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...14, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            var copy = text
            copy.withUTF8 { bytes in
                #expect(DisplayWidth.plainWidth(bytes) == text.count, "\(text.debugDescription)")
                #expect(DisplayWidth.width(utf8: bytes) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
                let width = Int.random(in: 1...16, using: &generator)
                #expect(DisplayWidth.fitsUnwrapped(bytes, width: width) == (Self.referenceWrap(text, width: width) == [text]),
                        "\(text.debugDescription) at \(width)")
            }
            let measure = DisplayWidth.measure(text)
            #expect(measure.width == text.count, "\(text.debugDescription)")
            #expect(measure.longestWord == (text.split(whereSeparator: \.isWhitespace).map(\.count).max() ?? 0), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [false, true])
    func rowsMatchThePerCellLayout(asciiOnly: Bool) {
        var generator = Generator(state: asciiOnly ? 5 : 13)
        for _ in 0..<600 {
            let count = Int.random(in: 1...5, using: &generator)
            let widths = (0..<count).map { _ in Int.random(in: 1...16, using: &generator) }
            let wraps = (0..<count).map { _ in Bool.random(using: &generator) }
            let alignRight = (0..<count).map { _ in Bool.random(using: &generator) }
            let separator = Int.random(in: 1...2, using: &generator)
            var lines = PlainTableLines(widths: widths, wraps: wraps, alignRight: alignRight, separator: separator)
            var expected = ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let values = (0..<count).map { _ in Self.text(&generator, asciiOnly: asciiOnly) }
                lines.append(row: values)
                expected += Self.referenceLines(values, widths: widths, wraps: wraps, alignRight: alignRight, separator: separator)
            }
            #expect(lines.text == expected, "widths \(widths) wraps \(wraps) right \(alignRight)")
        }
    }

    /// A space after U+0600 is part of its Character, so it is not a trailing space to remove.
    @Test func aSpaceJoinedToAPrependedMarkStays() {
        var lines = PlainTableLines(widths: [4, 3], wraps: [false, false], alignRight: [false, false], separator: 1)
        lines.append(row: ["ab", "\u{0600} "])
        #expect(lines.text == Self.referenceLines(["ab", "\u{0600} "], widths: [4, 3], wraps: [false, false], alignRight: [false, false], separator: 1))
        #expect(lines.text == "ab   \u{0600} \n")
    }
}
