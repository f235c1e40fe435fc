import Foundation

/// Reads RIS files as Zotero, EndNote, Rayyan and Covidence write them.
///
/// A line is a tag (an uppercase letter, then an uppercase letter or digit), two spaces, a hyphen, a space
/// and the value; one or two spaces before the hyphen are accepted, and `ER  -` may end without a space.
/// A record runs from `TY` to `ER`. A non-blank line inside a record that is not a tag line continues the
/// previous field (joined with a line break; for `KW` it is a further keyword). UTF-8 with or without a
/// byte-order mark, UTF-16 with one, and Latin-1 / Windows-1252 are read (the last two named in a warning);
/// CRLF, LF and CR line ends all work.
///
/// Errors (thrown, located file:line:column): a tag line outside any record, and a file with no record.
/// Everything else is read and reported as a warning.
public enum RISReader {
    /// Reads a RIS file.
    public static func read(from url: URL) throws(FileError) -> RISDocument {
        try decode(AtomicFile.read(url), path: AtomicFile.displayPath(url))
    }

    /// Reads RIS bytes; `path` names the file in errors and warnings.
    public static func decode(_ bytes: [UInt8], path: String? = nil) throws(FileError) -> RISDocument {
        let decoded = TextDecoding.decode(bytes)
        var warnings: [FileError] = []
        if decoded.encoding.isWorthMentioning {
            let how: String
            switch decoded.encoding {
            case .latin1, .windows1252: how = "the file is not valid utf-8; it was read as \(decoded.encoding.name)"
            default: how = "the file is \(decoded.encoding.name) (it has a byte-order mark); it was read as such"
            }
            warnings.append(FileError(path: path, line: 1, message: how + "; check names with accents such as Janoušková"))
        }
        if decoded.replacements > 0 {
            warnings.append(FileError(path: path, message: "\(decoded.replacements) invalid \(decoded.encoding.name) sequence\(decoded.replacements == 1 ? " was" : "s were") replaced by U+FFFD"))
        }
        var parser = Parser(path: path)
        parser.warnings = warnings
        let lines = decoded.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() { try parser.take(line, number: index + 1) }
        try parser.finish(lineCount: lines.count)
        return RISDocument(entries: parser.entries, encoding: decoded.encoding, warnings: parser.warnings)
    }

    /// A tag line split into its tag and value, or nil when the line is not one.
    static func tagLine(_ line: Substring) -> (tag: String, value: Substring)? {
        let scalars = line.unicodeScalars
        var index = scalars.startIndex
        func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        guard index < scalars.endIndex, isUpper(scalars[index]) else { return nil }
        index = scalars.index(after: index)
        guard index < scalars.endIndex, isUpper(scalars[index]) || isDigit(scalars[index]) else { return nil }
        index = scalars.index(after: index)
        let tagEnd = index
        var spaces = 0
        while index < scalars.endIndex, scalars[index] == " " { spaces += 1; index = scalars.index(after: index) }
        guard (1...2).contains(spaces), index < scalars.endIndex, scalars[index] == "-" else { return nil }
        index = scalars.index(after: index)
        if index < scalars.endIndex {
            guard scalars[index] == " " || scalars[index] == "\t" else { return nil }
            index = scalars.index(after: index)
        }
        let tag = String(scalars[scalars.startIndex..<tagEnd])
        return (tag, Substring(scalars[index...]))
    }

    /// The line-by-line state: the record being read and the field a continuation line extends.
    struct Parser {
        let path: String?
        var entries: [RISDocument.Entry] = []
        var warnings: [FileError] = []
        var current: RecordBuilder?
        var junkBeforeFirst = 0

        init(path: String?) { self.path = path }

