import Foundation

/// How a CSV import reads what spreadsheets write.
public struct CSVImportOptions: Sendable, Equatable {
    /// What to do with a column the table does not have (such as "Reviewer notes").
    public enum UnknownColumns: Sendable, Equatable {
        /// Leave the column out and say so in `CSVImportResult.notes` (the default).
        case ignore
        /// Refuse the file, naming the column and listing the valid ones.
        case refuse
    }

    /// What to do with a column the table does not have.
    public var unknownColumns: UnknownColumns
    /// The field separator (`,`, `;` or tab as a byte); nil tells it from the header line.
    public var delimiter: UInt8?

    /// The COM-B × TDF mapping that gives a quote with a domain but no component its component
    /// (``DomainMapping/inferredComponent(of:)``, as `code` does).
    public var mapping: DomainMapping

    /// Creates options; the defaults ignore unknown columns (with a note), detect the separator and infer
    /// components under the seed review's mapping.
    public init(unknownColumns: UnknownColumns = .ignore, delimiter: UInt8? = nil, mapping: DomainMapping = .seed) {
        self.unknownColumns = unknownColumns
        self.delimiter = delimiter
        self.mapping = mapping
    }
}

/// What an import produced: one validated batch of changes, nothing applied yet.
public struct CSVImportResult: Sendable {
    /// Which table the file held.
    public var kind: CSVTableKind
    /// The changes, valid against the workspace the import was checked against; apply them as one `.batch`.
    public var changes: [WorkspaceChange]
    /// Data rows read (blank rows not counted).
    public var rows: Int
    /// Rows that add a new study, appraisal, sub-theme or quote.
    public var added: Int
    /// Rows that change an existing one.
    public var updated: Int
    /// Rows identical to what the workspace already holds (no change made).
    public var unchanged: Int
    /// Things the reviewer should know that did not stop the import, lowercase: columns left out, a
    /// separator other than the comma, a file decoded from UTF-16.
    public var notes: [String] = []

    /// The new quotes of a bulk import (`CSVImport.readForAppend`), appended after `changes`; nil otherwise.
    public var appended: QuoteAppend?

    /// The whole import as one atomic, undoable change.
    public var change: WorkspaceChange {
        guard let appended else { return .batch(changes) }
        return changes.isEmpty ? .appendQuotes(appended) : .batch(changes + [.appendQuotes(appended)])
    }

    /// Whether the import changes nothing.
    public var isEmpty: Bool { changes.isEmpty && (appended?.count ?? 0) == 0 }
}

/// Imports the CSV tables of `CSVTableKind` into a batch of `WorkspaceChange`s, all or nothing.
///
/// Every row is parsed and checked against the workspace (and the rows before it) before anything is
/// returned; the first problem is a `FileError` naming the file, the line and column of the cell, and
/// in its message the spreadsheet row, column number and column name, and the values that would be valid.
/// A row whose id exists updates that item (columns the file lacks keep their values); a row with a new
/// id (or, for quotes and sub-themes, no id) adds one. Nothing is ever removed by an import.
public enum CSVImport {
    /// Reads and validates a CSV file; `kind` nil means "tell from the header". A cancel of `cancellation`
    /// (checked between records) throws a `FileError` marked `isInterruption`; nothing is changed either way.
    public static func read(from url: URL, as kind: CSVTableKind? = nil, options: CSVImportOptions = CSVImportOptions(),
                            into workspace: Workspace, progress: ((Double) -> Void)? = nil,
                            cancellation: CancellationToken = .none) throws(FileError) -> CSVImportResult {
        let bytes = try AtomicFile.read(url, progress: progress.map { report in { report(0.2 * $0) } })
        if cancellation.isCancelled { throw FileError(Interrupted(), path: AtomicFile.displayPath(url)) }
        return try decode(bytes, as: kind, options: options, path: AtomicFile.displayPath(url), into: workspace,
                          progress: progress.map { report in { report(0.2 + 0.8 * $0) } }, cancellation: cancellation)
    }

