import Foundation

/// Reads the project's own JSON export (`JSONExport`, "review-workspace" version 1 or 2) back into a workspace:
/// metadata, studies, appraisals, sub-themes and quotes, all or nothing.
///
/// Each record is checked for its shape first (an error names the file and the JSON path: `$.quotes[3].reference:
/// expected a whole number or null`); then the records go through the CSV importer's checks (`CSVImport`), one
/// table after the other against the workspace as the earlier tables leave it, so a JSON file and a CSV file obey
/// the same value rules and the same update-or-add rules. Findings and CERQual judgements are not read (they are
/// written for analysis); a note says so when the file holds any.
public enum JSONImport {
    /// What an import produced: one change for the whole file, what it did per table, and notes.
    public struct Result: Sendable {
        /// The whole import as one undoable change.
        public var change: WorkspaceChange
        /// Rows added, updated and unchanged per table, in import order.
        public var tables: [CSVImportResult]
        /// Things the reviewer should know.
        public var notes: [String]
    }

    /// Reads and validates a JSON export against `workspace`; nothing is changed.
    public static func read(from url: URL, into workspace: Workspace, mapping: DomainMapping = .seed) throws(FileError) -> Result {
        let bytes = try AtomicFile.read(url)
        return try decode(bytes, path: AtomicFile.displayPath(url), into: workspace, mapping: mapping)
    }

    /// Validates JSON bytes against `workspace`; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String? = nil, into workspace: Workspace, mapping: DomainMapping = .seed) throws(FileError) -> Result {
        func fail(_ where: String, _ message: String) -> FileError { FileError(path: path, message: "\(`where`): \(message)") }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw JSONWorkspace.syntaxError(error, in: bytes, path: path)
        }
        guard let document = root as? [String: Any] else { throw fail("$", "expected an object (a 'review-workspace' export)") }
        guard document["format"] as? String == JSONExport.formatName else {
            throw fail("$.format", "expected \"\(JSONExport.formatName)\" (a file written by 'export json')")
        }
        guard let version = document["version"] as? Int, (1...JSONExport.formatVersion).contains(version) else {
            throw fail("$.version", "expected a version from 1 to \(JSONExport.formatVersion); this file may come from a newer 'review'")
        }
        var notes: [String] = []
        var changes: [WorkspaceChange] = []
        var scratch = workspace
        if let metadata = document["metadata"] {
            guard let pairs = metadata as? [String: Any] else { throw fail("$.metadata", "expected an object of text values") }
            var values: [String: String] = [:]
            for (key, value) in pairs {
                guard let text = value as? String else { throw fail("$.metadata.\(key)", "expected text") }
                values[key] = text
            }
            if !values.isEmpty && values != workspace.metadata {
                changes.append(.setMetadata(values))
                _ = try? scratch.apply(.setMetadata(values))
            }
        }
        var results: [CSVImportResult] = []
        for kind in [CSVTableKind.studies, .appraisals, .subthemes, .quotes] {
            let key = kind.rawValue
            guard let value = document[key] else { continue }
            guard let records = value as? [Any] else { throw fail("$.\(key)", "expected an array of records") }
            guard !records.isEmpty else { continue }
            var writer = CSV.Writer(lineEnding: .lf)
            writer.row(kind.columns)
            for (index, item) in records.enumerated() {
                let at = "$.\(key)[\(index)]"
                guard let record = item as? [String: Any] else { throw fail(at, "expected an object") }
                writer.row(try cells(record, kind: kind, at: at, fail: fail))
            }
            let result: CSVImportResult
            do throws(FileError) {
                result = try CSVImport.decode(writer.bytes, as: kind, options: CSVImportOptions(mapping: mapping), path: path, into: scratch)
            } catch {
                // The CSV line is the record's index + 2 (after the header); name the record by its JSON path instead.
                var located = error
                if let line = error.line, line >= 2 { located = fail("$.\(key)[\(line - 2)]", error.message) }
                located.line = nil
                located.column = nil
                located.lineText = nil
                throw located
            }
            do throws(ReviewError) { _ = try scratch.apply(result.change) } catch { throw fail("$.\(key)", error.message) }
            changes.append(result.change)
            results.append(result)
        }
        // Findings derived from sub-themes (written: false) come back with them; written findings and judgements do not.
        let written = (document["findings"] as? [Any] ?? []).filter { (($0 as? [String: Any])?["written"] as? Bool) == true }.count
        let judged = (document["cerqual"] as? [Any] ?? []).count
        if written + judged > 0 {
            notes.append("left out \(written) written finding\(written == 1 ? "" : "s") and \(judged) CERQual judgement\(judged == 1 ? "" : "s") of the file: "
                         + "import reads studies, appraisals, sub-themes and quotes; 'load' the file to keep them")
        }
        return Result(change: .batch(changes), tables: results, notes: notes)
    }

    /// A record's cells in `kind.columns` order, from the JSON export's keys (and the spellings older exports used).
    static func cells(_ record: [String: Any], kind: CSVTableKind, at: String, fail: (String, String) -> FileError) throws(FileError) -> [String] {
        func text(_ key: String, _ alternative: String? = nil) throws(FileError) -> String {
            let value = record[key] ?? alternative.flatMap { record[$0] }
            switch value {
            case nil, is NSNull: return ""
            case let number as NSNumber:
                let double = number.doubleValue
                return double == double.rounded() && abs(double) < 1e15 ? String(Int(double)) : "\(double)"
            case let string as String: return string
            default: throw fail("\(at).\(key)", "expected text, a number or null")
            }
        }
        func list(_ key: String) throws(FileError) -> String {
            switch record[key] {
            case nil, is NSNull: return ""
            case let items as [Any]:
                var strings: [String] = []
                for (index, item) in items.enumerated() {
                    guard let string = item as? String else { throw fail("\(at).\(key)[\(index)]", "expected text") }
                    strings.append(string)
                }
                return CSVListCell.join(strings)
            default: throw fail("\(at).\(key)", "expected an array of text")
            }
        }
        switch kind {
        case .studies:
            var row: [String] = []
            for column in kind.columns {
                row.append(column == "authors" || column == "keywords" ? try list(column) : try text(column))
            }
            return row
        case .appraisals:
            // Version 2 writes `answers` as an array of ten; q1…q10 keys are read too.
            var answers = [String](repeating: "", count: 10)
            if let raw = record["answers"] {
                guard let items = raw as? [Any], items.count == 10 else { throw fail("\(at).answers", "expected an array of ten answers (yes, cant-tell, no or null)") }
                for (index, item) in items.enumerated() {
                    switch item {
                    case is NSNull: answers[index] = ""
                    case let string as String: answers[index] = string
                    default: throw fail("\(at).answers[\(index)]", "expected yes, cant-tell, no or null")
                    }
                }
            } else {
                for index in 0..<10 { answers[index] = try text("q\(index + 1)") }
            }
            return [try text("study"), try text("reviewer")] + answers
        case .subthemes:
            return try kind.columns.map { (column) throws(FileError) in try text(column) }
        case .quotes:
            var row: [String] = []
            for column in kind.columns {
                row.append(column == "tags" ? try list(column) : try text(column))
            }
            return row
        }
    }
}