        mutating func take(_ line: Substring, number: Int) throws(FileError) {
            if let (tag, value) = RISReader.tagLine(line) {
                if tag == "TY" {
                    if let open = current {
                        warnings.append(FileError(path: path, line: open.line, column: 1,
                                                  message: "the record starting here has no 'ER  -' line; it was taken to end at line \(number - 1), before the next 'TY'",
                                                  lineText: open.lineText))
                        close()
                    }
                    current = RecordBuilder(line: number, lineText: String(line), type: trim(value))
                    if current!.record.type.isEmpty {
                        current!.record.type = "GEN"
                        warnings.append(FileError(path: path, line: number, column: 7, message: "record type is empty; read as GEN (generic)", lineText: String(line)))
                    }
                    return
                }
                guard current != nil else {
                    throw FileError(path: path, line: number, column: 1,
                                    message: "'\(tag)' is outside any record; a record starts with 'TY  - ' and ends with 'ER  -'",
                                    lineText: String(line))
                }
                if tag == "ER" {
                    close()
                    return
                }
                current!.field(tag, trim(value), line: number, lineText: String(line), path: path, warnings: &warnings)
                return
            }
            let text = trim(line)
            if text.isEmpty { return }
            if current != nil {
                current!.continuation(text)
            } else {
                if text == "\u{1A}" { return }  // DOS end-of-file marker some exporters leave
                warnings.append(FileError(path: path, line: number, column: 1,
                                          message: "line outside any record ignored: expected 'TY  - ' to start a record", lineText: String(line)))
            }
        }

        mutating func close() {
            guard let builder = current else { return }
            entries.append(RISDocument.Entry(record: builder.finished(), line: builder.line))
            current = nil
        }

        mutating func finish(lineCount: Int) throws(FileError) {
            if let open = current {
                warnings.append(FileError(path: path, line: open.line, column: 1,
                                          message: "the file ends inside the record starting here (no 'ER  -' line); the record was kept",
                                          lineText: open.lineText))
                close()
            }
            guard !entries.isEmpty else {
                throw FileError(path: path, line: 1, column: 1,
                                message: "no records found: a RIS record starts with a line 'TY  - JOUR' and ends with 'ER  -' (is this a RIS file?)")
            }
        }

        func trim(_ text: Substring) -> String { text.trimmingCharacters(in: .whitespaces) }
    }

    /// Collects one record's fields as they are read.
    struct RecordBuilder {
        /// Where the last field's value went, so that a continuation line extends the same value.
        enum Slot {
            case text(WritableKeyPath<BibliographicRecord, String?>)
            case authors, keywords, notes, other, screening
        }

        let line: Int
        let lineText: String
        var record: BibliographicRecord
        var slot: Slot?
        var journalRank = Int.max
        var titleSet = false, abstractSet = false

        init(line: Int, lineText: String, type: String) {
            self.line = line
            self.lineText = lineText
            record = BibliographicRecord(type: type)
        }

        /// Journal tags by preference: Zotero's T2, the full name, then abbreviations.
        static let journalTags = ["T2", "JF", "JO", "JA", "J2"]

