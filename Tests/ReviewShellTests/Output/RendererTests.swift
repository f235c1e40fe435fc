import Testing
@testable import ReviewShell

/// Tables fit the width by display columns: accents take one, CJK and emoji two, combining marks none.
@Suite struct RendererTests {
    @Test func displayWidths() {
        #expect(DisplayWidth.of("Janoušková") == 10)
        #expect(DisplayWidth.of("Janous\u{030C}kova\u{0301}") == 10)  // decomposed accents
        #expect(DisplayWidth.of("研究") == 4)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("“curly”") == 7)
    }

    @Test func columnsAlignByDisplayWidth() {
        let table = ResultTable(columns: [.init("name"), .init("n", alignRight: true)],
                                rows: [[.text("研究者"), .integer(1)], [.text("Kivistö"), .integer(22)], [.text("👍 ok"), .integer(3)]])
        let text = Renderer(format: .table, width: 40).render(.table(table))
        let lines = text.split(separator: "\n").map(String.init)
        let widths = lines.map { DisplayWidth.of($0) }
        #expect(Set(widths).count == 1, "every line ends at the same column: \(lines)")
    }

    @Test func longTextWrapsAtWordBoundariesWithinTheWidth() {
        let quote = "I felt like an outsider; nobody spoke to you, nobody in the staffroom spoke to you. Janoušková’s team “asked” me."
        let table = ResultTable(columns: [.init("id"), .init("quote", wraps: true)], rows: [[.text("Q14"), .text(quote)]])
        for width in [30, 50, 80] {
            let text = Renderer(format: .table, width: width).render(.table(table))
            for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= width, "\(width): \(line)") }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            for word in quote.split(separator: " ") { #expect(words.contains(String(word)), "'\(word)' kept whole at width \(width)") }
        }
    }

    @Test func csvQuotesFieldsAsRFC4180() {
        let table = ResultTable(columns: [.init("label"), .init("text")], rows: [[.text("Okafor, Adeyemi"), .text("she said \"no\"\nthen left")]])
        let csv = Renderer(format: .csv).render(.table(table))
        #expect(csv == "label,text\n\"Okafor, Adeyemi\",\"she said \"\"no\"\"\nthen left\"\n")
    }

    @Test func jsonKeepsNumbersTypedAndKeysInColumnOrder() {
        let table = ResultTable(columns: [.init("id"), .init("casp"), .init("n")], rows: [[.text("S01"), .number(8.5, decimals: 1), .integer(3)], [.text("S02"), .missing, .integer(0)]])
        #expect(JSONText.render(.table(table)) == #"{"type":"table","title":null,"columns":["id","casp","n"],"rows":[{"id":"S01","casp":8.5,"n":3},{"id":"S02","casp":null,"n":0}],"notes":[]}"#)
    }

    @Test func markdownEscapesPipes() {
        let table = ResultTable(columns: [.init("a")], rows: [[.text("x | y")]])
        #expect(Renderer(format: .markdown).render(.table(table)) == "| a |\n|---|\n| x \\| y |\n")
    }

    @Test func colourOnlyWhenAsked() {
        let table = ResultTable(title: "T", columns: [.init("a")], rows: [[.text("x")]])
        #expect(!Renderer(format: .table, colour: false).render(.table(table)).contains("\u{1B}["))
        #expect(Renderer(format: .table, colour: true).render(.table(table)).contains("\u{1B}[1m"))
    }
}
