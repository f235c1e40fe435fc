import Foundation

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

    /// The whole import as one atomic, undoable change.
    public var change: WorkspaceChange { .batch(changes) }
}

/// Imports the CSV tables of `CSVTableKind` into a batch of `WorkspaceChange`s, all or nothing.
///
/// Every row is parsed and checked against the workspace (and the rows before it) before anything is
/// returned; the first problem is a `FileError` naming the file, the line and column of the cell, and
/// in its message the spreadsheet row, column number and column name, and the values that would be valid.
/// A row whose id exists updates that item (columns the file lacks keep their values); a row with a new
/// id (or, for quotes and sub-themes, no id) adds one. Nothing is ever removed by an import.
public enum CSVImport {
    /// Reads and validates a CSV file; `kind` nil means "tell from the header".
    public static func read(from url: URL, as kind: CSVTableKind? = nil, into workspace: Workspace,
                            progress: ((Double) -> Void)? = nil) throws(FileError) -> CSVImportResult {
        let bytes = try AtomicFile.read(url, progress: progress.map { report in { report(0.2 * $0) } })
        return try decode(bytes, as: kind, path: AtomicFile.displayPath(url), into: workspace,
                          progress: progress.map { report in { report(0.2 + 0.8 * $0) } })
    }

    /// Validates CSV bytes against `workspace`; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], as kind: CSVTableKind? = nil, path: String? = nil, into workspace: Workspace,
                              progress: ((Double) -> Void)? = nil) throws(FileError) -> CSVImportResult {
        var importer = Importer(path: path, workspace: workspace, kind: kind, progress: progress, totalBytes: bytes.count)
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in
            try CSV.forEachRecord(buffer, path: path) { (record) throws(FileError) in try importer.take(record) }
        }
        return try importer.finish()
    }
}

/// The import state machine: header first, then one row at a time.
struct Importer {
    let path: String?
    let workspace: Workspace
    var kind: CSVTableKind?
    let progress: ((Double) -> Void)?
    let totalBytes: Int
    var nextReport = 0

    /// Header position of each known column key; -1 when absent.
    var column: [String: Int] = [:]
    var header: [String] = []
    var headerSeen = false
    var rows = 0, added = 0, updated = 0, unchanged = 0
    var changes: [WorkspaceChange] = []

    // Per-table state.
    var seenIDs = Set<String>()
    var newStudies = 0
    var studyByKey: [String: String] = [:]           // study cell → study id (cache)
    var studyIDs: Set<String> = []
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

    init(path: String?, workspace: Workspace, kind: CSVTableKind?, progress: ((Double) -> Void)?, totalBytes: Int) {
        self.path = path
        self.workspace = workspace
        self.kind = kind
        self.progress = progress
        self.totalBytes = totalBytes
    }

    var fileName: String { path.map { ($0 as NSString).lastPathComponent } ?? "the file" }

    // MARK: records

    mutating func take(_ record: CSV.Record) throws(FileError) {
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
        guard record.count == header.count else {
            let index = min(record.count, header.count) - 1
            throw FileError(path: path, line: record.line(of: max(index, 0)), column: record.count > header.count ? record.column(of: header.count) : 1,
                            message: "row \(record.number) has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(header.count); a cell with a comma must be in double quotes",
                            lineText: record.lineText(of: 0))
        }
        rows += 1
        switch kind! {
        case .studies: try study(record)
        case .appraisals: try appraisal(record)
        case .subthemes: try subTheme(record)
        case .quotes: try quote(record)
        }
    }

