#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// New quotes of a bulk import, kept column by column as they are validated (instead of one `addQuote` change each).
struct BulkQuotes {
    /// The file being read.
    var source: ImportSource
    /// The validated new quotes, ascending ids past every id in the workspace.
    var rows = QuoteStore()
    /// Study id → row in the workspace's studies.
    var studyRows: [String: Int32] = [:]
    /// The largest id so far (the workspace's last at the start).
    var lastID: Int

    init(source: ImportSource, workspace: Workspace, expectedTextBytes: Int) {
        self.source = source
        lastID = Int(workspace.quotes.ids.last ?? 0)
        for (index, study) in workspace.studies.enumerated() where studyRows[study.id] == nil { studyRows[study.id] = Int32(index) }
        // Untouched capacity costs address space, not memory: the texts are never longer than the file.
        rows.reserveCapacity(max(expectedTextBytes / 256, 1024), textBytes: expectedTextBytes)
    }

    /// Whether `quote` can go at the end (its id is past every id so far).
    func accepts(_ quote: Quote) -> Bool { quote.id > lastID && quote.id <= Int(Int32.max) }

    /// Appends a quote the importer has validated.
    mutating func add(_ quote: Quote) {
        let study = quote.studyID.flatMap { studyRows[$0] } ?? -1
        rows.append(id: Int32(quote.id), text: quote.text, direction: quote.direction?.rawValue ?? 0,
                    component: quote.component?.rawValue ?? 0, domain: quote.domain?.rawValue ?? 0,
                    subTheme: quote.subTheme.map { Int32($0) } ?? -1, study: study,
                    reference: quote.reference.map { Int32($0) } ?? -1, page: quote.page ?? "", tags: quote.tags)
        lastID = quote.id
    }

    /// The rows as `Quote` values (when the import turns out not to be a pure append).
    func quotes(studies: [Study]) -> [Quote] {
        var view = Workspace()
        view.studies = studies
        view.quotes = rows
        return (0..<rows.count).map { view.quote(atRow: $0) }
    }
}

extension Importer {
    /// Keeps a new quote with an id: in the bulk rows while the import stays an append, else as an `addQuote` later.
    func keepNew(_ quote: Quote) {
        if bulk != nil {
            if bulk!.accepts(quote) {
                bulk!.add(quote)
                return
            }
            addedQuotes = bulk!.quotes(studies: workspace.studies) + addedQuotes
            bulk = nil
        }
        addedQuotes.append(quote)
    }

    /// The bulk append, with the quotes that had no id numbered after the rest; nil when the import is not bulk.
    func finishBulk() throws(FileError) -> QuoteAppend? {
        guard bulk != nil else { return nil }
        var nextID = maxQuoteID
        for entry in autoQuoteRows {
            nextID += 1
            guard nextID <= Int(Int32.max) else { throw FileError(path: path, message: "too many quotes: ids would pass \(Int32.max)") }
            var quote = entry.quote
            quote.id = nextID
            bulk!.add(quote)
        }
        autoQuoteRows = []
        guard let state = bulk else { return nil }
        bulk = nil
        return QuoteAppend(source: state.source, rows: state.rows)
    }
}