    /// Validates CSV bytes against `workspace`; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], as kind: CSVTableKind? = nil, options: CSVImportOptions = CSVImportOptions(),
                              path: String? = nil, into workspace: Workspace,
                              progress: ((Double) -> Void)? = nil, cancellation: CancellationToken = .none) throws(FileError) -> CSVImportResult {
        var notes: [String] = []
        let text = try utf8(bytes, path: path, notes: &notes)
        let importer = Importer(path: path, workspace: workspace, kind: kind, options: options, progress: progress, totalBytes: text.count)
        try text.withUnsafeBufferPointer { (buffer) throws(FileError) in
            let delimiter = options.delimiter ?? CSV.detectDelimiter(buffer)
            importer.delimiter = delimiter
            if delimiter != 44 && options.delimiter == nil { notes.append("cells are separated by \(delimiter == 59 ? "semicolons (;)" : "tabs"), as the header shows") }
            try CSV.forEachRecord(buffer, path: path, delimiter: delimiter, cancellation: cancellation) { (record) throws(FileError) in try importer.take(record) }
        }
        if cancellation.isCancelled { throw FileError(Interrupted(), path: path) }
        var result = try importer.finish()
        if cancellation.isCancelled { throw FileError(Interrupted(), path: path) }
        result.notes = notes + result.notes
        return result
    }

    /// The bytes as UTF-8: UTF-8 as it is, UTF-16 with a byte order mark decoded; anything else named in an error.
    static func utf8(_ bytes: [UInt8], path: String?, notes: inout [String]) throws(FileError) -> [UInt8] {
        let fileName = path.map { ($0 as NSString).lastPathComponent } ?? "the file"
        let advice = "save it as UTF-8 (\"CSV UTF-8\" in Excel)"
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw FileError(path: path, line: 1, column: 1, message: "\(fileName) is UTF-32 text, which import does not read; \(advice)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[0] == 0xFE
            notes.append("read \(fileName) as UTF-16 (\(bigEndian ? "big" : "little")-endian), as its byte order mark says")
            return try utf16(bytes, bigEndian: bigEndian, path: path)
        }
        // UTF-16 without a mark: every other byte of ASCII text is zero.
        if bytes.count >= 4, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let sample = bytes.prefix(256)
            let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            if max(evenZeros, oddZeros) * 2 >= sample.count / 2 && min(evenZeros, oddZeros) == 0 {
                throw FileError(path: path, line: 1, column: 1, message: "\(fileName) looks like UTF-16 text without a byte order mark; \(advice)")
            }
        }
        return bytes
    }

    /// UTF-16 (after its 2-byte mark) transcoded to UTF-8; a broken surrogate pair is an error at its line and column.
    static func utf16(_ bytes: [UInt8], bigEndian: Bool, path: String?) throws(FileError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 2
        var line = 1
        var lineStart = 0  // in `out`
        func unit(at offset: Int) -> UInt16 {
            bigEndian ? UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]) : UInt16(bytes[offset + 1]) << 8 | UInt16(bytes[offset])
        }
        func failure(_ message: String) -> FileError {
            let column = String(decoding: out[lineStart...], as: UTF8.self).count + 1
            return FileError(path: path, line: line, column: column, message: message)
        }
        while index + 1 < bytes.count {
            let first = unit(at: index)
            index += 2
            var scalar: Unicode.Scalar?
            if first < 0xD800 || first > 0xDFFF {
                scalar = Unicode.Scalar(first)
            } else if first < 0xDC00, index + 1 < bytes.count {
                let second = unit(at: index)
                if second >= 0xDC00 && second <= 0xDFFF {
                    index += 2
                    scalar = Unicode.Scalar((UInt32(first - 0xD800) << 10 | UInt32(second - 0xDC00)) + 0x10000)
                }
            }
            guard let scalar else { throw failure("invalid UTF-16: an unpaired surrogate 0x\(String(first, radix: 16)); save the file as UTF-8") }
            UTF8.encode(scalar) { out.append($0) }
            if scalar == "\n" { line += 1; lineStart = out.count }
        }
        if index < bytes.count { throw failure("the UTF-16 text ends in the middle of a character (an odd number of bytes)") }
        return out
    }
}

/// The import state machine: header first, then one row at a time.
///
/// A class, not a struct: each row calls a dozen of its non-mutating helpers from its mutating ones, and a struct
/// holding two dozen collections was copied for such calls (a retain and a release per collection per row: a
/// sixth of a bulk import's time).
final class Importer {
    let path: String?
    let workspace: Workspace
    var kind: CSVTableKind?
    let options: CSVImportOptions
    var delimiter: UInt8 = 44
    let progress: ((Double) -> Void)?
    let totalBytes: Int
    var nextReport = 0

