#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads `review-snapshot` files, validating everything before anything is handed back.
///
/// Either the whole snapshot is valid and a `Snapshot` comes back, or a `FileError` names the line and
/// column where it went wrong; the caller's workspace is never touched in between. The checks, in order:
/// the header (format name, a version this build reads), the checksum trailer (so truncation at any
/// offset and any changed byte are caught before parsing), UTF-8, then every line of every section
/// against the same rules `Workspace.apply` enforces, so a snapshot that loads is a valid workspace.
public enum SnapshotReader {
    /// Decodes a snapshot from bytes; `path` is only used in error messages.
    public static func decode(_ data: [UInt8], path: String? = nil) throws(FileError) -> Snapshot {
        try decodeWithInfo(data, path: path, progress: nil).snapshot
    }

    /// Decodes a snapshot and reports its version and checksum; `progress` gets the fraction parsed.
    /// A cancel of `cancellation` (checked every 1,024 lines) throws a `FileError` marked `isInterruption`.
    public static func decodeWithInfo(_ data: [UInt8], path: String? = nil,
                                      progress: ((Double) -> Void)?,
                                      cancellation: CancellationToken = .none) throws(FileError) -> (snapshot: Snapshot, version: Int, checksum: UInt32) {
        var parser = Parser(path: path, progress: progress)
        parser.cancellation = cancellation
        return try data.withUnsafeBufferPointer { (buffer) throws(FileError) in try parser.parse(buffer) }
    }

    /// Lines longer than this many bytes are not copied into an error's `lineText` (the error still has line and column).
    static let maximumLineTextBytes = 16 * 1024

    struct Parser {
        let path: String?
        let progress: ((Double) -> Void)?
        var lineNumber = 0
        var version = Snapshot.formatVersion
        var cancellation = CancellationToken.none
        /// Quotes from `SnapshotCache`, put in at byte `offset` in place of the @quotes lines the cache stands for.
        var spliced: (offset: Int, lines: Int, quotes: QuoteStore)?
        /// Where the @quotes lines were (recorded for `SnapshotCache`).
        var quoteSection: Snapshot.QuoteSection?

        init(path: String?, progress: ((Double) -> Void)?) {
            self.path = path
            self.progress = progress
        }

