#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// RFC 4180 CSV, read and written byte by byte.
///
/// Written here rather than taken from a package, for three reasons:
/// - exact error positions: every field knows its physical line and its column (in Characters), so an
///   import error can say "quotes.csv:7:31: row 5, column 4 (component): …" with a caret under the cell;
///   the CSV packages on the mirror report at best a row, never a column;
/// - speed: one pass over the bytes with `memchr` for quotes, no `String` made for a field until it is
///   needed, ≥ 85 MB/s end to end for an import (the packages measured several times slower);
/// - all-or-nothing import: the reader only hands out records; `CSVImport` validates every row into a
///   change batch before anything is applied.
///
/// Accepted input: UTF-8 with or without a byte order mark; records ended by CRLF, LF or a lone CR
/// (an old Mac export); the last record may lack a line end; fields separated by commas; a field in
/// double quotes may hold commas, quotes (doubled) and line breaks, kept exactly as written. A quote
/// inside an unquoted field is taken literally (as Python's `csv` does); text after a closing quote
/// and a quoted field left open at the end of the file are errors. A blank line is a record with no fields.
public enum CSV {
    /// One record: the ranges of its fields in the input and where each starts, for error messages.
    public struct Record {
        /// The record's number, 1-based (the header is record 1, as a spreadsheet numbers rows).
        public internal(set) var number: Int = 0
        var starts: [Int] = []
        var ends: [Int] = []
        var lines: [Int] = []
        var lineStarts: [Int] = []
        var quoted: [Bool] = []
        var escaped: [Bool] = []
        let bytes: UnsafeBufferPointer<UInt8>

        /// The number of fields (0 for a blank line).
        public var count: Int { starts.count }

        /// The text of field `index`, with a quoted field's quotes removed and doubled quotes made single.
        public func field(_ index: Int) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
            guard escaped[index] else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var skip = false
            for byte in slice {
                if skip { skip = false; continue }
                out.append(byte)
                if byte == 34 { skip = true }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// The raw bytes of field `index` (without its quotes; doubled quotes still doubled).
        public func rawField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
        }

