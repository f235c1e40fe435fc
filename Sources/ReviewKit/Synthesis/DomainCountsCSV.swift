import Foundation

/// Reads a review's domain-level counts from CSV, for ranking the domains of a review whose quotes are not
/// in the workspace (a published table, a spreadsheet).
///
/// Layout: a header row, then one row per domain with data.
///
///     domain,studies,subthemes,quotes,barriers,facilitators
///     Environmental context and resources,5,11,11,4,7
///
/// `domain`, `studies` and `subthemes` are required; `quotes`, `barriers` and `facilitators` are optional
/// columns and may be left empty (unknown). `barriers` and `facilitators` take a count of sub-themes or
/// yes/no for presence only. Column order is free; header names ignore case, spaces, hyphens and
/// underscores ("sub-themes" = `subthemes`). Domains take any name or alias the TDF catalogue knows.
/// Domains not listed have no data. Reading uses the project's CSV reader, so every error names the file,
/// line and column, with the line for a caret.
public enum DomainCountsCSV {
    /// The columns, in the order this layout documents them.
    public static let columns = ["domain", "studies", "subthemes", "quotes", "barriers", "facilitators"]
    /// The columns a file must have.
    public static let requiredColumns = ["domain", "studies", "subthemes"]

    static let aliases: [String: String] = [
        "domain": "domain", "tdfdomain": "domain", "studies": "studies", "study": "studies", "frequency": "studies",
        "subthemes": "subthemes", "subtheme": "subthemes", "themes": "subthemes", "elaboration": "subthemes",
        "quotes": "quotes", "barriers": "barriers", "barrier": "barriers", "facilitators": "facilitators", "facilitator": "facilitators",
    ]

    /// Parses CSV bytes; `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String? = nil) throws(FileError) -> [DomainCounts] {
        var header: [String: Int]? = nil
        var headerCount = 0
        var result: [DomainCounts] = []
        var seen: [TDFDomain: Int] = [:]
        let name = path.map { ($0 as NSString).lastPathComponent } ?? "the file"
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileError) in
            try CSV.forEachRecord(buffer, path: path) { (record) throws(FileError) in
                if record.count == 0 || record.isBlank { return }
                func fail(_ index: Int, _ message: String) -> FileError {
                    let index = max(0, min(index, record.count - 1))
                    return FileError(path: path, line: record.line(of: index), column: record.column(of: index), message: message, lineText: record.lineText(of: index))
                }
                guard let columns = header else {
                    var map: [String: Int] = [:]
                    for index in 0..<record.count {
                        let typed = record.trimmedField(index)
                        guard let key = aliases[CSVTableKind.columnKey(typed)] else {
                            throw fail(index, "unknown column '\(typed)' in \(name) (column \(index + 1)); domain counts columns are: \(columns.joined(separator: ", "))")
                        }
                        guard map[key] == nil else {
                            throw fail(index, "column '\(key)' appears twice in the header (columns \(map[key]! + 1) and \(index + 1))")
                        }
                        map[key] = index
                    }
                    let missing = requiredColumns.filter { map[$0] == nil }
                    guard missing.isEmpty else {
                        throw fail(0, "\(name) has no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s"); domain counts need \(requiredColumns.joined(separator: ", ")) (all columns: \(columns.joined(separator: ", ")))")
                    }
                    header = map
                    headerCount = record.count
                    return
                }
                guard record.count == headerCount else {
                    throw fail(min(record.count, headerCount), "row \(record.number) has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(headerCount); a cell with a comma must be in double quotes")
                }
                let domainIndex = columns["domain"]!
                let typedDomain = record.trimmedField(domainIndex)
                let domain: TDFDomain
                switch Framework.domains.resolve(typedDomain) {
                case .found(let found): domain = found
                case .ambiguous(let names):
                    throw fail(domainIndex, "row \(record.number), column \(domainIndex + 1) (domain): '\(typedDomain)' could mean \(names.joined(separator: " or "))")
                case .unknown(let suggestions):
                    let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
                    throw fail(domainIndex, "row \(record.number), column \(domainIndex + 1) (domain): '\(typedDomain)' is not a TDF domain\(hint)")
                }
                if let earlier = seen[domain] {
                    throw fail(domainIndex, "row \(record.number): \(domain.name) is already given in row \(earlier)")
                }
                seen[domain] = record.number
                func count(_ key: String, required: Bool) throws(FileError) -> Int? {
                    guard let index = columns[key] else { return nil }
                    let text = record.trimmedField(index)
                    if text.isEmpty {
                        if required { throw fail(index, "row \(record.number), column \(index + 1) (\(key)): a count is required") }
                        return nil
                    }
                    guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                        throw fail(index, "row \(record.number), column \(index + 1) (\(key)): '\(text)' is not a whole number from 0 to 999999999")
                    }
                    return value
                }
                func presence(_ key: String) throws(FileError) -> (Int?, Bool?) {
                    guard let index = columns[key] else { return (nil, nil) }
                    let text = record.trimmedField(index)
                    switch text.lowercased() {
                    case "": return (nil, nil)
                    case "yes", "y", "true": return (nil, true)
                    case "no", "n", "false": return (nil, false)
                    default:
                        guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                            throw fail(index, "row \(record.number), column \(index + 1) (\(key)): '\(text)' must be a count of sub-themes or yes/no")
                        }
                        return (value, nil)
                    }
                }
                let studies = try count("studies", required: true)!
                let subThemes = try count("subthemes", required: true)!
                let quotes = try count("quotes", required: false)
                let (barriers, barriersPresent) = try presence("barriers")
                let (facilitators, facilitatorsPresent) = try presence("facilitators")
                result.append(DomainCounts(domain: domain, studies: studies, subThemes: subThemes, quotes: quotes,
                                           barriers: barriers, facilitators: facilitators,
                                           barriersPresent: barriersPresent, facilitatorsPresent: facilitatorsPresent))
            }
        }
        guard header != nil else {
            throw FileError(path: path, line: 1, message: "\(name) is empty; domain counts need a header row: \(columns.joined(separator: ","))")
        }
        return result
    }
}
