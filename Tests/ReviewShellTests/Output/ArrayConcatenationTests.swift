import Testing
@testable import ReviewShell

/// `concatenated(separator:)` gives what the standard library's `joined(separator:)` gives.
@Suite struct ArrayConcatenationTests {
    @Test(arguments: [[], [""], ["a"], ["a", "b"], ["", "", ""], ["Janoušková", "😀", "e\u{0301}", "\r\n", ""]] as [[String]])
    func matchesJoined(strings: [String]) {
        for separator in ["", " ", ", ", "\u{0301}", "\n"] {
            #expect(strings.concatenated(separator: separator) == strings.joined(separator: separator))
        }
        #expect(strings.concatenated() == strings.joined())
    }
}
