/// The flow as `key=value` lines, for snapshots and for `prisma set`.
///
/// Keys are the snake_case names of `PRISMAFlow.Box` (`databases`, `records_screened`, …; the PRISMA2020
/// R package's names are accepted too), and `PREFIX:NAME` for breakdown items (`database:MEDLINE`,
/// `register:ClinicalTrials.gov`, `reports_excluded:Wrong population`, `other_reports_excluded:…`).
/// A value is a whole number, or empty (or `?`) for "not reported". In a key, `\` `=` and line breaks in a
/// name are written `\\` `\=` `\n` `\t` `\r`. Lines are in diagram order; absent boxes are left out.
extension PRISMAFlow {
    /// One line of the text form: a box or a breakdown.
    enum Slot {
        case box(Box)
        case list(Breakdown)
    }

    /// Boxes and breakdowns in the order of the diagram.
    static let order: [Slot] = [
        .box(.previousStudies), .box(.previousReports), .box(.databases), .list(.databases), .box(.registers), .list(.registers),
        .box(.websites), .box(.organisations), .box(.citations), .box(.duplicates), .box(.automationExcluded), .box(.otherRemoved),
        .box(.recordsScreened), .box(.recordsExcluded), .box(.reportsSought), .box(.reportsNotRetrieved), .box(.reportsAssessed),
        .list(.reportsExcluded), .box(.otherReportsSought), .box(.otherReportsNotRetrieved), .box(.otherReportsAssessed),
        .list(.otherReportsExcluded), .box(.studiesIncluded), .box(.reportsIncluded), .box(.totalStudies), .box(.totalReports),
    ]

    /// The recorded boxes and items as (key, value) pairs in diagram order; an empty value is "not reported".
    public var keyValuePairs: [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for slot in Self.order {
            switch slot {
            case .box(let box):
                guard let entry = entry(box) else { continue }
                if case .count(let n) = entry { pairs.append((box.key, String(n))) } else { pairs.append((box.key, "")) }
            case .list(let breakdown):
                for item in items(breakdown) {
                    pairs.append((breakdown.key + ":" + Self.escapeName(item.name), item.count.map(String.init) ?? ""))
                }
            }
        }
        return pairs
    }

    /// The text form: one `key=value` line per recorded box or item, each ended by "\n".
    public var text: String { keyValuePairs.map { "\($0.key)=\($0.value)\n" }.joined() }

    /// Reads a flow from (key, value) pairs as `keyValuePairs` writes them.
    public init(keyValuePairs: [(key: String, value: String)]) throws(ReviewError) {
        self.init()
        var seen: Set<String> = []
        for (key, value) in keyValuePairs {
            let target = try Self.resolve(Self.unescapeKey(key))
            guard seen.insert(target.identity).inserted else { throw ReviewError("'\(key)' is given twice") }
            try apply(target, value: value)
        }
    }

