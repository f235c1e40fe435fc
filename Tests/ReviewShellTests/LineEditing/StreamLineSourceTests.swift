import Foundation
import Testing
@testable import ReviewShell
#if canImport(Glibc)
import Glibc
#endif

/// Writes `bytes` to a fresh temporary file and returns a descriptor open for reading at its start.
private func descriptor(reading bytes: [UInt8]) throws -> Int32 {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    let fd = open(url.path, O_RDONLY)
    unlink(url.path)  // the open descriptor keeps the data alive
    try #require(fd >= 0)
    return fd
}

private func readAll(_ source: StreamLineSource) -> [LineInput] {
    var inputs: [LineInput] = []
    while true {
        let input = source.readLine(prompt: "ignored> ")
        inputs.append(input)
        if input == .endOfInput { return inputs }
    }
}

@Suite struct StreamLineSourceTests {
    @Test func splitsLinesAndHandlesCRLFAndMissingFinalNewline() throws {
        let fd = try descriptor(reading: Array("one\r\ntwo\n\nJanoušková “q”\r\nlast".utf8))
        defer { close(fd) }
        let source = StreamLineSource(fileDescriptor: fd)
        #expect(!source.isInteractive)
        #expect(readAll(source) == [.line("one"), .line("two"), .line(""), .line("Janoušková “q”"), .line("last"), .endOfInput])
        #expect(source.lineNumber == 5)
        #expect(source.lastProblem == nil)
    }

    @Test func emptyInputIsImmediatelyEndOfInput() throws {
        let fd = try descriptor(reading: [])
        defer { close(fd) }
        #expect(readAll(StreamLineSource(fileDescriptor: fd)) == [.endOfInput])
    }

    @Test func finalNewlineDoesNotProduceAnExtraEmptyLine() throws {
        let fd = try descriptor(reading: Array("a\nb\n".utf8))
        defer { close(fd) }
        #expect(readAll(StreamLineSource(fileDescriptor: fd)) == [.line("a"), .line("b"), .endOfInput])
    }

    @Test func skipsByteOrderMarkOnFirstLineOnly() throws {
        let fd = try descriptor(reading: [0xEF, 0xBB, 0xBF] + Array("x\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("y".utf8))
        defer { close(fd) }
        #expect(readAll(StreamLineSource(fileDescriptor: fd)) == [.line("x"), .line("\u{FEFF}y"), .endOfInput])
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        let fd = try descriptor(reading: Array("ok\n".utf8) + [0x62, 0x61, 0x64, 0xFF, 0xC3, 0x0A] + Array("fine".utf8))
        defer { close(fd) }
        let source = StreamLineSource(fileDescriptor: fd)
        #expect(source.readLine(prompt: "") == .line("ok"))
        #expect(source.lastProblem == nil)
        #expect(source.readLine(prompt: "") == .line("bad\u{FFFD}\u{FFFD}"))
        #expect(source.lastProblem == .invalidUTF8(lineNumber: 2))
        #expect(source.readLine(prompt: "") == .line("fine"))
        #expect(source.lastProblem == nil)
    }

    @Test func hugeLineIsSkippedAndReportedWithoutLosingTheNextLine() throws {
        let limit = 1 << 20
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * limit)
        bytes += Array("\nnext\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: limit) + Array("\r\n".utf8)  // exactly at the limit
        let fd = try descriptor(reading: bytes)
        defer { close(fd) }
        let source = StreamLineSource(fileDescriptor: fd)
        #expect(source.maxLineBytes == limit)
        #expect(source.readLine(prompt: "") == .line(""))
        #expect(source.lastProblem == .tooLong(lineNumber: 1, limit: limit))
        #expect(source.readLine(prompt: "") == .line("next"))
        #expect(source.lastProblem == nil)
        #expect(source.readLine(prompt: "") == .line(String(repeating: "y", count: limit)))
        #expect(source.lastProblem == nil)
        #expect(source.readLine(prompt: "") == .endOfInput)
    }

    @Test func hugeFinalLineWithoutNewlineIsReported() throws {
        let fd = try descriptor(reading: [UInt8](repeating: 0x41, count: 100))
        defer { close(fd) }
        let source = StreamLineSource(fileDescriptor: fd, maxLineBytes: 10)
        #expect(source.readLine(prompt: "") == .line(""))
        #expect(source.lastProblem == .tooLong(lineNumber: 1, limit: 10))
        #expect(source.readLine(prompt: "") == .endOfInput)
    }

    @Test func readsFromAPipeAndFileHandle() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("from a pipe\nKivistö".utf8))
        try pipe.fileHandleForWriting.close()
        let source = StreamLineSource(fileHandle: pipe.fileHandleForReading)
        #expect(readAll(source) == [.line("from a pipe"), .line("Kivistö"), .endOfInput])
    }

    @Test func readErrorIsEndOfInputWithAProblem() {
        let source = StreamLineSource(fileDescriptor: -1)
        #expect(source.readLine(prompt: "") == .endOfInput)
        #expect(source.lastProblem == .readFailed(errno: EBADF))
    }

    @Test func addToHistoryIsANoOp() throws {
        let fd = try descriptor(reading: Array("a".utf8))
        defer { close(fd) }
        let source = StreamLineSource(fileDescriptor: fd)
        source.addToHistory("anything")
        #expect(readAll(source) == [.line("a"), .endOfInput])
    }
}