        mutating func field(_ tag: String, _ value: String, line: Int, lineText: String, path: String?, warnings: inout [FileError]) {
            func warn(_ message: String) {
                warnings.append(FileError(path: path, line: line, column: 7, message: message, lineText: lineText))
            }
            /// Sets a single-valued field the first time; a repeat is kept as an other field.
            func single(_ key: WritableKeyPath<BibliographicRecord, String?>) {
                if record[keyPath: key] == nil { record[keyPath: key] = value; slot = .text(key) } else { other(tag, value) }
            }
            switch tag {
            case "AU", "A1":
                if !value.isEmpty { record.authors.append(value) }
                slot = .authors
            case "TI", "T1":
                if titleSet { other(tag, value) } else { record.title = value; titleSet = true; slot = .text(\.title) }
            case "PY", "Y1", "DA":
                // The first year read wins; a later, different year or date is kept as an other field.
                let year = Self.year(in: value)
                var date = value
                while date.hasSuffix("/") { date.removeLast() }
                let dateText: String? = date.isEmpty || date == year.map(String.init) ? nil : date
                var used = value.isEmpty
                if let year {
                    if record.year == nil { record.year = year; used = true } else if record.year == year { used = true }
                }
                if let dateText {
                    if record.date == nil { record.date = dateText; used = true } else if record.date == dateText { used = true }
                    if year == nil { warn("no four-digit year in '\(value.prefix(40))'; kept as the date") }
                }
                if !used { other(tag, value) } else { slot = nil }
            case _ where Self.journalTags.contains(tag):
                let rank = Self.journalTags.firstIndex(of: tag) ?? Self.journalTags.count
                if let journal = record.journal {
                    if rank < journalRank {
                        other(Self.journalTags[journalRank], journal)
                        record.journal = value
                        journalRank = rank
                        slot = .text(\.journal)
                    } else {
                        other(tag, value)
                    }
                } else {
                    record.journal = value
                    journalRank = rank
                    slot = .text(\.journal)
                }
            case "VL": single(\.volume)
            case "IS": single(\.issue)
            case "SP": single(\.pages)
            case "EP":
                if let start = record.pages, !Self.isRange(start), !value.isEmpty, !start.hasPrefix("-") {
                    record.pages = start + "-" + value
                    slot = nil
                } else if record.pages == nil, !value.isEmpty {
                    record.pages = "-" + value
                    slot = nil
                } else {
                    other(tag, value)
                }
            case "DO":
                if record.doi == nil, DOI.normalized(value) != nil, let start = value.range(of: "10.") {
                    record.doi = String(value[start.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " .,;"))
                    slot = nil
                } else {
                    if record.doi == nil, !value.isEmpty, DOI.normalized(value) == nil {
                        warn("'\(value.prefix(60))' is not a doi (expected 10.xxxx/…); kept as an other field")
                    }
                    other(tag, value)
                }
            case "UR": single(\.url)
            case "AB", "N2":
                if abstractSet { other(tag, value) } else { record.abstract = value; abstractSet = true; slot = .text(\.abstract) }
            case "KW":
                if !value.isEmpty { record.keywords.append(value) }
                slot = .keywords
            case "N1":
                if RayyanScreening.isScreeningNote(value) {
                    let (screening, problems) = RayyanScreening.parse(value)
                    record.screening = record.screening.map { Self.merge($0, screening) } ?? screening
                    for problem in problems {
                        warnings.append(FileError(path: path, line: line, column: 7 + problem.offset,
                                                  message: "rayyan note: \(problem.message); the part was kept as text", lineText: lineText))
                    }
                    slot = .screening
                } else {
                    record.notes.append(value)
                    slot = .notes
                }
            case "AN": single(\.accessionNumber)
            default:
                other(tag, value)
            }
        }

        mutating func other(_ tag: String, _ value: String) {
            record.otherFields.append(RISField(tag: tag, value: value))
            slot = .other
        }

        /// A non-tag line inside a record extends the value of the field before it.
        mutating func continuation(_ text: String) {
            func extend(_ values: inout [String]) {
                if values.isEmpty { values.append(text) } else { values[values.count - 1] += "\n" + text }
            }
            switch slot {
            case .text(let key): record[keyPath: key] = (record[keyPath: key].map { $0 + "\n" } ?? "") + text
            case .authors: extend(&record.authors)
            case .keywords: record.keywords.append(text)
            case .notes: extend(&record.notes)
            case .other:
                if var last = record.otherFields.popLast() {
                    last.value += "\n" + text
                    record.otherFields.append(last)
                }
            case .screening, nil:
                // After a field that takes no continuation (a year, a Rayyan note), keep the text as a note.
                record.notes.append(text)
                slot = .notes
            }
        }

        func finished() -> BibliographicRecord { record }

        /// The first run of exactly four digits ("2017" in "2017/03/01/").
        static func year(in value: String) -> Int? {
            let digits = value.unicodeScalars.map { $0.value >= 0x30 && $0.value <= 0x39 ? Int($0.value - 0x30) : -1 }
            var run = 0
            for (index, digit) in digits.enumerated() {
                guard digit >= 0 else { run = 0; continue }
                run += 1
                let nextIsDigit = index + 1 < digits.count && digits[index + 1] >= 0
                if run == 4 && !nextIsDigit { return digits[(index - 3)...index].reduce(0) { $0 * 10 + $1 } }
            }
            return nil
        }

        static func isRange(_ pages: String) -> Bool { pages.contains("-") || pages.contains("–") }

        static func merge(_ a: RayyanScreening, _ b: RayyanScreening) -> RayyanScreening {
            RayyanScreening(decisions: a.decisions + b.decisions, labels: a.labels + b.labels,
                            exclusionReasons: a.exclusionReasons + b.exclusionReasons,
                            reviewerNotes: a.reviewerNotes + b.reviewerNotes, otherParts: a.otherParts + b.otherParts)
        }
    }
}