        func fail(_ message: String, line: Int? = nil, column: Int? = nil, lineText: String? = nil) -> FileError {
            FileError(path: path, line: line, column: column, message: message, lineText: lineText)
        }

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileError) -> (snapshot: Snapshot, version: Int, checksum: UInt32) {
            let expectedHeader = "'\(Snapshot.formatName) \(Snapshot.formatVersion)'"
            guard !bytes.isEmpty else { throw fail("the file is empty; a snapshot starts with \(expectedHeader)", line: 1) }

            // 1. Header: format name and version.
            var firstEnd = bytes.firstIndex(of: 10) ?? bytes.count
            firstEnd = min(firstEnd, 256)
            var headerStart = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { headerStart = 3 }  // a BOM an editor added
            let headerBytes = UnsafeBufferPointer(rebasing: bytes[headerStart..<max(headerStart, firstEnd)])
            let header = String(decoding: headerBytes, as: UTF8.self)
            let name = Array(Snapshot.formatName.utf8)
            guard headerBytes.count >= name.count, headerBytes.prefix(name.count).elementsEqual(name) else {
                let sample = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 64)])
                if sample.contains(0) || (UTF8Validation.firstInvalidOffset(sample).map { $0 < sample.count - 4 } ?? false) {
                    throw fail("not a review snapshot: this looks like a binary file, not text; a snapshot starts with \(expectedHeader)", line: 1, column: 1)
                }
                throw fail("not a review snapshot: the first line should be \(expectedHeader)", line: 1, column: 1, lineText: String(header.prefix(200)))
            }
            let versionBytes = headerBytes.dropFirst(name.count)
            guard versionBytes.first == 32, versionBytes.count >= 2, versionBytes.count <= 10,
                  versionBytes.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let version = Int(String(decoding: versionBytes.dropFirst(), as: UTF8.self)), version >= 1 else {
                throw fail("the first line should be '\(Snapshot.formatName)' and a version number, such as \(expectedHeader)",
                           line: 1, column: name.count + 1, lineText: header)
            }
            guard version <= Snapshot.formatVersion else {
                throw fail("this snapshot is format version \(version), made by a newer review; this review reads versions \(Snapshot.oldestReadableVersion)–\(Snapshot.formatVersion)",
                           line: 1, column: name.count + 2, lineText: header)
            }
            self.version = version

            // 2. Checksum: the last line covers every byte before it, so truncation and edits are caught first.
            guard bytes[bytes.count - 1] == 10 else {
                let start = lastLineStart(bytes, before: bytes.count)
                throw fail("the snapshot is truncated or damaged: it should end with a line 'checksum crc32' and 8 lowercase hex digits, then a newline",
                           line: countLines(bytes, upTo: start) + 1, column: 1,
                           lineText: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(bytes.count, start + 200)]), as: UTF8.self))
            }
            let end = bytes.count - 1
            let lastStart = lastLineStart(bytes, before: end)
            let lastLine = UnsafeBufferPointer(rebasing: bytes[lastStart..<end])
            let prefix = Array("checksum crc32 ".utf8)
            let lastText = String(decoding: UnsafeBufferPointer(rebasing: lastLine.prefix(200)), as: UTF8.self)
            guard lastLine.count == prefix.count + 8, lastLine.prefix(prefix.count).elementsEqual(prefix),
                  lastLine.suffix(8).allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
                throw fail("the snapshot is truncated or damaged: its last line should be 'checksum crc32' and 8 lowercase hex digits",
                           line: countLines(bytes, upTo: lastStart) + 1, column: 1, lineText: lastText)
            }
            let expected = UInt32(String(decoding: UnsafeBufferPointer(rebasing: lastLine.suffix(8)), as: UTF8.self), radix: 16)!
            progress?(0.02)
            // The checksum covers the bytes after a byte order mark an editor may have added (the writer never
            // writes one), so adding or removing a BOM does not make a good file look damaged.
            let body = UnsafeBufferPointer(rebasing: bytes[headerStart..<lastStart])
            // The checksum and UTF-8 checks run beside the parse on another core for large files; the parse
            // result is used only if both pass, and their errors come first, as if they had run before it.
            let verification = Verification(body)
            let parsed: Result<Snapshot, FileError>
            if spliced != nil {
                // The snapshot's bytes were checked when its cache was made; only its head and tail are here.
                let snapshot = try parseBody(body, version: version)
                progress?(1)
                return (snapshot, version, expected)
            } else if body.count >= 4 << 20 {
                verification.start()
                do { parsed = .success(try parseBody(body, version: version)) } catch { parsed = .failure(error) }
                verification.wait()
            } else {
                verification.run()
                parsed = verification.crc == expected && verification.invalidOffset == nil
                    ? Result { () throws(FileError) in try parseBody(body, version: version) } : .failure(FileError(message: ""))
            }
            guard verification.crc == expected else {
                throw fail("checksum mismatch: the content was changed or damaged after it was saved (file says \(SnapshotWriter.hex(expected)), content gives \(SnapshotWriter.hex(verification.crc)))",
                           line: countLines(bytes, upTo: lastStart) + 1, column: prefix.count + 1, lineText: lastText)
            }
            if let bad = verification.invalidOffset {
                let start = lastLineStart(body, before: bad)
                let column = String(decoding: UnsafeBufferPointer(rebasing: body[start..<bad]), as: UTF8.self).count + 1
                var lineEnd = bad
                while lineEnd < body.count && body[lineEnd] != 10 && lineEnd - start < 200 { lineEnd += 1 }
                throw fail("invalid UTF-8 byte 0x\(String(body[bad], radix: 16)) (snapshots are UTF-8 text)",
                           line: countLines(body, upTo: start) + 1, column: column,
                           lineText: String(decoding: UnsafeBufferPointer(rebasing: body[start..<lineEnd]), as: UTF8.self))
            }
            let snapshot = try parsed.get()
            progress?(1)
            return (snapshot, version, expected)
        }

        func lastLineStart(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
            var start = end
            while start > 0 && bytes[start - 1] != 10 { start -= 1 }
            return start
        }

        func countLines(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
            var count = 0
            var index = 0
            guard let base = bytes.baseAddress else { return 0 }
            while index < end, let found = memchrNewline(base + index, end - index) {
                count += 1
                index += found + 1
            }
            return count
        }

        enum Section: String { case meta, settings, studies, appraisals, subthemes, quotes, prisma, findings, cerqual, bibliography, tags, codings, screening, notes, history, end }

        mutating func parseBody(_ bytes: UnsafeBufferPointer<UInt8>, version: Int) throws(FileError) -> Snapshot {
            var workspace = Workspace()
            // Sized for what a snapshot holds, so that reading one does not grow these dictionaries: the copy of
            // `[String: String]`'s resize the linker keeps may be ArgumentParser's, which looks `String: Hashable`
            // up at run time (see Package.swift, startUpCodeGeneration).
            var settings: [String: String] = [:]
            settings.reserveCapacity(32)
            workspace.metadata.reserveCapacity(16)
            var notes: [String] = []
            var history: [String] = []
            var settingLines: [String: Int] = [:]
            var section: Section?
            var seen = Set<String>()
            var studyIndex: [String: Int32] = [:]
            var appraised = Set<String>()
            var subThemeCoding: [Int32: (UInt8, UInt8, UInt8)] = [:]
            var lastQuoteID: Int32 = 0
            var fields = FieldRanges()
            fields.reserveCapacity(16)
            let blankLinesAreEntries = version >= 2
            var prisma = PRISMAFlow()
            var prismaKeys = Set<String>()
            let sectionList = version >= 3 ? "@meta @settings @studies @appraisals @subthemes @quotes @prisma @findings @cerqual @bibliography @tags @codings @screening @notes @history @end"
                : "@meta @settings @studies @appraisals @subthemes @quotes @notes @history @end"
            var records: [Int32: BibliographicRecord] = [:]
            var recordFields: [Int32: Set<String>] = [:]
            var recordOrder: [Int32] = []
            var quoteRows: [Int32: Int] = [:]
            var findingLines: [Synthesis.SnapshotLine] = []
            var cerqualLines: [Synthesis.SnapshotLine] = []
            var codedBy = Set<String>()
            var screeningLines = SnapshotScreening.Lines()

            // Size the quote store once: roughly one quote per line after @quotes.
            let count = bytes.count
            let reportEvery = max(1 << 20, count / 100)
            var nextReport = reportEvery

            var start = 0
            lineNumber = 0
            while start < count {
                lineNumber += 1
                try cancellation.check(every: lineNumber) { [path] in FileError($0, path: path) }
                var end = count
                if let base = bytes.baseAddress, let found = memchrNewline(base + start, count - start) { end = start + found }
                defer { start = end + 1 }
                if let progress, end >= nextReport {
                    progress(0.15 + 0.85 * Double(end) / Double(count))
                    nextReport = end + reportEvery
                }
                if let splice = spliced, start == splice.offset {
                    workspace.quotes = splice.quotes
                    lastQuoteID = splice.quotes.ids.last ?? 0
                    lineNumber += splice.lines
                }
                if lineNumber == 1 { continue }  // header, checked already
                let lineLength = end - start
                if lineLength == 0 {
                    if blankLinesAreEntries && (section == .notes || section == .history) {
                        if section == .notes { notes.append("") } else { history.append("") }
                    }
                    continue
                }
                let first = bytes[start]
                if first == UInt8(ascii: "#") { continue }
                if section == .end {
                    throw fail("unexpected line after '@end'", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                }
                if first == UInt8(ascii: "@") {
                    let name = text(bytes, start + 1, end)
                    guard let next = Section(rawValue: name),
                          version >= 3 || (next != .prisma && next != .findings && next != .cerqual && next != .bibliography && next != .tags && next != .codings && next != .screening) else {
                        throw fail("unknown section '@\(name.prefix(40))'; expected one of \(sectionList)", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                    }
                    guard seen.insert(name).inserted else { throw fail("section '@\(name)' appears twice", line: lineNumber, column: 1, lineText: "@" + name) }
                    if section == .quotes, var quotes = quoteSection {
                        quotes.end = start
                        quotes.lines = lineNumber - quotes.lines - 1
                        quoteSection = quotes
                    }
                    section = next
                    if next == .quotes { quoteSection = Snapshot.QuoteSection(start: end + 1, end: end + 1, lines: lineNumber) }
                    if next == .quotes && spliced == nil {
                        var lines = 0
                        var index = end + 1
                        // Count lines cheaply with memchr to size the columns once.
                        if let base = bytes.baseAddress {
                            while index < count, let found = memchrNewline(base + index, count - index) { lines += 1; index += found + 1 }
                        }
                        workspace.quotes.reserveCapacity(lines, textBytes: count - end)
                    }
                    continue
                }
                guard let current = section else {
                    throw fail("data before the first section; expected a line such as '@meta'", line: lineNumber, column: 1, lineText: text(bytes, start, end))
                }
                // Split into tab-separated fields.
                fields.removeAll()
                var fieldStart = start
                if let base = bytes.baseAddress {
                    while fieldStart <= end {
                        if let found = memchr(base + fieldStart, 9, end - fieldStart) {
                            let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                            fields.append(fieldStart..<index)
                            fieldStart = index + 1
                        } else {
                            fields.append(fieldStart..<end)
                            break
                        }
                    }
                }

                switch current {
                case .meta, .settings:
                    try expectFields(fields, 2, "key and value", bytes, start, end)
                    let key = try field(bytes, fields[0], start, end), value = try field(bytes, fields[1], start, end)
                    if current == .meta {
                        guard workspace.metadata.updateValue(value, forKey: key) == nil else { throw located("key '\(key)' appears twice in @meta", bytes, fields[0], start, end) }
                    } else {
                        guard settings.updateValue(value, forKey: key) == nil else { throw located("key '\(key)' appears twice in @settings", bytes, fields[0], start, end) }
                        settingLines[key] = lineNumber
                    }
                case .notes, .history:
                    try expectFields(fields, 1, "one text field", bytes, start, end)
                    let entry = try field(bytes, fields[0], start, end)
                    if current == .notes { notes.append(entry) } else { history.append(entry) }
                case .studies:
                    try expectFields(fields, 9, "id, label, reference, year, country, design, data-collection, analysis, participants", bytes, start, end)
                    let id = try field(bytes, fields[0], start, end)
                    do throws(ReviewError) { try ValueRules.checkStudyID(id) } catch { throw located(error.message, bytes, fields[0], start, end) }
                    guard studyIndex[id] == nil else { throw located("study id '\(FileError.shortened(id))' appears twice", bytes, fields[0], start, end) }
                    let study = Study(id: id, label: try field(bytes, fields[1], start, end),
                                      reference: try optionalNumber(bytes, fields[2], ValueRules.studyReference, start, end),
                                      year: try optionalNumber(bytes, fields[3], ValueRules.year, start, end),
                                      country: try optionalText(bytes, fields[4], start, end), design: try optionalText(bytes, fields[5], start, end),
                                      dataCollection: try optionalText(bytes, fields[6], start, end), analysis: try optionalText(bytes, fields[7], start, end),
                                      participants: try optionalNumber(bytes, fields[8], ValueRules.participants, start, end))
                    guard !ValueRules.isBlank(study.label) else { throw located("study \(id) needs a label", bytes, fields[1], start, end) }
                    studyIndex[id] = Int32(workspace.studies.count)
                    workspace.studies.append(study)
                case .appraisals:
                    try expectFields(fields, 12, "study, reviewer and answers q1–q10", bytes, start, end)
                    let studyID = try field(bytes, fields[0], start, end)
                    guard studyIndex[studyID] != nil else { throw located("appraisal of unknown study '\(studyID)' (studies must come first)", bytes, fields[0], start, end) }
                    var answers: [CASPAnswer?] = []
                    answers.reserveCapacity(10)
                    for q in 0..<10 {
                        let range = fields[2 + q]
                        if range.isEmpty { answers.append(nil); continue }
                        guard let answer = CASPAnswer.allCases.first(where: { equals(bytes, range, $0.slug) }) else {
                            throw located("answer to q\(q + 1) must be yes, cant-tell, no or empty; got '\(text(bytes, range.lowerBound, range.upperBound).prefix(40))'", bytes, range, start, end)
                        }
                        answers.append(answer)
                    }
                    let reviewer = try field(bytes, fields[1], start, end)
                    guard appraised.insert(studyID + "\t" + reviewer).inserted else {
                        throw located("study \(studyID) is appraised twice by the same reviewer", bytes, fields[0], start, end)
                    }
                    workspace.appraisals.append(Appraisal(studyID: studyID, reviewer: reviewer, answers: answers))
                case .subthemes:
                    try expectFields(fields, 6, "id, direction, component, domain, number, label", bytes, start, end)
                    let id = try number(bytes, fields[0], ValueRules.subThemeID, start, end)
                    guard subThemeCoding[Int32(id)] == nil else { throw located("sub-theme id \(id) appears twice", bytes, fields[0], start, end) }
                    let direction = try code(bytes, fields[1], SlugTable.directions, "direction", start, end, optional: false)
                    let component = try code(bytes, fields[2], SlugTable.components, "component", start, end, optional: false)
                    let domain = try code(bytes, fields[3], SlugTable.domains, "domain", start, end, optional: false)
                    let themeNumber = try number(bytes, fields[4], ValueRules.subThemeNumber, start, end)
                    let label = try field(bytes, fields[5], start, end)
                    guard !ValueRules.isBlank(label) else { throw located("sub-theme \(id) needs a label", bytes, fields[5], start, end) }
                    workspace.subThemes.append(SubTheme(id: id, direction: Direction(rawValue: direction)!, component: COMBComponent(rawValue: component)!,
                                                        domain: TDFDomain(rawValue: domain)!, number: themeNumber, label: label))
                    subThemeCoding[Int32(id)] = (direction, component, domain)
                case .quotes:
                    try expectFields(fields, 9, "id, direction, component, domain, subtheme, study, reference, page, text", bytes, start, end)
                    let idRange = fields[0]
                    guard idRange.count >= 2, bytes[idRange.lowerBound] == UInt8(ascii: "Q"),
                          let id = try? ValueRules.quoteID.parse(utf8: UnsafeBufferPointer(rebasing: bytes[(idRange.lowerBound + 1)..<idRange.upperBound])) else {
                        throw located("quote id must be Q followed by \(ValueRules.quoteID.expectation)", bytes, idRange, start, end)
                    }
                    guard Int32(id) > lastQuoteID else { throw located("quote ids must ascend; Q\(id) comes after Q\(lastQuoteID)", bytes, idRange, start, end) }
                    let direction = try code(bytes, fields[1], SlugTable.directions, "direction", start, end, optional: true)
                    let component = try code(bytes, fields[2], SlugTable.components, "component", start, end, optional: true)
                    let domain = try code(bytes, fields[3], SlugTable.domains, "domain", start, end, optional: true)
                    var subTheme: Int32 = -1
                    if !fields[4].isEmpty {
                        guard let value = int(bytes, fields[4]), value <= Int(Int32.max), let coding = subThemeCoding[Int32(value)] else {
                            throw located("unknown sub-theme '\(text(bytes, fields[4].lowerBound, fields[4].upperBound).prefix(40))' (sub-themes must be listed first)", bytes, fields[4], start, end)
                        }
                        guard coding == (direction, component, domain) else {
                            throw located("quote Q\(id)'s coding does not match its sub-theme \(value)", bytes, fields[4], start, end)
                        }
                        subTheme = Int32(value)
                    }
                    var study: Int32 = -1
                    if !fields[5].isEmpty {
                        let studyID = try field(bytes, fields[5], start, end)
                        guard let index = studyIndex[studyID] else { throw located("unknown study '\(studyID.prefix(40))'", bytes, fields[5], start, end) }
                        study = index
                    }
                    var reference: Int32 = -1
                    if !fields[6].isEmpty {
                        reference = Int32(try number(bytes, fields[6], ValueRules.quoteReference, start, end))
                    }
                    let page = try field(bytes, fields[7], start, end)
                    let textRange = fields[8]
                    let rawText = UnsafeBufferPointer(rebasing: bytes[textRange])
                    if let base = rawText.baseAddress, memchr(base, 92, rawText.count) != nil {
                        let quoteText = try field(bytes, textRange, start, end)
                        guard !ValueRules.isBlank(quoteText) else { throw located("a quote needs its text", bytes, textRange, start, end) }
                        workspace.quotes.append(id: Int32(id), text: quoteText, direction: direction, component: component, domain: domain,
                                                subTheme: subTheme, study: study, reference: reference, page: page)
                    } else {
                        guard !isBlank(rawText) else { throw located("a quote needs its text", bytes, textRange, start, end) }
                        workspace.quotes.append(id: Int32(id), utf8: rawText, direction: direction, component: component, domain: domain,
                                                subTheme: subTheme, study: study, reference: reference, page: page)
                    }
                    lastQuoteID = Int32(id)
                case .prisma:
                    try expectFields(fields, 2, "key and value", bytes, start, end)
                    let key = try field(bytes, fields[0], start, end), value = try field(bytes, fields[1], start, end)
                    let target: PRISMAFlow.Target
                    do throws(ReviewError) { target = try PRISMAFlow.resolve(PRISMAFlow.unescapeKey(key)) } catch {
                        throw located(error.message, bytes, fields[0], start, end)
                    }
                    guard prismaKeys.insert(target.identity).inserted else { throw located("'\(key)' appears twice in @prisma", bytes, fields[0], start, end) }
                    do throws(ReviewError) { try prisma.apply(target, value: value) } catch {
                        throw located(error.message, bytes, fields[1], start, end)
                    }
                case .findings, .cerqual:
                    var values: [String] = []
                    for index in 0..<fields.count { values.append(try field(bytes, fields[index], start, end)) }
                    let lineText = end - start <= SnapshotReader.maximumLineTextBytes ? text(bytes, start, end) : nil
                    let line = Synthesis.SnapshotLine(line: lineNumber, fields: values, text: lineText)
                    if current == .findings { findingLines.append(line) } else { cerqualLines.append(line) }
                case .bibliography:
                    try expectFields(fields, 3, "study, field and value", bytes, start, end)
                    let studyID = try field(bytes, fields[0], start, end)
                    guard let index = studyIndex[studyID] else {
                        throw located("reference of unknown study '\(FileError.shortened(studyID))' (studies must come first)", bytes, fields[0], start, end)
                    }
                    let name = try field(bytes, fields[1], start, end), value = try field(bytes, fields[2], start, end)
                    if records[index] == nil { records[index] = BibliographicRecord(); recordOrder.append(index) }
                    var seenFields = recordFields[index] ?? []
                    if let problem = SnapshotReferences.set(name, value, on: &records[index]!, seen: &seenFields) {
                        throw located(problem.message, bytes, problem.isAboutValue ? fields[2] : fields[1], start, end)
                    }
                    recordFields[index] = seenFields
                case .tags:
                    try expectFields(fields, 2, "quote and tag", bytes, start, end)
                    let idRange = fields[0]
                    if quoteRows.isEmpty && workspace.quotes.count > 0 {
                        for (row, id) in workspace.quotes.ids.enumerated() { quoteRows[id] = row }
                    }
                    guard idRange.count >= 2, bytes[idRange.lowerBound] == UInt8(ascii: "Q"),
                          let id = try? ValueRules.quoteID.parse(utf8: UnsafeBufferPointer(rebasing: bytes[(idRange.lowerBound + 1)..<idRange.upperBound])),
                          let row = quoteRows[Int32(id)] else {
                        throw located("tag of unknown quote '\(FileError.shortened(text(bytes, idRange.lowerBound, idRange.upperBound)))' (quotes must come first)", bytes, idRange, start, end)
                    }
                    let tag = try field(bytes, fields[1], start, end)
                    do throws(ReviewError) {
                        try QuoteTags.check(tag)
                        guard let tags = QuoteTags.adding(tag, to: workspace.quotes.tags[row]) else {
                            throw ReviewError(.duplicate, "quote Q\(id) has tag '\(FileError.shortened(tag))' twice")
                        }
                        workspace.quotes.tags[row] = tags
                    } catch {
                        throw located(error.message, bytes, fields[1], start, end)
                    }
                case .codings:
                    try expectFields(fields, 6, "quote, reviewer, direction, component, domain, subtheme", bytes, start, end)
                    let idRange = fields[0]
                    guard idRange.count >= 2, bytes[idRange.lowerBound] == UInt8(ascii: "Q"),
                          let id = try? ValueRules.quoteID.parse(utf8: UnsafeBufferPointer(rebasing: bytes[(idRange.lowerBound + 1)..<idRange.upperBound])) else {
                        throw located("quote id must be Q followed by \(ValueRules.quoteID.expectation)", bytes, idRange, start, end)
                    }
                    guard workspace.quotes.row(of: id) != nil else { throw located("coding of unknown quote Q\(id) (quotes must come first)", bytes, idRange, start, end) }
                    let reviewer = try field(bytes, fields[1], start, end)
                    if reviewer != ReviewerCoding.consensus {
                        do throws(ReviewError) { try ReviewerName.check(reviewer) } catch { throw located(error.message, bytes, fields[1], start, end) }
                    }
                    guard codedBy.insert("\(id)\t" + reviewer).inserted else {
                        throw located("quote Q\(id) is coded twice by the same reviewer", bytes, fields[1], start, end)
                    }
                    let direction = try code(bytes, fields[2], SlugTable.directions, "direction", start, end, optional: true)
                    let component = try code(bytes, fields[3], SlugTable.components, "component", start, end, optional: true)
                    let domain = try code(bytes, fields[4], SlugTable.domains, "domain", start, end, optional: true)
                    var coding = ReviewerCoding(quoteID: id, reviewer: reviewer, direction: Direction(rawValue: direction),
                                                component: COMBComponent(rawValue: component), domain: TDFDomain(rawValue: domain))
                    if !fields[5].isEmpty {
                        guard let value = int(bytes, fields[5]), value <= Int(Int32.max), let theme = workspace.subTheme(value) else {
                            throw located("unknown sub-theme '\(text(bytes, fields[5].lowerBound, fields[5].upperBound).prefix(40))' (sub-themes must be listed first)", bytes, fields[5], start, end)
                        }
                        guard theme.conflict(direction: coding.direction, component: coding.component, domain: coding.domain) == nil else {
                            throw located("Q\(id)'s coding by \(reviewer) does not match its sub-theme \(value)", bytes, fields[5], start, end)
                        }
                        coding.subTheme = value
                    }
                    guard !coding.isEmpty else { throw located("a coding needs at least one coded field", bytes, fields[1], start, end) }
                    workspace.reviewerCodings.append(coding)
                case .screening:
                    try expectFields(fields, 4, "record, reviewer, decision, title", bytes, start, end)
                    let values = try (0..<fields.count).map { (index) throws(FileError) in try field(bytes, fields[index], start, end) }
                    if let problem = screeningLines.add(values) {
                        throw located(problem.message, bytes, fields[problem.field], start, end)
                    }
                case .end:
                    break
                }
            }
            guard seen.contains("end") else {
                throw fail("the snapshot is truncated: no '@end' line before the checksum", line: lineNumber)
            }
            // Reviewer codings are kept by quote, then reviewer (lookups are binary searches): a file edited by
            // hand or written in another order is put in that order.
            if !workspace.reviewerCodings.isEmpty {
                workspace.reviewerCodings.sort { ($0.quoteID, $0.reviewer) < ($1.quoteID, $1.reviewer) }
            }
            // Findings cite sub-themes by id and judgements cite findings: read them once everything is in.
            if !findingLines.isEmpty || !cerqualLines.isEmpty {
                workspace.synthesis = try Synthesis(findingLines: findingLines, cerqualLines: cerqualLines, path: path)
            }
            // Version 1 differs only in escaping and blank lines, handled above; version 2 only lacks the
            // optional version-3 sections. Nothing else to migrate.
            workspace.prisma = prisma
            workspace.screening = screeningLines.decisions
            for index in recordOrder { workspace.studies[Int(index)].bibliography = records[index] }
            var snapshot = Snapshot(workspace: workspace, settings: settings, notes: notes, history: history)
            snapshot.settingLines = settingLines
            snapshot.sourcePath = path
            snapshot.quoteSection = quoteSection.flatMap { $0.end > $0.start || $0.lines == 0 ? $0 : nil }
            return snapshot
        }

        // MARK: fields

        func isBlank(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                if byte < 0x80 { return false }
                return String(decoding: utf8, as: UTF8.self).allSatisfy(\.isWhitespace)
            }
            return true
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: String) -> Bool {
            word.utf8.count == range.count && word.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[range]))
        }

        /// A field with its escapes decoded; in version 2 an unknown escape is an error.
        func field(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ start: Int, _ end: Int) throws(FileError) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            guard let base = slice.baseAddress, memchr(base, 92, slice.count) != nil else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var index = 0
            while index < slice.count {
                let byte = slice[index]
                guard byte == 92 else { out.append(byte); index += 1; continue }
                guard index + 1 < slice.count else {
                    if version == 1 { out.append(92); index += 1; continue }
                    throw located("a backslash at the end of a field; write \\\\ for a backslash", bytes, range.lowerBound + index..<range.upperBound, start, end)
                }
                switch slice[index + 1] {
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case 92: out.append(92)
                case UInt8(ascii: "#") where version >= 2: out.append(UInt8(ascii: "#"))
                case UInt8(ascii: "@") where version >= 2: out.append(UInt8(ascii: "@"))
                default:
                    if version == 1 { out.append(92); out.append(slice[index + 1]); break }
                    throw located("unknown escape '\\\(Character(Unicode.Scalar(slice[index + 1] < 0x80 ? slice[index + 1] : 0x3F)))'; fields use \\t \\n \\r \\\\ \\# \\@",
                                  bytes, range.lowerBound + index..<range.upperBound, start, end)
                }
                index += 2
            }
            return String(decoding: out, as: UTF8.self)
        }

        func optionalText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ start: Int, _ end: Int) throws(FileError) -> String? {
            range.isEmpty ? nil : try field(bytes, range, start, end)
        }

        /// A whole number of at most nine digits (so it always fits Int32), or nil.
        func int(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 10 else { return nil }
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// A number field checked against its rule (docs/formats.md, "Value rules").
        func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ rule: ValueRules.WholeNumber, _ start: Int, _ end: Int) throws(FileError) -> Int {
            do throws(ReviewError) {
                return try rule.parse(utf8: UnsafeBufferPointer(rebasing: bytes[range]))
            } catch {
                throw located(error.message, bytes, range, start, end)
            }
        }

        /// A number field that may be empty (unknown).
        func optionalNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ rule: ValueRules.WholeNumber, _ start: Int, _ end: Int) throws(FileError) -> Int? {
            range.isEmpty ? nil : try number(bytes, range, rule, start, end)
        }

        func code(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ table: SlugTable, _ name: String,
                  _ start: Int, _ end: Int, optional: Bool) throws(FileError) -> UInt8 {
            if range.isEmpty {
                if optional { return 0 }
                throw located("\(name) is required", bytes, range, start, end)
            }
            if let raw = table.lookup(UnsafeBufferPointer(rebasing: bytes[range])) { return raw }
            throw located("unknown \(name) '\(text(bytes, range.lowerBound, range.upperBound).prefix(60))'; expected one of: \(table.names.joined(separator: ", "))", bytes, range, start, end)
        }

        func expectFields(_ fields: FieldRanges, _ expected: Int, _ what: String, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(FileError) {
            guard fields.count != expected else { return }
            let column = fields.count > expected ? fields[expected].lowerBound : end
            throw located("expected \(expected) tab-separated field\(expected == 1 ? "" : "s") (\(what)); found \(fields.count)", bytes, column..<column, start, end)
        }

        /// An error at a field: line, column in Characters, and the line's text (left out for very long lines).
        func located(_ message: String, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ start: Int, _ end: Int) -> FileError {
            let lineText = end - start <= SnapshotReader.maximumLineTextBytes ? text(bytes, start, end) : nil
            let column = text(bytes, start, max(start, min(range.lowerBound, end))).count + 1
            return fail(message, line: lineNumber, column: column, lineText: lineText)
        }
    }
}

