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
///
/// What a path names decides how it is written (docs/formats.md, "Files are written safely"):
/// - a regular file (or no file yet) is replaced atomically; an existing file keeps its owner and mode,
///   and the write is refused when they cannot be kept;
/// - a symbolic link is followed, so the file it points to is replaced, except a link in a shared sticky
///   folder such as /tmp that belongs to someone else (the kernel's `protected_symlinks` rule), which is refused;
/// - a named pipe or a character device (`/dev/null`, a terminal) is written in place, never renamed over;
///   `/dev/stdout`, `/dev/fd/N` and `/proc/self/fd/N` write to the open descriptor itself;
/// - a directory, a block device or a socket is refused.
///
/// Before a temporary file is created, temporaries of this naming (`.NAME.tmp-PID-RANDOM`) that a killed
/// writer left in the same folder are removed: only regular files owned by this user whose writer process
/// no longer exists, or that have not been written for a day.
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

    /// Reads a file just written back through its descriptor (`fd`, `display`) and throws when it is not right.
    typealias ReadBack = (_ fd: Int32, _ display: String) throws(FileError) -> Void

    /// Bytes per `write(2)`/`read(2)` call; progress is reported once per chunk.
    static let chunkSize = 8 << 20

    /// The most a pipe, a terminal or another stream is read before the read is refused (it may never end).
    public static let maximumStreamBytes = 1 << 31

    /// A temporary file whose writer is gone is removed when it is at least this old (seconds); one whose
    /// writer still runs (or cannot be checked) only when it has not been written for `abandonedAge`.
    static let abandonedAge: Double = 24 * 60 * 60

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
    ///
    /// `check`, when given, reads the written file back through the descriptor after the `fsync` and before
    /// the rename (the descriptor is then open for reading too): when it throws, the temporary file is removed
    /// and the old file is left as it was. For a pipe or a device it runs after the write, on its descriptor.
    static func writeStreaming(to url: URL, expectedBytes: Int, progress: ((Double) -> Void)?, failingAt failure: FailurePoint?,
                               checkingWith check: ReadBack? = nil,
                               _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) -> Void) throws(FileError) {
        try replace(url, failingAt: failure, checkingWith: check) { (fd: Int32, display: String) throws(FileError) in
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
    /// removed and the error is rethrown as a `FileError`. When `url` is a pipe or a device, the file is
    /// produced in a private temporary folder and then copied to it.
    public static func replace(_ url: URL, producingAt produce: (URL) throws -> Void) throws(FileError) {
        let display = displayPath(url)
        let destination = try Destination.resolve(url.path, display: display)
        let temporary: String
        var privateFolder: String?
        switch destination {
        case .replace(let target, _):
            removeStaleTemporaries(in: directory(of: target))
            temporary = temporaryPath(for: target)
        case .inPlace, .descriptor:
            var template = Array((NSTemporaryDirectory() + "/review-export-XXXXXX").utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw posixError(errno, display: display, action: "cannot write")
            }
            privateFolder = String(cString: made)
            temporary = privateFolder! + "/export"
        }
        let cleanup = {
            for suffix in ["", "-journal", "-wal", "-shm"] { _ = unlink(temporary + suffix) }
            if let privateFolder { _ = rmdir(privateFolder) }
        }
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
            for suffix in ["-journal", "-wal", "-shm"] { _ = unlink(temporary + suffix) }
            switch destination {
            case .replace(let target, let existing):
                let fd = open(temporary, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw posixError(errno, display: display, action: "cannot write") }
                defer { posixClose(fd) }
                if let existing { try keepOwnerAndMode(fd, of: existing, display: display) }
                try sync(fd, display: display)
                try commit(temporary, over: target, display: display, failRename: false)
            case .inPlace, .descriptor:
                let bytes = try read(URL(fileURLWithPath: temporary))
                let fd = try destination.openInPlace(display: display)
                defer { posixClose(fd) }
                try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in try writeAll(fd, UnsafeRawBufferPointer(buffer), display: display) }
                try sync(fd, display: display)
                cleanup()
            }
        } catch {
            cleanup()
            throw error
        }
    }

    /// Creates a temporary file beside the target, lets `body` fill it, then flushes and renames it;
    /// for a pipe or a device, `body` writes to it directly.
    private static func replace(_ url: URL, failingAt failure: FailurePoint?, checkingWith check: ReadBack? = nil,
                                _ body: (Int32, String) throws(FileError) -> Void) throws(FileError) {
        let display = displayPath(url)
        let destination = try Destination.resolve(url.path, display: display)
        guard case .replace(let target, let existing) = destination else {
            let fd = try destination.openInPlace(display: display)
            defer { posixClose(fd) }
            try body(fd, display)
            try sync(fd, display: display)
            try check?(fd, display)
            return
        }
        let folder = directory(of: target)
        removeStaleTemporaries(in: folder)
        let temporary = temporaryPath(for: target)
        if failure == .create { throw FileError(path: display, message: "cannot save: simulated failure creating a temporary file") }
        // Open for reading too when the file is to be read back: the descriptor, not the path, so the check
        // reads this very file whatever its permission bits become (`keepOwnerAndMode`).
        let fd = open(temporary, (check == nil ? O_WRONLY : O_RDWR) | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw folderError(errno, folder: folder, display: display) }
        var closed = false
        do throws(FileError) {
            if let existing { try keepOwnerAndMode(fd, of: existing, display: display) }
            try body(fd, display)
            if failure == .sync { throw FileError(path: display, message: "cannot save: simulated failure flushing the file") }
            try sync(fd, display: display)
            try check?(fd, display)
            closed = true
            guard posixClose(fd) == 0 else { throw posixError(errno, display: display, action: "cannot save") }
            try commit(temporary, over: target, display: display, failRename: failure == .rename)
        } catch {
            if !closed { posixClose(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// Gives the new file the owner, group and permission bits of the file it replaces, or refuses.
    ///
    /// Renaming a new file over an old one would otherwise hand another user's file to whoever saved it
    /// (and drop its group). Ownership can only be given away by root; anyone can keep a group they are in.
    private static func keepOwnerAndMode(_ fd: Int32, of existing: stat, display: String) throws(FileError) {
        var created = stat()
        guard fstat(fd, &created) == 0 else { throw posixError(errno, display: display, action: "cannot save") }
        if created.st_uid != existing.st_uid || created.st_gid != existing.st_gid {
            guard fchown(fd, existing.st_uid, existing.st_gid) == 0 else {
                let whose = created.st_uid != existing.st_uid ? "belongs to another user (uid \(existing.st_uid))" : "belongs to group \(existing.st_gid), which this user cannot give a file to"
                throw FileError(path: display, message: "cannot save: the file \(whose), and replacing it would change its owner; save under another name, or ask its owner")
            }
        }
        guard fchmod(fd, existing.st_mode & 0o7777) == 0 else {
            throw FileError(path: display, message: "cannot save: the file's permissions (\(String(existing.st_mode & 0o7777, radix: 8))) could not be kept")
        }
    }

    /// Renames the flushed temporary file over the target and flushes the directory.
    private static func commit(_ temporary: String, over target: String, display: String, failRename: Bool) throws(FileError) {
        if failRename { throw FileError(path: display, message: "cannot save: simulated failure renaming the new file into place") }
        guard rename(temporary, target) == 0 else { throw posixError(errno, display: display, action: "cannot save") }
        // Flush the directory entry. Some file systems refuse fsync on a directory (EINVAL); the rename has
        // happened by then and the data is on disk, so only an I/O error is reported.
        let dirFD = open(directory(of: target), O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            let result = fsync(dirFD)
            let code = errno
            posixClose(dirFD)
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
            if errno == EINVAL || errno == EROFS || errno == ENOTSUP { return }  // not a syncable file (a pipe, a device)
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

    /// The prefix of the random part of a temporary file's name, after `.NAME`.
    static let temporaryMarker = ".tmp-"

    /// The path a temporary file for `target` gets: hidden, in the same directory, unique: `.NAME.tmp-PID-RANDOM`.
    static func temporaryPath(for target: String) -> String {
        let name = (target as NSString).lastPathComponent
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return directory(of: target) + "/." + name + temporaryMarker + "\(getpid())-\(unique)"
    }

    /// The folder of a path ("." for a bare name).
    static func directory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    // MARK: stale temporaries

    /// The writer's process id when `name` is one of our temporary files (`.NAME.tmp-PID-RANDOM`, optionally
    /// with SQLite's `-journal`, `-wal` or `-shm`), else nil.
    static func temporaryWriter(_ name: String) -> Int32? {
        guard name.hasPrefix("."), let marker = name.range(of: temporaryMarker, options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        var rest = Substring(name[marker.upperBound...])
        for suffix in ["-journal", "-wal", "-shm"] where rest.hasSuffix(suffix) { rest = rest.dropLast(suffix.count) }
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 10, parts[0].allSatisfy({ $0 >= "0" && $0 <= "9" }),
              !parts[1].isEmpty, parts[1].count <= 13, parts[1].allSatisfy({ ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "z") }),
              let pid = Int32(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// The names of a folder's entries other than `.` and `..`, in the order the file system gives them; nil when
    /// the folder cannot be read. A `readdir` loop: every launch lists the journal folder, and Foundation's
    /// `FileManager` listing cost more than the rest of that check.
    static func entryNames(in folder: String) -> [String]? {
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the temporary files a killed writer left in `folder`; returns how many were removed.
    ///
    /// Only files named as `temporaryPath` names them, that are regular files owned by this user, and
    /// whose writer process no longer exists (or that nobody has written for `abandonedAge`). A live
    /// writer's file is never touched. Errors are ignored: this is housekeeping.
    @discardableResult
    static func removeStaleTemporaries(in folder: String, now: Double = Date().timeIntervalSince1970) -> Int {
        guard let names = entryNames(in: folder) else { return 0 }
        let candidates = names.compactMap { name in temporaryWriter(name).map { (name: name, pid: $0) } }
        var removed = 0
        let me = geteuid()
        for candidate in candidates {
            let path = folder + "/" + candidate.name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == me else { continue }
            #if os(Linux)
            let modified = info.st_mtim
            #else
            let modified = info.st_mtimespec
            #endif
            let age = now - (Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9)
            let writerGone = candidate.pid != getpid() && kill(candidate.pid, 0) != 0 && errno == ESRCH
            guard writerGone || age >= abandonedAge else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    // MARK: destinations

    /// Where a write goes once the path has been looked at.
    enum Destination: Equatable {
        /// Replace (or create) the regular file at `path` through a temporary file; `existing` is its status when present.
        case replace(path: String, existing: stat?)
        /// Write into the pipe or character device at `path` without renaming anything.
        case inPlace(path: String)
        /// Write to this process's open descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`).
        case descriptor(Int32)

        static func == (a: Destination, b: Destination) -> Bool {
            switch (a, b) {
            case (.replace(let p, let x), .replace(let q, let y)): return p == q && x?.st_ino == y?.st_ino && x?.st_dev == y?.st_dev
            case (.inPlace(let p), .inPlace(let q)): return p == q
            case (.descriptor(let m), .descriptor(let n)): return m == n
            default: return false
            }
        }

        /// Follows symbolic links (refusing unsafe ones) and decides how `path` is written.
        static func resolve(_ path: String, display: String) throws(FileError) -> Destination {
            var path = path
            for _ in 0..<40 {
                if let fd = openDescriptorNumber(path) { return .descriptor(fd) }
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    let code = errno
                    if code == ENOENT { return .replace(path: path, existing: nil) }
                    if code == ENOTDIR { throw FileError(path: display, message: "cannot save: a part of the path is not a folder") }
                    throw posixError(code, display: display, action: "cannot save")
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    try checkLinkMayBeFollowed(path, link: info, display: display)
                    guard let target = readLink(path) else { throw posixError(errno, display: display, action: "cannot save") }
                    path = target.hasPrefix("/") ? target : directory(of: path) + "/" + target
                case S_IFREG:
                    try checkFileMayBeReplaced(path, file: info, display: display)
                    return .replace(path: path, existing: info)
                case S_IFDIR:
                    throw FileError(path: display, message: "cannot save: it is a directory; give a file name")
                case S_IFIFO, S_IFCHR:
                    return .inPlace(path: path)
                case S_IFBLK:
                    throw FileError(path: display, message: "cannot save: it is a block device (a disk); refusing to write to it")
                case S_IFSOCK:
                    throw FileError(path: display, message: "cannot save: it is a socket, not a file")
                default:
                    throw FileError(path: display, message: "cannot save: it is not a regular file; refusing to replace it")
                }
            }
            throw FileError(path: display, message: "cannot save: too many symbolic links")
        }

        /// The descriptor number when `path` names one of this process's open files.
        static func openDescriptorNumber(_ path: String) -> Int32? {
            switch path {
            case "/dev/stdin": return 0
            case "/dev/stdout": return 1
            case "/dev/stderr": return 2
            default: break
            }
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
                let number = path.dropFirst(prefix.count)
                if !number.isEmpty, number.count <= 9, number.allSatisfy({ $0 >= "0" && $0 <= "9" }) { return Int32(number) }
            }
            return nil
        }

        /// Opens the pipe, device or descriptor for writing, without blocking on a pipe nobody reads.
        func openInPlace(display: String) throws(FileError) -> Int32 {
            switch self {
            case .replace:
                preconditionFailure("a replaced file is written through a temporary file")
            case .descriptor(let number):
                let fd = fcntl(number, F_DUPFD_CLOEXEC, 0)
                guard fd >= 0 else {
                    throw FileError(path: display, message: errno == EBADF ? "cannot save: descriptor \(number) is not open" : "cannot save: \(String(cString: strerror(errno)).lowercased())")
                }
                return fd
            case .inPlace(let path):
                let fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else {
                    if errno == ENXIO { throw FileError(path: display, message: "cannot save: it is a named pipe (FIFO) and no process is reading from it") }
                    throw posixError(errno, display: display, action: "cannot save")
                }
                var info = stat()
                guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO || (info.st_mode & S_IFMT) == S_IFCHR else {
                    posixClose(fd)
                    throw FileError(path: display, message: "cannot save: the file changed while it was being saved; try again")
                }
                // Writes block as a pipe fills, as they would for any program writing to it.
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                return fd
            }
        }

        /// Refuses a symbolic link that the kernel's `protected_symlinks` rule would refuse: one in a sticky,
        /// world-writable folder (such as /tmp) owned neither by this user nor by the folder's owner.
        static func checkLinkMayBeFollowed(_ path: String, link: stat, display: String) throws(FileError) {
            guard link.st_uid != geteuid() else { return }
            var folder = stat()
            guard lstat(directory(of: path), &folder) == 0 else { return }
            guard folder.st_mode & (S_ISVTX | S_IWOTH) == (S_ISVTX | S_IWOTH), folder.st_uid != link.st_uid else { return }
            throw FileError(path: display, message: "cannot save: refusing to follow a symbolic link owned by another user (uid \(link.st_uid)) in a shared folder; someone else may have planted it")
        }

        /// Refuses to replace a file another user owns in a sticky, world-writable folder (the kernel's
        /// `protected_regular` rule): its owner would keep the new content.
        static func checkFileMayBeReplaced(_ path: String, file: stat, display: String) throws(FileError) {
            guard file.st_uid != geteuid() else { return }
            var folder = stat()
            guard lstat(directory(of: path), &folder) == 0 else { return }
            guard folder.st_mode & (S_ISVTX | S_IWOTH) == (S_ISVTX | S_IWOTH), folder.st_uid != file.st_uid else { return }
            throw FileError(path: display, message: "cannot save: the file belongs to another user (uid \(file.st_uid)) in a shared folder; save under another name")
        }

        static func readLink(_ path: String) -> String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &buffer, buffer.count - 1)
            guard count >= 0 else { return nil }
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    static func statIfPresent(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    // MARK: reading

    /// Reads a whole file; `progress` receives the fraction read.
    ///
    /// A regular file is read to its end. A pipe (a named pipe, or `/dev/stdin` fed by a pipe) is read
    /// to its end too, but one with no process writing to it is refused at once instead of waiting
    /// forever. A terminal is read only with `allowingTerminal` (the `-` convention for standard input);
    /// other devices (`/dev/zero`, `/dev/null`), directories and sockets are refused with a message that says so.
    public static func read(_ url: URL, progress: ((Double) -> Void)? = nil, allowingTerminal: Bool = false) throws(FileError) -> [UInt8] {
        let display = displayPath(url)
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO { throw FileError(path: display, message: "cannot read: it is a socket or a device that cannot be opened, not a file") }
            throw posixError(errno, display: display, action: "cannot read")
        }
        defer { posixClose(fd) }
        return try read(descriptor: fd, display: display, progress: progress, allowingTerminal: allowingTerminal)
    }

    /// Reads everything from an open descriptor (standard input for `-`), with the rules of `read(_:progress:allowingTerminal:)`.
    public static func read(descriptor fd: Int32, display: String, progress: ((Double) -> Void)? = nil,
                            allowingTerminal: Bool = true) throws(FileError) -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw posixError(errno, display: display, action: "cannot read") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw FileError(path: display, message: "cannot read: it is a directory, not a file")
        case S_IFREG:
            setBlocking(fd)
            return try readRegular(fd, expected: Int(info.st_size), display: display, progress: progress)
        case S_IFIFO, S_IFSOCK:
            return try readStream(fd, display: display, progress: progress, isPipe: true)
        case S_IFCHR:
            if isatty(fd) == 1 {
                guard allowingTerminal else {
                    throw FileError(path: display, message: "cannot read: it is a terminal, not a file; give a file name, or pipe the file in")
                }
                setBlocking(fd)
                return try readStream(fd, display: display, progress: progress, isPipe: false)
            }
            throw FileError(path: display, message: "cannot read: it is a device (such as /dev/zero or /dev/null), not a file")
        case S_IFBLK:
            throw FileError(path: display, message: "cannot read: it is a block device (a disk), not a file")
        default:
            throw FileError(path: display, message: "cannot read: it is not a regular file")
        }
    }

    private static func setBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 && flags & O_NONBLOCK != 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    }

    private static func readRegular(_ fd: Int32, expected: Int, display: String, progress: ((Double) -> Void)?) throws(FileError) -> [UInt8] {
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

    /// How long a read waits for a process to start writing to a named pipe that has no writer yet (seconds).
    public static let pipeWriterWait: Double = 2

    /// Reads a pipe or terminal to its end.
    ///
    /// The pipe was opened without blocking, so opening it did not wait for a writer. If it has no data and
    /// no writer, a read returns 0 at once; then a writer gets `pipeWriterWait` seconds to appear (a producer
    /// started beside `review`), after which the read is refused instead of waiting forever. Once a writer
    /// is there, reading blocks normally until it closes the pipe.
    private static func readStream(_ fd: Int32, display: String, progress: ((Double) -> Void)?, isPipe: Bool) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var waitingForWriter = isPipe
        var waited = false
        while true {
            let result = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress!, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A writer is there but has not written yet: wait for it like any reader of a pipe.
                    setBlocking(fd)
                    waitingForWriter = false
                    continue
                }
                throw posixError(errno, display: display, action: "cannot read")
            }
            if result == 0 {
                guard waitingForWriter else { break }
                guard !waited else {
                    throw FileError(path: display, message: "cannot read: it is a named pipe and no process is writing to it (waited \(Int(pipeWriterWait)) s)")
                }
                waited = true
                var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&request, 1, Int32(pipeWriterWait * 1000)) > 0 {
                    // Data came, or a writer came and went: read on normally.
                    setBlocking(fd)
                    waitingForWriter = false
                }
                // Otherwise one more read tells a writer that has not written yet (EAGAIN) from none (0).
                continue
            }
            if waitingForWriter { setBlocking(fd); waitingForWriter = false }
            guard bytes.count + result <= maximumStreamBytes else {
                throw FileError(path: display, message: "cannot read: the stream is longer than \(maximumStreamBytes >> 20) MiB; save it to a file first")
            }
            bytes.append(contentsOf: chunk[0..<result])
            progress?(0.5)
        }
        progress?(1)
        return bytes
    }

    // MARK: errors

    /// The path as the reviewer typed it (relative paths stay relative).
    static func displayPath(_ url: URL) -> String {
        url.isFileURL ? url.relativePath : url.absoluteString
    }

    /// Why a temporary file could not be created in `folder`, said about the folder.
    static func folderError(_ code: Int32, folder: String, display: String) -> FileError {
        let name = folder == "." ? "the current folder" : "the folder '\(folder)'"
        var info = stat()
        let exists = stat(folder, &info) == 0
        let reason: String
        switch code {
        case ENOENT: reason = exists ? "\(name) cannot be written to" : "\(name) does not exist"
        case ENOTDIR: reason = "a part of the path is not a folder"
        case EACCES, EPERM: reason = "\(name) is not writable (permission denied)"
        case EROFS: reason = "\(name) is on a read-only file system"
        case ENOSPC: reason = "the disk is full"
        case EDQUOT: reason = "the disk quota is exceeded"
        default: return posixError(code, display: display, action: "cannot save")
        }
        return FileError(path: display, message: "cannot save: \(reason)")
    }

    /// A lowercase error for an `errno`, e.g. "cannot read: no such file".
    static func posixError(_ code: Int32, display: String, action: String) -> FileError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES, EPERM: reason = "permission denied"
        case EISDIR: reason = "it is a directory, not a file"
        case ENOTDIR: reason = "a part of the path is not a folder"
        case ENOSPC: reason = "the disk is full"
        case EDQUOT: reason = "the disk quota is exceeded"
        case EROFS: reason = "the file system is read-only"
        case ENAMETOOLONG: reason = "the name is too long"
        case ELOOP: reason = "too many symbolic links"
        case EIO: reason = "input/output error"
        case EXDEV: reason = "the temporary file is on another file system"
        case EPIPE: reason = "the program reading the output has stopped"
        case EFBIG: reason = "the file is too large for this file system"
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
