import Testing
@testable import ReviewShell

@Suite struct TerminalTextTests {
    @Test func widths() {
        #expect(TerminalText.width("Janoušková") == 10)
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.width("日本") == 4)
        #expect(TerminalText.width("😀") == 2)
        #expect(TerminalText.width("👩‍🔬") == 2)
        #expect(TerminalText.width("\u{1B}[1;32mreview\u{1B}[0m> ") == 8)
    }

    @Test func splitsEscapeSequences() {
        #expect(TerminalText.segments("\u{1B}[1mA\u{1B}]0;title\u{07}B\u{1B}(") == [
            .escape("\u{1B}[1m"), .visible("A"), .escape("\u{1B}]0;title\u{07}"), .visible("B"), .escape("\u{1B}("),
        ])
        #expect(TerminalText.stripEscapes("plain") == "plain")
    }

    @Test func positionsFollowLibeditWrapping() {
        #expect(TerminalText.position(after: "abc", columns: 10) == (0, 3))
        #expect(TerminalText.position(after: "abcdefghij", columns: 10) == (1, 0))
        #expect(TerminalText.position(after: "abcdefghijk", columns: 10) == (1, 1))
        #expect(TerminalText.position(after: "ab\ncd", columns: 10) == (1, 2))
        #expect(TerminalText.position(after: "a\tb", columns: 20) == (0, 9))
        // A wide character that does not fit moves to the next row whole.
        #expect(TerminalText.position(after: "abcdefghi日", columns: 10) == (1, 2))
        #expect(TerminalText.position(after: "x", startingAt: 25, columns: 10) == (2, 6))
    }

    @Test func columnLayoutGoesDownThenAcross() {
        let lines = TerminalText.columnLayout(["a", "bb", "ccc", "d", "e"], width: 12)
        #expect(lines == ["a    d", "bb   e", "ccc"])
        #expect(TerminalText.columnLayout(["only"], width: 2) == ["only"])
        #expect(TerminalText.columnLayout([], width: 80).isEmpty)
        let wide = TerminalText.columnLayout(["Janoušková", "Kivistö", "x"], width: 80)
        #expect(wide == ["Janoušková  Kivistö     x"])
    }
}
