#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The JSON export read back as a whole workspace: what `load FILE.json` puts in place of the workspace
/// (docs/formats.md, "JSON").
///
/// `import FILE.json` merges the document's tables into the workspace (`JSONImport`); `load` replaces the workspace
/// with everything the document holds. The tables are read by `JSONImport` into an empty workspace (the same checks,
/// errors at JSON paths such as `$.quotes[3]`); then the written findings and GRADE-CERQual judgements, the screening
/// decisions, the PRISMA counts and each reviewer's codings, each checked as the snapshot reader checks its section.
/// All or nothing: the result is a whole workspace or an error.
public enum JSONWorkspace {
    /// Whether bytes look like a JSON document rather than a snapshot: after a byte order mark and white space, `{`.
    public static func looksLikeJSON(_ bytes: some Sequence<UInt8>) -> Bool {
        var skippedMark = 0
        for byte in bytes {
            if skippedMark < 3 && byte == [0xEF, 0xBB, 0xBF][skippedMark] { skippedMark += 1; continue }
            skippedMark = 3
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            return byte == UInt8(ascii: "{")
        }
        return false
    }

    /// Whether the file at `url` is a JSON document: its name ends in `.json`, or a regular file's first bytes are `{`.
    public static func isJSONFile(_ url: URL) -> Bool {
        if url.pathExtension.lowercased() == "json" { return true }
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        return looksLikeJSON([UInt8]((try? handle.read(upToCount: 256)) ?? Data()))
    }

    /// Reads the document at `url` as a whole workspace, with the CRC-32 of its bytes (it names the file as the base
    /// a crash-recovery journal replays onto).
    public static func load(from url: URL, mapping: DomainMapping = .seed) throws(FileError) -> (workspace: Workspace, checksum: UInt32) {
        let bytes = try AtomicFile.read(url)
        return (try decode(bytes, path: AtomicFile.displayPath(url), mapping: mapping), CRC32.checksum(bytes))
    }

