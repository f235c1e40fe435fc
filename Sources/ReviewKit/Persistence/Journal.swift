#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a session started from, so a recovered journal is replayed onto the same workspace.
public struct JournalBase: Codable, Sendable, Equatable {
    /// The kind of starting point.
    public enum Source: String, Codable, Sendable {
        /// An empty workspace (`new`).
        case empty
        /// The review compiled into the binary.
        case embedded
        /// A snapshot file.
        case file
    }

    /// The kind of starting point.
    public var source: Source
    /// A name for messages ("shaw.snapshot", "Shaw et al. 2025", "empty workspace").
    public var name: String
    /// The snapshot's absolute path, for `.file`.
    public var path: String?
    /// The snapshot's trailer checksum (8 lowercase hex digits), for `.file` and `.embedded`.
    public var checksum: String?

    /// Creates a base.
    public init(source: Source, name: String, path: String? = nil, checksum: String? = nil) {
        self.source = source
        self.name = name
        self.path = path
        self.checksum = checksum
    }

    /// An empty workspace.
    public static let empty = JournalBase(source: .empty, name: "empty workspace")

    /// The embedded review, identified by its snapshot checksum.
    public static var embedded: JournalBase {
        JournalBase(source: .embedded, name: EmbeddedReview.shortName, checksum: SnapshotWriter.hex(EmbeddedReview.checksum))
    }

    /// A snapshot file as loaded or saved (`SnapshotFile.load` / `write` give the info).
    public static func file(_ url: URL, info: SnapshotFile.Info) -> JournalBase {
        JournalBase(source: .file, name: url.lastPathComponent, path: url.standardizedFileURL.path, checksum: info.checksumText)
    }
}

/// A change to session state that lives beside the workspace in a snapshot: the notes or a setting.
///
/// Journaled like workspace changes, so an acknowledged `note` or `set` survives a crash too. Each edit
/// carries the resulting state (the whole notes list, a setting's new value), so replaying is idempotent.
public enum SessionEdit: Codable, Sendable, Equatable {
    /// The notes, in order, after the edit.
    case notes([String])
    /// A setting's new value; nil removes it (back to its default).
    case setting(key: String, value: String?)
}

/// One journaled change: the command that made it and the change as applied.
public struct JournalRecord: Codable, Sendable, Equatable {
    /// 1 for the first record after the base, then consecutive.
    public var sequence: Int
    /// The command text the reviewer typed (for history and messages).
    public var command: String
    /// The change that was applied (for `undo`, the inverse that undo applied); an empty batch for a session edit.
    public var change: WorkspaceChange
    /// The session state the command changed, when it changed notes or settings (nil in older journals).
    public var session: SessionEdit?

    /// Creates a record.
    public init(sequence: Int, command: String, change: WorkspaceChange, session: SessionEdit? = nil) {
        self.sequence = sequence
        self.command = command
        self.change = change
        self.session = session
    }

    enum CodingKeys: String, CodingKey {
        case sequence = "seq", command, change, session
    }
}

/// An append-only, fsync'd log of accepted changes, so that nothing accepted is lost in a crash.
///
/// The shell appends every change-making command (after `Workspace.apply` succeeded, before it tells
/// the reviewer). Records are dropped only by a save that was read back (`clear(after:)`, given a
/// `SnapshotFile.VerifiedSave`) or on purpose (`discardRecords(newBase:)`, `discard()`); `close()` keeps a
/// journal that holds records. If the process dies, the next start finds
/// the journal with `Journal.pending(at:)` or `Journal.pendingJournals(in:)` and replays it onto the
/// base with `JournalRecovery.replay(onto:)`. Format: docs/formats.md, "Journal".
///
/// While a journal is open its session holds an exclusive `flock` on `<journal>.lock`, so another
/// session never treats a live journal as a crashed one. Not thread-safe: use it from one thread.
public final class Journal {
    /// The journal file.
    public let url: URL
    /// What the session started from (changed by `clear(after:)` and `discardRecords(newBase:)`).
    public private(set) var base: JournalBase
    /// Records appended since the base.
    public private(set) var recordCount: Int

    private var fd: Int32
    private var lockFD: Int32
    private var size: off_t

