import Foundation

/// Screening decisions read from a file: a plain table, a Rayyan export (RIS or CSV) or a Covidence-style
/// table of votes, with every decision's spelling folded to include / maybe / exclude and the foldings counted.
///
/// Nothing is applied: ``change(for:)`` gives the one undoable change. A decision nobody can read is an
/// error located file:line:column (with the line for a caret); nothing is imported then.
public struct ScreeningImport: Sendable, Equatable {
    /// The layouts read (docs/formats.md, "Screening decisions").
    public enum Format: String, Sendable, CaseIterable {
        /// One row per record: an id column first, then one column per reviewer (a `title` column and a
        /// `consensus` column are recognised by their header).
        case plain
        /// Rayyan's RIS export: decisions in the `N1  - RAYYAN-INCLUSION: {"Name"=>"Included", …}` note, the
        /// record id in `AN` (Rayyan writes `rayyan-229697632`).
        case rayyanRIS = "rayyan-ris"
        /// Rayyan's CSV export (key,title,authors,…,notes): the notes column carries the RAYYAN-INCLUSION text.
        case rayyanCSV = "rayyan-csv"
        /// One row per vote: a record id (`Covidence #`), a reviewer and a vote, optionally a title and a stage.
        /// This layout is ASSUMED from Covidence's screening views and exports; it is not a published format.
        case covidence

        /// The name shown in messages.
        public var label: String {
            switch self {
            case .plain: "plain table"
            case .rayyanRIS: "Rayyan RIS"
            case .rayyanCSV: "Rayyan CSV"
            case .covidence: "Covidence-style votes"
            }
        }
    }

    /// A spelling folded to a decision, and how often it occurred.
    public struct Folding: Sendable, Equatable {
        /// The spelling as written (trimmed), e.g. "Included", "Yes", "1".
        public var spelling: String
        /// What it was read as.
        public var decision: ScreeningDecision
        /// How many decisions were written so.
        public var count: Int
    }

    /// The layout read.
    public var format: Format
    /// The records read, in file order, each with at least one decision.
    public var records: [ScreeningRecord]
    /// Spellings other than include / maybe / exclude, in order of first appearance.
    public var foldings: [Folding]
    /// Lowercase lines about what was assumed (ids made up, stages kept).
    public var notes: [String]
    /// How many records of the file carry no decision at all (left out).
    public var recordsWithoutDecision = 0

    /// The reviewers (not the consensus), in order of first appearance.
    public var reviewers: [String] {
        var seen = Set<String>()
        return records.flatMap(\.votes).map(\.reviewer).filter { $0 != ReviewerCoding.consensus && seen.insert($0).inserted }
    }

    /// How many decisions were read.
    public var decisionCount: Int { records.reduce(0) { $0 + $1.votes.count } }

    /// Reads a file; `format` nil recognises it (RIS by its first tag; Rayyan CSV by its key and notes columns;
    /// Covidence-style by a reviewer and a vote column; otherwise a plain table). `stage` keeps the Covidence rows
    /// of one stage.
    public static func read(from url: URL, format: Format? = nil, stage: String? = nil) throws(FileError) -> ScreeningImport {
        try decode(AtomicFile.read(url), path: AtomicFile.displayPath(url), format: format, stage: stage)
    }

    /// Reads bytes; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String?, format: Format? = nil, stage: String? = nil) throws(FileError) -> ScreeningImport {
        var reader = Reader(path: path)
        let chosen = format ?? (looksLikeRIS(bytes) ? .rayyanRIS : nil)
        if chosen == .rayyanRIS {
            try reader.readRIS(bytes)
            return reader.result(.rayyanRIS)
        }
        let table = try Table(bytes, path: path)
        let kind = chosen ?? table.recognised
        switch kind {
        case .plain: try reader.readPlain(table)
        case .rayyanCSV: try reader.readRayyanCSV(table)
        case .covidence: try reader.readCovidence(table, stage: stage)
        case .rayyanRIS: break
        }
        if stage != nil && kind != .covidence {
            throw FileError(path: path, message: "stage= applies to a Covidence-style table of votes; this file was read as a \(kind.label)")
        }
        return reader.result(kind)
    }

    /// Whether the bytes start (after a byte-order mark and blank lines) with a RIS tag line such as `TY  - `.
    public static func looksLikeRIS(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [9, 10, 13, 32].contains(bytes[index]) { index += 1 }
        let head = bytes[index..<min(bytes.count, index + 6)]
        return head.count == 6 && head.starts(with: Array("TY".utf8)) && head.dropFirst(2).allSatisfy { $0 == 32 || $0 == 45 }
            && head.contains(45)
    }

    /// The change that stores the decisions: each record's votes laid over what is stored (a reviewer's new
    /// decision replaces theirs, other reviewers' stay); nil when nothing would change.
    public func change(for workspace: Workspace) -> (change: WorkspaceChange?, added: Int, updated: Int, unchanged: Int) {
        var merged: [ScreeningRecord] = []
        var added = 0, updated = 0, unchanged = 0
        for record in records {
            if let stored = workspace.screening[record.id] {
                let result = stored.merging(record)
                if result == stored { unchanged += 1 } else { merged.append(result); updated += 1 }
            } else {
                merged.append(record)
                added += 1
            }
        }
        return (merged.isEmpty ? nil : .screening(.set(merged)), added, updated, unchanged)
    }
}

