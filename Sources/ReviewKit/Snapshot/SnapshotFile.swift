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

    /// Writes `snapshot` like `write(_:to:progress:)`, then reads the file back and decodes it.
    ///
    /// Throws when the file cannot be read back, does not decode, or is not the bytes just written (its
    /// checksum differs): then the save cannot be trusted, and a journal must keep its changes. A save
    /// to a pipe or a device cannot be read back and so is never verified.
    public static func writeVerified(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)? = nil,
                                     cancellation: CancellationToken = .none) throws(FileError) -> VerifiedSave {
        let written = try write(snapshot, to: url, progress: progress.map { report in { report(0.6 * $0) } }, failingAt: nil,
                                cancellation: cancellation)
        let verified = try verify(url, expecting: written)
        progress?(1)
        return verified
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
    static func write(_ snapshot: Snapshot, to url: URL, progress: ((Double) -> Void)?, failingAt failure: AtomicFile.FailurePoint?,
                      cancellation: CancellationToken = .none) throws(FileError) -> Info {
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
        try AtomicFile.writeStreaming(to: url, expectedBytes: expected, progress: progress, failingAt: failure) { (emit) throws(FileError) in
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
