#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The persistent command history: a bounded list of entries kept in a private file.
///
/// The file is managed here rather than with libedit's `H_SAVE`/`history_truncate_file`, whose
/// truncation drops the format header on Debian and makes the next load fail. Every `add` re-reads
/// the file (so concurrent sessions append to, rather than overwrite, each other's history), keeps
/// the newest `limit` entries, and replaces the file atomically: write a temporary file in the same
/// directory, fsync, chmod 0600, rename. Directories it creates are 0700.
///
/// Entries are not recorded when empty or blank, when they start with a space (a way to keep a
/// command out of history), when longer than `maxEntryBytes`, or when equal to the newest entry.
///
/// A file that is not a history file is never overwritten in place: it is renamed to
/// `<name>.unrecognised` (or `.unrecognised-2`, …), any text lines in it are recovered as entries,
/// and `problem` says so. A file that cannot be read is left alone and history is kept in memory.
final class HistoryStore {
    /// The history file, or nil to keep history in memory only.
    let url: URL?
    /// The maximum number of entries kept.
    let limit: Int
    /// Entries longer than this (in UTF-8 bytes) are not recorded.
    static let maxEntryBytes = 64 * 1024
    /// The entries, oldest first, as last loaded or saved.
    private(set) var entries: [String] = []
    /// The most recent load or save problem, or nil if the last operation succeeded.
    private(set) var problem: HistoryProblem?
    /// Set once the file turned out unreadable or immovable, so it is never overwritten.
    private var writeBlocked = false

    /// Loads the history at `url` (if any), keeping at most `limit` entries.
    init(url: URL?, limit: Int = 1000) {
        self.url = url.map { URL(fileURLWithPath: Self.followingSymlinks($0.standardizedFileURL.path)) }
        self.limit = max(1, limit)
        entries = load()
        if case .unrecognised(_, _, let recovered)? = problem, recovered > 0 {
            save()  // the recovered entries now live only in memory; put them in a proper file
        }
    }

    /// `path` with symbolic links in its last component followed (even dangling ones), so saving
    /// replaces the link's target instead of turning the link into a regular file.
    static func followingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<32 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/")
                ? target
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return current
    }

    /// Whether `entry` is worth recording at all (ignoring duplicates).
    static func isRecordable(_ entry: String) -> Bool {
        guard !entry.isEmpty, entry.utf8.count <= maxEntryBytes else { return false }
        guard let first = entry.first, first != " " else { return false }
        return entry.contains { !$0.isWhitespace }
    }

    /// Records `entry` and saves the file; returns whether it was recorded (see the type's rules).
    @discardableResult
    func add(_ entry: String) -> Bool {
        guard Self.isRecordable(entry) else { return false }
        var current = url == nil || writeBlocked ? entries : load()
        guard current.last != entry else {
            entries = current
            return false
        }
        current.append(entry)
        if current.count > limit { current.removeFirst(current.count - limit) }
        entries = current
        save()
        return true
    }

    // MARK: - Loading

    private func load() -> [String] {
        guard let url else { return entries }
        let path = url.path
        let bytes: [UInt8]
        switch readFile(path) {
        case .missing:
            return []
        case .failed(let reason):
            problem = .unreadable(path: path, reason: reason)
            writeBlocked = true
            return entries
        case .tooLarge:
            return moveAside(path, recovered: [])
        case .bytes(let data):
            bytes = data
        }
        switch HistoryFileFormat.decode(bytes) {
        case .entries(let loaded):
            return Array(loaded.suffix(limit))
        case .headerless(let lines):
            return moveAside(path, recovered: Array(lines.filter(Self.isRecordable).suffix(limit)))
        case .binary:
            return moveAside(path, recovered: [])
        }
    }

    private enum ReadResult { case missing, failed(String), tooLarge, bytes([UInt8]) }

    /// Files bigger than this are not history files (1000 entries of 64 KiB is 64 MiB).
    private static let maxFileBytes = 80 * 1024 * 1024

    private func readFile(_ path: String) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            return errno == ENOENT ? .missing : .failed(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            return .failed("not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > Self.maxFileBytes { return .tooLarge }
        }
        return .bytes(bytes)
    }

    /// Renames a foreign file out of the way so it is preserved, and starts from `recovered`.
    private func moveAside(_ path: String, recovered: [String]) -> [String] {
        var target = path + ".unrecognised"
        var suffix = 2
        while access(target, F_OK) == 0, suffix < 1000 {
            target = path + ".unrecognised-\(suffix)"
            suffix += 1
        }
        if access(target, F_OK) != 0, rename(path, target) == 0 {
            problem = .unrecognised(path: path, movedTo: target, recovered: recovered.count)
            return recovered
        }
        problem = .unrecognisedKept(path: path, reason: String(cString: strerror(errno)))
        writeBlocked = true
        return recovered
    }

    // MARK: - Saving

    private func save() {
        guard let url, !writeBlocked else { return }
        let path = url.path
        do {
            try Self.makeDirectories(url.deletingLastPathComponent().path)
            try Self.writeAtomically(Array(HistoryFileFormat.encode(entries).utf8), to: path)
            if case .saveFailed = problem { problem = nil }
        } catch {
            problem = .saveFailed(path: path, reason: "\(error)")
        }
    }

    /// A failed system call, described with `strerror`.
    struct SystemError: Error, CustomStringConvertible {
        /// What was being attempted.
        let operation: String
        /// The errno value.
        let code: Int32
        /// "operation: reason".
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// Creates `path` and missing parents with mode 0700, leaving existing directories alone.
    static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw SystemError(operation: "mkdir \(path)", code: errno)
        }
    }

    /// Replaces `path` with `bytes` so that readers see either the old or the new file, mode 0600.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0, errno == EEXIST {
            // Left over from a crashed process that had our pid: it is ours to replace.
            unlink(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else { throw SystemError(operation: "create \(temporary)", code: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SystemError(operation: "write \(temporary)", code: errno)
                }
                offset += written
            }
            guard fchmod(fd, 0o600) == 0 else { throw SystemError(operation: "chmod \(temporary)", code: errno) }
            guard fsync(fd) == 0 else { throw SystemError(operation: "fsync \(temporary)", code: errno) }
            closed = true
            guard close(fd) == 0 else { throw SystemError(operation: "close \(temporary)", code: errno) }
            guard rename(temporary, path) == 0 else { throw SystemError(operation: "rename to \(path)", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; failure here loses nothing already visible.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }
}