    /// Reads the text form; blank lines and lines starting with `#` are skipped. Errors give the line and column.
    public init(parsing text: String, path: String? = nil) throws(FileError) {
        self.init()
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            let number = index + 1
            let content = Self.trimmed(line)
            if content.isEmpty || content.hasPrefix("#") { continue }
            guard let split = Self.splitAssignment(line) else {
                throw FileError(path: path, line: number, column: TerminalColumns.width(line) + 1,
                                message: "expected key=value, e.g. databases=162 or database:MEDLINE=80", lineText: line)
            }
            let target: Target
            do throws(ReviewError) {
                target = try Self.resolve(Self.unescapeKey(split.key))
            } catch {
                throw FileError(path: path, line: number, column: 1, message: error.message, lineText: line)
            }
            if let first = seen[target.identity] {
                throw FileError(path: path, line: number, column: 1,
                                message: "'\(Self.trimmed(split.key))' is given twice (first on line \(first))", lineText: line)
            }
            seen[target.identity] = number
            do throws(ReviewError) {
                try apply(target, value: split.value)
            } catch {
                throw FileError(path: path, line: number, column: split.valueColumn, message: error.message, lineText: line)
            }
        }
    }

    /// Applies one `key=value` assignment, as `prisma set` types it; an empty value records "not reported".
    public mutating func assign(_ assignment: String) throws(ReviewError) {
        guard let split = Self.splitAssignment(assignment) else {
            throw ReviewError("expected key=value, e.g. databases=162, duplicates=23 or database:MEDLINE=80")
        }
        try apply(Self.resolve(Self.unescapeKey(split.key)), value: split.value)
    }

    /// Removes a box or a breakdown item (`clear databases`, `clear database:MEDLINE`).
    public mutating func clear(key: String) throws(ReviewError) {
        switch try Self.resolve(key) {
        case .box(let box): try set(box, nil)
        case .item(let breakdown, let name):
            guard removeItem(breakdown, name: name) else { throw ReviewError("no \(breakdown.key) named '\(name)' is recorded") }
        }
    }

    /// Every key a user may type, with what it is, for help and error notes.
    public static var keyHelp: [String] {
        Box.allCases.map { "\($0.key): \($0.label)" + ($0.isOtherMethods ? " (other methods)" : "") }
            + ["database:NAME: records from one database", "register:NAME: records from one register",
               "reports_excluded:REASON: reports excluded for one reason (databases and registers)",
               "other_reports_excluded:REASON: reports excluded for one reason (other methods)"]
    }

    // MARK: - Parsing

    enum Target {
        case box(Box)
        case item(Breakdown, String)

        var identity: String {
            switch self {
            case .box(let box): box.key
            case .item(let breakdown, let name): breakdown.key + ":" + name
            }
        }
    }

    static func normalised(_ key: String) -> String {
        String(trimmed(key).lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    static func resolve(_ key: String) throws(ReviewError) -> Target {
        if let colon = key.firstIndex(of: ":") {
            let prefix = normalised(String(key[..<colon]))
            let name = trimmed(String(key[key.index(after: colon)...]))
            guard let breakdown = Breakdown.allCases.first(where: { $0.key == prefix || $0.aliases.contains(prefix) }) else {
                throw ReviewError("unknown breakdown '\(prefix)'", notes: ["expected database:NAME, register:NAME, reports_excluded:REASON or other_reports_excluded:REASON"])
            }
            guard !name.isEmpty else { throw ReviewError("'\(prefix):' needs a name after the colon, e.g. \(breakdown.key):MEDLINE") }
            return .item(breakdown, name)
        }
        let name = normalised(key)
        if let box = Box.allCases.first(where: { $0.key == name || $0.aliases.contains(name) }) { return .box(box) }
        throw ReviewError("unknown PRISMA box '\(trimmed(key))'", notes: ["expected one of: " + Box.allCases.map(\.key).joined(separator: ", ")
                                                                  + "; or database:NAME, register:NAME, reports_excluded:REASON, other_reports_excluded:REASON"])
    }

    mutating func apply(_ target: Target, value: String) throws(ReviewError) {
        let count = try Self.count(value, key: target.identity)
        switch target {
        case .box(let box): try set(box, count.map(Entry.count) ?? .notReported)
        case .item(let breakdown, let name): try setItem(breakdown, name: name, count: count)
        }
    }

    /// A value: nil for empty or "?" (not reported), else a whole number in range.
    static func count(_ value: String, key: String) throws(ReviewError) -> Int? {
        let value = trimmed(value)
        if value.isEmpty || value == "?" { return nil }
        guard value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ReviewError("'\(key)' must be a whole number of records or reports, or empty for 'not reported'; got '\(value)'")
        }
        guard let n = Int(value), n <= maximumCount else {
            throw ReviewError("'\(key)' must be at most \(maximumCount); got \(value)")
        }
        return n
    }

    /// Splits at the first `=` not escaped with `\`; the value's 1-based column for error carets.
    static func splitAssignment(_ line: String) -> (key: String, value: String, valueColumn: Int)? {
        var escaped = false
        var column = 0
        for index in line.indices {
            column += 1
            let c = line[index]
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "=" { return (String(line[..<index]), String(line[line.index(after: index)...]), column + 1) }
        }
        return nil
    }

    static func escapeName(_ name: String) -> String {
        var out = ""
        for c in name {
            switch c {
            case "\\": out += "\\\\"
            case "=": out += "\\="
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescapeKey(_ key: String) -> String {
        var out = ""
        var escaped = false
        for c in key {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
