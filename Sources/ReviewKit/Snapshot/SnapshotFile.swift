#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Saving and loading snapshot files: atomic, checksummed, validated, with progress for large workspaces.
///
/// `write` never leaves a damaged or half-written file where the previous good one was (see `AtomicFile`);
/// `read` hands back a snapshot only when the whole file is valid, and otherwise a `FileError` naming the
/// file, line and column. Both call `progress` with the fraction done (0…1) on the calling thread.
public enum SnapshotFile {
    /// What a load or save learned about the file besides its content.
    public struct Info: Sendable, Equatable {
        /// The format version of the file (the current one after a save; possibly older after a load).
        public var version: Int
        /// The CRC-32 in the file's trailer (`checksum crc32 …`), which identifies its content.
        public var checksum: UInt32
        /// The file's size in bytes.
        public var byteCount: Int

        /// The checksum as the file writes it: eight lowercase hex digits.
        public var checksumText: String { SnapshotWriter.hex(checksum) }
    }

    /// Encodes `snapshot` and atomically replaces the file at `url` with it; returns the new file's checksum and size.
    @discardableResult
    /// A cancel of `cancellation` (checked between quotes) throws a `FileError` marked `isInterruption` and leaves
    /// the file as it was.
    public static func write(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)? = nil,
                             cancellation: CancellationToken = .none) throws(FileError) -> Info {
        try write(snapshot, to: url, progress: progress, failingAt: nil, cancellation: cancellation)
    }

    /// A snapshot file that was written, then read back and decoded in full: proof that the save can be
    /// loaded, which `Journal.clear(after:)` asks for before it lets go of the changes it holds.
    public struct VerifiedSave: Sendable, Equatable {
        /// The file as the caller named it.
        public let url: URL
        /// Its version, checksum and size, as read back.
        public let info: Info

        /// The journal base this file now is.
        public var base: JournalBase { .file(url, info: info) }

        fileprivate init(url: URL, info: Info) {
            self.url = url
            self.info = info
        }
    }

    /// Writes `snapshot` like `write(_:to:progress:)`, reading the new file back and checking it before it
    /// replaces the old one.
    ///
    /// The check (`SnapshotReadBack`) reads the flushed temporary file a few MiB at a time: its checksum and
    /// size must be the ones just written, it must be UTF-8, every line must decode as `SnapshotReader`
    /// decodes it, and every quote must read back equal to the workspace's. Memory stays at a few MiB
    /// beyond the workspace (the whole-file decode it replaces held the file and a second workspace).
    /// Throws when the check fails: then the temporary file is removed, the old file stays as it was, and a
    /// journal must keep its changes. A save to a pipe or a device cannot be read back: it is written,
    /// then refused as unverified.
    public static func writeVerified(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)? = nil,
                                     cancellation: CancellationToken = .none) throws(FileError) -> VerifiedSave {
        try writeVerified(snapshot, to: url, progress: progress, failingAt: nil, cancellation: cancellation)
    }

    /// `writeVerified(_:to:progress:cancellation:)` with a failure injected into the write and the read-back's
    /// piece sizes chosen (tests only).
    static func writeVerified(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)?, failingAt failure: AtomicFile.FailurePoint?,
                              readSize: Int = 4 << 20, batchBytes: Int = 4 << 20, headMultiple: Int = 8,
                              cancellation: CancellationToken = .none) throws(FileError) -> VerifiedSave {
        // Writing is the first 60%, reading back the rest; never backwards.
        var highest = 0.0
        let report: ((Double) -> Void)? = progress.map { report in { fraction in
            guard fraction > highest else { return }
            highest = fraction
            report(fraction)
        } }
        var checked: Info?
        _ = try write(snapshot, to: url, progress: report.map { report in { report(0.6 * $0) } }, failingAt: failure,
                      cancellation: cancellation) { (fd, display, written) throws(FileError) in
            var readBack = SnapshotReadBack(snapshot: snapshot, display: display, expected: written)
            readBack.readSize = readSize
            readBack.batchBytes = batchBytes
            readBack.headMultiple = headMultiple
            readBack.progress = report.map { report in { report(0.6 + 0.4 * $0) } }
            readBack.cancellation = cancellation
            // A regular file open only for writing (standard output redirected to a file) is read through its path.
            var status = stat()
            guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, fcntl(fd, F_GETFL) & O_ACCMODE == O_WRONLY else {
                checked = try readBack.check(fd)
                return
            }
            let reader = open(url.path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard reader >= 0 else { throw SnapshotReadBack.notLoading(AtomicFile.posixError(errno, display: display, action: "cannot read")) }
            defer { posixClose(reader) }
            checked = try readBack.check(reader)
        }
        guard let checked else { throw FileError(path: AtomicFile.displayPath(url), message: "the save could not be read back to check it") }
        progress?(1)
        return VerifiedSave(url: url, info: checked)
    }

    /// Reads the snapshot at `url` back and checks it decodes and has the checksum `expected` gives.
    public static func verify(_ url: URL, expecting expected: Info) throws(FileError) -> VerifiedSave {
        let display = AtomicFile.displayPath(url)
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path: display, message: "saved, but it is not a regular file, so the save could not be read back to check it")
        }
        let loaded: (snapshot: Snapshot, info: Info)
        do throws(FileError) {
            loaded = try load(from: url)
        } catch {
            throw FileError(path: error.path ?? display, line: error.line, column: error.column,
                            message: "the saved file does not load back: \(error.message)", lineText: error.lineText)
        }
        guard loaded.info.checksum == expected.checksum, loaded.info.byteCount == expected.byteCount else {
            throw FileError(path: display, message: "the saved file changed before it could be checked (checksum \(loaded.info.checksumText), expected \(expected.checksumText))")
        }
        return VerifiedSave(url: url, info: loaded.info)
    }

    /// `write(_:to:progress:)` with a failure injected into the atomic write (tests only).
    /// `checkingWith`, when given, reads the flushed file back (see `AtomicFile.writeStreaming`) knowing the checksum
    /// and size just written.
    static func write(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)?, failingAt failure: AtomicFile.FailurePoint?,
                      cancellation: CancellationToken = .none,
                      checkingWith check: ((_ fd: Int32, _ display: String, _ written: Info) throws(FileError) -> Void)? = nil) throws(FileError) -> Info {
        // Never write what the reader would refuse: one rule per field (ValueRules), checked before the old file is touched.
        do throws(ReviewError) {
            try ValueRules.check(snapshot.workspace)
        } catch {
            throw FileError(path: AtomicFile.displayPath(url), message: "cannot save: \(error.message); a snapshot with it would not load again")
        }
        let quotes = snapshot.workspace.quotes
        let expected = 64 * 1024 + quotes.count * 64 + quotes.textByteCount
        var total = 0
        var last: [UInt8] = []
        var readBack: AtomicFile.ReadBack?
        if let check {
            readBack = { (fd, display) throws(FileError) in
                try check(fd, display, Info(version: Snapshot.formatVersion, checksum: trailerChecksum(last), byteCount: total))
            }
        }
        try AtomicFile.writeStreaming(to: url, expectedBytes: expected, progress: progress, failingAt: failure,
                                      checkingWith: readBack) { (emit) throws(FileError) in
            func counting(_ piece: UnsafeBufferPointer<UInt8>) throws(FileError) {
                total += piece.count
                try emit(piece)
            }
            last = try SnapshotWriter.stream(snapshot, chunkSize: 4 << 20, progress: nil, cancellation: cancellation, emit: counting)
            try last.withUnsafeBufferPointer { (piece) throws(FileError) in try counting(piece) }
        }
        progress?(1)
        return Info(version: Snapshot.formatVersion, checksum: trailerChecksum(last), byteCount: total)
    }

    /// Reads and validates the snapshot at `url`.
    public static func read(from url: URL, progress: ((Double) -> Void)? = nil) throws(FileError) -> Snapshot {
        try load(from: url, progress: progress).snapshot
    }

    /// Reads and validates the snapshot at `url`, with its version, checksum and size (for the journal's base).
    /// A cancel of `cancellation` throws a `FileError` marked `isInterruption`.
    public static func load(from url: URL, progress: ((Double) -> Void)? = nil,
                            cancellation: CancellationToken = .none) throws(FileError) -> (snapshot: Snapshot, info: Info) {
        let bytes = try AtomicFile.read(url, progress: progress.map { report in { report(0.3 * $0) } })
        let decoded = try SnapshotReader.decodeWithInfo(bytes, path: AtomicFile.displayPath(url),
                                                        progress: progress.map { report in { report(0.3 + 0.7 * $0) } },
                                                        cancellation: cancellation)
        return (decoded.snapshot, Info(version: decoded.version, checksum: decoded.checksum, byteCount: bytes.count))
    }

    /// The trailer checksum of encoded snapshot bytes (the writer always ends with it).
    static func trailerChecksum(_ bytes: [UInt8]) -> UInt32 {
        guard bytes.count > 9 else { return 0 }
        return UInt32(String(decoding: bytes[(bytes.count - 9)..<(bytes.count - 1)], as: UTF8.self), radix: 16) ?? 0
    }
}

extension EmbeddedReview {
    /// The checksum in the embedded snapshot's trailer (for a journal's base).
    public static var checksum: UInt32 { SnapshotFile.trailerChecksum(Array(text.utf8)) }
}