@inline(__always)
func memchrNewline(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    guard count > 0, let found = memchr(pointer, 10, count) else { return nil }
    return UnsafeRawPointer(found) - UnsafeRawPointer(pointer)
}

/// Slugs as bytes, matched without making a `String`.
struct SlugTable: Sendable {
    let entries: [(bytes: [UInt8], raw: UInt8)]
    let names: [String]

    init<T: RawRepresentable>(_ cases: [T], _ slug: (T) -> String) where T.RawValue == UInt8 {
        entries = cases.map { (Array(slug($0).utf8), $0.rawValue) }
        names = cases.map(slug)
    }

    @inline(__always)
    func lookup(_ field: UnsafeBufferPointer<UInt8>) -> UInt8? {
        for entry in entries where entry.bytes.count == field.count {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }) { return entry.raw }
        }
        return nil
    }

    static let directions = SlugTable(Direction.allCases, \.slug)
    static let components = SlugTable(COMBComponent.allCases, \.slug)
    static let domains = SlugTable(TDFDomain.allCases, \.slug)
}

/// The checksum and UTF-8 check of a snapshot body, run on the calling thread or beside it.
final class Verification: @unchecked Sendable {
    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private let done = DispatchSemaphore(value: 0)
    /// Results, valid after `run()` or `wait()`.
    private(set) var crc: UInt32 = 0
    private(set) var invalidOffset: Int?

    init(_ body: UnsafeBufferPointer<UInt8>) {
        base = body.baseAddress
        count = body.count
    }

    func run() {
        let body = UnsafeBufferPointer(start: base, count: count)
        crc = CRC32.checksum(body)
        invalidOffset = UTF8Validation.firstInvalidOffset(body)
    }

    func start() {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func wait() { done.wait() }
}
