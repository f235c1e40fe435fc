#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whole-file reading and crash-safe replacement of files, with lowercase `FileError`s that name the file.
///
/// A replacement is written to a temporary file beside the target (same directory, so the final
/// `rename(2)` stays on one file system and is atomic), flushed with `fsync`, renamed over the target,
/// and the directory is flushed so the rename itself survives a power cut. At every moment the target
/// path holds either the complete old file or the complete new one; on any failure the temporary file
/// is removed and the old file is left as it was.
public enum AtomicFile {
    /// A step of an atomic write that tests can make fail, to check that an interrupted save keeps the old file.
    enum FailurePoint: Sendable, Equatable {
        /// Creating the temporary file.
        case create
        /// Writing, after this many bytes have reached the temporary file.
        case write(afterBytes: Int)
        /// Flushing the temporary file.
        case sync
        /// Renaming the temporary file over the target.
        case rename
    }

    /// Bytes per `write(2)`/`read(2)` call; progress is reported once per chunk.
    static let chunkSize = 8 << 20

    // MARK: writing

    /// Atomically replaces (or creates) the file at `url` with `bytes`.
    ///
    /// `progress` receives the fraction written, from 0 to 1, on the calling thread.
    public static func write(_ bytes: [UInt8], to url: URL, progress: ((Double) -> Void)? = nil) throws(FileError) {
        try write(bytes, to: url, progress: progress, failingAt: nil)
    }