    mutating func readHeader(_ record: CSV.Record) throws(FileError) {
        header = (0..<record.count).map { record.field($0) }
        if kind == nil {
            guard let detected = CSVTableKind.detect(header: header) else {
                throw FileError(path: path, line: record.line(of: 0), column: 1,
                                message: "cannot tell which table this is from its header; expected the columns of studies, appraisals, subthemes or quotes (see docs/formats.md)",
                                lineText: record.lineText(of: 0))
            }
            kind = detected
        }
        let kind = kind!
        let known = Dictionary(uniqueKeysWithValues: kind.columns.map { (CSVTableKind.columnKey($0), $0) })
        for (index, name) in header.enumerated() {
            let key = CSVTableKind.columnKey(name)
            guard let canonical = known[key] else {
                throw FileError(path: path, line: record.line(of: index), column: record.column(of: index),
                                message: "unknown column '\(name)' in \(fileName) (column \(index + 1)); \(kind.rawValue) columns are: \(kind.columns.joined(separator: ", "))",
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
        headerSeen = true
        prepare(kind)
    }

    mutating func prepare(_ kind: CSVTableKind) {
        studyIDs = Set(workspace.studies.map(\.id))
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
        return CSVImportResult(kind: kind, changes: changes, rows: rows, added: added, updated: updated, unchanged: unchanged)
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

    /// An optional whole number cell: absent → .absent, empty → nil.
    func number(_ record: CSV.Record, _ name: String, _ what: String, range: ClosedRange<Int>) throws(FileError) -> Int?? {
        guard let text = trimmed(record, name) else { return .none }
        if text.isEmpty { return .some(nil) }
        var digits = Substring(text)
        if digits.hasPrefix("(") && digits.hasSuffix(")") { digits = digits.dropFirst().dropLast() }
        guard let value = Int(digits), range.contains(value) else {
            throw fail(record, name, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), or empty; got '\(text.prefix(60))'")
        }
        return .some(value)
    }

    /// An optional free-text cell: absent → .none, empty → nil.
    func optionalText(_ record: CSV.Record, _ name: String) -> String?? {
        guard let index = column[name] else { return .none }
        if record.isEmpty(index) { return .some(nil) }
        return .some(record.field(index))
    }

    // MARK: studies

    mutating func study(_ record: CSV.Record) throws(FileError) {
        let id = trimmed(record, "id")!
        guard !id.isEmpty else { throw fail(record, "id", "a study needs an id (such as S01)") }
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw fail(record, "id", "study id '\(id.prefix(60))' must be letters, digits, '-' or '_'")
        }
        guard seenIDs.insert(id).inserted else { throw fail(record, "id", "study id '\(id)' appears twice in \(fileName)") }
        let existing = workspace.study(id)
        var study = existing ?? Study(id: id, label: "")
        let label = cell(record, "label")!
        guard !label.allSatisfy(\.isWhitespace) else { throw fail(record, "label", "study \(id) needs a label") }
        study.label = label
        if let value = try number(record, "reference", "reference", range: 1...Int(Int32.max)) { study.reference = value }
        if let value = try number(record, "year", "year", range: 1800...2200) { study.year = value }
        if let value = optionalText(record, "country") { study.country = value }
        if let value = optionalText(record, "design") { study.design = value }
        if let value = optionalText(record, "data_collection") { study.dataCollection = value }
        if let value = optionalText(record, "analysis") { study.analysis = value }
        if let value = try number(record, "participants", "participants", range: 0...Int(Int32.max)) { study.participants = value }
        if let existing {
            if existing == study { unchanged += 1 } else { changes.append(.updateStudy(study)); updated += 1 }
        } else {
            changes.append(.addStudy(study, at: nil))
            added += 1
        }
    }

    // MARK: appraisals

    mutating func appraisal(_ record: CSV.Record) throws(FileError) {
        let studyID = trimmed(record, "study")!
        guard !studyID.isEmpty else { throw fail(record, "study", "an appraisal needs the study id") }
        guard studyIDs.contains(studyID) else {
            let suggestions = EditDistance.nearest(to: studyID, in: Array(studyIDs))
            throw fail(record, "study", "unknown study '\(studyID.prefix(60))'; import studies first"
                       + (suggestions.isEmpty ? " (the workspace has \(studyIDs.count) studies)" : "; did you mean \(suggestions.joined(separator: ", "))?"))
        }
        let reviewer = cell(record, "reviewer") ?? ""
        guard appraisalKeys.insert(studyID + "\t" + reviewer).inserted else {
            throw fail(record, "study", "study \(studyID) is appraised twice\(reviewer.isEmpty ? "" : " by '\(reviewer)'") in \(fileName)")
        }
        let existing = workspace.appraisal(of: studyID, reviewer: reviewer)
        var answers = existing?.answers ?? Array(repeating: nil, count: 10)
        for q in 1...10 {
            let name = "q\(q)"
            guard let text = trimmed(record, name) else { continue }
            if text.isEmpty { answers[q - 1] = nil; continue }
            guard let answer = CASPAnswer(parsing: text) else {
                throw fail(record, name, "answer '\(text.prefix(40))' to q\(q) is not one of: yes, can't tell, no (or 1, 0.5, 0), or empty")
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

    mutating func subTheme(_ record: CSV.Record) throws(FileError) {
        var id: Int?
        if let value = try number(record, "id", "sub-theme id", range: 1...Int(Int32.max)) { id = value }
        if let id, !seenIDs.insert(String(id)).inserted { throw fail(record, "id", "sub-theme id \(id) appears twice in \(fileName)") }
        let existing = id.flatMap { themesByID[$0] }
        let direction = (try resolveDirection(record, required: true))!!
        let component = (try resolveComponent(record, required: true))!!
        let domain = (try resolveDomain(record, required: true))!!
        let label = cell(record, "label")!
        guard !label.allSatisfy(\.isWhitespace) else { throw fail(record, "label", "a sub-theme needs a label") }
        let group = Importer.groupKey(direction, component, domain)
        var numberValue: Int
        if let given = try number(record, "number", "sub-theme number", range: 1...Int(Int32.max)), let given {
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

    mutating func quote(_ record: CSV.Record) throws(FileError) {
        var id: Int?
        if let raw = trimmed(record, "id"), !raw.isEmpty {
            let digits = raw.first == "Q" || raw.first == "q" ? raw.dropFirst() : Substring(raw)
            guard let value = Int(digits), value > 0, value <= Int(Int32.max) else {
                throw fail(record, "id", "quote id must be a positive number such as Q12 or 12, or empty for a new quote; got '\(raw.prefix(40))'")
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
        if let theme = try resolveSubTheme(record) {
            if let theme {
                // The sub-theme decides the coding; cells left empty take it, cells given must agree.
                if let (name, value) = theme.conflict(direction: direction ?? nil, component: component ?? nil, domain: domain ?? nil) {
                    throw fail(record, name, "the \(name) does not match sub-theme \(theme.code) '\(theme.label.prefix(50))', whose \(name) is \(value.lowercased()); leave the cell empty or correct it")
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
        if let value = try number(record, "reference", "reference", range: 1...Int(Int32.max)) { quote.reference = value }
        if let value = optionalText(record, "page") { quote.page = value }

        if let existing {
            if existing == quote { unchanged += 1 } else { changes.append(.updateQuote(quote)); updated += 1 }
        } else if id != nil {
            maxQuoteID = max(maxQuoteID, quote.id)
            addedQuotes.append(quote)
            added += 1
        } else {
            autoQuoteRows.append((quote, record.number))
            added += 1
        }
    }

    func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            if byte < 0x80 { return false }
            return text.allSatisfy(\.isWhitespace)
        }
        return true
    }

    mutating func resolveStudy(_ record: CSV.Record, _ text: String) throws(FileError) -> String {
        if let cached = studyByKey[text] { return cached }
        var resolved: String
        if studyIDs.contains(text) {
            resolved = text
        } else if let ids = studyLabels[text] {
            guard ids.count == 1 else {
                throw fail(record, "study", "study label '\(text.prefix(60))' is shared by \(ids.joined(separator: ", ")); give the study id")
            }
            resolved = ids[0]
        } else {
            let suggestions = EditDistance.nearest(to: text, in: Array(studyIDs))
            throw fail(record, "study", "unknown study '\(text.prefix(60))'; give a study id (import studies first)"
                       + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"))
        }
        studyByKey[text] = resolved
        return resolved
    }

    /// .none: no column; .some(nil): empty cell; .some(x): a sub-theme.
    mutating func resolveSubTheme(_ record: CSV.Record) throws(FileError) -> SubTheme?? {
        guard let text = trimmed(record, "subtheme") else { return .none }
        if text.isEmpty { return .some(nil) }
        if let cached = themeCache[text] { return .some(cached) }
        var candidates = themesByCode[text.lowercased()] ?? []
        if candidates.isEmpty, let number = Int(text), let theme = themesByID[number] { candidates = [theme] }
        if candidates.isEmpty { candidates = themesByLabel[TextFolding.nameKey(text)] ?? [] }
        guard candidates.count == 1 else {
            if candidates.count > 1 {
                throw fail(record, "subtheme", "sub-theme '\(text.prefix(60))' is ambiguous: it matches \(candidates.map { "\($0.code) (id \($0.id))" }.joined(separator: ", ")); give its id")
            }
            let codes = workspace.subThemes.map(\.code)
            let listed = codes.prefix(30).joined(separator: ", ") + (codes.count > 30 ? ", … (\(codes.count) in all)" : "")
            throw fail(record, "subtheme", codes.isEmpty
                       ? "unknown sub-theme '\(text.prefix(60))'; the workspace has no sub-themes yet (import subthemes.csv first)"
                       : "unknown sub-theme '\(text.prefix(60))'; give a code such as B/ECR/2 or a label; valid codes: \(listed)")
        }
        themeCache[text] = candidates[0]
        return .some(candidates[0])
    }

    static let validDirections = Direction.allCases.map(\.slug)
    static let validComponents = COMBComponent.allCases.map { $0.name.lowercased() }
    static let validDomains = TDFDomain.allCases.map { $0.name.lowercased() }

    mutating func resolveDirection(_ record: CSV.Record, required: Bool) throws(FileError) -> Direction?? {
        try resolve(record, "direction", Framework.directions, &directionCache, required: required, valid: Importer.validDirections)
    }

    mutating func resolveComponent(_ record: CSV.Record, required: Bool) throws(FileError) -> COMBComponent?? {
        try resolve(record, "component", Framework.components, &componentCache, required: required, valid: Importer.validComponents)
    }

    mutating func resolveDomain(_ record: CSV.Record, required: Bool) throws(FileError) -> TDFDomain?? {
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
            throw fail(record, name, "\(name) '\(text.prefix(60))' is ambiguous: it could be \(names.map { $0.lowercased() }.joined(separator: ", "))")
        case .unknown(let suggestions):
            throw fail(record, name, "unknown \(name) '\(text.prefix(60))'; expected one of: \(valid.joined(separator: ", "))"
                       + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { $0.lowercased() }.joined(separator: ", "))?"))
        }
    }
}
