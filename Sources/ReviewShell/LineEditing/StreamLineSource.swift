#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads lines from a file descriptor that is not a terminal (a pipe, a redirected file), without
/// line editing and without prompts.
///
/// Lines end at "\n"; a "\r" before it (CRLF) is removed, a final line without a newline is still
/// returned, and a UTF-8 byte-order mark at the very start is skipped. Bytes that are not valid
/// UTF-8 are replaced with U+FFFD, and a line longer than `maxLineBytes` is skipped (returned as
/// `.line("")`) so memory stays bounded; both are reported in `lastProblem` so the caller can warn
/// (and should not run a skipped line as a command).
public final class StreamLineSource: LineSource {
    /// The default per-line limit: 1 MiB.
    public static let defaultMaxLineBytes = 1 << 20

    /// The descriptor read from; not closed by this source.
    public let fileDescriptor: Int32
    /// The longest line, in bytes without its terminator, that is returned intact.
    public let maxLineBytes: Int
    /// What was wrong with the line most recently returned, or nil if it was fine; reset by every read.
    public private(set) var lastProblem: LineProblem?
    /// The 1-based number of the line most recently returned (0 before the first).
    public private(set) var lineNumber = 0

    /// Always false: a stream is never an interactive terminal.
    public var isInteractive: Bool { false }

    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var pending: [UInt8] = []
    private var pendingOverflowed = false
    private var pendingHasBytes = false
    private var reachedEnd = false
    private static let chunkSize = 64 * 1024

    /// Creates a source reading `fileDescriptor` (standard input by default).
    public init(fileDescriptor: Int32 = STDIN_FILENO, maxLineBytes: Int = StreamLineSource.defaultMaxLineBytes) {
        self.fileDescriptor = fileDescriptor
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Creates a source reading `fileHandle`'s descriptor; the handle must outlive the source.
    public convenience init(fileHandle: FileHandle, maxLineBytes: Int = StreamLineSource.defaultMaxLineBytes) {
        self.init(fileDescriptor: fileHandle.fileDescriptor, maxLineBytes: maxLineBytes)
    }

    /// Reads the next line; `prompt` is ignored.
    ///
    /// Returns `.interrupted` if a signal (Ctrl-C) interrupted the read; the partial line is kept
    /// and the next call continues it.
    public func readLine(prompt: String) -> LineInput {
        lastProblem = nil
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: UInt8(ascii: "\n")) {
                append(buffer[bufferStart..<newline])
                bufferStart = newline + 1
                return finishLine()
            }
            append(buffer[bufferStart...])
            buffer.removeAll(keepingCapacity: true)
            bufferStart = 0
            if reachedEnd {
                return pendingHasBytes ? finishLine() : .endOfInput
            }
            switch fill() {
            case .data:
                continue
            case .end:
                reachedEnd = true
            case .interrupted:
                return .interrupted
            case .failed(let code):
                reachedEnd = true
                if pendingHasBytes { return finishLine() }
                lastProblem = .readFailed(errno: code)
                return .endOfInput
            }
        }
    }

    /// Does nothing: scripts and pipes have no history.
    public func addToHistory(_ entry: String) {}

    private enum FillResult { case data, end, interrupted, failed(Int32) }

    private func fill() -> FillResult {
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        let count = chunk.withUnsafeMutableBytes { raw in
            read(fileDescriptor, raw.baseAddress, raw.count)
        }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return .data
        }
        if count == 0 { return .end }
        let code = errno
        if code == EINTR { return .interrupted }
        if code == EAGAIN || code == EWOULDBLOCK {
            // A non-blocking descriptor: wait until readable rather than spin.
            var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, -1)
            return .data
        }
        return .failed(code)
    }

    private func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        pendingHasBytes = true
        guard !pendingOverflowed else { return }
        // Allow one extra byte so a trailing "\r" of a line exactly at the limit can still be stripped.
        let room = maxLineBytes + 1 - pending.count
        if bytes.count <= room {
            pending.append(contentsOf: bytes)
        } else {
            pendingOverflowed = true
            pending.removeAll()
        }
    }

    private func finishLine() -> LineInput {
        lineNumber += 1
        var bytes = pending[...]
        let overflowed = pendingOverflowed
        pending = []
        pendingOverflowed = false
        pendingHasBytes = false
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if overflowed || bytes.count > maxLineBytes {
            lastProblem = .tooLong(lineNumber: lineNumber, limit: maxLineBytes)
            return .line("")
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .line(text)
        }
        lastProblem = .invalidUTF8(lineNumber: lineNumber)
        return .line(String(decoding: bytes, as: UTF8.self))
    }
}
