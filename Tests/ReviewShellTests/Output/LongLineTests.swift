import Foundation
import Testing
@testable import ReviewShell

/// A 400 KB field of emoji is stored and shown in time linear in its length: cutting a word wider than the
/// column used to re-measure (and copy) the rest of the word for every line, which is quadratic and hung
/// the shell on such a field. (No timing here: speed targets live in review-bench; a quadratic cut would
/// not finish.)
@Suite struct LongLineTests {
    @Test func aHugeEmojiFieldIsStoredAndWrapped() throws {
        let emoji = String(repeating: "😀", count: 100_000)  // 400 KB of UTF-8
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        #expect(shell.run("add study \"x\" analysis=\(emoji)"), "\(output.errors)")
        #expect(shell.run("study S34"))
        #expect(shell.session.workspace.study("S34")?.analysis == emoji)
        let lines = DisplayWidth.wrap(emoji, width: 80)
        #expect(lines.count == 2_500)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 80 })
        #expect(lines.joined() == emoji)
    }

    /// A quote cut from a Windows source (REFI-QDA import) holds CR LF, which Swift sees as one Character: it must
    /// break the cell's line as LF does, not leak a raw line end into the table.
    @Test func crlfInACellBreaksTheLineLikeLF() {
        #expect(DisplayWidth.wrap("staff did not get it\r\nParticipant: the peer", width: 40) == ["staff did not get it", "Participant: the peer"])
        #expect(DisplayWidth.wrap("one\rtwo\nthree", width: 40) == ["one", "two", "three"])
    }
}