    /// `write(_:to:progress:)` with a failure injected at one step (tests only).
    static func write(_ bytes: [UInt8], to url: URL, progress: ((Double) -> Void)?, failingAt failure: FailurePoint?) throws(FileError) {
        try replace(url, failingAt: failure) { (fd: Int32, display: String) throws(FileError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in
                var written = 0
                let total = buffer.count
                while written < total {
                    var length = min(chunkSize, total - written)
                    if case .write(let after)? = failure {
                        if written >= after { throw FileError(path: display, message: "cannot save: simulated write failure") }
                        length = min(length, after - written)
                    }
                    try writeAll(fd, UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[written..<(written + length)]), display: display)
                    written += length
                    progress?(Double(written) / Double(max(total, 1)))
                }
                if case .write(let after)? = failure, after >= total {
                    throw FileError(path: display, message: "cannot save: simulated write failure")
                }
                if total == 0 { progress?(1) }
            }
        }
    }

    /// Atomically replaces the file at `url` with bytes produced piece by piece.
    ///
    /// `produce` gets an `emit` function and calls it with each piece in order; each piece is written at
    /// once and its write-back to disk started (Linux `sync_file_range`), so encoding the next piece and
    /// the disk overlap and the final `fsync` has little left to do. `expectedBytes` (an estimate) scales progress.
    static func writeStreaming(to url: URL, expectedBytes: Int, progress: ((Double) -> Void)?, failingAt failure: FailurePoint?,
                               _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) -> Void) throws(FileError) {
        try replace(url, failingAt: failure) { (fd: Int32, display: String) throws(FileError) in
            var written = 0
            var flushedUpTo = 0
            func emit(_ piece: UnsafeBufferPointer<UInt8>) throws(FileError) {
                var piece = piece
                if case .write(let after)? = failure, written + piece.count > after {
                    piece = UnsafeBufferPointer(rebasing: piece[0..<max(0, after - written)])
                    try writeAll(fd, UnsafeRawBufferPointer(piece), display: display)
                    throw FileError(path: display, message: "cannot save: simulated write failure")
                }
                try writeAll(fd, UnsafeRawBufferPointer(piece), display: display)
                written += piece.count
                if written - flushedUpTo >= 32 << 20 {
                    startWriteback(fd, from: flushedUpTo, count: written - flushedUpTo)
                    flushedUpTo = written
                }
                progress?(min(1, Double(written) / Double(max(expectedBytes, written, 1))))
            }
            try produce(emit)
            if case .write(let after)? = failure, after >= written {
                throw FileError(path: display, message: "cannot save: simulated write failure")
            }
        }
    }

    /// Asks the kernel to start writing a range to disk without waiting (Linux only; elsewhere a no-op).
    static func startWriteback(_ fd: Int32, from offset: Int, count: Int) {
        #if os(Linux)
        if let function = syncFileRange { _ = function(fd, Int64(offset), Int64(count), 2 /* SYNC_FILE_RANGE_WRITE */) }
        #endif
    }

    /// Atomically replaces the file at `url` with one that `produce` creates at a temporary path beside it.
    ///
    /// For writers that need a path rather than bytes (a SQLite database): `produce` gets the temporary
    /// URL, must create the complete file there and close it; the file is then flushed and renamed over
    /// `url`. If `produce` throws, the temporary file (and any `-journal`, `-wal`, `-shm` beside it) is
    /// removed and the error is rethrown as a `FileError`.
    public static func replace(_ url: URL, producingAt produce: (URL) throws -> Void) throws(FileError) {
        let display = displayPath(url)
        let target = try resolvedTarget(url, display: display)
        let temporary = temporaryPath(for: target)
        let cleanup = { for suffix in ["", "-journal", "-wal", "-shm"] { _ = unlink(temporary + suffix) } }
        do {
            try produce(URL(fileURLWithPath: temporary))
        } catch let error as FileError {
            cleanup()
            throw error
        } catch {
            cleanup()
            throw FileError(path: display, message: "cannot write: \(lowercased(String(describing: error)))")
        }
        do throws(FileError) {
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw posixError(errno, display: display, action: "cannot write") }
            defer { close(fd) }
            if let existing = statIfPresent(target) { _ = fchmod(fd, existing.st_mode & 0o7777) }
            try sync(fd, display: display)
            for suffix in ["-journal", "-wal", "-shm"] { _ = unlink(temporary + suffix) }
            try commit(temporary, over: target, display: display, failRename: false)
        } catch {
            cleanup()
            throw error
        }
    }

    /// Creates a temporary file beside the target, lets `body` fill it, then flushes and renames it.
    private static func replace(_ url: URL, failingAt failure: FailurePoint?,
                                _ body: (Int32, String) throws(FileError) -> Void) throws(FileError) {
        let display = displayPath(url)
        let target = try resolvedTarget(url, display: display)
        let temporary = temporaryPath(for: target)
        let existing = statIfPresent(target)
        if failure == .create { throw FileError(path: display, message: "cannot save: simulated failure creating a temporary file") }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw posixError(errno, display: display, action: "cannot save", directory: true) }
        var closed = false
        do throws(FileError) {
            if let existing { _ = fchmod(fd, existing.st_mode & 0o7777) }
            try body(fd, display)
            if failure == .sync { throw FileError(path: display, message: "cannot save: simulated failure flushing the file") }
            try sync(fd, display: display)
            closed = true
            guard close(fd) == 0 else { throw posixError(errno, display: display, action: "cannot save") }
            try commit(temporary, over: target, display: display, failRename: failure == .rename)
        } catch {
            if !closed { close(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// Renames the flushed temporary file over the target and flushes the directory.
    private static func commit(_ temporary: String, over target: String, display: String, failRename: Bool) throws(FileError) {
        if failRename { throw FileError(path: display, message: "cannot save: simulated failure renaming the new file into place") }
        guard rename(temporary, target) == 0 else { throw posixError(errno, display: display, action: "cannot save") }
        // Flush the directory entry. Some file systems refuse fsync on a directory (EINVAL); the rename has
        // happened by then and the data is on disk, so only an I/O error is reported.
        let directory = (target as NSString).deletingLastPathComponent
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            let result = fsync(dirFD)
            let code = errno
            close(dirFD)
            if result != 0 && code == EIO { throw posixError(code, display: display, action: "saved, but flushing the folder failed") }
        }
    }

    /// Flushes a file to stable storage (`F_FULLFSYNC` on Darwin, where `fsync` does not reach the platter).
    static func sync(_ fd: Int32, display: String) throws(FileError) {
        #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            if errno == EINVAL || errno == EROFS { return }  // not a syncable file (a pipe, a special file)
            throw posixError(errno, display: display, action: "cannot flush")
        }
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, display: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let result = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                throw posixError(errno, display: display, action: "cannot save")
            }
            offset += result
        }
    }

    /// The path a temporary file for `target` gets: hidden, in the same directory, unique.
    static func temporaryPath(for target: String) -> String {
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let file = ".\(name).tmp-\(getpid())-\(unique)"
        return directory.isEmpty ? file : directory + "/" + file
    }

    /// The path to replace: the target, or where it points when it is a symbolic link; refuses directories.
    private static func resolvedTarget(_ url: URL, display: String) throws(FileError) -> String {
        var path = url.path
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) {
            path = String(cString: real)
            free(real)
        }
        if let existing = statIfPresent(path), (existing.st_mode & S_IFMT) == S_IFDIR {
            throw FileError(path: display, message: "cannot save: it is a directory; give a file name")
        }
        return path
    }

    static func statIfPresent(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    // MARK: reading

    /// Reads a whole regular file; `progress` receives the fraction read.
    public static func read(_ url: URL, progress: ((Double) -> Void)? = nil) throws(FileError) -> [UInt8] {
        let display = displayPath(url)
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError(errno, display: display, action: "cannot read") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw posixError(errno, display: display, action: "cannot read") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw FileError(path: display, message: "cannot read: it is a directory, not a file")
        case S_IFREG: break
        default: throw FileError(path: display, message: "cannot read: it is not a regular file")
        }
        let expected = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: max(expected, 0))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file may have grown since fstat: probe for more.
                var probe = [UInt8](repeating: 0, count: 64 * 1024)
                let result = probe.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress!, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw posixError(errno, display: display, action: "cannot read")
                }
                if result == 0 { break }
                bytes.append(contentsOf: probe[0..<result])
                filled = bytes.count
                continue
            }
            let want = min(chunkSize, bytes.count - filled)
            let result = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + filled, want) }
            if result < 0 {
                if errno == EINTR { continue }
                throw posixError(errno, display: display, action: "cannot read")
            }
            if result == 0 { bytes.removeSubrange(filled...); break }  // the file shrank
            filled += result
            progress?(Double(filled) / Double(max(expected, filled, 1)))
        }
        progress?(1)
        return bytes
    }

    // MARK: errors

    /// The path as the reviewer typed it (relative paths stay relative).
    static func displayPath(_ url: URL) -> String {
        url.isFileURL ? url.relativePath : url.absoluteString
    }

    /// A lowercase error for an `errno`, e.g. "cannot read: no such file".
    static func posixError(_ code: Int32, display: String, action: String, directory: Bool = false) -> FileError {
        let reason: String
        switch code {
        case ENOENT: reason = directory ? "its folder does not exist" : "no such file"
        case EACCES, EPERM: reason = directory ? "permission denied (the folder is not writable)" : "permission denied"
        case EISDIR: reason = "it is a directory, not a file"
        case ENOTDIR: reason = "a part of the path is not a directory"
        case ENOSPC: reason = "the disk is full"
        case EDQUOT: reason = "the disk quota is exceeded"
        case EROFS: reason = "the file system is read-only"
        case ENAMETOOLONG: reason = "the name is too long"
        case ELOOP: reason = "too many symbolic links"
        case EIO: reason = "input/output error"
        case EXDEV: reason = "the temporary file is on another file system"
        default: reason = lowercased(String(cString: strerror(code)))
        }
        return FileError(path: display, message: "\(action): \(reason)")
    }

    static func lowercased(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

// `write`/`read` are shadowed by the static methods above; these reach the C functions.
@inline(__always) func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

@inline(__always) func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

#if os(Linux)
/// `sync_file_range(2)`, looked up at run time (Glibc's module map does not export the GNU extension).
private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
private let syncFileRange: SyncFileRange? = {
    guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
    return unsafeBitCast(symbol, to: SyncFileRange.self)
}()
#endif