        /// The text of field `index` without leading and trailing spaces and tabs.
        public func trimmedField(_ index: Int) -> String {
            var start = starts[index], end = ends[index]
            while start < end && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
            while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9) { end -= 1 }
            if escaped[index] {
                return field(index).trimmingCharacters(in: [" ", "\t"])
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// Whether field `index` is empty.
        public func isEmpty(_ index: Int) -> Bool { starts[index] == ends[index] }

        /// Whether every field is empty (a spreadsheet's padding row such as ",,,").
        public var isBlank: Bool {
            for index in 0..<count where starts[index] != ends[index] { return false }
            return true
        }

        /// The physical line (1-based) where field `index` starts.
        public func line(of index: Int) -> Int { lines[index] }

        /// The 1-based column, in Characters, where field `index` starts on its line (at its opening quote if quoted).
        public func column(of index: Int) -> Int {
            let start = quoted[index] ? starts[index] - 1 : starts[index]
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStarts[index]..<start]), as: UTF8.self).count + 1
        }

        /// The text of the physical line where field `index` starts (nil when very long).
        public func lineText(of index: Int) -> String? { CSV.lineText(bytes, from: lineStarts[index]) }
    }

    /// Calls `body` with each record of `bytes`, in order; stops at the first malformed record with a `FileError`.
    ///
    /// The record passed to `body` is only valid during the call. `path` names the file in errors.
    ///
    /// `delimiter` separates fields: a comma by default; `;` (European Excel) and tab are the others in use
    /// (`detectDelimiter` guesses it from the first line).
    /// `cancellation` is checked every 1,024 records; a cancel throws a `FileError` marked `isInterruption`.
    public static func forEachRecord(_ bytes: UnsafeBufferPointer<UInt8>, path: String?, delimiter: UInt8 = 44,
                                     cancellation: CancellationToken = .none,
                                     _ body: (Record) throws(FileError) -> Void) throws(FileError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        var index = 0
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        if let offset = try firstInvalidUTF8(bytes, from: index, path: path, cancellation: cancellation) {
            let (line, lineStart) = position(bytes, of: offset)
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self).count + 1
            throw FileError(path: path, line: line, column: column, message: invalidUTF8Message(bytes, at: offset),
                            lineText: lineText(bytes, from: lineStart))
        }
        var record = Record(bytes: bytes)
        record.starts.reserveCapacity(16); record.ends.reserveCapacity(16); record.lines.reserveCapacity(16)
        record.lineStarts.reserveCapacity(16); record.quoted.reserveCapacity(16); record.escaped.reserveCapacity(16)
        var line = 1
        var lineStart = index
        var number = 0

        func error(_ message: String, at offset: Int, line: Int, lineStart: Int) -> FileError {
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self).count + 1
            return FileError(path: path, line: line, column: column, message: message, lineText: lineText(bytes, from: lineStart))
        }

        while index < count {
            number += 1
            record.number = number
            do { try cancellation.check(every: number) } catch { throw FileError(error, path: path) }
            record.starts.removeAll(keepingCapacity: true); record.ends.removeAll(keepingCapacity: true)
            record.lines.removeAll(keepingCapacity: true); record.lineStarts.removeAll(keepingCapacity: true)
            record.quoted.removeAll(keepingCapacity: true); record.escaped.removeAll(keepingCapacity: true)
            // A blank line: a record with no fields.
            if bytes[index] == 10 || bytes[index] == 13 {
                index += (bytes[index] == 13 && index + 1 < count && bytes[index + 1] == 10) ? 2 : 1
                try body(record)
                line += 1
                lineStart = index
                continue
            }
            var endOfRecord = false
            while !endOfRecord {
                record.lines.append(line)
                record.lineStarts.append(lineStart)
                if index < count && bytes[index] == 34 {
                    // Quoted field: find the closing quote; "" is an escaped quote.
                    let openLine = line, openLineStart = lineStart, openOffset = index
                    index += 1
                    let fieldStart = index
                    var hasEscapes = false
                    while true {
                        guard let found = memchr(base + index, 34, count - index) else {
                            throw error("a quoted field is never closed: the quote opened here has no closing quote before the end of the file",
                                        at: openOffset, line: openLine, lineStart: openLineStart)
                        }
                        let quote = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                        // Count line breaks inside the field, for the positions of later fields.
                        var scan = index
                        while scan < quote {
                            let byte = bytes[scan]
                            if byte == 10 || (byte == 13 && !(scan + 1 < count && bytes[scan + 1] == 10)) {
                                line += 1
                                lineStart = scan + 1
                            }
                            scan += 1
                        }
                        if quote + 1 < count && bytes[quote + 1] == 34 {
                            hasEscapes = true
                            index = quote + 2
                            continue
                        }
                        record.starts.append(fieldStart)
                        record.ends.append(quote)
                        record.quoted.append(true)
                        record.escaped.append(hasEscapes)
                        index = quote + 1
                        break
                    }
                    if index < count {
                        let byte = bytes[index]
                        if byte == delimiter {
                            index += 1
                        } else if byte == 10 || byte == 13 {
                            index += (byte == 13 && index + 1 < count && bytes[index + 1] == 10) ? 2 : 1
                            endOfRecord = true
                        } else {
                            throw error("unexpected text after a closing quote; a field with quotes must be wholly in quotes, with each quote inside doubled (\"\")",
                                        at: index, line: line, lineStart: lineStart)
                        }
                    } else {
                        endOfRecord = true
                    }
                    // A comma at the very end of the file still opens an empty last field.
                    if !endOfRecord && index >= count {
                        record.lines.append(line); record.lineStarts.append(lineStart)
                        record.starts.append(index); record.ends.append(index); record.quoted.append(false); record.escaped.append(false)
                        endOfRecord = true
                    }
                } else {
                    // Unquoted field: up to the next comma or line end.
                    let fieldStart = index
                    while index < count {
                        let byte = bytes[index]
                        if byte == delimiter || byte == 10 || byte == 13 { break }
                        index += 1
                    }
                    record.starts.append(fieldStart)
                    record.ends.append(index)
                    record.quoted.append(false)
                    record.escaped.append(false)
                    if index < count {
                        let byte = bytes[index]
                        if byte == delimiter {
                            index += 1
                            if index >= count {
                                record.lines.append(line); record.lineStarts.append(lineStart)
                                record.starts.append(index); record.ends.append(index); record.quoted.append(false); record.escaped.append(false)
                                endOfRecord = true
                            }
                        } else {
                            index += (byte == 13 && index + 1 < count && bytes[index + 1] == 10) ? 2 : 1
                            endOfRecord = true
                        }
                    } else {
                        endOfRecord = true
                    }
                }
            }
            try body(record)
            line += 1
            lineStart = index
        }
    }

    /// The offset of the first byte that is not UTF-8, checked a megabyte at a time with `cancellation` between.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, path: String?,
                                 cancellation: CancellationToken) throws(FileError) -> Int? {
        var start = start
        while start < bytes.count {
            if cancellation.isCancelled { throw FileError(Interrupted(), path: path) }
            var end = min(bytes.count, start + (1 << 20))
            // Never cut a character: back up over continuation bytes (at most three).
            var backed = 0
            while end < bytes.count && backed < 3 && bytes[end] & 0xC0 == 0x80 { end -= 1; backed += 1 }
            if let bad = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return start + bad }
            start = end
        }
        return nil
    }

    /// The field separator of `bytes`, guessed from its first line: whichever of comma, semicolon and tab
    /// occurs most there outside double quotes (a comma when none does, or on a tie with it).
    public static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var comma = 0, semicolon = 0, tab = 0
        var index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var quoted = false
        // Skip blank lines before the header.
        while index < bytes.count && (bytes[index] == 10 || bytes[index] == 13) { index += 1 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 34 { quoted.toggle() } else if !quoted {
                if byte == 10 || byte == 13 { break }
                if byte == 44 { comma += 1 } else if byte == 59 { semicolon += 1 } else if byte == 9 { tab += 1 }
            }
            index += 1
        }
        if semicolon > comma && semicolon >= tab { return 59 }
        if tab > comma && tab > semicolon { return 9 }
        return 44
    }

    /// All records of a text as arrays of strings (for small files and tests; imports use `forEachRecord`).
    /// `progress` gets the fraction of the bytes read, every 1,024 records.
    public static func rows(_ bytes: [UInt8], path: String? = nil, cancellation: CancellationToken = .none,
                            progress: ((Double) -> Void)? = nil) throws(FileError) -> [[String]] {
        var rows: [[String]] = []
        defer { if cancellation.isCancelled { Discard.inBackground(&rows, leaving: []) } }
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in
            try forEachRecord(buffer, path: path, cancellation: cancellation) { (record) throws(FileError) in
                if let progress, record.number & 1023 == 0, record.count > 0 { progress(Double(record.starts[0]) / Double(buffer.count)) }
                rows.append((0..<record.count).map { record.field($0) })
            }
        }
        return rows
    }

    /// The line number (1-based) and line start of a byte offset.
    static func position(_ bytes: UnsafeBufferPointer<UInt8>, of offset: Int) -> (line: Int, lineStart: Int) {
        var line = 1, lineStart = 0
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == 10 || (byte == 13 && !(index + 1 < bytes.count && bytes[index + 1] == 10)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, lineStart)
    }

    /// Lines longer than this many bytes are not copied into an error's `lineText`.
    static let maximumLineTextBytes = 1 << 20

    /// The physical line starting at `start`, without its line end; nil when longer than `maximumLineTextBytes`
    /// (renderers show a window of long lines around the column: `FileError.excerpt(width:)`).
    static func lineText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        var end = start
        while end < bytes.count && bytes[end] != 10 && bytes[end] != 13 {
            end += 1
            if end - start > maximumLineTextBytes { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: writing

    /// Builds RFC 4180 CSV: fields quoted only when they hold a comma, quote, CR or LF (Python's `QUOTE_MINIMAL`),
    /// CRLF line ends (files) or LF (a terminal's stream), a lone empty field written `""` so the row is not a blank
    /// line. The one CSV writer: exports, `CSVText` and the shell's `--format csv` all use it.
    public struct Writer {
        /// How records end.
        public enum LineEnding: Sendable {
            /// CR LF, as RFC 4180 and spreadsheets expect in files.
            case crlf
            /// LF alone, for text streamed to a terminal or a pipe.
            case lf
        }

        /// The bytes so far.
        public private(set) var bytes: [UInt8] = []
        private let lineEnd: [UInt8]
        /// Whether cells a spreadsheet would run as formulas get a leading `'` (`CSVFormulaGuard`).
        public var guardsFormulas = false

        /// Starts a document; `byteOrderMark` adds EF BB BF, which Excel needs to take the file as UTF-8;
        /// `guardingFormulas` guards cells against formula execution (`CSVFormulaGuard`).
        public init(byteOrderMark: Bool = false, guardingFormulas: Bool = false, capacity: Int = 0, lineEnding: LineEnding = .crlf) {
            guardsFormulas = guardingFormulas
            bytes.reserveCapacity(capacity)
            if byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
            lineEnd = lineEnding == .crlf ? [13, 10] : [10]
        }

        /// The document as text.
        public var text: String { String(decoding: bytes, as: UTF8.self) }

        /// Hands the bytes so far to `body` and forgets them (keeping the room), for a document written in pieces.
        mutating func flush(_ body: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) {
            try bytes.withUnsafeBufferPointer { (piece) throws(FileError) in try body(piece) }
            bytes.removeAll(keepingCapacity: true)
        }

        /// Appends one record.
        public mutating func row(_ fields: [String]) {
            if fields.count == 1 && fields[0].isEmpty {
                bytes += [34, 34] + lineEnd
                return
            }
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(44) }
                append(field)
            }
            bytes += lineEnd
        }

        /// Appends one field (quoted when needed), without a separator.
        mutating func append(_ field: String) {
            var field = guardsFormulas ? CSVFormulaGuard.guarded(field) : field
            field.withUTF8 { utf8 in
                var needsQuotes = false
                for byte in utf8 where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
                    needsQuotes = true
                    break
                }
                guard needsQuotes else { bytes.append(contentsOf: utf8); return }
                bytes.append(34)
                var start = 0
                for index in 0..<utf8.count where utf8[index] == 34 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...index]))
                    bytes.append(34)
                    start = index + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
                bytes.append(34)
            }
        }
    }
}

/// CSV text as rows of strings: the small, convenient entry point the shell uses for ad-hoc CSV.
public enum CSVText {
    /// Parses CSV text into rows (RFC 4180; see `CSV`), errors naming `path`, line and column.
    public static func rows(_ text: String, path: String? = nil, cancellation: CancellationToken = .none,
                            progress: ((Double) -> Void)? = nil) throws(FileError) -> [[String]] {
        try CSV.rows(Array(text.utf8), path: path, cancellation: cancellation, progress: progress)
    }

    /// Formats rows as CSV text (CRLF line ends unless `lineEnding` says otherwise, minimal quoting).
    public static func text(_ rows: [[String]], lineEnding: CSV.Writer.LineEnding = .crlf) -> String {
        var writer = CSV.Writer(lineEnding: lineEnding)
        for row in rows { writer.row(row) }
        return writer.text
    }
}