extension ScreeningImport {
    /// A CSV file's cells with where each starts, for errors.
    struct Table {
        /// A cell's text and where it starts; its column and line text are worked out only for an error, so a
        /// large export with long abstracts is not copied line by line.
        struct Cell { var text: String; var line: Int; var lineStart: Int; var start: Int; var quoted: Bool }
        var header: [Cell] = []
        var rows: [[Cell]] = []
        let path: String?
        let bytes: [UInt8]

        init(_ bytes: [UInt8], path: String?) throws(FileError) {
            self.path = path
            self.bytes = bytes
            var header: [Cell] = []
            var rows: [[Cell]] = []
            let delimiter = bytes.withUnsafeBufferPointer { CSV.detectDelimiter($0) }
            try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in
                try CSV.forEachRecord(buffer, path: path, delimiter: delimiter) { (record) throws(FileError) in
                    guard !record.isBlank else { return }
                    let cells = (0..<record.count).map {
                        Cell(text: record.field($0), line: record.line(of: $0), lineStart: record.lineStarts[$0], start: record.starts[$0],
                             quoted: record.quoted[$0])
                    }
                    if header.isEmpty { header = cells } else { rows.append(cells) }
                }
            }
            guard !header.isEmpty else { throw FileError(path: path, message: "the file is empty; expected a header row and one row per record") }
            self.header = header
            self.rows = rows
        }

        /// The index of the first header among `names` (compared ignoring case and spaces).
        func column(_ names: [String]) -> Int? {
            header.firstIndex { names.contains(Self.key($0.text)) }
        }

        static func key(_ text: String) -> String { text.lowercased().trimmingCharacters(in: .whitespaces) }

        static let rayyanColumns = ["key", "notes"]
        static let covidenceIDs = ["covidence #", "covidence#", "covidence id", "covidence", "study id", "record id", "record_id", "record", "ref id", "id"]
        static let covidenceReviewers = ["reviewer", "reviewer name", "voter", "screener", "user"]
        static let covidenceVotes = ["vote", "decision", "screening decision"]

        var recognised: Format {
            if column(["key"]) != nil && column(["notes"]) != nil && column(["title"]) != nil { return .rayyanCSV }
            if column(Self.covidenceReviewers) != nil && column(Self.covidenceVotes) != nil { return .covidence }
            return .plain
        }

        func error(_ message: String, at cell: Cell, offset: Int = 0) -> FileError {
            bytes.withUnsafeBufferPointer { buffer in
                // The column of the cell's first character (its opening quote when quoted), in Characters.
                let start = cell.quoted ? cell.start - 1 : cell.start
                let column = String(decoding: UnsafeBufferPointer(rebasing: buffer[cell.lineStart..<start]), as: UTF8.self).count + 1
                return FileError(path: path, line: cell.line, column: column + offset, message: message, lineText: CSV.lineText(buffer, from: cell.lineStart))
            }
        }

