import Foundation
import Testing
@testable import ReviewShell
#if os(Linux)
import Glibc

// Linux only: the pseudo-terminal setup below uses Linux ioctls.

/// A flag shared with the key-typing thread.
private final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    var isDone: Bool { lock.withLock { done } }
    func set() { lock.withLock { done = true } }
}

/// A LineEditor on a pseudo-terminal, so tests can type keys at real libedit.
private final class PseudoTerminal {
    let master: Int32
    let editor: LineEditor

    init(historyURL: URL? = nil, completer: LineEditor.Completer? = nil) throws {
        // posix_openpt/grantpt/ptsname are hidden from Swift by glibc's feature macros, so use the
        // Linux ioctls directly: TIOCSPTLCK (unlock) and TIOCGPTN (pty number) from asm-generic.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        var unlock: Int32 = 0
        try #require(ioctl(master, 0x4004_5431, &unlock) == 0)
        var number: UInt32 = 0
        try #require(ioctl(master, 0x8004_5430, &number) == 0)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let input = try #require(fdopen(slave, "r"))
        let output = try #require(fdopen(dup(slave), "w"))
        editor = try LineEditor(
            programName: "review-test", input: input, output: output, error: output,
            ownedFiles: [input, output], readsEditrc: false,
            historyURL: historyURL, historyLimit: 100, completer: completer
        )
    }

    deinit { close(master) }

    /// Types `keys` once libedit has put the terminal in raw mode, then returns what `readLine` gave
    /// and what was drawn. Presses Enter and Ctrl-D after 10 s so a broken test fails instead of hanging.
    func type(
        _ keys: String, prompt: String = "test> ", then after: (@Sendable () -> Void)? = nil, thenType more: String = ""
    ) -> (input: LineInput, screen: String) {
        let master = self.master
        let done = DoneFlag()
        Thread.detachNewThread {
            let deadline = Date().addingTimeInterval(5)
            var settings = termios()
            while Date() < deadline, tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 {
                usleep(2_000)
            }
            usleep(20_000)
            Self.write(keys, to: master)
            if let after {
                usleep(100_000)
                after()
                usleep(100_000)
                Self.write(more, to: master)
            }
            let giveUp = Date().addingTimeInterval(10)
            while !done.isDone, Date() < giveUp { usleep(10_000) }
            if !done.isDone { Self.write("\r\u{4}", to: master) }
        }
        let input = editor.readLine(prompt: prompt)
        done.set()
        return (input, drain())
    }

    private static func write(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Everything the editor wrote so far.
    func drain() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private let words = ["Knowledge", "Skills", "\"Social influences\"", "Janoušková", "Behaviour", "Behavioural regulation"]

private func complete(_ before: String) -> Completion {
    let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    return Completion(replacingLast: word.count, candidates: words.filter { $0.lowercased().hasPrefix(word.lowercased()) })
}

/// Real libedit behind a pseudo-terminal. Serialized: libedit's signal handling is process-wide.
@Suite(.serialized) struct LineEditorTerminalTests {
    @Test func nonASCIITextSurvivesTypingAndEditing() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.type("Janoušková “quoted” 😀\r").input == .line("Janoušková “quoted” 😀"))
        // Ctrl-A to the start, insert; Ctrl-E, Backspace over a multibyte character.
        #expect(terminal.type("Kivistö\u{1}X\u{5}\u{7F}o\r").input == .line("XKivisto"))
    }

    @Test func tabCompletesAndListsCandidates() throws {
        let terminal = try PseudoTerminal(completer: complete)
        #expect(terminal.type("show kno\t\r").input == .line("show Knowledge "))
        #expect(terminal.type("jan\t\r").input == .line("Janoušková "))
        let listed = terminal.type("beh\t\t\r")
        #expect(listed.input == .line("Behaviour"))
        #expect(listed.screen.contains("Behavioural regulation"))
        #expect(terminal.type("zzz\t\r").input == .line("zzz"))
    }

    @Test func historyIsRecalledAndPersisted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("history")
        do {
            let terminal = try PseudoTerminal(historyURL: url)
            terminal.editor.addToHistory("older")
            terminal.editor.addToHistory("select \"a\nb\" from “t”")
            terminal.editor.addToHistory(" not recorded")
            #expect(terminal.type("\u{1B}[A\r").input == .line("select \"a\nb\" from “t”"))
            #expect(terminal.type("\u{1B}[A\u{1B}[A\r").input == .line("older"))
            #expect(terminal.editor.libeditHistory() == ["select \"a\nb\" from “t”", "older"])
        }
        // A new editor (a restart) recalls the same entries from the file.
        let restarted = try PseudoTerminal(historyURL: url)
        #expect(restarted.editor.historyEntries == ["older", "select \"a\nb\" from “t”"])
        #expect(restarted.type("\u{1B}[A\r").input == .line("select \"a\nb\" from “t”"))
        #expect(restarted.type("\u{10}\u{10}\r").input == .line("older"))  // Ctrl-P twice
        #expect(restarted.editor.libeditHistory() == ["select \"a\nb\" from “t”", "older"])
        // libedit trims a trailing newline and space on recall; entries must still come back exactly.
        restarted.editor.addToHistory("ends with spaces  ")
        #expect(restarted.type("\u{1B}[A\r").input == .line("ends with spaces  "))
        restarted.editor.addToHistory("quoted \"a\n\"\n")
        #expect(restarted.type("\u{1B}[A\r").input == .line("quoted \"a\n\"\n"))
        restarted.editor.addToHistory("older")
        restarted.editor.addToHistory("older")
        #expect(restarted.editor.libeditHistory()
            == ["older", "quoted \"a\n\"\n", "ends with spaces  ", "select \"a\nb\" from “t”", "older"])
    }

    @Test func ctrlDOnEmptyLineEndsInput() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.type("\u{4}").input == .endOfInput)
        // Ctrl-D with text deletes instead of ending.
        #expect(terminal.type("ab\u{2}\u{4}\r").input == .line("a"))
    }

    @Test func otherSignalsDoNotLoseTheLine() throws {
        // A handler without SA_RESTART makes el_wgets fail with EINTR although Ctrl-C was not pressed.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGUSR1, &action, nil)
        // Test runner threads (libdispatch workers) block signals; let this one receive it.
        var unblock = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR1)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let terminal = try PseudoTerminal()
        let reader = pthread_self()
        let result = terminal.type("Janou", then: { pthread_kill(reader, SIGUSR1) }, thenType: "šková\r")
        #expect(result.input == .line("Janoušková"))
    }

    @Test func promptIsDrawn() throws {
        let terminal = try PseudoTerminal()
        let result = terminal.type("x\r", prompt: "révïew> ")
        #expect(result.input == .line("x"))
        #expect(result.screen.contains("révïew> "))
    }
}
#endif
