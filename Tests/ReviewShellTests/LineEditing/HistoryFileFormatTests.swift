import Testing
@testable import ReviewShell

@Suite struct HistoryFileFormatTests {
    @Test func encodesMinimallyAndReadably() {
        #expect(HistoryFileFormat.encodeEntry("select * from t") == "select * from t")
        #expect(HistoryFileFormat.encodeEntry("a\\b") == "a\\\\b")
        #expect(HistoryFileFormat.encodeEntry("one\ntwo\r\tx\u{7F}") == "one\\012two\\015\\011x\\177")
        #expect(HistoryFileFormat.encodeEntry("Janoušková “q” 😀") == "Janoušková “q” 😀")
    }

    @Test func roundTripsAwkwardEntries() {
        let entries = [
            "plain", "multi\nline\n  indented", "back\\slash \\012 literal", "Kivistö “curly” 👩‍🔬",
            "trailing space ", "\ttab", "ends with backslash\\",
        ]
        let bytes = Array(HistoryFileFormat.encode(entries).utf8)
        #expect(HistoryFileFormat.decode(bytes) == .entries(entries))
    }

    @Test func decodesWhatLibeditWrites() {
        // strvis(VIS_WHITE) output as libedit's H_SAVE produces it under the C locale.
        let file = "_HiStOrY_V2_\nselect\\040*\\040from\\040t\nJanou\\305\\241kov\\303\\241\nx\\\\y\\sz\\^A\\M-a\\x41\\$\n"
        #expect(HistoryFileFormat.decode(Array(file.utf8)) == .entries([
            "select * from t", "Janoušková", "x\\y z\u{1}\u{FFFD}A",
        ]))
    }

    @Test func malformedEscapesAreKeptLiterally() {
        #expect(HistoryFileFormat.decodeEntry(Array("a\\qb\\".utf8)) == "a\\qb\\")
        #expect(HistoryFileFormat.decodeEntry(Array("\\xzz".utf8)) == "\\xzz")
    }

    @Test func classifiesFiles() {
        #expect(HistoryFileFormat.decode([]) == .entries([]))
        #expect(HistoryFileFormat.decode(Array("_HiStOrY_V2_\r\nx\r\n".utf8)) == .entries(["x"]))
        #expect(HistoryFileFormat.decode(Array("ls -l\ncd /tmp\n".utf8)) == .headerless(["ls -l", "cd /tmp"]))
        #expect(HistoryFileFormat.decode([0x00, 0x01, 0xFF, 0x0A]) == .binary)
        #expect(HistoryFileFormat.decode([0x61, 0xFF, 0x0A]) == .binary)
    }
}