    /// The first line of every journal.
    public static let header = "review-journal 1"

    // MARK: locations

    /// Where journals live: `$XDG_STATE_HOME/review`, else `$HOME/.local/state/review`, else a per-user folder in /tmp.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: defaultDirectoryPath(environment: environment), isDirectory: true)
    }

    /// ``defaultDirectory(environment:)`` as a path. Every start looks in this folder, and a run that finds no
    /// journal there never needs a `URL` (making the first one costs a tenth of a millisecond of start-up).
    public static func defaultDirectoryPath(environment: [String: String]) -> String {
        func joined(_ base: String, _ rest: String) -> String { (base.hasSuffix("/") ? base : base + "/") + rest }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return joined(state, "review") }
        if let home = environment["HOME"], home.hasPrefix("/") { return joined(home, ".local/state/review") }
        return "/tmp/review-\(getuid())"
    }

    /// A fresh, unique journal file name in `directory`: `journal-<UTC time>-<pid>-<random>.log`.
    public static func newURL(in directory: URL) -> URL {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return directory.appendingPathComponent("journal-\(stamp)-\(getpid())-\(random).log")
    }

    // MARK: opening

    /// Starts a journal at `url` (replacing any file there) holding `base` and, when recovering, the carried records.
    ///
    /// The header, base and carried records are written atomically and flushed before this returns, so a
    /// crash right after a recovery loses nothing. Creates the directory (mode 0700) when needed.
    public init(url: URL, base: JournalBase, carrying records: [JournalRecord] = []) throws(FileError) {
        self.url = url
        self.base = base
        self.recordCount = 0
        self.fd = -1
        self.lockFD = -1
        self.size = 0
        let display = AtomicFile.displayPath(url)
        let directory = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw FileError(path: display, message: "cannot create the journal folder '\(directory)'")
            }
        }
        lockFD = open(url.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw AtomicFile.posixError(errno, display: display + ".lock", action: "cannot lock the journal") }
        guard flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            posixClose(lockFD)
            lockFD = -1
            throw FileError(path: display, message: "the journal is in use by another running review session")
        }
        var bytes = Array((Journal.header + "\n").utf8)
        bytes += Journal.line(Journal.encode(BaseLine(base: base, pid: Int(getpid()), started: Journal.timestamp())))
        for (index, record) in records.enumerated() {
            var record = record
            record.sequence = index + 1
            bytes += Journal.line(Journal.encode(record))
        }
        do throws(FileError) {
            try AtomicFile.write(bytes, to: url)
            fd = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { throw AtomicFile.posixError(errno, display: display, action: "cannot open the journal") }
            _ = fchmod(fd, 0o600)  // the journal holds research data: owner only, like the history file
        } catch {
            posixClose(lockFD)
            lockFD = -1
            throw error
        }
        size = off_t(bytes.count)
        recordCount = records.count
    }

    deinit {
        if fd >= 0 { posixClose(fd) }
        if lockFD >= 0 { posixClose(lockFD) }
    }

    // MARK: writing

    /// Appends one change and flushes it to disk; when this returns, the change survives a crash.
    ///
    /// On failure (disk full, I/O error) the journal is cut back to its previous end, nothing is recorded,
    /// and the caller should undo the change in memory and report the error.
    public func append(command: String, change: WorkspaceChange) throws(FileError) {
        try append(JournalRecord(sequence: recordCount + 1, command: command, change: change))
    }

    /// Appends a change to the notes or a setting and flushes it, like `append(command:change:)`.
    public func append(command: String, session edit: SessionEdit) throws(FileError) {
        try append(JournalRecord(sequence: recordCount + 1, command: command, change: .batch([]), session: edit))
    }

    private func append(_ record: JournalRecord) throws(FileError) {
        let display = AtomicFile.displayPath(url)
        guard fd >= 0 else { throw FileError(path: display, message: "the journal is closed") }
        let bytes = Journal.line(Journal.encode(record))
        do throws(FileError) {
            try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in try AtomicFile.writeAll(fd, UnsafeRawBufferPointer(buffer), display: display) }
            try AtomicFile.sync(fd, display: display)
        } catch {
            _ = ftruncate(fd, size)
            throw error
        }
        size += off_t(bytes.count)
        recordCount += 1
    }

    /// Empties the journal once its changes are safe in a snapshot that was saved and read back.
    ///
    /// The only way a save lets go of journaled changes: `save` is `SnapshotFile.writeVerified`, which
    /// reads the file back and decodes it before returning the proof this takes. The journal then starts
    /// again from that file as its base.
    public func clear(after save: SnapshotFile.VerifiedSave) throws(FileError) {
        try restart(base: save.base)
    }

    /// Drops the journaled changes because the reviewer chose to (`load … discard`, `new`, answering "n" to
    /// a recovery), and starts again from `newBase`.
    public func discardRecords(newBase: JournalBase) throws(FileError) {
        try restart(base: newBase)
    }

    /// Empties the journal after a clean save: atomically rewritten with only its header and the (new) base.
    @available(*, deprecated, message: "use clear(after:) with a SnapshotFile.VerifiedSave, or discardRecords(newBase:) for an explicit discard")
    public func clear(base newBase: JournalBase? = nil) throws(FileError) {
        try restart(base: newBase ?? base)
    }

    /// Atomically rewrites the journal with only its header and `base`.
    private func restart(base: JournalBase) throws(FileError) {
        let display = AtomicFile.displayPath(url)
        var bytes = Array((Journal.header + "\n").utf8)
        bytes += Journal.line(Journal.encode(BaseLine(base: base, pid: Int(getpid()), started: Journal.timestamp())))
        try AtomicFile.write(bytes, to: url)
        let newFD = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard newFD >= 0 else { throw AtomicFile.posixError(errno, display: display, action: "cannot open the journal") }
        if fd >= 0 { posixClose(fd) }
        fd = newFD
        size = off_t(bytes.count)
        recordCount = 0
        self.base = base
    }

    /// Whether the journal holds changes that no verified save has covered yet.
    public var hasUnsavedRecords: Bool { recordCount > 0 }

    /// Closes the journal at the end of a session, keeping the file when it holds unsaved changes.
    ///
    /// A journal with no records since its base (nothing to lose) is removed with its lock file; one with
    /// records stays for the next start to offer for recovery. Use `discard()` to drop records on purpose.
    public func close() {
        close(removingFile: recordCount == 0)
    }

    /// Closes the journal and removes it with whatever it holds: the reviewer chose to drop the changes.
    public func discard() {
        close(removingFile: true)
    }

    /// Closes the journal; with `discard` (a clean exit with nothing unsaved) the journal file is removed.
    @available(*, deprecated, message: "use close(), which keeps unsaved records, or discard() to drop them on purpose")
    public func close(discard: Bool) {
        close(removingFile: discard)
    }

    /// Lets go of the file and its lock as a killed process would, leaving both behind (tests).
    func abandon() {
        close(removingFile: false)
    }

    private func close(removingFile: Bool) {
        if fd >= 0 { posixClose(fd); fd = -1 }
        if removingFile { unlink(url.path) }
        if lockFD >= 0 {
            if removingFile { unlink(url.path + ".lock") }
            posixClose(lockFD)
            lockFD = -1
        }
    }

    // MARK: recovery

    /// The journal a crashed session left at `url`, or nil when there is none or it holds no changes.
    ///
    /// A torn or damaged final record (the process died mid-write) is ignored and described in
    /// `JournalRecovery.ignored`; so is a damaged record in the middle, with everything after it, since
    /// later changes may depend on it. Throws when the file is not a journal, cannot be read, or belongs
    /// to a session that is still running.
    public static func pending(at url: URL) throws(FileError) -> JournalRecovery? {
        let display = AtomicFile.displayPath(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let lock = open(url.path + ".lock", O_RDWR | O_CLOEXEC)
        if lock >= 0 {
            defer { posixClose(lock) }
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
                throw FileError(path: display, message: "the journal is in use by a running review session")
            }
            flock(lock, LOCK_UN)
        }
        let bytes = try AtomicFile.read(url)
        let recovery = try parse(bytes, url: url)
        return recovery.records.isEmpty && recovery.ignored == nil ? nil : recovery
    }

    /// Every journal in `directory` left by a session that is no longer running and that holds changes, oldest first.
    ///
    /// Journals in use by live sessions are skipped; files that cannot be read or parsed are reported in `problems`.
    /// Temporary files that killed sessions left in `directory` are removed (`AtomicFile.removeStaleTemporaries`).
    public static func pendingJournals(in directory: URL) -> (recoveries: [JournalRecovery], problems: [FileError]) {
        pendingJournals(atPath: directory.path)
    }

    /// ``pendingJournals(in:)`` of a folder given by its path: a `URL` is made only for a journal found there.
    public static func pendingJournals(atPath directory: String) -> (recoveries: [JournalRecovery], problems: [FileError]) {
        // A session killed while it started or cleared its journal leaves a temporary file no later save in
        // this folder might remove (a session that changes nothing writes no journal): clean up here too.
        AtomicFile.removeStaleTemporaries(in: directory)
        guard let names = AtomicFile.entryNames(in: directory) else { return ([], []) }
        var recoveries: [JournalRecovery] = []
        var problems: [FileError] = []
        for name in names.sorted() where name.hasPrefix("journal-") && name.hasSuffix(".log") {
            let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(name)
            do {
                if let recovery = try pending(at: url) { recoveries.append(recovery) }
            } catch {
                if !error.message.contains("in use by a running") { problems.append(error) }
            }
        }
        return (recoveries, problems)
    }

    /// Parses journal bytes (exposed for tests and tools).
    static func parse(_ bytes: [UInt8], url: URL) throws(FileError) -> JournalRecovery {
        let display = AtomicFile.displayPath(url)
        let headerBytes = Array((header + "\n").utf8)
        guard bytes.count >= headerBytes.count, bytes.starts(with: headerBytes) else {
            if bytes.count < headerBytes.count && headerBytes.starts(with: bytes) {
                throw FileError(path: display, line: 1, message: "the journal was cut off before its base was written; it holds no changes")
            }
            throw FileError(path: display, line: 1, column: 1, message: "not a review journal: the first line should be '\(header)'")
        }
        var lines: [(start: Int, end: Int, complete: Bool)] = []
        var start = headerBytes.count
        while start < bytes.count {
            if let newline = bytes[start...].firstIndex(of: 10) {
                lines.append((start, newline, true))
                start = newline + 1
            } else {
                lines.append((start, bytes.count, false))
                start = bytes.count
            }
        }
        guard let first = lines.first, first.complete, let baseLine: BaseLine = decodeLine(bytes, first.start, first.end) else {
            throw FileError(path: display, line: 2, message: "the journal's base line is missing or damaged; it cannot be replayed")
        }
        var records: [JournalRecord] = []
        var ignored: JournalRecovery.Ignored?
        for (index, line) in lines.enumerated().dropFirst() {
            let lineNumber = index + 2
            let record: JournalRecord? = line.complete ? decodeLine(bytes, line.start, line.end) : nil
            if let record, record.sequence == records.count + 1 {
                records.append(record)
                continue
            }
            let remaining = lines.count - index - 1
            let reason: String
            if !line.complete {
                reason = "the last record was cut off mid-write (\(line.end - line.start) bytes, no newline); it was never acknowledged and is ignored"
            } else if record != nil {
                reason = "record at line \(lineNumber) is out of sequence (expected \(records.count + 1))"
                    + (remaining > 0 ? "; it and the \(remaining) line\(remaining == 1 ? "" : "s") after it are ignored" : "; it is ignored")
            } else {
                reason = remaining > 0
                    ? "record at line \(lineNumber) is damaged (checksum or syntax); it and the \(remaining) line\(remaining == 1 ? "" : "s") after it are ignored"
                    : "the last record is damaged (checksum or syntax); it is ignored"
            }
            ignored = JournalRecovery.Ignored(line: lineNumber, byteOffset: line.start, byteCount: bytes.count - line.start,
                                              linesAfter: remaining, isTornWrite: !line.complete || remaining == 0, reason: reason)
            break
        }
        return JournalRecovery(url: url, base: baseLine.base, pid: baseLine.pid, started: baseLine.started, records: records, ignored: ignored)
    }

    // MARK: encoding

    struct BaseLine: Codable {
        var base: JournalBase
        var pid: Int
        var started: String
    }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these value types cannot fail (no floats, no custom encoders that throw).
        return Array((try? encoder.encode(value)) ?? Data("null".utf8))
    }

    /// `<crc32 of json, 8 lowercase hex> <json>\n`.
    static func line(_ json: [UInt8]) -> [UInt8] {
        var out = Array(SnapshotWriter.hex(CRC32.checksum(json)).utf8)
        out.append(32)
        out += json
        out.append(10)
        return out
    }

    static func decodeLine<T: Decodable>(_ bytes: [UInt8], _ start: Int, _ end: Int) -> T? {
        guard end - start > 9, bytes[start + 8] == 32 else { return nil }
        let hexText = String(decoding: bytes[start..<(start + 8)], as: UTF8.self)
        guard hexText.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }), let expected = UInt32(hexText, radix: 16) else { return nil }
        let json = Array(bytes[(start + 9)..<end])
        guard CRC32.checksum(json) == expected else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(json))
    }

    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// A journal left by a session that ended without a clean save: what it started from and the changes to replay.