extension CSVImport {
    /// Reads and validates a CSV file like `read(from:as:options:into:progress:)`, but an import of new quotes
    /// (ids past every id in the workspace, or none) comes back as one `QuoteAppend` in `result.appended`: the
    /// quotes already in columns, applied in one pass and undone by truncation, and journaled as the file's path,
    /// size and checksum rather than its contents.
    ///
    /// A regular file is mapped into memory and the pages already parsed are given back as the parse moves on,
    /// so memory holds the new quotes and a window of the file rather than the whole file and a copy.
    /// Anything else (a pipe, UTF-16, rows that update quotes) takes the ordinary path; updates then come back
    /// as changes as before.
    public static func readForAppend(from url: URL, as kind: CSVTableKind? = nil, options: CSVImportOptions = CSVImportOptions(),
                                     into workspace: Workspace, progress: ((Double) -> Void)? = nil,
                                     cancellation: CancellationToken = .none) throws(FileError) -> CSVImportResult {
        let display = AtomicFile.displayPath(url)
        if cancellation.isCancelled { throw FileError(Interrupted(), path: display) }
        guard kind == nil || kind == .quotes, let file = MappedFile(path: url.path) else {
            return try read(from: url, as: kind, options: options, into: workspace, progress: progress, cancellation: cancellation)
        }
        defer { file.unmap() }
        let bytes = file.buffer
        // UTF-16 and UTF-32 files are converted by the ordinary path; they are never large in practice.
        let head = Array(bytes.prefix(256))
        var headNotes: [String] = []
        guard (try? utf8(head, path: display, notes: &headNotes)) == head, headNotes.isEmpty else {
            return try read(from: url, as: kind, options: options, into: workspace, progress: progress, cancellation: cancellation)
        }
        var crc = CRC32()
        let step = 8 << 20
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + step, bytes.count)
            crc.update(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            if cancellation.isCancelled { throw FileError(Interrupted(), path: display) }
            progress?(0.1 * Double(offset) / Double(bytes.count))
        }
        let source = ImportSource(path: url.standardizedFileURL.path, size: bytes.count, checksum: SnapshotWriter.hex(crc.value),
                                  mapping: options.mapping.rawValue, delimiter: options.delimiter)
        var notes: [String] = []
        let importer = Importer(path: display, workspace: workspace, kind: kind, options: options,
                                progress: progress.map { report in { report(0.1 + 0.9 * $0) } }, totalBytes: bytes.count)
        importer.bulk = BulkQuotes(source: source, workspace: workspace, expectedTextBytes: bytes.count)
        let delimiter = options.delimiter ?? CSV.detectDelimiter(bytes)
        importer.delimiter = delimiter
        if delimiter != 44 && options.delimiter == nil { notes.append("cells are separated by \(delimiter == 59 ? "semicolons (;)" : "tabs"), as the header shows") }
        var released = 0
        try CSV.forEachRecord(bytes, path: display, delimiter: delimiter, cancellation: cancellation) { (record) throws(FileError) in
            try importer.take(record)
            if let start = record.starts.first, start - released >= 32 << 20 { released = file.release(upTo: start) }
        }
        if cancellation.isCancelled { throw FileError(Interrupted(), path: display) }
        if importer.kind != .quotes { importer.bulk = nil }
        let appended = try importer.finishBulk()
        var result = try importer.finish()
        result.appended = appended
        result.notes = notes + result.notes
        return result
    }

    /// The quotes a journaled `QuoteAppend` appended, read again from its file and validated against `workspace`.
    static func reread(_ source: ImportSource, expecting count: Int, into workspace: Workspace) throws(ReviewError) -> QuoteStore {
        let options = CSVImportOptions(delimiter: source.delimiter, mapping: DomainMapping(rawValue: source.mapping) ?? .seed)
        // A changed file is named as changed before it is parsed (an edit could also make it fail to parse).
        if let file = MappedFile(path: source.path) {
            var crc = CRC32()
            crc.update(file.buffer)
            file.unmap()
            guard file.count == source.size, SnapshotWriter.hex(crc.value) == source.checksum else {
                throw ReviewError(.conflict, "\(source.path) changed since it was imported (its size or checksum differ); the import cannot be repeated from it")
            }
        }
        let result: CSVImportResult
        do throws(FileError) {
            result = try readForAppend(from: URL(fileURLWithPath: source.path), as: .quotes, options: options, into: workspace)
        } catch {
            throw ReviewError(.conflict, "cannot read the imported file again: \(error.description)")
        }
        guard let appended = result.appended, let rows = appended.rows,
              appended.source.size == source.size, appended.source.checksum == source.checksum else {
            throw ReviewError(.conflict, "\(source.path) changed since it was imported (its size or checksum differ); the import cannot be repeated from it")
        }
        guard result.changes.isEmpty, rows.count == count else {
            throw ReviewError(.conflict, "\(source.path) no longer imports as \(count) new quotes here; the import cannot be repeated")
        }
        return rows
    }
}

/// A regular file mapped read-only, whose parsed pages can be given back early.
final class MappedFile {
    let base: UnsafeMutableRawPointer
    let count: Int
    private var mapped = true

    /// Maps `path` when it is a non-empty regular file; nil otherwise (the caller reads it the ordinary way).
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { posixClose(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else { return nil }
        _ = madvise(pointer, size, MADV_SEQUENTIAL)
        base = pointer
        count = size
    }

    /// The file's bytes.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count) }

    /// Drops the pages before `offset` from memory (they are read again from the file if touched); returns the boundary.
    func release(upTo offset: Int) -> Int {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let boundary = offset / page * page
        if boundary > 0 { _ = madvise(base, boundary, MADV_DONTNEED) }
        return boundary
    }

    /// Unmaps the file.
    func unmap() {
        guard mapped else { return }
        munmap(base, count)
        mapped = false
    }

    deinit { unmap() }
}
