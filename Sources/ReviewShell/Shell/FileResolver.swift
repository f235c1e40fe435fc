import Foundation
import ReviewKit

/// How file names typed in commands become files: `~` expanded, relative names against a working directory;
/// reading checks UTF-8 and says where it is not, writing is atomic.
public struct FileResolver: Sendable {
    /// The directory relative names resolve against (nil: the process's current directory).
    public var workingDirectory: String?

    /// A resolver for a working directory.
    public init(workingDirectory: String? = nil) { self.workingDirectory = workingDirectory }

    /// A file name as typed, resolved.
    public func url(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
        let base = workingDirectory ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(expanded)
    }

    /// A file name typed where a file is written: `-` is standard output (`export csv quotes -`).
    public func url(forWriting path: String) -> URL { path == "-" ? URL(fileURLWithPath: "/dev/stdout") : url(path) }

    /// A file name typed where a file is read: `-` is standard input (`import quotes -`, `review run -`).
    public func url(forReading path: String) -> URL { path == "-" ? URL(fileURLWithPath: "/dev/stdin") : url(path) }

    /// Whether a file or directory exists at a typed name.
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    /// Reads a UTF-8 text file named in a command; errors point at where the name was typed.
    public func readText(_ path: String, named word: Range<Int>, in invocation: Invocation) throws(Diagnostic) -> String {
        // AtomicFile.read never blocks (a FIFO with no writer is refused) and says what is wrong: no such file,
        // permission denied, a folder, a device such as /dev/zero.
        var bytes: [UInt8]
        do throws(FileError) {
            // `-` is standard input, which may be a terminal the reviewer types the script into (ended by Ctrl-D).
            bytes = path == "-" ? try AtomicFile.read(descriptor: 0, display: "<stdin>", allowingTerminal: true) : try AtomicFile.read(url(path))
        } catch {
            let reason = error.message.hasPrefix("cannot read: ") ? String(error.message.dropFirst("cannot read: ".count)) : error.message
            throw invocation.error("cannot read '\(path)': \(reason)", at: word)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            let line = bytes[..<bad].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            throw Diagnostic(.file, .error, "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16)) in '\(path)' at line \(line); save the file as UTF-8",
                             file: path, line: line)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a script (`source`, `review run`): a UTF-8 text file whose lines are held to the limit piped
    /// input has (`StreamLineSource.defaultMaxLineBytes`, 1 MiB), so every way of running commands has one
    /// limit; a script with a longer line runs nothing.
    public func readScript(_ path: String, named word: Range<Int>, in invocation: Invocation) throws(Diagnostic) -> String {
        let text = try readText(path, named: word, in: invocation)
        let limit = StreamLineSource.defaultMaxLineBytes
        var line = 1, length = 0
        for byte in text.utf8 {
            if byte == 10 {
                line += 1
                length = 0
            } else {
                length += 1
                if length > limit {
                    throw Diagnostic(.unreadableInput, .error, "line \(line) is longer than \(limit) bytes, the limit for a command line; nothing in '\(path)' was run",
                                     file: path, line: line)
                }
            }
        }
        return text
    }

    /// Reads a CSV file's rows (RFC 4180).
    ///
    /// The file is read 4 MB at a time and parsed with `cancellation` checked in between, so Ctrl-C stops even a
    /// file of millions of rows at once; a byte that is not UTF-8 is an error at its line and column.
    public func readCSV(_ path: String, named word: Range<Int>, in invocation: Invocation,
                        cancellation: CancellationToken = .none, progress: ((Double) -> Void)? = nil) throws(Diagnostic) -> [[String]] {
        let url = url(forReading: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw invocation.error("no file '\(path)'", at: word)
        }
        guard !isDirectory.boolValue else { throw invocation.error("'\(path)' is a directory, not a file", at: word) }
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw invocation.error("cannot read '\(path)' (permission denied?)", at: word) }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            guard !cancellation.isCancelled else { throw .interrupted }
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 4 << 20) } catch { throw invocation.error("cannot read '\(path)'", at: word) }
            guard let chunk, !chunk.isEmpty else { break }  // nil or empty: the end of the file
            bytes.append(contentsOf: chunk)
        }
        do { return try CSV.rows(bytes, path: path, cancellation: cancellation, progress: progress) } catch { throw Diagnostic(error) }
    }

    /// Writes a text file atomically (temporary file beside it, fsync, rename); the old file stays intact on failure.
    public func write(_ text: String, to path: String, named word: Range<Int>, in invocation: Invocation) throws(Diagnostic) {
        do throws(FileError) {
            try AtomicFile.write(Array(text.utf8), to: url(forWriting: path))
        } catch {
            throw invocation.error("cannot write '\(path)': \(error.message)", at: word)
        }
    }
}