    /// A whole workspace from JSON bytes written by `JSONExport`; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String? = nil, mapping: DomainMapping = .seed) throws(FileError) -> Workspace {
        func fail(_ where: String, _ message: String) -> FileError { FileError(path: path, message: "\(`where`): \(message)") }
        let imported = try JSONImport.decode(bytes, path: path, into: Workspace(), mapping: mapping)
        var workspace = Workspace()
        do throws(ReviewError) { _ = try workspace.apply(imported.change) } catch { throw fail("$", error.message) }
        // JSONImport has parsed and checked the document's shape; read the rest of it.
        guard let document = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any] else {
            throw fail("$", "expected an object (a 'review-workspace' export)")
        }
        func records(_ key: String) throws(FileError) -> [[String: Any]] {
            guard let value = document[key], !(value is NSNull) else { return [] }
            guard let items = value as? [Any] else { throw fail("$.\(key)", "expected an array of records") }
            var records: [[String: Any]] = []
            for (index, item) in items.enumerated() {
                guard let record = item as? [String: Any] else { throw fail("$.\(key)[\(index)]", "expected an object") }
                records.append(record)
            }
            return records
        }
        func text(_ record: [String: Any], _ key: String, at: String, optional: Bool = false) throws(FileError) -> String? {
            switch record[key] {
            case let string as String: return string
            case nil, is NSNull:
                if optional { return nil }
                throw fail("\(at).\(key)", "expected text")
            default: throw fail("\(at).\(key)", optional ? "expected text or null" : "expected text")
            }
        }
        func integer(_ record: [String: Any], _ key: String, at: String, optional: Bool = false) throws(FileError) -> Int? {
            switch record[key] {
            case let number as NSNumber where number.doubleValue == number.doubleValue.rounded() && abs(number.doubleValue) < 1e15:
                return Int(number.doubleValue)
            case nil, is NSNull:
                if optional { return nil }
                throw fail("\(at).\(key)", "expected a whole number")
            default: throw fail("\(at).\(key)", optional ? "expected a whole number or null" : "expected a whole number")
            }
        }

        // Written findings and their judgements, through the snapshot's checks (Synthesis+Snapshot).
        var findingLines: [Synthesis.SnapshotLine] = [], cerqualLines: [Synthesis.SnapshotLine] = []
        var paths: [Int: String] = [:]
        for (index, record) in try records("findings").enumerated() {
            let at = "$.findings[\(index)]"
            guard let written = record["written"] as? Bool else { throw fail("\(at).written", "expected true or false") }
            guard written else { continue }
            guard let themes = record["subthemes"] as? [Any] else { throw fail("\(at).subthemes", "expected an array of sub-theme ids") }
            var ids: [String] = []
            for (position, theme) in themes.enumerated() {
                guard let number = theme as? NSNumber, let id = Int(exactly: number.doubleValue) else {
                    throw fail("\(at).subthemes[\(position)]", "expected a sub-theme id")
                }
                ids.append(String(id))
            }
            paths[paths.count + 1] = at
            findingLines.append(.init(line: paths.count, fields: [try text(record, "finding", at: at)!, ids.joined(separator: ","), try text(record, "statement", at: at)!]))
        }
        for (index, record) in try records("cerqual").enumerated() {
            let at = "$.cerqual[\(index)]"
            let finding = try text(record, "finding", at: at)!
            for (key, component) in CERQualComponent.allCases.map({ ($0.key, $0.slug) }) + [("confidence", "overall")] {
                guard let level = try text(record, key, at: at, optional: true) else { continue }
                paths[paths.count + 1] = "\(at).\(key)"
                cerqualLines.append(.init(line: paths.count, fields: [finding, component, level, try text(record, key + "_explanation", at: at, optional: true) ?? ""]))
            }
        }
        do throws(FileError) {
            workspace.synthesis = try Synthesis(findingLines: findingLines, cerqualLines: cerqualLines, path: path)
        } catch {
            throw fail(error.line.flatMap { paths[$0] } ?? "$.findings", error.message)
        }

        // Screening decisions: a record's title is on each of its rows here, on its first line in a snapshot.
        var screening = SnapshotScreening.Lines()
        var titled = Set<String>()
        for (index, record) in try records("screening").enumerated() {
            let at = "$.screening[\(index)]"
            let id = try text(record, "record", at: at)!, reviewer = try text(record, "reviewer", at: at)!, decision = try text(record, "decision", at: at)!
            let title = try text(record, "title", at: at, optional: true) ?? ""
            let first = titled.insert(id).inserted
            if let problem = screening.add([id, reviewer, decision, first ? title : ""]) {
                throw fail("\(at).\(["record", "reviewer", "decision", "title"][problem.field])", problem.message)
            }
        }
        workspace.screening = screening.decisions

        // PRISMA counts, as the @prisma section's key and value.
        var flow = PRISMAFlow()
        var seen = Set<String>()
        for (index, record) in try records("prisma").enumerated() {
            let at = "$.prisma[\(index)]"
            let key = try text(record, "key", at: at)!
            let count = try integer(record, "count", at: at, optional: true)
            do throws(ReviewError) {
                let target = try PRISMAFlow.resolve(PRISMAFlow.unescapeKey(key))
                guard seen.insert(target.identity).inserted else { throw ReviewError("'\(key)' appears twice") }
                try flow.apply(target, value: count.map(String.init) ?? "")
            } catch {
                throw fail(at, error.message)
            }
        }
        workspace.prisma = flow

        // Each reviewer's coding of a quote, checked as the @codings section is.
        var codings: [ReviewerCoding] = []
        var coded = Set<String>()
        for (index, record) in try records("codings").enumerated() {
            let at = "$.codings[\(index)]"
            let quoteID = try integer(record, "quote", at: at)!
            guard workspace.quotes.row(of: quoteID) != nil else { throw fail("\(at).quote", "coding of unknown quote Q\(quoteID)") }
            let reviewer = try text(record, "reviewer", at: at)!
            if reviewer != ReviewerCoding.consensus {
                do throws(ReviewError) { try ReviewerName.check(reviewer) } catch { throw fail("\(at).reviewer", error.message) }
            }
            guard coded.insert("\(quoteID)\t\(reviewer)").inserted else { throw fail("\(at).reviewer", "quote Q\(quoteID) is coded twice by the same reviewer") }
            func slug<T>(_ key: String, _ cases: [T], _ name: (T) -> String) throws(FileError) -> T? {
                guard let word = try text(record, key, at: at, optional: true) else { return nil }
                guard let value = cases.first(where: { name($0) == word }) else {
                    throw fail("\(at).\(key)", "unknown \(key) '\(FileError.shortened(word))'; expected one of: \(cases.map(name).joined(separator: ", "))")
                }
                return value
            }
            var coding = ReviewerCoding(quoteID: quoteID, reviewer: reviewer, direction: try slug("direction", Direction.allCases, \.slug),
                                        component: try slug("component", COMBComponent.allCases, \.slug), domain: try slug("domain", TDFDomain.allCases, \.slug))
            if let id = try integer(record, "subtheme", at: at, optional: true) {
                guard let theme = workspace.subTheme(id) else { throw fail("\(at).subtheme", "unknown sub-theme \(id)") }
                guard theme.conflict(direction: coding.direction, component: coding.component, domain: coding.domain) == nil else {
                    throw fail("\(at).subtheme", "Q\(quoteID)'s coding by \(reviewer) does not match its sub-theme \(id)")
                }
                coding.subTheme = id
            }
            guard !coding.isEmpty else { throw fail(at, "a coding needs at least one coded field") }
            codings.append(coding)
        }
        workspace.reviewerCodings = codings.sorted { ($0.quoteID, $0.reviewer) < ($1.quoteID, $1.reviewer) }
        return workspace
    }

    /// A JSON syntax error at its file, line and column (with the line for a caret), from the parser's "around
    /// character N" (a byte offset) or "end of file".
    static func syntaxError(_ error: any Error, in bytes: [UInt8], path: String?) -> FileError {
        var description = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "it does not parse"
        var offset: Int?
        if let range = description.range(of: #" ?around character [0-9]+"#, options: .regularExpression) {
            offset = Int(description[range].filter(\.isNumber))
            description.removeSubrange(range)
        } else if description.lowercased().contains("end of file") {
            offset = bytes.count
        }
        if description.hasSuffix(".") { description.removeLast() }
        var located = FileError(path: path, message: "not a JSON document: " + AtomicFile.lowercased(description))
        guard let offset, offset >= 0, offset <= bytes.count else { return located }
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        located.line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        located.column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        if lineEnd - lineStart <= 16 * 1024 { located.lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self) }
        return located
    }

    /// The `prisma` and `codings` arrays of the export (after `screening`), so that `load` gets the whole workspace back.
    static func appendJSON(prismaAndCodingsOf workspace: Workspace, to out: inout JSONBuffer) {
        out.raw(",\n  \"prisma\": [")
        let pairs = workspace.prisma.keyValuePairs
        for (index, pair) in pairs.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"key\": "); out.string(pair.key)
            out.raw(", \"count\": "); out.int(Int(pair.value))
            out.raw("}")
        }
        out.raw(pairs.isEmpty ? "]" : "\n  ]")
        out.raw(",\n  \"codings\": [")
        for (index, coding) in workspace.reviewerCodings.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"quote\": "); out.int(coding.quoteID)
            out.raw(", \"reviewer\": "); out.string(coding.reviewer)
            out.raw(", \"direction\": "); out.string(coding.direction?.slug)
            out.raw(", \"component\": "); out.string(coding.component?.slug)
            out.raw(", \"domain\": "); out.string(coding.domain?.slug)
            out.raw(", \"subtheme\": "); out.int(coding.subTheme)
            out.raw("}")
        }
        out.raw(workspace.reviewerCodings.isEmpty ? "]" : "\n  ]")
    }
}

extension JournalBase {
    /// A JSON export loaded in place of the workspace (`load FILE.json`): a file base whose checksum is the CRC-32
    /// of the document's bytes (`JSONWorkspace.load`), so recovery tells a changed file as it does for a snapshot.
    public static func jsonExport(_ url: URL, checksum: UInt32) -> JournalBase {
        JournalBase(source: .file, name: url.lastPathComponent, path: url.standardizedFileURL.path, checksum: SnapshotWriter.hex(checksum))
    }
}
