#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell writes results and errors.
public protocol OutputSink: AnyObject {
    /// Writes result text.
    func write(_ text: String)
    /// Writes error text.
    func writeError(_ text: String)
    /// Why result text could not be written (a full disk, a closed pipe), once a write has failed; nil while all is well.
    var writeFailure: String? { get }
}

extension OutputSink {
    /// Writing to memory does not fail.
    public var writeFailure: String? { nil }
}

/// Collects output in memory (tests, notebook cells).
public final class BufferedOutput: OutputSink {
    /// Result text written so far.
    public private(set) var text = ""
    /// Error text written so far.
    public private(set) var errors = ""
    /// Both, in the order written.
    public private(set) var transcript = ""

    /// Creates an empty buffer.
    public init() {}

    /// Appends result text.
    public func write(_ text: String) { self.text += text; transcript += text }
    /// Appends error text.
    public func writeError(_ text: String) { errors += text; transcript += text }
}

/// Writes to the process's standard output and standard error, unbuffered per call.
public final class StandardOutput: OutputSink {
    /// Creates the sink.
    public init() {}

    /// Why standard output could not be written, after the first failure.
    public private(set) var writeFailure: String?

    /// Writes to stdout; a failure is kept in `writeFailure` (the shell reports it and exits 1) and later
    /// writes are skipped.
    public func write(_ text: String) {
        guard writeFailure == nil else { return }
        let code = Self.put(text, to: 1)
        if code != 0 { writeFailure = Self.reason(code) }
    }
    /// Writes to stderr.
    public func writeError(_ text: String) { Self.put(text, to: 2) }

    /// Writes all of `text`; returns 0, or the errno of the failure (EPIPE when the reader has gone, since
    /// `review` ignores SIGPIPE).
    @discardableResult
    static func put(_ text: String, to fd: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }

    /// What a failed write of standard output means, for the message.
    static func reason(_ code: Int32) -> String {
        switch code {
        case EPIPE: "the program reading it has stopped (closed pipe)"
        case ENOSPC: "the disk is full"
        case EBADF: "standard output is closed"
        case EIO: "input/output error"
        default: String(cString: strerror(code))
        }
    }
}
