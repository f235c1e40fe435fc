#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A binary copy of a large snapshot's quote columns, kept in the user's cache folder, so that loading the same
/// snapshot again reads its quotes as they sit in memory instead of parsing a million text lines.
///
/// The text snapshot stays the file people keep, diff and share; the cache is derived from it and disposable.
/// It is made after a snapshot of at least `minimumSnapshotBytes` was loaded (and so fully checked: checksum,
/// UTF-8, every field), and used only while the snapshot is the same file: the same size, modification time,
/// inode and trailer checksum as when the cache was made. Otherwise — or when the cache is damaged (its own
/// 64-bit check value differs), written by another layout of the quote columns, or cannot be read — it is
/// ignored, the snapshot is loaded from its text, and the cache is made again. Everything that is not a quote
/// (settings, studies, sub-themes, findings, notes, and any section a newer build adds) is still read from the
/// snapshot's text each time, so only the @quotes lines are ever taken from the cache.
public enum SnapshotCache {
    /// Snapshots smaller than this load fast enough from text and get no cache.
    public static let minimumSnapshotBytes = 16 << 20

    /// `$XDG_CACHE_HOME/review`, else `$HOME/.cache/review`; nil when neither is set (no cache is kept).
    public static func defaultDirectory(environment: [String: String]) -> URL? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache).appendingPathComponent("review", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/review", isDirectory: true)
        }
        return nil
    }

    /// How a load went.
    public enum Outcome: Sendable, Equatable {
        /// The quotes came from a valid cache.
        case cached
        /// Loaded from text; a cache was written for next time.
        case rebuilt
        /// Loaded from text; no cache (too small, none kept, or it could not be written).
        case text
    }

    /// Loads the snapshot at `url` like `SnapshotFile.load`, taking its quotes from the cache in `directory` when it is
    /// valid, and (re)making the cache after a text load of a large snapshot. Errors are the text load's.
    public static func load(from url: URL, cacheDirectory directory: URL?, minimumBytes: Int = minimumSnapshotBytes,
                            progress: ((Double) -> Void)? = nil) throws(FileError) -> (snapshot: Snapshot, info: SnapshotFile.Info, outcome: Outcome) {
        guard layoutIsKnown, let directory else {
            let loaded = try SnapshotFile.load(from: url, progress: progress)
            return (loaded.snapshot, loaded.info, .text)
        }
        let cacheURL = self.cacheURL(for: url, in: directory)
        if let identity = Identity(of: url), identity.size >= minimumBytes,
           let cached = try? readCached(snapshot: url, identity: identity, cache: cacheURL) {
            return (cached.snapshot, cached.info, .cached)
        }
        let loaded = try SnapshotFile.load(from: url, progress: progress)
        guard let identity = Identity(of: url), identity.size >= minimumBytes, identity.size == loaded.info.byteCount,
              identity.checksum == loaded.info.checksum, let section = loaded.snapshot.quoteSection else {
            return (loaded.snapshot, loaded.info, .text)
        }
        let written = write(loaded.snapshot.workspace.quotes, section: section, identity: identity, to: cacheURL, directory: directory)
        return (loaded.snapshot, loaded.info, written ? .rebuilt : .text)
    }

    /// The cache file for a snapshot: named by a hash of its absolute path.
    static func cacheURL(for snapshot: URL, in directory: URL) -> URL {
        var hash = Hash64()
        Array(snapshot.standardizedFileURL.path.utf8).withUnsafeBytes { hash.add($0) }
        return directory.appendingPathComponent("snapshot-\(String(hash.value, radix: 16)).cache")
    }

    // MARK: identity

    /// What must not have changed in the snapshot file since its cache was made.
    struct Identity: Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var inode: UInt64
        var device: UInt64
        var checksum: UInt32

        /// The file's identity now (stat and its trailer line); nil when it cannot be read or has no trailer.
        init?(of url: URL) {
            let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { return nil }
            defer { posixClose(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 24 else { return nil }
            size = Int(info.st_size)
            #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec); modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
            #else
            modifiedSeconds = Int(info.st_mtim.tv_sec); modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
            #endif
            inode = UInt64(info.st_ino)
            device = UInt64(info.st_dev)
            var trailer = [UInt8](repeating: 0, count: 24)
            guard pread(fd, &trailer, 24, off_t(size - 24)) == 24, trailer.starts(with: Array("checksum crc32 ".utf8)), trailer[23] == 10,
                  let value = UInt32(String(decoding: trailer[15..<23], as: UTF8.self), radix: 16) else { return nil }
            checksum = value
        }

        var fields: [Int] { [size, modifiedSeconds, modifiedNanoseconds, Int(bitPattern: UInt(inode)), Int(bitPattern: UInt(device)), Int(checksum)] }
    }

    // MARK: format

    /// `review-cache 2\n` and padding to 16 bytes. Version 1 (every column read into memory) is not read.
    static let magic: [UInt8] = Array("review-cache 2\n".utf8) + [0]

    /// The size of the quote store this build lays out. A new column (another branch's) changes it, and the cache
    /// is then neither read nor written until its format learns the column: a tripwire, not a guess.
    /// Nine array columns and three `MappableColumn`s (texts, their starts, signatures); `tags` is laid out but not
    /// cached, because the `@tags` section is still read from the snapshot's text (like every section but
    /// `@quotes`), and `QuoteStore`'s cache initialiser starts it empty.
    static let knownLayout = 9 * MemoryLayout<[Int]>.size + 3 * MemoryLayout<MappableColumn<UInt8>>.size
    static var layoutIsKnown: Bool { MemoryLayout<QuoteStore>.size == knownLayout && MemoryLayout<TextSignature>.size == 32 }

    /// The mapped columns start at multiples of this (a memory page on every system `review` runs on), so that
    /// reading the verified part never maps a page of the texts or signatures.
    static let mappedAlignment = 16384

    /// Where everything sits in a cache file, computed from the counts alone: the writer lays the file out by
    /// it and the reader accepts a header only if its offsets are exactly these.
    ///
    /// The file is a verified part — magic, header, the small columns (ids, codes, studies, references,
    /// pages), and a check value over all of it — read with `read` as before; then, each at a multiple of
    /// `mappedAlignment`, the text starts, the signatures and the text bytes, which are mapped, not read.
    struct Layout: Equatable {
        var count: Int
        var textCount: Int
        var pageTotal: Int
        var startsOffset = 0, signaturesOffset = 0, textOffset = 0, fileSize = 0

        /// The layout for these counts; nil when they are negative or absurd (a damaged header).
        init?(count: Int, textCount: Int, pageTotal: Int) {
            guard count >= 0, count < 1 << 36, textCount >= 0, textCount < 1 << 46, pageTotal >= 0, pageTotal < 1 << 46 else { return nil }
            self.count = count; self.textCount = textCount; self.pageTotal = pageTotal
            let verified = SnapshotCache.magic.count + SnapshotCache.headerCount * 8 + count * (4 + 3 + 4 * 3 + 4) + pageTotal + 8
            startsOffset = Self.aligned(verified)
            signaturesOffset = Self.aligned(startsOffset + (count + 1) * MemoryLayout<Int>.stride)
            textOffset = Self.aligned(signaturesOffset + count * MemoryLayout<TextSignature>.stride)
            fileSize = textOffset + textCount
        }

        static func aligned(_ offset: Int) -> Int { (offset + SnapshotCache.mappedAlignment - 1) / SnapshotCache.mappedAlignment * SnapshotCache.mappedAlignment }
    }

    /// The text starts are checked (and hashed) this many at a time.
    static let startsChunk = 1 << 17

    /// The header's length in `Int`s.
    static let headerCount = 19

    /// Writes the cache atomically (temporary file, rename); false when it cannot be written. No fsync: a torn
    /// cache fails its size or check value and is rebuilt. The file is made read-only (0400), so that no
    /// ordinary process of the user truncates it while another maps it (see `readCached`).
    static func write(_ quotes: QuoteStore, section: Snapshot.QuoteSection, identity: Identity, to url: URL, directory: URL) -> Bool {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var pageBytes: [UInt8] = []
        let pageLengths: [Int32] = quotes.pages.map { page in
            let utf8 = page.utf8
            pageBytes.append(contentsOf: utf8)
            return Int32(utf8.count)
        }
        guard let layout = Layout(count: quotes.count, textCount: quotes.textByteCount, pageTotal: pageBytes.count) else { return false }
        var startsHash = Hash64()
        quotes.textStarts.withUnsafeBufferPointer { starts in
            for chunk in stride(from: 0, to: starts.count, by: startsChunk) {
                startsHash.add(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: starts[chunk..<min(chunk + startsChunk, starts.count)])))
            }
        }
        let header: [Int] = [knownLayout, Snapshot.formatVersion] + identity.fields
            + [section.start, section.end, section.lines, layout.count, layout.textCount, layout.pageTotal,
               layout.startsOffset, layout.signaturesOffset, layout.textOffset, layout.fileSize, Int(bitPattern: UInt(startsHash.value))]
        assert(header.count == headerCount)
        let temporary = url.path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        var writer = Writer(fd: fd)
        writer.raw(magic)
        writer.column(header)
        writer.column(quotes.ids)
        writer.column(quotes.directions)
        writer.column(quotes.components)
        writer.column(quotes.domains)
        writer.column(quotes.subThemes)
        writer.column(quotes.studies)
        writer.column(quotes.references)
        writer.column(pageLengths)
        writer.column(pageBytes)
        writer.raw(withUnsafeBytes(of: writer.hash.value.littleEndian) { Array($0) }, hashed: false)
        writer.pad(to: layout.startsOffset)
        quotes.textStarts.withUnsafeBytes { writer.write($0, hashed: false) }
        writer.pad(to: layout.signaturesOffset)
        quotes.signatures.withUnsafeBytes { writer.write($0, hashed: false) }
        writer.pad(to: layout.textOffset)
        quotes.textBytes.withUnsafeBytes { writer.write($0, hashed: false) }
        let ok = writer.ok && writer.offset == layout.fileSize && fchmod(fd, 0o400) == 0 && posixClose(fd) == 0
        guard ok, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Loads through a cache that matches `identity`; nil when there is none or it does not match; throws when damaged.
    ///
    /// What is verified: the header (layout, format version, the snapshot's identity, counts, and offsets that
    /// must equal the ones the counts give), the file's size, the check value over the header and the small
    /// columns, the text starts (their own check value, ascending, from 0 to the text size), and that every
    /// study and sub-theme a quote names exists. What is not: the text bytes and signatures, which are mapped
    /// and read only when a command reads a text — verifying them would read 250 MB at a million quotes, the
    /// memory this cache exists to save. Damage there (a disk error after the cache was written) shows as wrong
    /// characters or a missed search match in the damaged quotes, never as a read outside the texts: every text
    /// lies between checked starts, and the text code decodes invalid UTF-8 as U+FFFD.
    ///
    /// The file is mapped, so a process that truncates it while it is mapped would make the next read of a lost
    /// page a SIGBUS. The cache is replaced only by rename (the mapping keeps the old file), is read-only (0400)
    /// in a 0700 folder, and its size is checked again after mapping; what remains is another process of the same
    /// user (or root) changing its mode and truncating it in the seconds a command reads texts — the same risk
    /// every memory-mapped database (SQLite with mmap, LMDB) documents.
    static func readCached(snapshot url: URL, identity: Identity, cache: URL) throws -> (snapshot: Snapshot, info: SnapshotFile.Info)? {
        let fd = open(cache.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { posixClose(fd) }
        var reader = Reader(fd: fd)
        let fileSize = reader.remaining
        guard try reader.raw(magic.count, hashed: false) == magic else { return nil }
        reader.hash.add(magic)
        let header: [Int] = try reader.column(headerCount)
        guard header[0] == knownLayout, header[1] == Snapshot.formatVersion, Array(header[2..<8]) == identity.fields else { return nil }
        let section = Snapshot.QuoteSection(start: header[8], end: header[9], lines: header[10])
        guard section.start >= 0, section.lines >= 0, section.start <= section.end, section.end <= identity.size,
              let layout = Layout(count: header[11], textCount: header[12], pageTotal: header[13]),
              [layout.startsOffset, layout.signaturesOffset, layout.textOffset, layout.fileSize] == Array(header[14..<18]),
              layout.fileSize == fileSize else { throw CacheError.damaged }
        let count = layout.count, textCount = layout.textCount
        let ids: [Int32] = try reader.column(count)
        let directions: [UInt8] = try reader.column(count)
        let components: [UInt8] = try reader.column(count)
        let domains: [UInt8] = try reader.column(count)
        let subThemes: [Int32] = try reader.column(count)
        let studies: [Int32] = try reader.column(count)
        let references: [Int32] = try reader.column(count)
        let pageLengths: [Int32] = try reader.column(count)
        let pageBytes: [UInt8] = try reader.column(layout.pageTotal)
        let expected = reader.hash.value
        let stored: [UInt64] = try reader.column(1, hashed: false)
        guard stored[0] == expected.littleEndian else { throw CacheError.damaged }
        // Consistency a damaged-but-hash-colliding file could not fake cheaply; checked anyway, it is one pass.
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }), pageLengths.allSatisfy({ $0 >= 0 }),
              pageLengths.reduce(0, { $0 + Int($1) }) == layout.pageTotal else { throw CacheError.damaged }

        // The large columns: mapped, not read. The size is checked again once mapped (see above).
        guard let pointer = mmap(nil, layout.fileSize, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else { return nil }
        let mapping = ColumnMapping(base: UnsafeRawPointer(pointer), byteCount: layout.fileSize)
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == layout.fileSize else { return nil }
        let textStarts = MappableColumn<Int>(mapping: mapping, byteOffset: layout.startsOffset, count: count + 1)
        // Checked a chunk at a time, each chunk's pages given back once checked (they are read again from the
        // file when a command reads a text), so the check does not raise the process's peak memory by 8 MB.
        let startsValid = textStarts.withUnsafeBufferPointer { starts in
            var hash = Hash64()
            var previous = 0, ascending = true
            for chunk in stride(from: 0, to: starts.count, by: startsChunk) {
                let part = UnsafeBufferPointer(rebasing: starts[chunk..<min(chunk + startsChunk, starts.count)])
                hash.add(UnsafeRawBufferPointer(part))
                for start in part where start < previous { ascending = false; break }
                previous = part.last ?? previous
                mapping.release(byteOffset: layout.startsOffset + chunk * 8, count: part.count * 8)
            }
            return ascending && starts[0] == 0 && starts[count] == textCount && UInt(bitPattern: header[18]) == UInt(hash.value)
        }
        guard startsValid else { throw CacheError.damaged }
        let signatures = MappableColumn<TextSignature>(mapping: mapping, byteOffset: layout.signaturesOffset, count: count)
        let textBytes = MappableColumn<UInt8>(mapping: mapping, byteOffset: layout.textOffset, count: textCount)

        var pages: [String] = []
        pages.reserveCapacity(count)
        pageBytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            for length in pageLengths {
                pages.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(length))]), as: UTF8.self))
                offset += Int(length)
            }
        }
        let quotes = QuoteStore(ids: ids, textBytes: textBytes, textStarts: textStarts, directions: directions, components: components,
                                domains: domains, subThemes: subThemes, studies: studies, references: references, pages: pages, signatures: signatures)

        // The snapshot's own text, without its @quotes lines, parsed as usual with the cached quotes put in their place.
        let snapshotFD = open(url.path, O_RDONLY | O_CLOEXEC)
        guard snapshotFD >= 0 else { return nil }
        defer { posixClose(snapshotFD) }
        var text = [UInt8](repeating: 0, count: section.start + identity.size - section.end)
        let headRead = text.withUnsafeMutableBytes { pread(snapshotFD, $0.baseAddress, section.start, 0) }
        let tailRead = text.withUnsafeMutableBytes { pread(snapshotFD, $0.baseAddress! + section.start, identity.size - section.end, off_t(section.end)) }
        guard headRead == section.start, tailRead == identity.size - section.end, !text.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
        // The identity again: the file must not have changed while it was read.
        guard Identity(of: url) == identity else { return nil }
        var parser = SnapshotReader.Parser(path: AtomicFile.displayPath(url), progress: nil)
        parser.spliced = (section.start, section.lines, quotes)
        let parsed = try text.withUnsafeBufferPointer { (buffer) throws(FileError) in try parser.parse(buffer) }
        var snapshot = parsed.snapshot
        snapshot.quoteSection = section
        guard parsed.checksum == identity.checksum, snapshot.workspace.quotes.count == count else { throw CacheError.damaged }
        // Every study and sub-theme a cached quote names must exist in the text's workspace.
        let studyCount = Int32(snapshot.workspace.studies.count)
        let themes = Set(snapshot.workspace.subThemes.map { Int32($0.id) })
        guard studies.allSatisfy({ $0 < studyCount }), subThemes.allSatisfy({ $0 < 0 || themes.contains($0) }) else { throw CacheError.damaged }
        return (snapshot, SnapshotFile.Info(version: parsed.version, checksum: identity.checksum, byteCount: identity.size))
    }

    enum CacheError: Error { case damaged, short }

    static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #else
        Darwin.write(fd, pointer, count)
        #endif
    }

    /// A fast 64-bit check value over 8-byte words (not cryptographic: it catches damage, not forgery).
    struct Hash64 {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var h = value
            let words = bytes.count / 8
            var index = 0
            while index < words {
                let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                h = (h ^ word) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                index += 1
            }
            for offset in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01b3 }
            value = h ^ UInt64(bytes.count)
        }

        mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
    }

    struct Writer {
        let fd: Int32
        var hash = Hash64()
        var ok = true
        /// Bytes written so far.
        var offset = 0

        /// Zeros up to `target` (unhashed: padding carries nothing).
        mutating func pad(to target: Int) {
            guard target > offset else { return }
            let zeros = [UInt8](repeating: 0, count: target - offset)
            zeros.withUnsafeBytes { write($0, hashed: false) }
        }

        mutating func raw(_ bytes: [UInt8], hashed: Bool = true) {
            bytes.withUnsafeBytes { write($0, hashed: hashed) }
        }

        mutating func column<T>(_ values: [T]) {
            values.withUnsafeBytes { write($0, hashed: true) }
        }

        mutating func write(_ buffer: UnsafeRawBufferPointer, hashed: Bool) {
            guard ok else { return }
            if hashed { hash.add(buffer) }
            offset += buffer.count
            var done = 0
            while done < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + done, min(buffer.count - done, 1 << 30))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { ok = false; return }
                done += written
            }
        }
    }

    struct Reader {
        let fd: Int32
        var hash = Hash64()
        /// Bytes left in the file: no column may claim more (a damaged count must not allocate or overflow).
        var remaining: Int

        init(fd: Int32) {
            self.fd = fd
            var info = stat()
            remaining = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        }

        mutating func raw(_ count: Int, hashed: Bool) throws -> [UInt8] {
            try column(count, hashed: hashed)
        }

        /// `count` values of a plain type, read straight into a new array (no zero-filling first).
        mutating func column<T>(_ count: Int, hashed: Bool = true) throws -> [T] {
            guard count >= 0 else { throw CacheError.damaged }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard !overflow, bytes <= remaining else { throw CacheError.short }
            remaining -= bytes
            var failed = false
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                var offset = 0
                while offset < bytes {
                    let got = read(fd, raw.baseAddress! + offset, min(bytes - offset, 1 << 30))
                    if got < 0 && errno == EINTR { continue }
                    guard got > 0 else { failed = true; break }
                    offset += got
                }
                // A short file leaves the rest undefined: zero it so the array is valid, then refuse it below.
                if failed { raw.baseAddress.map { memset($0 + offset, 0, bytes - offset) } }
                initialized = count
            }
            guard !failed else { throw CacheError.short }
            if hashed { values.withUnsafeBytes { hash.add($0) } }
            return values
        }

        func atEnd() throws -> Bool {
            var byte: UInt8 = 0
            return read(fd, &byte, 1) == 0
        }
    }
}
