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
                         "😀", "👍🏽", "\r\n", "\n", "\t", "\u{1B}", "\u{0600}", "\u{0600} ", "x ", " y", "longerwordthanthecolumn", "", "—"]

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