public struct JournalRecovery: Sendable {
    /// The part of a journal that could not be used.
    public struct Ignored: Sendable, Equatable {
        /// The line where the unusable part starts (line 1 is the header).
        public var line: Int
        /// Its byte offset in the file.
        public var byteOffset: Int
        /// Bytes from there to the end of the file.
        public var byteCount: Int
        /// Complete lines after the bad one (0 when it was the last).
        public var linesAfter: Int
        /// Whether this looks like a write cut off by a crash (the expected case) rather than damage.
        public var isTornWrite: Bool
        /// A lowercase explanation for the reviewer.
        public var reason: String
    }

    /// The journal file.
    public var url: URL
    /// What the crashed session started from.
    public var base: JournalBase
    /// The crashed session's process id.
    public var pid: Int
    /// When the journal was started (UTC, ISO 8601).
    public var started: String
    /// The complete records, in order.
    public var records: [JournalRecord]
    /// A torn or damaged tail that was left out, if any.
    public var ignored: Ignored?

    /// The outcome of a replay.
    public struct Replay: Sendable {
        /// The base with every record that applied.
        public var workspace: Workspace
        /// How many records applied (a prefix of `records`).
        public var applied: Int
        /// The first record that did not apply and why (the base differs from the one recorded), if any.
        public var failure: (record: JournalRecord, error: ReviewError)?
    }

