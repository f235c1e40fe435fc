/// Reads `review-snapshot` files, validating everything before anything is handed back.
///
/// Either the whole snapshot is valid and a `Snapshot` comes back, or a `FileError` names the line and
/// column where it went wrong; the caller's workspace is never touched in between.
public enum SnapshotReader {
    /// Decodes a snapshot from bytes; `path` is only used in error messages.
    public static func decode(_ data: [UInt8], path: String? = nil) throws(FileError) -> Snapshot {
        var parser = Parser(path: path)
        do {
            return try data.withUnsafeBufferPointer { buffer throws(FileError) in try parser.parse(buffer) }
        } catch {
            throw error
        }
    }

    struct Parser {
        let path: String?
        var lineNumber = 0

        init(path: String?) { self.path = path }

        func fail(_ message: String, line: Int? = nil, column: Int? = nil, lineText: String? = nil) -> FileError {
            FileError(path: path, line: line, column: column, message: message, lineText: lineText)
        }

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileError) -> Snapshot {
            guard !bytes.isEmpty else { throw fail("the file is empty; a snapshot starts with '\(Snapshot.formatName) \(Snapshot.formatVersion)'", line: 1) }

            // 1. Header: format name and version.
            let firstEnd = bytes.firstIndex(of: 10) ?? bytes.count
            let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<firstEnd]), as: UTF8.self)
            let headerWords = header.split(separator: " ")
            guard headerWords.first.map(String.init) == Snapshot.formatName || header.hasPrefix("\u{FEFF}" + Snapshot.formatName) else {
                throw fail("not a review snapshot: the first line should be '\(Snapshot.formatName) \(Snapshot.formatVersion)'", line: 1, column: 1, lineText: String(header.prefix(200)))
            }
            guard headerWords.count == 2, let version = Int(headerWords[1]), version >= 1 else {
                throw fail("the first line should be '\(Snapshot.formatName) N' with a version number N", line: 1, column: 1, lineText: header)
            }
            guard version <= Snapshot.formatVersion else {
                throw fail("this snapshot is format version \(version), made by a newer review; this review reads versions 1–\(Snapshot.formatVersion)", line: 1, column: headerWords[0].count + 2, lineText: header)
            }

            // 2. Checksum: the last line covers every byte before it, so truncation and edits are caught first.
            var end = bytes.count
            if end > 0 && bytes[end - 1] == 10 { end -= 1 }
            var lastStart = end
            while lastStart > 0 && bytes[lastStart - 1] != 10 { lastStart -= 1 }
            let lastLine = String(decoding: UnsafeBufferPointer(rebasing: bytes[lastStart..<end]), as: UTF8.self)
            let totalLines = bytes.reduce(into: 0) { if $1 == 10 { $0 += 1 } } + (bytes.last == 10 ? 0 : 1)
            let parts = lastLine.split(separator: " ")
            guard parts.count == 3, parts[0] == "checksum", parts[1] == "crc32", parts[2].count == 8, let expected = UInt32(parts[2], radix: 16) else {
                throw fail("the snapshot is truncated or damaged: its last line should be 'checksum crc32 XXXXXXXX'", line: totalLines, lineText: String(lastLine.prefix(200)))
            }
            let computed = CRC32.checksum(UnsafeBufferPointer(rebasing: bytes[0..<lastStart]))
            guard computed == expected else {
                throw fail("checksum mismatch: the content was changed or damaged after it was saved (file says \(parts[2]), content gives \(SnapshotWriter.hex(computed)))", line: totalLines, column: 16, lineText: lastLine)
            }
            let body = UnsafeBufferPointer(rebasing: bytes[0..<lastStart])
            if let bad = UTF8Validation.firstInvalidOffset(body) {
                let line = body[0..<bad].reduce(into: 1) { if $1 == 10 { $0 += 1 } }
                throw fail("invalid UTF-8 byte 0x\(String(body[bad], radix: 16)) (snapshots are UTF-8 text)", line: line)
            }
            return try parseBody(body, version: version)
        }

        enum Section: String { case meta, settings, studies, appraisals, subthemes, quotes, notes, history, end }

        mutating func parseBody(_ bytes: UnsafeBufferPointer<UInt8>, version: Int) throws(FileError) -> Snapshot {
            var workspace = Workspace()
            var settings: [String: String] = [:]
            var notes: [String] = []
            var history: [String] = []
            var section: Section?
            var seen = Set<String>()
            var studyIndex: [String: Int32] = [:]
            var subThemeIDs = Set<Int32>()
            var subThemeCoding: [Int32: (UInt8, UInt8, UInt8)] = [:]
            var lastQuoteID: Int32 = 0
            var fields: [Range<Int>] = []
            fields.reserveCapacity(16)

            var start = 0
            lineNumber = 0
            let count = bytes.count
            while start < count {
                lineNumber += 1
                var end = start
                // memchr-speed newline search
                if let base = bytes.baseAddress, let found = memchrNewline(base + start, count - start) { end = start + found } else { end = count }
                defer { start = end + 1 }
                if lineNumber == 1 { continue }  // header, checked already
                let lineLength = end - start
                if lineLength == 0 { continue }
                let first = bytes[start]
                if first == UInt8(ascii: "#") { continue }
                if section == .end {
                    throw fail("unexpected line after '@end'", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                }
                if first == UInt8(ascii: "@") {
                    let name = text(bytes, start + 1, end)
                    guard let next = Section(rawValue: name) else {
                        throw fail("unknown section '@\(name)'; expected one of @meta @settings @studies @appraisals @subthemes @quotes @notes @history @end", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                    }
                    guard seen.insert(name).inserted else { throw fail("section '@\(name)' appears twice", line: lineNumber, column: 1, lineText: "@" + name) }
                    section = next
                    continue
                }
                guard let current = section else {
                    throw fail("data before the first section; expected a line such as '@meta'", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                }
                // Split into tab-separated fields.
                fields.removeAll(keepingCapacity: true)
                var fieldStart = start
                for index in start..<end where bytes[index] == 9 {
                    fields.append(fieldStart..<index)
                    fieldStart = index + 1
                }
                fields.append(fieldStart..<end)

                switch current {
                case .meta, .settings:
                    try expectFields(fields, 2, "key and value", bytes, start, end)
                    let key = field(bytes, fields[0]), value = field(bytes, fields[1])
                    if current == .meta { workspace.metadata[key] = value } else { settings[key] = value }
                case .notes, .history:
                    try expectFields(fields, 1, "one text field", bytes, start, end)
                    if current == .notes { notes.append(field(bytes, fields[0])) } else { history.append(field(bytes, fields[0])) }
                case .studies:
                    try expectFields(fields, 9, "id, label, reference, year, country, design, data-collection, analysis, participants", bytes, start, end)
                    let id = field(bytes, fields[0])
                    guard !id.isEmpty, studyIndex[id] == nil else {
                        throw fail(id.isEmpty ? "a study needs an id" : "study id '\(id)' appears twice", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                    }
                    let study = Study(id: id, label: field(bytes, fields[1]),
                                      reference: try optionalInt(bytes, fields[2], "reference", start, end),
                                      year: try optionalInt(bytes, fields[3], "year", start, end),
                                      country: optionalText(bytes, fields[4]), design: optionalText(bytes, fields[5]),
                                      dataCollection: optionalText(bytes, fields[6]), analysis: optionalText(bytes, fields[7]),
                                      participants: try optionalInt(bytes, fields[8], "participants", start, end))
                    guard !study.label.isEmpty else { throw located("study \(id) needs a label", bytes, fields[1], start, end) }
                    studyIndex[id] = Int32(workspace.studies.count)
                    workspace.studies.append(study)
                case .appraisals:
                    try expectFields(fields, 12, "study, reviewer and answers q1–q10", bytes, start, end)
                    let studyID = field(bytes, fields[0])
                    guard studyIndex[studyID] != nil else { throw located("appraisal of unknown study '\(studyID)' (studies must come first)", bytes, fields[0], start, end) }
                    var answers: [CASPAnswer?] = []
                    for q in 0..<10 {
                        let raw = field(bytes, fields[2 + q])
                        if raw.isEmpty { answers.append(nil); continue }
                        guard let answer = CASPAnswer.allCases.first(where: { $0.slug == raw }) else {
                            throw located("answer to q\(q + 1) must be yes, cant-tell, no or empty; got '\(raw)'", bytes, fields[2 + q], start, end)
                        }
                        answers.append(answer)
                    }
                    let reviewer = field(bytes, fields[1])
                    guard !workspace.appraisals.contains(where: { $0.studyID == studyID && $0.reviewer == reviewer }) else {
                        throw located("study \(studyID) is appraised twice by the same reviewer", bytes, fields[0], start, end)
                    }
                    workspace.appraisals.append(Appraisal(studyID: studyID, reviewer: reviewer, answers: answers))
                case .subthemes:
                    try expectFields(fields, 6, "id, direction, component, domain, number, label", bytes, start, end)
                    guard let id = int(bytes, fields[0]), id > 0, subThemeIDs.insert(Int32(id)).inserted else {
                        throw located("sub-theme id must be a positive number used once", bytes, fields[0], start, end)
                    }
                    let direction = try code(bytes, fields[1], Direction.allCases, \.slug, "direction", start, end, optional: false)
                    let component = try code(bytes, fields[2], COMBComponent.allCases, \.slug, "component", start, end, optional: false)
                    let domain = try code(bytes, fields[3], TDFDomain.allCases, \.slug, "domain", start, end, optional: false)
                    guard let number = int(bytes, fields[4]), number > 0 else { throw located("sub-theme number must be a positive number", bytes, fields[4], start, end) }
                    let label = field(bytes, fields[5])
                    guard !label.isEmpty else { throw located("a sub-theme needs a label", bytes, fields[5], start, end) }
                    workspace.subThemes.append(SubTheme(id: id, direction: Direction(rawValue: direction)!, component: COMBComponent(rawValue: component)!,
                                                        domain: TDFDomain(rawValue: domain)!, number: number, label: label))
                    subThemeCoding[Int32(id)] = (direction, component, domain)
                case .quotes:
                    try expectFields(fields, 9, "id, direction, component, domain, subtheme, study, reference, page, text", bytes, start, end)
                    let idRange = fields[0]
                    guard idRange.count >= 2, bytes[idRange.lowerBound] == UInt8(ascii: "Q"),
                          let id = int(bytes, idRange.lowerBound + 1..<idRange.upperBound), id > 0, id <= Int(Int32.max) else {
                        throw located("quote id must be Q followed by a positive number", bytes, idRange, start, end)
                    }
                    guard Int32(id) > lastQuoteID else { throw located("quote ids must ascend; Q\(id) comes after Q\(lastQuoteID)", bytes, idRange, start, end) }
                    lastQuoteID = Int32(id)
                    let direction = try code(bytes, fields[1], Direction.allCases, \.slug, "direction", start, end, optional: true)
                    let component = try code(bytes, fields[2], COMBComponent.allCases, \.slug, "component", start, end, optional: true)
                    let domain = try code(bytes, fields[3], TDFDomain.allCases, \.slug, "domain", start, end, optional: true)
                    var subTheme: Int32 = -1
                    if !fields[4].isEmpty {
                        guard let value = int(bytes, fields[4]), let coding = subThemeCoding[Int32(value)] else {
                            throw located("unknown sub-theme '\(field(bytes, fields[4]))' (sub-themes must be listed first)", bytes, fields[4], start, end)
                        }
                        guard coding == (direction, component, domain) else {
                            throw located("quote Q\(id)'s coding does not match its sub-theme \(value)", bytes, fields[4], start, end)
                        }
                        subTheme = Int32(value)
                    }
                    var study: Int32 = -1
                    if !fields[5].isEmpty {
                        let studyID = field(bytes, fields[5])
                        guard let index = studyIndex[studyID] else { throw located("unknown study '\(studyID)'", bytes, fields[5], start, end) }
                        study = index
                    }
                    var reference: Int32 = -1
                    if !fields[6].isEmpty {
                        guard let value = int(bytes, fields[6]), value > 0, value <= Int(Int32.max) else { throw located("reference must be a positive number", bytes, fields[6], start, end) }
                        reference = Int32(value)
                    }
                    let quoteText = field(bytes, fields[8])
                    guard !quoteText.isEmpty else { throw located("a quote needs its text", bytes, fields[8], start, end) }
                    workspace.quotes.append(id: Int32(id), text: quoteText, direction: direction, component: component, domain: domain,
                                            subTheme: subTheme, study: study, reference: reference, page: field(bytes, fields[7]))
                case .end:
                    break
                }
            }
            guard seen.contains("end") else {
                throw fail("the snapshot is truncated: no '@end' line before the checksum", line: lineNumber)
            }
            _ = version  // version 1 is the only format so far; older versions would be migrated here.
            return Snapshot(workspace: workspace, settings: settings, notes: notes, history: history)
        }

        // MARK: fields

        func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        func field(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            guard slice.contains(92) else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var index = 0
            while index < slice.count {
                let byte = slice[index]
                if byte == 92 && index + 1 < slice.count {
                    switch slice[index + 1] {
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "r"): out.append(13)
                    case 92: out.append(92)
                    default: out.append(92); out.append(slice[index + 1])
                    }
                    index += 2
                } else {
                    out.append(byte)
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        func optionalText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
            range.isEmpty ? nil : field(bytes, range)
        }

        func int(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 10 else { return nil }
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        func optionalInt(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: String, _ start: Int, _ end: Int) throws(FileError) -> Int? {
            guard !range.isEmpty else { return nil }
            guard let value = int(bytes, range) else { throw located("\(name) must be a whole number or empty; got '\(field(bytes, range))'", bytes, range, start, end) }
            return value
        }

        func code<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ cases: [T], _ slug: (T) -> String, _ name: String,
                     _ start: Int, _ end: Int, optional: Bool) throws(FileError) -> UInt8 where T: RawRepresentable, T.RawValue == UInt8 {
            if range.isEmpty {
                if optional { return 0 }
                throw located("\(name) is required", bytes, range, start, end)
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            for candidate in cases {
                let s = slug(candidate)
                if s.utf8.count == slice.count && s.utf8.elementsEqual(slice) { return candidate.rawValue }
            }
            throw located("unknown \(name) '\(field(bytes, range))'; expected one of: \(cases.map(slug).joined(separator: ", "))", bytes, range, start, end)
        }

        func expectFields(_ fields: [Range<Int>], _ expected: Int, _ what: String, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(FileError) {
            guard fields.count != expected else { return }
            let column = fields.count > expected ? fields[expected].lowerBound : end
            throw located("expected \(expected) tab-separated field\(expected == 1 ? "" : "s") (\(what)); found \(fields.count)", bytes, column..<column, start, end)
        }

        func located(_ message: String, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ start: Int, _ end: Int) -> FileError {
            let lineText = text(bytes, start, end)
            let column = text(bytes, start, max(start, min(range.lowerBound, end))).count + 1
            return fail(message, line: lineNumber, column: column, lineText: lineText)
        }
    }
}

@inline(__always)
private func memchrNewline(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    guard count > 0, let found = memchr(pointer, 10, count) else { return nil }
    return UnsafeRawPointer(found) - UnsafeRawPointer(pointer)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
