#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a snapshot file that was just written back in pieces and checks it as `SnapshotReader` would, against
/// the snapshot it was written from, without holding the whole file or a second workspace in memory.
///
/// `SnapshotFile.writeVerified` used to read the whole file into memory and decode it into a second workspace:
/// at a million quotes that was the file (~330 MB) plus a copy of every quote on top of the workspace being saved.
/// This check reads a few MiB at a time and proves the same things:
/// - every byte: the CRC-32 of everything before the trailer equals the trailer, and the trailer and size are
///   the ones just written (else "changed before it could be checked"); the text is valid UTF-8;
/// - every line: the quote lines are decoded by `SnapshotReader`'s own parser a batch at a time (after the
///   file's head, so studies and sub-themes resolve), ids ascending across batches too, and each decoded quote
///   must equal the workspace's quote in the same row — a check the whole-file decode never made;
/// - the rest (head and the sections after the quotes) is decoded in one piece by the same parser, with the
///   workspace's quotes put in place of the quote lines (as `SnapshotCache` does), which the previous step
///   proved they equal; the free codes (@tags) read back must equal the workspace's.
/// Errors come in the reader's order: header and trailer form, checksum, then (the check's own) the
/// expected checksum and size, then UTF-8, then the first line that does not decode.
struct SnapshotReadBack {
    /// The snapshot that was written.
    let snapshot: Snapshot
    /// The file as the caller named it (for messages).
    let display: String
    /// The checksum and size the writer produced.
    let expected: SnapshotFile.Info
    /// Bytes per `read(2)` (tests make it tiny, so that reads end inside characters and lines).
    var readSize = 4 << 20
    /// Quote lines decoded at a time (at least; a batch ends at a line end).
    var batchBytes = 4 << 20
    /// Batches are also at least this many times the head (which each batch decodes again: studies, sub-themes),
    /// so that a large head costs a small fraction more, not a multiple.
    var headMultiple = 8
    /// Gets the fraction read.
    var progress: ((Double) -> Void)?
    var cancellation = CancellationToken.none

    /// The trailer line: "checksum crc32 " and eight lowercase hex digits, then a newline.
    static let trailerPrefix = Array("checksum crc32 ".utf8)
    /// The stream's last bytes are held back until its end, so that the trailer (24 bytes) is not checksummed.
    static let heldBytes = 64