    /// Header position of each known column key; -1 when absent.
    var column = CSVHeaderColumns()
    var header: [String] = []
    /// Header cells up to the last one with a name; empty cells after it are a spreadsheet's padding.
    var namedCount = 0
    var headerSeen = false
    var notes: [String] = []
    var rows = 0, added = 0, updated = 0, unchanged = 0
    var changes: [WorkspaceChange] = []

    // Per-table state.
    var seenIDs = Set<String>()
    var newStudies = 0
    var studyByKey: [String: String] = [:]           // study cell → study id (cache)
    var studyIDs: Set<String> = []
    var studyPositions: [String: Int] = [:]          // study id → index in the workspace
    var appraisalPositions: [String: Int] = [:]      // "study\treviewer" → index in the workspace
    var studyLabels: [String: [String]] = [:]         // label → ids
    var appraisalKeys = Set<String>()
    var themesByCode: [String: [SubTheme]] = [:]
    var themesByLabel: [String: [SubTheme]] = [:]
    var themesByID: [Int: SubTheme] = [:]
    var themeCache: [String: SubTheme] = [:]
    var nextThemeNumber: [Int: Int] = [:]             // group key → next number
    var nextThemeID = 0
    var directionCache: [String: Direction] = [:]
    var componentCache: [String: COMBComponent] = [:]
    var domainCache: [String: TDFDomain] = [:]
    var addedQuotes: [Quote] = []
    var autoQuoteRows: [(quote: Quote, row: Int)] = []
    var maxQuoteID = 0
    var seenQuoteIDs = Set<Int32>()
    /// New quotes kept in columns while the import stays a pure append (`CSVImport.readForAppend`).
    var bulk: BulkQuotes?

    init(path: String?, workspace: Workspace, kind: CSVTableKind?, options: CSVImportOptions, progress: ((Double) -> Void)?, totalBytes: Int) {
        self.path = path
        self.workspace = workspace
        self.kind = kind
        self.options = options
        self.progress = progress
        self.totalBytes = totalBytes
    }

    var fileName: String { path.map { ($0 as NSString).lastPathComponent } ?? "the file" }

    // MARK: records

    func take(_ record: CSV.Record) throws(FileError) {
        if let progress, let offset = record.starts.last, offset >= nextReport {
            progress(Double(offset) / Double(max(totalBytes, 1)))
            nextReport = offset + max(1 << 20, totalBytes / 100)
        }
        if !headerSeen {
            if record.count == 0 || record.isBlank { return }  // blank lines before the header
            try readHeader(record)
            return
        }
        if record.count == 0 || record.isBlank { return }
        guard record.count >= namedCount && record.count <= header.count else {
            let expected = namedCount == header.count ? "\(header.count)" : "\(namedCount) to \(header.count)"
            let index = min(record.count, header.count) - 1
            let separator = delimiter == 44 ? "comma" : delimiter == 59 ? "semicolon" : "tab"
            throw FileError(path: path, line: record.line(of: max(index, 0)), column: record.count > header.count ? record.column(of: header.count) : 1,
                            message: "row \(record.number) has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(expected); a cell with a \(separator) must be in double quotes",
                            lineText: record.lineText(of: 0))
        }
        for index in namedCount..<record.count where !record.trimmedField(index).isEmpty {
            throw FileError(path: path, line: record.line(of: index), column: record.column(of: index),
                            message: "row \(record.number), column \(index + 1) has a value, but that column has no name in the header",
                            lineText: record.lineText(of: index))
        }
        rows += 1
        switch kind! {
        case .studies: try study(record)
        case .appraisals: try appraisal(record)
        case .subthemes: try subTheme(record)
        case .quotes: try quote(record)
        }
    }

