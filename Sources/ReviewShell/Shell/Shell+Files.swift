import Foundation
import ReviewKit

extension Shell {
    /// A file name as typed, resolved: ~ expanded, relative names against the working directory.
    func fileURL(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
        let base = options.workingDirectory ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(expanded)
    }

    /// Reads a UTF-8 text file named in a command; errors say which file and what is wrong.
    func readTextFile(_ path: String, invocation: Invocation, span: Range<Int>) throws(Diagnostic) -> String {
        let url = fileURL(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw invocation.error("no file '\(path)'", at: span)
        }
        guard !isDirectory.boolValue else { throw invocation.error("'\(path)' is a directory, not a file", at: span) }
        guard let data = try? Data(contentsOf: url) else { throw invocation.error("cannot read '\(path)' (permission denied?)", at: span) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            let line = bytes[..<bad].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            throw Diagnostic(.error, "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16)) in '\(path)' at line \(line); save the file as UTF-8",
                             file: path, line: line)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a text file atomically (temporary file beside it, fsync, rename); the old file stays intact on failure.
    func writeFile(_ text: String, to path: String, invocation: Invocation, span: Range<Int>) throws(Diagnostic) {
        do throws(FileError) {
            try AtomicFile.write(Array(text.utf8), to: fileURL(path))
        } catch {
            throw invocation.error("cannot write '\(path)': \(error.message)", at: span)
        }
    }

    /// Reads a CSV file's rows (RFC 4180).
    func readCSV(path: String, invocation: Invocation, span: Range<Int>) throws(Diagnostic) -> [[String]] {
        let text = try readTextFile(path, invocation: invocation, span: span)
        do {
            return try CSVText.rows(text, path: path)
        } catch {
            throw Diagnostic(error)
        }
    }
}
