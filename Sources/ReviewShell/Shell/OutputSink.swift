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

    /// Writes to stdout.
    public func write(_ text: String) { Self.put(text, to: 1) }
    /// Writes to stderr.
    public func writeError(_ text: String) { Self.put(text, to: 2) }

    static func put(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe (EPIPE) ends output quietly
                }
                offset += written
            }
        }
    }
}