    func readHeader(_ record: CSV.Record) throws(FileError) {
        header = (0..<record.count).map { record.field($0) }
        namedCount = header.count
        while namedCount > 1 && header[namedCount - 1].allSatisfy({ $0 == " " || $0 == "\t" }) { namedCount -= 1 }
        if kind == nil {
            guard let detected = CSVTableKind.detect(header: Array(header[0..<namedCount])) else {
                throw FileError(path: path, line: record.line(of: 0), column: 1,
                                message: "cannot tell which table this is from its header; expected the columns of studies, appraisals, subthemes or quotes (see docs/formats.md)",
                                lineText: record.lineText(of: 0))
            }
            kind = detected
        }
        let kind = kind!
        let known = Dictionary(uniqueKeysWithValues: kind.columns.map { (CSVTableKind.columnKey($0), $0) })
        var ignored: [String] = []
        for (index, name) in header[0..<namedCount].enumerated() {
            let key = CSVTableKind.columnKey(name)
            guard let canonical = known[key] else {
                let shown = key.isEmpty ? "column \(index + 1) has no name" : "unknown column '\(FileError.shortened(name))' in \(fileName) (column \(index + 1))"
                if options.unknownColumns == .ignore {
                    ignored.append(key.isEmpty ? "column \(index + 1) (no name)" : "'\(FileError.shortened(name))' (column \(index + 1))")
                    continue
                }
                throw FileError(path: path, line: record.line(of: index), column: record.column(of: index),
                                message: "\(shown); \(kind.rawValue) columns are: \(kind.columns.joined(separator: ", "))",
                                lineText: record.lineText(of: index))
            }
            guard column[canonical] == nil else {
                throw FileError(path: path, line: record.line(of: index), column: record.column(of: index),
                                message: "column '\(canonical)' appears twice in the header (columns \(column[canonical]! + 1) and \(index + 1))",
                                lineText: record.lineText(of: index))
            }
            column[canonical] = index
        }
        let missing = kind.requiredColumns.filter { column[$0] == nil }
        guard missing.isEmpty else {
            throw FileError(path: path, line: record.line(of: 0), column: 1,
                            message: "\(fileName) has no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s"); \(kind.rawValue) needs \(kind.requiredColumns.joined(separator: ", ")) (all columns: \(kind.columns.joined(separator: ", ")))",
                            lineText: record.lineText(of: 0))
        }
        if !ignored.isEmpty {
            notes.append("ignored \(ignored.count == 1 ? "a column" : "\(ignored.count) columns") not in the \(kind.rawValue) table: \(ignored.joined(separator: ", ")); its columns are \(kind.columns.joined(separator: ", "))")
        }
        headerSeen = true
        prepare(kind)
    }

    func prepare(_ kind: CSVTableKind) {
        studyIDs = Set(workspace.studies.map(\.id))
        for (index, study) in workspace.studies.enumerated() where studyPositions[study.id] == nil { studyPositions[study.id] = index }
        for (index, appraisal) in workspace.appraisals.enumerated() {
            let key = appraisal.studyID + "\t" + appraisal.reviewer
            if appraisalPositions[key] == nil { appraisalPositions[key] = index }
        }
        for study in workspace.studies { studyLabels[study.label, default: []].append(study.id) }
        for theme in workspace.subThemes {
            themesByCode[theme.code.lowercased(), default: []].append(theme)
            themesByLabel[TextFolding.nameKey(theme.label), default: []].append(theme)
            themesByID[theme.id] = theme
            let group = Importer.groupKey(theme.direction, theme.component, theme.domain)
            nextThemeNumber[group] = max(nextThemeNumber[group] ?? 1, theme.number + 1)
        }
        nextThemeID = workspace.nextSubThemeID
        maxQuoteID = workspace.nextQuoteID - 1
    }

    static func groupKey(_ direction: Direction, _ component: COMBComponent, _ domain: TDFDomain) -> Int {
        Int(direction.rawValue) << 16 | Int(component.rawValue) << 8 | Int(domain.rawValue)
    }

    func finish() throws(FileError) -> CSVImportResult {
        guard headerSeen, let kind else {
            throw FileError(path: path, line: 1, message: "\(fileName) is empty; a CSV import needs a header row naming its columns")
        }
        var changes = changes
        if kind == .quotes {
            // Adds in ascending id order, so applying them appends instead of inserting.
            var quotes = addedQuotes
            var nextID = maxQuoteID
            for entry in autoQuoteRows {
                nextID += 1
                var quote = entry.quote
                quote.id = nextID
                quotes.append(quote)
            }
            guard nextID <= Int(Int32.max) else {
                throw FileError(path: path, message: "too many quotes: ids would pass \(Int32.max)")
            }
            quotes.sort { $0.id < $1.id }
            changes.reserveCapacity(changes.count + quotes.count)
            for quote in quotes { changes.append(.addQuote(quote)) }
        }
        return CSVImportResult(kind: kind, changes: changes, rows: rows, added: added, updated: updated, unchanged: unchanged, notes: notes)
    }

    // MARK: cells

    func fail(_ record: CSV.Record, _ name: String, _ message: String) -> FileError {
        let index = column[name] ?? 0
        return FileError(path: path, line: record.line(of: index), column: record.column(of: index),
                         message: "row \(record.number), column \(index + 1) (\(name)): \(message)", lineText: record.lineText(of: index))
    }

    /// The cell of a column, verbatim; nil when the file has no such column.
    func cell(_ record: CSV.Record, _ name: String) -> String? {
        guard let index = column[name] else { return nil }
        return record.field(index)
    }

    /// The cell trimmed of spaces; nil when absent, "" when empty.
    func trimmed(_ record: CSV.Record, _ name: String) -> String? {
        guard let index = column[name] else { return nil }
        if record.isEmpty(index) { return "" }
        return record.trimmedField(index)
    }

    /// An optional whole number cell checked against its rule (`ValueRules`): absent → .none, empty → nil.
    ///
    /// Spreadsheet spellings are read: `35.0` (pandas writes whole numbers so when a column has gaps), `+35`,
    /// and for references `(33)`. `35.5` is refused, never rounded.
    func number(_ record: CSV.Record, _ name: String, _ rule: ValueRules.WholeNumber) throws(FileError) -> Int?? {
        guard let text = trimmed(record, name) else { return .none }
        if text.isEmpty { return .some(nil) }
        var digits = Substring(text)
        if digits.hasPrefix("(") && digits.hasSuffix(")") { digits = digits.dropFirst().dropLast() }
        do throws(ReviewError) {
            return .some(try rule.parse(digits, syntax: .tolerant))
        } catch {
            throw fail(record, name, error.message + ", or empty")
        }
    }

    /// An optional free-text cell: absent → .none, empty → nil.
    func optionalText(_ record: CSV.Record, _ name: String) -> String?? {
        guard let index = column[name] else { return .none }
        if record.isEmpty(index) { return .some(nil) }
        return .some(record.field(index))
    }

    // MARK: studies

    func study(_ record: CSV.Record) throws(FileError) {
        let id = trimmed(record, "id")!
        do throws(ReviewError) { try ValueRules.checkStudyID(id) } catch { throw fail(record, "id", error.message) }
        guard seenIDs.insert(id).inserted else { throw fail(record, "id", "study id '\(id)' appears twice in \(fileName)") }
        let existing = studyPositions[id].map { workspace.studies[$0] }
        var study = existing ?? Study(id: id, label: "")
        let label = cell(record, "label")!
        guard !ValueRules.isBlank(label) else { throw fail(record, "label", "study \(id) needs a label") }
        study.label = label
        if let value = try number(record, "reference", ValueRules.studyReference) { study.reference = value }
        if let value = try number(record, "year", ValueRules.year) { study.year = value }
        if let value = optionalText(record, "country") { study.country = value }
        if let value = optionalText(record, "design") { study.design = value }
        if let value = optionalText(record, "data_collection") { study.dataCollection = value }
        if let value = optionalText(record, "analysis") { study.analysis = value }
        if let value = try number(record, "participants", ValueRules.participants) { study.participants = value }
        try reference(record, of: &study)
        if let existing {
            if existing == study { unchanged += 1 } else { changes.append(.updateStudy(study)); updated += 1 }
        } else {
            changes.append(.addStudy(study, at: nil))
            added += 1
        }
    }

    /// The reference columns of a studies row (authors … keywords): columns the file lacks keep their values,
    /// an empty cell clears one, a DOI must be one.
    func reference(_ record: CSV.Record, of study: inout Study) throws(FileError) {
        guard CSVTableKind.referenceColumns.contains(where: { column[$0] != nil }) else { return }
        var reference = study.bibliography ?? BibliographicRecord()
        if let cell = optionalText(record, "authors") { reference.authors = cell.map(CSVListCell.split) ?? [] }
        if let cell = optionalText(record, "keywords") { reference.keywords = cell.map(CSVListCell.split) ?? [] }
        let fields: [(String, WritableKeyPath<BibliographicRecord, String?>)] = [
            ("title", \.title), ("journal", \.journal), ("volume", \.volume), ("issue", \.issue), ("pages", \.pages),
            ("url", \.url), ("abstract", \.abstract),
        ]
        for (name, path) in fields {
            if let cell = optionalText(record, name) { reference[keyPath: path] = cell.flatMap { isBlank($0) ? nil : $0 } }
        }
        if let cell = trimmed(record, "doi") {
            if cell.isEmpty {
                reference.doi = nil
            } else {
                do throws(ReviewError) { try BibliographicRules.checkDOI(cell) } catch { throw fail(record, "doi", error.message) }
                reference.doi = cell
            }
        }
        study = study.attaching(reference)
    }

    // MARK: appraisals

    func appraisal(_ record: CSV.Record) throws(FileError) {
        let studyID = trimmed(record, "study")!
        guard !studyID.isEmpty else { throw fail(record, "study", "an appraisal needs the study id") }
        guard studyIDs.contains(studyID) else {
            let suggestions = EditDistance.nearest(to: studyID, in: Array(studyIDs))
            throw fail(record, "study", "unknown study '\(FileError.shortened(studyID))'; import studies first"
                       + (suggestions.isEmpty ? " (the workspace has \(studyIDs.count) studies)" : "; did you mean \(suggestions.joined(separator: ", "))?"))
        }
        let reviewer = cell(record, "reviewer") ?? ""
        guard appraisalKeys.insert(studyID + "\t" + reviewer).inserted else {
            throw fail(record, "study", "study \(studyID) is appraised twice\(reviewer.isEmpty ? "" : " by '\(reviewer)'") in \(fileName)")
        }
        let existing = appraisalPositions[studyID + "\t" + reviewer].map { workspace.appraisals[$0] }
        var answers = existing?.answers ?? Array(repeating: nil, count: 10)
        for q in 1...10 {
            let name = "q\(q)"
            guard let text = trimmed(record, name) else { continue }
            if text.isEmpty { answers[q - 1] = nil; continue }
            guard let answer = CASPAnswer(parsing: text) else {
                throw fail(record, name, "answer '\(FileError.shortened(text, limit: 40))' to q\(q) is not one of: yes, can't tell, no (or 1, 0.5, 0), or empty")
            }
            answers[q - 1] = answer
        }
        let appraisal = Appraisal(studyID: studyID, reviewer: reviewer, answers: answers)
        if let existing {
            if existing == appraisal { unchanged += 1 } else { changes.append(.setAppraisal(appraisal)); updated += 1 }
        } else {
            changes.append(.setAppraisal(appraisal))
            added += 1
        }
    }

    // MARK: sub-themes

    func subTheme(_ record: CSV.Record) throws(FileError) {
        var id: Int?
        if let value = try number(record, "id", ValueRules.subThemeID) { id = value }
        if let id, !seenIDs.insert(String(id)).inserted { throw fail(record, "id", "sub-theme id \(id) appears twice in \(fileName)") }
        let existing = id.flatMap { themesByID[$0] }
        let direction = (try resolveDirection(record, required: true))!!
        let component = (try resolveComponent(record, required: true))!!
        let domain = (try resolveDomain(record, required: true))!!
        let label = cell(record, "label")!
        guard !ValueRules.isBlank(label) else { throw fail(record, "label", "a sub-theme needs a label") }
        let group = Importer.groupKey(direction, component, domain)
        var numberValue: Int
        if let given = try number(record, "number", ValueRules.subThemeNumber), let given {
            numberValue = given
        } else if let existing, existing.direction == direction, existing.component == component, existing.domain == domain {
            numberValue = existing.number
        } else {
            numberValue = nextThemeNumber[group] ?? 1
        }
        nextThemeNumber[group] = max(nextThemeNumber[group] ?? 1, numberValue + 1)
        let themeID: Int
        if let id { themeID = id } else {
            while themesByID[nextThemeID] != nil || seenIDs.contains(String(nextThemeID)) { nextThemeID += 1 }
            themeID = nextThemeID
            nextThemeID += 1
            seenIDs.insert(String(themeID))
        }
        let theme = SubTheme(id: themeID, direction: direction, component: component, domain: domain, number: numberValue, label: label)
        if let existing {
            if existing == theme { unchanged += 1 } else { changes.append(.updateSubTheme(theme)); updated += 1 }
        } else {
            changes.append(.addSubTheme(theme, at: nil))
            themesByID[themeID] = theme
            added += 1
        }
    }

    // MARK: quotes

    func quote(_ record: CSV.Record) throws(FileError) {
        var id: Int?
        if let raw = trimmed(record, "id"), !raw.isEmpty {
            let digits = raw.first == "Q" || raw.first == "q" ? raw.dropFirst() : Substring(raw)
            guard let value = try? ValueRules.quoteID.parse(digits, syntax: .tolerant) else {
                throw fail(record, "id", "quote id must be a positive number such as Q12 or 12 (at most \(ValueRules.largestNumber)), or empty for a new quote; got '\(FileError.shortened(raw, limit: 40))'")
            }
            guard seenQuoteIDs.insert(Int32(value)).inserted else { throw fail(record, "id", "quote id Q\(value) appears twice in \(fileName)") }
            id = value
        }
        let existing = id.flatMap { workspace.quote($0) }
        var quote = existing ?? Quote(id: id ?? 0, text: "")
        let text = cell(record, "text")!
        guard !isBlank(text) else { throw fail(record, "text", "a quote needs its verbatim text; the cell is empty") }
        quote.text = text
        let direction = try resolveDirection(record, required: false)
        let component = try resolveComponent(record, required: false)
        let domain = try resolveDomain(record, required: false)
        if let direction { quote.direction = direction ?? nil }
        if let component { quote.component = component ?? nil }
        if let domain { quote.domain = domain ?? nil }
        // A file without a component column (text,domain,direction) gives each coded quote the component the
        // mapping puts its domain under, as `code` does. An empty cell in a component column is kept as empty,
        // so that export → import gives back the same workspace.
        if let newDomain = domain ?? nil, component == nil, (trimmed(record, "subtheme") ?? "").isEmpty {
            guard let inferred = options.mapping.inferredComponent(of: newDomain) else {
                let allowed = options.mapping.components(of: newDomain).map(\.name).joined(separator: " and ")
                throw fail(record, "domain", "\(newDomain.name) sits under \(allowed) in the \(options.mapping.rawValue) mapping; add a component column to say which")
            }
            quote.component = inferred
        }
        if let theme = try resolveSubTheme(record) {
            if let theme {
                // The sub-theme decides the coding; cells left empty take it, cells given must agree.
                if let (name, value) = theme.conflict(direction: direction ?? nil, component: component ?? nil, domain: domain ?? nil) {
                    throw fail(record, name, "the \(name) does not match sub-theme \(theme.code) '\(FileError.shortened(theme.label, limit: 50))', whose \(name) is \(value.lowercased()); leave the cell empty or correct it")
                }
                quote.direction = theme.direction
                quote.component = theme.component
                quote.domain = theme.domain
                quote.subTheme = theme.id
            } else {
                quote.subTheme = nil
            }
        } else if let themeID = quote.subTheme, let theme = themesByID[themeID],
                  !theme.fits(direction: quote.direction, component: quote.component, domain: quote.domain) {
            throw fail(record, column["direction"] != nil ? "direction" : "text", theme.codingMismatch(quoteID: quote.id).message + "; add a subtheme column")
        }
        if let studyCell = trimmed(record, "study") {
            quote.studyID = studyCell.isEmpty ? nil : try resolveStudy(record, studyCell)
        }
        if let value = try number(record, "reference", ValueRules.quoteReference) { quote.reference = value }
        if let value = optionalText(record, "page") { quote.page = value }
        if let cell = optionalText(record, "tags") {
            let tags = cell.map(CSVListCell.split) ?? []
            do throws(ReviewError) { try QuoteTags.check(tags, quoteID: quote.id) } catch { throw fail(record, "tags", error.message) }
            quote.tags = tags
        }

        if let existing {
            if existing == quote { unchanged += 1 } else { changes.append(.updateQuote(quote)); updated += 1 }
        } else if id != nil {
            maxQuoteID = max(maxQuoteID, quote.id)
            keepNew(quote)
            added += 1
        } else {
            autoQuoteRows.append((quote, record.number))
            added += 1
        }
    }

    func isBlank(_ text: String) -> Bool { ValueRules.isBlank(text) }

    func resolveStudy(_ record: CSV.Record, _ text: String) throws(FileError) -> String {
        if let cached = studyByKey[text] { return cached }
        var resolved: String
        if studyIDs.contains(text) {
            resolved = text
        } else if let ids = studyLabels[text] {
            guard ids.count == 1 else {
                throw fail(record, "study", "study label '\(FileError.shortened(text))' is shared by \(ids.joined(separator: ", ")); give the study id")
            }
            resolved = ids[0]
        } else {
            let suggestions = EditDistance.nearest(to: text, in: Array(studyIDs))
            throw fail(record, "study", "unknown study '\(FileError.shortened(text))'; give a study id (import studies first)"
                       + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"))
        }
        studyByKey[text] = resolved
        return resolved
    }

    /// .none: no column; .some(nil): empty cell; .some(x): a sub-theme.
    func resolveSubTheme(_ record: CSV.Record) throws(FileError) -> SubTheme?? {
        guard let text = trimmed(record, "subtheme") else { return .none }
        if text.isEmpty { return .some(nil) }
        if let cached = themeCache[text] { return .some(cached) }
        var candidates = themesByCode[text.lowercased()] ?? []
        // The id is what exports write (`3`; pandas writes `3.0` in a column with gaps); codes (`B/ECR/2`, older
        // exports) and labels are read too.
        if candidates.isEmpty, case .value(let number) = ValueRules.wholeNumber(text, syntax: .tolerant), let theme = themesByID[number] {
            candidates = [theme]
        }
        if candidates.isEmpty { candidates = themesByLabel[TextFolding.nameKey(text)] ?? [] }
        guard candidates.count == 1 else {
            if candidates.count > 1 {
                throw fail(record, "subtheme", "sub-theme '\(FileError.shortened(text))' is ambiguous: it matches \(candidates.map { "\($0.code) (id \($0.id))" }.joined(separator: ", ")); give its id")
            }
            let codes = workspace.subThemes.map(\.code)
            let listed = codes.prefix(30).joined(separator: ", ") + (codes.count > 30 ? ", … (\(codes.count) in all)" : "")
            throw fail(record, "subtheme", codes.isEmpty
                       ? "unknown sub-theme '\(FileError.shortened(text))'; the workspace has no sub-themes yet (import subthemes.csv first)"
                       : "unknown sub-theme '\(FileError.shortened(text))'; give its id, a code such as B/ECR/2 or a label; valid codes: \(listed)")
        }
        themeCache[text] = candidates[0]
        return .some(candidates[0])
    }

    static let validDirections = Direction.allCases.map(\.slug)
    static let validComponents = COMBComponent.allCases.map { $0.name.lowercased() }
    static let validDomains = TDFDomain.allCases.map { $0.name.lowercased() }

    func resolveDirection(_ record: CSV.Record, required: Bool) throws(FileError) -> Direction?? {
        try resolve(record, "direction", Framework.directions, &directionCache, required: required, valid: Importer.validDirections)
    }

    func resolveComponent(_ record: CSV.Record, required: Bool) throws(FileError) -> COMBComponent?? {
        try resolve(record, "component", Framework.components, &componentCache, required: required, valid: Importer.validComponents)
    }

    func resolveDomain(_ record: CSV.Record, required: Bool) throws(FileError) -> TDFDomain?? {
        try resolve(record, "domain", Framework.domains, &domainCache, required: required, valid: Importer.validDomains)
    }

    /// Resolves a framework name by any alias: .none when the column is absent, .some(nil) when empty.
    func resolve<T: Sendable & Equatable>(_ record: CSV.Record, _ name: String, _ matcher: NameMatcher<T>, _ cache: inout [String: T],
                                          required: Bool, valid: [String]) throws(FileError) -> T?? {
        guard let text = trimmed(record, name) else {
            if required { throw fail(record, name, "\(name) is required") }
            return .none
        }
        if text.isEmpty {
            if required { throw fail(record, name, "\(name) is required; expected one of: \(valid.joined(separator: ", "))") }
            return .some(nil)
        }
        if let cached = cache[text] { return .some(cached) }
        switch matcher.resolve(text) {
        case .found(let value):
            cache[text] = value
            return .some(value)
        case .ambiguous(let names):
            throw fail(record, name, "\(name) '\(FileError.shortened(text))' is ambiguous: it could be \(names.map { $0.lowercased() }.joined(separator: ", "))")
        case .unknown(let suggestions):
            throw fail(record, name, "unknown \(name) '\(FileError.shortened(text))'; expected one of: \(valid.joined(separator: ", "))"
                       + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { $0.lowercased() }.joined(separator: ", "))?"))
        }
    }
}