    /// The session state after the records, starting from the base's `notes` and `settings` (a snapshot's).
    ///
    /// Call it with the same base as `replay(onto:)`; `upTo` (the replay's `applied`) stops where the
    /// workspace replay stopped, so notes and settings never run ahead of the workspace.
    public func replaySession(notes: [String], settings: [String: String], upTo applied: Int? = nil) -> (notes: [String], settings: [String: String]) {
        var notes = notes, settings = settings
        for record in records.prefix(applied ?? records.count) {
            switch record.session {
            case .notes(let list)?: notes = list
            case .setting(let key, let value)?: settings[key] = value
            case nil: break
            }
        }
        return (notes, settings)
    }

    /// Applies the records in order to `workspace` (the base, loaded again), stopping at the first that fails.
    public func replay(onto workspace: Workspace) -> Replay {
        var workspace = workspace
        for (index, record) in records.enumerated() {
            do {
                try workspace.apply(record.change)
            } catch {
                return Replay(workspace: workspace, applied: index, failure: (record, error))
            }
        }
        return Replay(workspace: workspace, applied: records.count, failure: nil)
    }

    /// Whether `info` (the base file as it is now) is the one the journal was recorded against.
    public func baseMatches(checksum: UInt32?) -> Bool {
        guard let recorded = base.checksum else { return checksum == nil }
        return checksum.map(SnapshotWriter.hex) == recorded
    }

    /// Removes the journal file (and its lock file) once its changes are safe elsewhere.
    public func discard() throws(FileError) {
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw AtomicFile.posixError(errno, display: AtomicFile.displayPath(url), action: "cannot remove the journal")
        }
        _ = unlink(url.path + ".lock")
    }
}

@inline(__always) @discardableResult func posixClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}
