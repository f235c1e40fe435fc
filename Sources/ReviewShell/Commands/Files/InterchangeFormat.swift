import ReviewKit

/// The other tools' formats `import` and `export` read and write besides CSV (docs/coming-from-other-tools.md).
enum InterchangeFormat: String, CaseIterable, Sendable {
    /// References as RIS (Zotero, EndNote, Rayyan, Covidence).
    case ris
    /// A REFI-QDA codebook (.qdc).
    case codebook
    /// A REFI-QDA project (.qdpx): NVivo, ATLAS.ti, MAXQDA, QualCoder.
    case qdpx

    /// The format a word names ("RIS", "qdpx"), if any.
    init?(word: String) { self.init(rawValue: word.lowercased()) }

    /// The names, for usage and completion.
    static let names = allCases.map(\.rawValue)
}

extension CommandContext {
    /// Lists what an import or export could not carry over, or read differently, on standard error (one
    /// diagnostic per line, so nothing is dropped silently and standard output keeps the result alone).
    func reportInterchange(_ lines: [String], severity: Diagnostic.Severity = .note) {
        for line in lines { host.report(Diagnostic(.interchange, severity, line)) }
    }

    /// A located file problem (a RIS warning) on standard error, named as the file was typed.
    func reportInterchange(_ problem: FileError, file: String) {
        var diagnostic = Diagnostic(problem.naming(file))
        diagnostic.kind = .interchange
        diagnostic.severity = .warning
        host.report(diagnostic)
    }

    /// The tag names of the workspace in order of first use (quote id order), one spelling per tag.
    var tagNamesInOrder: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for tags in workspace.quotes.tags { for tag in tags where seen.insert(QuoteTags.key(tag)).inserted { names.append(tag) } }
        return names
    }
}
