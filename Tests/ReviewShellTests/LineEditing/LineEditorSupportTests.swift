import Foundation
import Testing
@testable import ReviewShell

@Suite struct LineEditorSupportTests {
    @Test func defaultHistoryURLPrefersXDGStateHome() {
        #expect(LineEditor.defaultHistoryURL(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]).path
            == "/x/state/review/history")
        #expect(LineEditor.defaultHistoryURL(environment: ["HOME": "/home/u"]).path
            == "/home/u/.local/state/review/history")
        // A relative XDG_STATE_HOME is invalid per the specification and ignored.
        #expect(LineEditor.defaultHistoryURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/u"]).path
            == "/home/u/.local/state/review/history")
    }

    @Test func promptEscapesAreMarkedZeroWidth() {
        let marker = "\u{1}"
        #expect(LineEditor.libeditPrompt("review> ") == "review> ")
        #expect(LineEditor.libeditPrompt("\u{1B}[1mrévïew\u{1B}[0m> ")
            == "\(marker)\u{1B}[1m\(marker)révïew\(marker)\u{1B}[0m\(marker)> ")
        // A trailing sequence would be dropped by libedit, so it moves before the last character.
        #expect(LineEditor.libeditPrompt("\u{1B}[32mdemo> \u{1B}[0m")
            == "\(marker)\u{1B}[32m\(marker)demo>\(marker)\u{1B}[0m\(marker) ")
        // Stray markers in the text would confuse libedit.
        #expect(LineEditor.libeditPrompt("a\u{1}b> ") == "ab> ")
    }

    @Test func editrcComesFromEDITRCOrHome() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("editrc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(LineEditor.editrcPath(environment: ["HOME": directory.path]) == nil)
        let editrc = directory.appendingPathComponent(".editrc")
        try Data("bind -v\n".utf8).write(to: editrc)
        #expect(LineEditor.editrcPath(environment: ["HOME": directory.path]) == editrc.path)
        let other = directory.appendingPathComponent("other")
        try Data("bind -e\n".utf8).write(to: other)
        #expect(LineEditor.editrcPath(environment: ["HOME": directory.path, "EDITRC": other.path]) == other.path)
        #expect(LineEditor.editrcPath(environment: [:]) == nil)
    }

    @Test func wideCharacterConversionRoundTrips() {
        let text = "Janoušková “q” 😀 e\u{301}"
        let wide = text.wideCharacters
        #expect(wide.last == 0)
        let back = wide.withUnsafeBufferPointer { String(wideCharacters: $0.baseAddress!, count: $0.count - 1) }
        #expect(back == text)
        let invalid: [wchar_t] = [0x41, 0xD800, 0x110000, 0]
        #expect(invalid.withUnsafeBufferPointer { String(wideCharacters: $0.baseAddress!, count: 3) } == "A\u{FFFD}\u{FFFD}")
    }
}