    /// Reads the file behind `fd` from its start and checks it; returns its version, checksum and size.
    func check(_ fd: Int32) throws(FileError) -> SnapshotFile.Info {
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path: display, message: "saved, but it is not a regular file, so the save could not be read back to check it")
        }
        var state = State(check: self)
        var window = [UInt8](repeating: 0, count: max(readSize, 1))
        var filled = 0  // bytes at the front of `window` not yet split into lines (part of one line)
        var offset = 0
        while true {
            if filled == window.count { window.append(contentsOf: repeatElement(0, count: window.count)) }  // a line longer than the window
            let want = min(readSize, window.count - filled)
            let count = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, want, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.notLoading(AtomicFile.posixError(errno, display: display, action: "cannot read"))
            }
            let atEnd = count == 0
            window.withUnsafeBufferPointer { buffer in
                state.feedChecks(UnsafeBufferPointer(rebasing: buffer[filled..<(filled + count)]))
            }
            filled += count
            offset += count
            let used = window.withUnsafeBufferPointer { buffer in state.split(UnsafeBufferPointer(rebasing: buffer[0..<filled]), atEnd: atEnd) }
            if used > 0 {
                window.withUnsafeMutableBytes { bytes in
                    if used < filled { _ = memmove(bytes.baseAddress!, bytes.baseAddress! + used, filled - used) }
                }
                filled -= used
            }
            if atEnd { break }
            if cancellation.isCancelled { throw FileError(Interrupted(), path: display) }
            progress?(min(1, Double(offset) / Double(max(expected.byteCount, offset, 1))))
        }
        return try state.finish(fd: fd)
    }

    /// "the saved file does not load back: …", keeping where.
    static func notLoading(_ error: FileError) -> FileError {
        FileError(path: error.path, line: error.line, column: error.column,
                  message: "the saved file does not load back: \(error.message)", lineText: error.lineText)
    }

    /// The running state of one read-back.
    private struct State {
        let check: SnapshotReadBack
        var crc = CRC32()
        var utf8 = UTF8Stream()
        /// The stream's last bytes, not yet checksummed.
        var held: [UInt8] = []
        var total = 0

        enum Phase { case head, quotes, tail }
        var phase = Phase.head
        /// The file up to and including the "@quotes" line.
        var head: [UInt8] = []
        var headLines = 0
        /// Whether the "@quotes" line was read (the head ends with it).
        var sawQuotes = false
        /// The head, then the quote lines of the current batch (then "@end" while it is decoded).
        var batch: [UInt8] = []
        /// Quote-section lines read so far, and how many came before the current batch.
        var quoteLines = 0
        var batchFirstLine = 0
        /// Workspace rows matched by decoded quotes so far.
        var matchedRows = 0
        var lastID: Int32 = 0
        /// The file from the line after the quotes (the next section) to its end.
        var tail: [UInt8] = []
        /// The first line that did not decode or did not match (thrown after the whole-file checks).
        var structureError: FileError?

        init(check: SnapshotReadBack) { self.check = check }

        // MARK: bytes

        /// Checksums and validates a piece of the stream, holding its last bytes back.
        mutating func feedChecks(_ piece: UnsafeBufferPointer<UInt8>) {
            total += piece.count
            let limit = SnapshotReadBack.heldBytes
            if piece.count >= limit {
                let earlier = held
                earlier.withUnsafeBufferPointer { body($0) }
                body(UnsafeBufferPointer(rebasing: piece[0..<(piece.count - limit)]))
                held = Array(piece[(piece.count - limit)...])
            } else {
                held.append(contentsOf: piece)
                if held.count > limit {
                    let extra = held.count - limit
                    let earlier = held
                    earlier.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<extra])) }
                    held.removeFirst(extra)
                }
            }
        }

        /// Bytes before the trailer.
        private mutating func body(_ bytes: UnsafeBufferPointer<UInt8>) {
            crc.update(bytes)
            utf8.feed(bytes)
        }

        // MARK: lines

        /// Takes the complete lines at the front of `bytes` (all of it at the end of the file); returns how many bytes it took.
        mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
            guard let base = bytes.baseAddress else { return 0 }
            var start = 0
            while start < bytes.count {
                if phase == .tail {
                    tail.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                    return bytes.count
                }
                guard let found = memchrNewline(base + start, bytes.count - start) else {
                    guard atEnd else { break }
                    // A last line without a newline: part of the tail, where the trailer checks name it.
                    flushBatch()
                    phase = .tail
                    continue
                }
                let end = start + found
                if phase == .head {
                    head.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...end]))
                    headLines += 1
                    if found == 7 && memcmp(base + start, "@quotes", 7) == 0 {
                        phase = .quotes
                        sawQuotes = true
                        batch = head
                    }
                } else if bytes[start] == UInt8(ascii: "@") {
                    flushBatch()
                    phase = .tail
                    continue
                } else {
                    // Quote lines go to the batch in runs, up to the next section line or the end of the piece.
                    var runEnd = end + 1
                    var lines = 1
                    while runEnd < bytes.count, bytes[runEnd] != UInt8(ascii: "@"),
                          let next = memchrNewline(base + runEnd, bytes.count - runEnd) {
                        runEnd += next + 1
                        lines += 1
                    }
                    batch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<runEnd]))
                    quoteLines += lines
                    start = runEnd
                    if batch.count - head.count >= max(check.batchBytes, check.headMultiple * head.count) { flushBatch() }
                    continue
                }
                start = end + 1
            }
            if atEnd { flushBatch() }
            return start
        }

        /// Decodes the quote lines of the batch after the head and matches them with the workspace's rows.
        mutating func flushBatch() {
            guard phase == .quotes, batch.count > head.count else { return }
            defer {
                batch.removeSubrange(head.count...)
                batchFirstLine = quoteLines
            }
            guard structureError == nil else { return }
            batch.append(contentsOf: "@end\n".utf8)
            var parser = SnapshotReader.Parser(path: check.display, progress: nil)
            let decoded: Snapshot
            do throws(FileError) {
                decoded = try batch.withUnsafeBufferPointer { (buffer) throws(FileError) in
                    try parser.parseBody(buffer, version: Snapshot.formatVersion)
                }
            } catch {
                var error = error
                if let line = error.line, line > headLines { error.line = line + batchFirstLine }
                structureError = SnapshotReadBack.notLoading(error)
                return
            }
            structureError = match(decoded.workspace.quotes)
        }

        /// Nil when `read` holds the workspace's next rows, else the error that says where they differ.
        mutating func match(_ read: QuoteStore) -> FileError? {
            let quotes = check.snapshot.workspace.quotes
            guard read.count > 0 else { return nil }
            guard read.ids[0] > lastID else {
                return differs("quote ids must ascend; Q\(read.ids[0]) comes after Q\(lastID)")
            }
            guard matchedRows + read.count <= quotes.count else {
                return differs("it holds more quotes than the workspace (\(quotes.count))")
            }
            for index in 0..<read.count {
                let row = matchedRows + index
                let id = read.ids[index]
                var field: String?
                if id != quotes.ids[row] { field = "its id (Q\(quotes.ids[row]) in the workspace)" }
                else if read.directions[index] != quotes.directions[row] || read.components[index] != quotes.components[row]
                            || read.domains[index] != quotes.domains[row] || read.subThemes[index] != quotes.subThemes[row] { field = "its coding" }
                else if read.studies[index] != quotes.studies[row] { field = "its study" }
                else if read.references[index] != quotes.references[row] { field = "its reference" }
                else if read.pages[index] != quotes.pages[row] { field = "its page" }
                else if !read.withText(atRow: index, { a in quotes.withText(atRow: row) { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }) {
                    field = "its text"
                }
                if let field { return differs("quote Q\(id) reads back differently from the workspace (\(field))") }
            }
            matchedRows += read.count
            lastID = read.ids[read.count - 1]
            return nil
        }

        func differs(_ message: String) -> FileError {
            FileError(path: check.display, message: "the saved file does not load back: \(message)")
        }

        // MARK: the end

        /// The whole-file checks in the reader's order, then the head and tail decoded around the workspace's quotes.
        mutating func finish(fd: Int32) throws(FileError) -> SnapshotFile.Info {
            let display = check.display
            guard total > 0 else {
                throw SnapshotReadBack.notLoading(FileError(path: display, line: 1, message: "the file is empty; a snapshot starts with '\(Snapshot.formatName) \(Snapshot.formatVersion)'"))
            }
            // The trailer: the last line, which must lie within the held bytes.
            let prefix = SnapshotReadBack.trailerPrefix
            guard held.last == 10 else {
                throw SnapshotReadBack.notLoading(FileError(path: display, line: lineCount(fd, upTo: lineStart(fd, before: total)) + 1, column: 1,
                                                            message: "the snapshot is truncated or damaged: it should end with a line 'checksum crc32' and 8 lowercase hex digits, then a newline"))
            }
            var lastStart = held.count - 1
            while lastStart > 0 && held[lastStart - 1] != 10 { lastStart -= 1 }
            let trailer = lastStart > 0 || total == held.count ? Array(held[lastStart..<(held.count - 1)]) : []
            let digits = trailer.dropFirst(prefix.count)
            guard trailer.count == prefix.count + 8, trailer.starts(with: prefix),
                  digits.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
                throw SnapshotReadBack.notLoading(FileError(path: display, line: lineCount(fd, upTo: lineStart(fd, before: total - 1)) + 1, column: 1,
                                                            message: "the snapshot is truncated or damaged: its last line should be 'checksum crc32' and 8 lowercase hex digits"))
            }
            let last = held
            last.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<lastStart])) }
            utf8.finish()
            let written = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)!
            guard crc.value == written else {
                throw SnapshotReadBack.notLoading(FileError(path: display, line: lineCount(fd, upTo: total - held.count + lastStart) + 1, column: prefix.count + 1,
                                                            message: "checksum mismatch: the content was changed or damaged after it was saved (file says \(SnapshotWriter.hex(written)), content gives \(SnapshotWriter.hex(crc.value)))",
                                                            lineText: String(decoding: trailer, as: UTF8.self)))
            }
            guard written == check.expected.checksum, total == check.expected.byteCount else {
                throw FileError(path: display, message: "the saved file changed before it could be checked (checksum \(SnapshotWriter.hex(written)), expected \(check.expected.checksumText))")
            }
            if let bad = utf8.invalidOffset {
                throw SnapshotReadBack.notLoading(FileError(path: display, line: lineCount(fd, upTo: bad) + 1,
                                                            message: "invalid UTF-8 byte 0x\(String(utf8.invalidByte, radix: 16)) (snapshots are UTF-8 text)"))
            }
            if let structureError { throw structureError }

            // Head and tail, with the workspace's quotes (just shown equal to the file's) where the quote lines were.
            let quotes = check.snapshot.workspace.quotes
            guard matchedRows == quotes.count else {
                throw differs("it holds \(matchedRows) quotes, the workspace \(quotes.count)")
            }
            var spliced = quotes
            let tagged = quotes.tags.contains { !$0.isEmpty }
            if tagged { spliced.tags = Array(repeating: [], count: quotes.count) }  // the @tags lines put them back
            var parser = SnapshotReader.Parser(path: display, progress: nil)
            if sawQuotes { parser.spliced = (head.count, quoteLines, spliced) }
            var text = head
            head = []
            batch = []
            text.append(contentsOf: tail)
            tail = []
            let decoded: (snapshot: Snapshot, version: Int, checksum: UInt32)
            do throws(FileError) {
                decoded = try text.withUnsafeBufferPointer { (buffer) throws(FileError) in try parser.parse(buffer) }
            } catch {
                throw SnapshotReadBack.notLoading(error)
            }
            let read = decoded.snapshot.workspace.quotes
            guard read.count == quotes.count else { throw differs("it holds \(read.count) quotes, the workspace \(quotes.count)") }
            if tagged || read.tags.contains(where: { !$0.isEmpty }) {
                if let row = (0..<quotes.count).first(where: { read.tags[$0] != quotes.tags[$0] }) {
                    throw differs("quote Q\(quotes.ids[row]) reads back differently from the workspace (its tags)")
                }
            }
            return SnapshotFile.Info(version: decoded.version, checksum: written, byteCount: total)
        }

        /// Where the line holding the byte before `end` starts (read again: only an error needs it).
        func lineStart(_ fd: Int32, before end: Int) -> Int {
            var start = end
            var byte: UInt8 = 0
            while start > 0, pread(fd, &byte, 1, off_t(start - 1)) == 1, byte != 10 { start -= 1 }
            return start
        }

        /// Newlines before byte `offset` of the file (read again: only an error needs it).
        func lineCount(_ fd: Int32, upTo offset: Int) -> Int {
            var count = 0
            var position = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while position < offset {
                let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, min($0.count, offset - position), off_t(position)) }
                guard got > 0 else { break }
                buffer.withUnsafeBufferPointer { bytes in
                    for index in 0..<got where bytes[index] == 10 { count += 1 }
                }
                position += got
            }
            return count
        }
    }
}

