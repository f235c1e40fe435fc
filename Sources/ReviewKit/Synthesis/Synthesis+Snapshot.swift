import Foundation

/// How findings and CERQual judgements are stored in a snapshot: two tab-separated sections in the
/// snapshot's own style (fields escaped by the snapshot writer, one row per line, header comment).
///
///     @findings
///     # id	subthemes	statement
///     F1	1,2	Staff members' lack of knowledge about the peer role limits peers' involvement
///     @cerqual
///     # finding	component	level	explanation
///     F1	methodological-limitations	moderate	the contributing studies cannot be matched to their CASP appraisals
///     F1	coherence	no-or-very-minor
///     F1	overall	moderate	…
///
/// `subthemes` are sub-theme ids (stable when a sub-theme is recoded or renumbered). `component` is a
/// component's slug or `overall`; `level` a concern slug (`no-or-very-minor`, `minor`, `moderate`,
/// `serious`) or, for `overall`, a confidence slug (`high`, `moderate`, `low`, `very-low`). Default findings
/// (T…) are never written to `@findings`; their judgements are. Rows come in a fixed order (findings as
/// written; judgements by finding id, then component order, then overall) so the same synthesis always
/// gives the same bytes. Reading accepts what writing produces even when sub-themes have since been
/// removed (the consistency checks flag such findings), so every saved file loads.
extension Synthesis {
    /// The section names, without "@".
    public static let findingsSection = "findings"
    /// The CERQual section's name.
    public static let cerqualSection = "cerqual"
    /// The comment line under `@findings`.
    public static let findingsHeader = "# id\tsubthemes\tstatement"
    /// The comment line under `@cerqual`.
    public static let cerqualHeader = "# finding\tcomponent\tlevel\texplanation"

    /// One data line of a section as the snapshot reader sees it: its line number, its fields (unescaped)
    /// and, for the caret, the raw line.
    public struct SnapshotLine: Sendable, Equatable {
        /// The 1-based line number in the file.
        public var line: Int
        /// The fields, unescaped.
        public var fields: [String]
        /// The line as written (escaped), when available.
        public var text: String?

        /// Creates a line.
        public init(line: Int, fields: [String], text: String? = nil) {
            self.line = line
            self.fields = fields
            self.text = text
        }
    }

    /// The rows of `@findings`, one field array per line (the snapshot writer escapes them).
    public var findingRows: [[String]] {
        writtenFindings.map { [$0.id.description, $0.subThemeIDs.map(String.init).joined(separator: ","), $0.statement] }
    }

    /// The rows of `@cerqual`.
    public var cerqualRows: [[String]] {
        assessments.keys.sorted().flatMap { id -> [[String]] in
            let assessment = assessments[id]!
            var rows = CERQualComponent.allCases.compactMap { component in
                assessment[component].map { [id.description, component.slug, $0.level.slug, $0.explanation] }
            }
            if let overall = assessment.overall { rows.append([id.description, "overall", overall.level.slug, overall.explanation]) }
            return rows
        }
    }

    /// Reads the two sections back. `path` names the file in errors.
    /// - Throws: ``FileError`` at the line and column of the first bad field; nothing is returned then.
    public init(findingLines: [SnapshotLine], cerqualLines: [SnapshotLine], path: String?) throws(FileError) {
        self.init()
        for line in findingLines {
            func fail(_ field: Int, _ message: String) -> FileError { Self.error(line, field, message, path: path) }
            guard line.fields.count == 3 else {
                throw fail(min(line.fields.count, 3), "@findings rows have 3 fields (id, subthemes, statement); this one has \(line.fields.count)")
            }
            guard let id = FindingID(line.fields[0]), case .written = id else {
                throw fail(0, "'\(line.fields[0])' is not a written finding id (F1, F2…)")
            }
            guard writtenFinding(id) == nil else { throw fail(0, "finding \(id) appears twice") }
            var themes: [Int] = []
            for part in line.fields[1].split(separator: ",", omittingEmptySubsequences: false) {
                guard part.count <= 9, !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let theme = Int(part), theme > 0 else {
                    throw fail(1, "sub-themes must be ids separated by commas (e.g. 1,2); got '\(line.fields[1])'")
                }
                guard !themes.contains(theme) else { throw fail(1, "sub-theme \(theme) is listed twice") }
                themes.append(theme)
            }
            let statement = line.fields[2].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !statement.isEmpty else { throw fail(2, "finding \(id) has no statement") }
            guard statement.count <= Finding.maximumStatementLength else {
                throw fail(2, "the statement of \(id) is longer than \(Finding.maximumStatementLength) characters")
            }
            writtenFindings.append(Finding(id: id, statement: statement, subThemeIDs: themes))
        }
        for line in cerqualLines {
            func fail(_ field: Int, _ message: String) -> FileError { Self.error(line, field, message, path: path) }
            guard line.fields.count == 4 else {
                throw fail(min(line.fields.count, 4), "@cerqual rows have 4 fields (finding, component, level, explanation); this one has \(line.fields.count)")
            }
            guard let id = FindingID(line.fields[0]) else { throw fail(0, "'\(line.fields[0])' is not a finding id (F1, T7…)") }
            let explanation = line.fields[3]
            guard explanation.count <= Finding.maximumStatementLength else {
                throw fail(3, "the explanation is longer than \(Finding.maximumStatementLength) characters")
            }
            var assessment = assessments[id] ?? CERQualAssessment()
            if line.fields[1] == "overall" {
                guard assessment.overall == nil else { throw fail(1, "\(id) has two overall rows") }
                guard let level = ConfidenceLevel.allCases.first(where: { $0.slug == line.fields[2] }) else {
                    throw fail(2, "'\(line.fields[2])' is not a confidence level; expected high, moderate, low or very-low")
                }
                assessment.overall = .init(level, explanation: explanation)
            } else {
                guard let component = CERQualComponent.allCases.first(where: { $0.slug == line.fields[1] }) else {
                    throw fail(1, "'\(line.fields[1])' is not a cerqual component; expected \(CERQualComponent.allCases.map(\.slug).joined(separator: ", ")) or overall")
                }
                guard assessment[component] == nil else { throw fail(1, "\(id) has two \(component.slug) rows") }
                guard let level = ConcernLevel.allCases.first(where: { $0.slug == line.fields[2] }) else {
                    throw fail(2, "'\(line.fields[2])' is not a concern level; expected no-or-very-minor, minor, moderate or serious")
                }
                assessment[component] = .init(level, explanation: explanation)
            }
            assessments[id] = assessment
        }
    }

    /// An error at a field of a line; the column is found in the raw line when it is given.
    static func error(_ line: SnapshotLine, _ field: Int, _ message: String, path: String?) -> FileError {
        var column = 1
        if let text = line.text {
            let raw = text.split(separator: "\t", omittingEmptySubsequences: false)
            let upTo = min(field, raw.count)
            column = raw.prefix(upTo).reduce(0) { $0 + $1.count + 1 } + 1
        }
        return FileError(path: path, line: line.line, column: column, message: message, lineText: line.text)
    }
}