        func cell(_ row: [Cell], _ index: Int) -> Cell? { index < row.count ? row[index] : nil }
    }

    /// Collects records and foldings while a file is read.
    struct Reader {
        let path: String?
        var records: [ScreeningRecord] = []
        var positions: [String: Int] = [:]
        var foldings: [Folding] = []
        var notes: [String] = []
        var withoutDecision = 0

        init(path: String?) { self.path = path }

        func result(_ format: Format) -> ScreeningImport {
            ScreeningImport(format: format, records: records, foldings: foldings, notes: notes, recordsWithoutDecision: withoutDecision)
        }

        /// Folds a spelling, counting it; nil when it is no decision.
        mutating func fold(_ text: String) -> ScreeningDecision? {
            let spelling = text.trimmingCharacters(in: .whitespaces)
            guard let decision = ScreeningDecision(folding: spelling) else { return nil }
            if spelling != decision.rawValue {
                if let index = foldings.firstIndex(where: { $0.spelling == spelling }) { foldings[index].count += 1 }
                else { foldings.append(Folding(spelling: spelling, decision: decision, count: 1)) }
            }
            return decision
        }

        static func unknown(_ text: String) -> String {
            "'\(text.trimmingCharacters(in: .whitespaces).prefix(40))' is not a screening decision; expected \(ScreeningDecision.expectation)"
        }

        /// A reviewer named by a header or a file: `consensus` (any case) is the consensus; the name is checked.
        static func reviewer(_ text: String) throws(ReviewError) -> String {
            let name = text.trimmingCharacters(in: .whitespaces)
            if name.lowercased() == ReviewerCoding.consensus { return ReviewerCoding.consensus }
            try ReviewerName.check(name)
            return name
        }

        mutating func add(_ record: ScreeningRecord) {
            guard !record.votes.isEmpty else { withoutDecision += 1; return }
            positions[record.id] = records.count
            records.append(record)
        }

        // MARK: plain

        mutating func readPlain(_ table: Table) throws(FileError) {
            let titleColumn = table.column(["title"])
            guard table.header.count - (titleColumn == nil ? 0 : 1) >= 2 else {
                throw table.error("expected a record id column and one column per reviewer; the header has \(table.header.count) column\(table.header.count == 1 ? "" : "s")", at: table.header[0])
            }
            var reviewers: [Int: String] = [:]
            for (index, cell) in table.header.enumerated() where index > 0 && index != titleColumn {
                do throws(ReviewError) { reviewers[index] = try Self.reviewer(cell.text) } catch {
                    throw table.error("reviewer column \(index + 1): \(error.message)", at: cell)
                }
                if let earlier = reviewers.first(where: { $0.key != index && $0.value == reviewers[index] }) {
                    throw table.error("reviewer '\(cell.text)' has two columns (\(earlier.key + 1) and \(index + 1))", at: cell)
                }
            }
            var lines: [String: Int] = [:]
            for row in table.rows {
                guard row.count <= table.header.count else {
                    throw table.error("this row has \(row.count) fields; the header has \(table.header.count)", at: row[table.header.count])
                }
                let idCell = row[0]
                let id = idCell.text.trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { throw table.error("the record id (column 1, '\(table.header[0].text)') is empty", at: idCell) }
                if let line = lines[id] { throw table.error("record '\(id)' appears twice (first on line \(line))", at: idCell) }
                lines[id] = idCell.line
                var votes: [ScreeningVote] = []
                for index in 1..<table.header.count where index != titleColumn {
                    guard let cell = table.cell(row, index), !cell.text.allSatisfy(\.isWhitespace) else { continue }
                    guard let decision = fold(cell.text) else { throw table.error(Self.unknown(cell.text), at: cell) }
                    votes.append(ScreeningVote(reviewer: reviewers[index]!, decision: decision))
                }
                let title = titleColumn.flatMap { table.cell(row, $0) }.map { $0.text.trimmingCharacters(in: .whitespaces) }
                try check(ScreeningRecord(id: id, title: title?.isEmpty == false ? title : nil, votes: votes), table, idCell)
            }
        }

        mutating func check(_ record: ScreeningRecord, _ table: Table, _ cell: Table.Cell) throws(FileError) {
            if !record.votes.isEmpty {
                do throws(ReviewError) { try Workspace.check(record) } catch { throw table.error(error.message, at: cell) }
            }
            add(record)
        }

        // MARK: Rayyan CSV

        mutating func readRayyanCSV(_ table: Table) throws(FileError) {
            let keyColumn = table.column(["key"])!, notesColumn = table.column(["notes"])!, titleColumn = table.column(["title"])
            var lines: [String: Int] = [:]
            for row in table.rows {
                guard let keyCell = table.cell(row, keyColumn), !keyCell.text.allSatisfy(\.isWhitespace) else {
                    throw table.error("the record's key is empty", at: row[0])
                }
                let id = keyCell.text.trimmingCharacters(in: .whitespaces)
                if let line = lines[id] { throw table.error("record '\(id)' appears twice (first on line \(line))", at: keyCell) }
                lines[id] = keyCell.line
                let title = titleColumn.flatMap { table.cell(row, $0) }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                var votes: [ScreeningVote] = []
                if let cell = table.cell(row, notesColumn), RayyanScreening.isScreeningNote(cell.text) {
                    // The cell's text starts after its opening quote when quoted.
                    let shift = cell.quoted ? 1 : 0
                    votes = try rayyanVotes(cell.text) { (message, offset) in table.error(message, at: cell, offset: shift + offset) }
                }
                try check(ScreeningRecord(id: id, title: title?.isEmpty == false ? title : nil, votes: votes), table, keyCell)
            }
        }

        /// The decisions of a Rayyan note; `locate` makes the error for a message at a Character offset in the note.
        mutating func rayyanVotes(_ note: String, locate: (String, Int) -> FileError) throws(FileError) -> [ScreeningVote] {
            let (screening, problems) = RayyanScreening.parse(note)
            if let problem = problems.first(where: { $0.part == "RAYYAN-INCLUSION" }) {
                throw locate("rayyan note: \(problem.message)", problem.offset)
            }
            var votes: [ScreeningVote] = []
            for item in screening.decisions {
                let offset = Self.offset(of: item.decision.rayyanName, after: item.reviewer, in: note)
                let reviewer: String
                do throws(ReviewError) { reviewer = try Self.reviewer(item.reviewer) } catch {
                    throw locate("rayyan reviewer '\(item.reviewer.prefix(40))': \(error.message)", offset)
                }
                guard let decision = fold(item.decision.rayyanName) else { throw locate(Self.unknown(item.decision.rayyanName), offset) }
                guard !votes.contains(where: { $0.reviewer == reviewer }) else {
                    throw locate("'\(reviewer)' has two decisions in this note", offset)
                }
                votes.append(ScreeningVote(reviewer: reviewer, decision: decision))
            }
            return votes
        }

        /// The Character offset of `"word"` after `"reviewer"=>` in a note (0 when not found).
        static func offset(of word: String, after reviewer: String, in note: String) -> Int {
            let characters = Array(note)
            let pattern = Array(RubyHash.quoted(reviewer))
            guard pattern.count <= characters.count else { return 0 }
            for start in 0...(characters.count - pattern.count) where Array(characters[start..<(start + pattern.count)]) == pattern {
                var index = start + pattern.count
                while index < characters.count, characters[index] == " " || characters[index] == "=" || characters[index] == ">" { index += 1 }
                return index
            }
            return 0
        }

        // MARK: Rayyan RIS

        mutating func readRIS(_ bytes: [UInt8]) throws(FileError) {
            let path = self.path  // not `self`: `locate` is called while `self` is being changed
            let document = try RISReader.decode(bytes, path: path)
            let lines = TextDecoding.decode(bytes).text
                .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            var seen: [String: Int] = [:]
            var unnamed = 0
            for (number, entry) in document.entries.enumerated() {
                let end = number + 1 < document.entries.count ? document.entries[number + 1].line : lines.count + 1
                let record = entry.record
                // Where the record's RAYYAN-INCLUSION note is, for errors.
                let noteLine = (entry.line..<end).first { $0 - 1 < lines.count && lines[$0 - 1].contains("RAYYAN-INCLUSION") }
                func locate(_ message: String, _ offset: Int) -> FileError {
                    guard let noteLine else { return FileError(path: path, line: entry.line, message: message) }
                    let text = String(lines[noteLine - 1])
                    let start = text.range(of: "RAYYAN-INCLUSION").map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
                    return FileError(path: path, line: noteLine, column: start + offset + 1, message: message, lineText: text)
                }
                if let screening = record.screening, screening.otherParts.contains(where: { $0.hasPrefix("RAYYAN-INCLUSION") }) {
                    let warning = document.warnings.first { ($0.line ?? 0) >= entry.line && ($0.line ?? 0) < end }
                    throw warning.map { FileError(path: path, line: $0.line, column: $0.column, message: $0.message, lineText: $0.lineText) }
                        ?? locate("rayyan note: RAYYAN-INCLUSION does not parse", 0)
                }
                let id: String
                if let accession = record.accessionNumber?.trimmingCharacters(in: .whitespaces), !accession.isEmpty { id = accession }
                else if let tagged = record.otherFields.first(where: { $0.tag == "ID" })?.value.trimmingCharacters(in: .whitespaces), !tagged.isEmpty { id = tagged }
                else { id = "line-\(entry.line)"; if !(record.screening?.decisions.isEmpty ?? true) { unnamed += 1 } }
                if let line = seen[id] {
                    throw FileError(path: path, line: entry.line, message: "record '\(id)' appears twice (first at line \(line))")
                }
                seen[id] = entry.line
                var votes: [ScreeningVote] = []
                if let screening = record.screening, !screening.decisions.isEmpty, let noteLine {
                    let text = String(lines[noteLine - 1])
                    let note = text.range(of: "RAYYAN-INCLUSION").map { String(text[$0.lowerBound...]) } ?? text
                    votes = try rayyanVotes(note, locate: locate)
                }
                let title = record.title?.trimmingCharacters(in: .whitespacesAndNewlines)
                let candidate = ScreeningRecord(id: id, title: title?.isEmpty == false ? title : nil, votes: votes)
                if !votes.isEmpty {
                    do throws(ReviewError) { try Workspace.check(candidate) } catch { throw locate(error.message, 0) }
                }
                add(candidate)
            }
            if unnamed > 0 {
                notes.append("\(unnamed) record\(unnamed == 1 ? " has" : "s have") no AN or ID field; named by the line of its TY tag (line-N)")
            }
            guard !records.isEmpty else {
                throw FileError(path: path, message: "no record carries a RAYYAN-INCLUSION note with decisions; export from Rayyan with the decisions included")
            }
        }

        // MARK: Covidence-style

        mutating func readCovidence(_ table: Table, stage wanted: String?) throws(FileError) {
            guard let idColumn = table.column(Table.covidenceIDs) else {
                throw table.error("expected a record id column named 'Covidence #' (or 'Study ID', 'Record ID', 'ID')", at: table.header[0])
            }
            let reviewerColumn = table.column(Table.covidenceReviewers)!, voteColumn = table.column(Table.covidenceVotes)!
            let titleColumn = table.column(["title"]), stageColumn = table.column(["stage"])
            var rows = table.rows
            if let stageColumn {
                var stages: [String] = []
                for row in rows {
                    let stage = table.cell(row, stageColumn)?.text.trimmingCharacters(in: .whitespaces) ?? ""
                    if !stage.isEmpty && !stages.contains(stage) { stages.append(stage) }
                }
                if let wanted {
                    let key = Table.key(wanted)
                    rows = rows.filter { Table.key(table.cell($0, stageColumn)?.text ?? "") == key }
                    guard !rows.isEmpty else {
                        throw FileError(path: path, message: "no vote at stage '\(wanted)'; stages: \(stages.joined(separator: ", "))")
                    }
                    notes.append("kept the \(rows.count) vote\(rows.count == 1 ? "" : "s") of stage '\(wanted)'")
                } else if stages.count > 1 {
                    throw FileError(path: path, message: "the votes are from \(stages.count) stages (\(stages.map { "'\($0)'" }.joined(separator: ", "))); choose one with stage=…")
                }
            } else if wanted != nil {
                throw table.error("stage= needs a 'Stage' column; the file has none", at: table.header[0])
            }
            var order: [String] = []
            var byID: [String: (record: ScreeningRecord, line: Int)] = [:]
            for row in rows {
                guard let idCell = table.cell(row, idColumn), !idCell.text.allSatisfy(\.isWhitespace) else {
                    throw table.error("the record id ('\(table.header[idColumn].text)') is empty", at: row[0])
                }
                let id = idCell.text.trimmingCharacters(in: .whitespaces)
                guard let reviewerCell = table.cell(row, reviewerColumn), !reviewerCell.text.allSatisfy(\.isWhitespace) else {
                    throw table.error("the reviewer ('\(table.header[reviewerColumn].text)') is empty", at: idCell)
                }
                let reviewer: String
                do throws(ReviewError) { reviewer = try Self.reviewer(reviewerCell.text) } catch { throw table.error(error.message, at: reviewerCell) }
                guard let voteCell = table.cell(row, voteColumn), !voteCell.text.allSatisfy(\.isWhitespace) else { continue }
                guard let decision = fold(voteCell.text) else { throw table.error(Self.unknown(voteCell.text), at: voteCell) }
                var entry = byID[id] ?? (ScreeningRecord(id: id, votes: []), idCell.line)
                if byID[id] == nil { order.append(id) }
                guard entry.record.decision(of: reviewer) == nil else {
                    throw table.error("'\(reviewer)' voted twice on record '\(id)' (first on line \(entry.line))", at: reviewerCell)
                }
                entry.record.votes.append(ScreeningVote(reviewer: reviewer, decision: decision))
                if entry.record.title == nil, let title = titleColumn.flatMap({ table.cell(row, $0) })?.text.trimmingCharacters(in: .whitespaces), !title.isEmpty {
                    entry.record.title = title
                }
                byID[id] = entry
            }
            for id in order { add(byID[id]!.record) }
        }
    }
}