/// UTF-8 validation of a stream fed in pieces of any size (a character may span two pieces), by the same
/// rules as `UTF8Validation` (no overlong forms, surrogates or values above U+10FFFF).
struct UTF8Stream {
    /// Continuation bytes still expected, and the range the next one must lie in.
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var sequenceStart = 0
    private var sequenceLead: UInt8 = 0
    /// Bytes fed so far.
    private(set) var offset = 0
    /// The offset of the first byte that starts an invalid sequence, and that byte.
    private(set) var invalidOffset: Int?
    private(set) var invalidByte: UInt8 = 0

    /// Validates more bytes.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        defer { offset += bytes.count }
        guard invalidOffset == nil, let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        while index < count {
            if needed == 0 {
                while index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { index += 8 }
                guard index < count else { return }
                let lead = base[index]
                if lead < 0x80 { index += 1; continue }
                sequenceStart = offset + index
                sequenceLead = lead
                lower = 0x80; upper = 0xBF
                switch lead {
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2
                case 0xED: needed = 2; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; upper = 0x8F
                default:
                    invalidOffset = offset + index
                    invalidByte = lead
                    return
                }
                index += 1
            } else {
                let byte = base[index]
                guard byte >= lower && byte <= upper else {
                    invalidOffset = sequenceStart
                    invalidByte = sequenceLead
                    return
                }
                lower = 0x80; upper = 0xBF
                needed -= 1
                index += 1
            }
        }
    }

    /// Ends the stream: a character cut off at the end is invalid.
    mutating func finish() {
        if needed > 0 && invalidOffset == nil {
            invalidOffset = sequenceStart
            invalidByte = sequenceLead
        }
    }
}
