/// The data behind one finding: its sub-themes, their quotes, and the sources those quotes come from.
public struct FindingData: Sendable, Equatable {
    /// The finding.
    public let finding: Finding
    /// Its sub-themes that exist in the workspace, in the finding's order.
    public let subThemes: [SubTheme]
    /// Sub-theme ids the finding names that the workspace no longer has.
    public let missingSubThemeIDs: [Int]
    /// The quotes under those sub-themes, in id order.
    public let quotes: [Quote]
    /// The distinct sources of those quotes, studies first (workspace order), then reference numbers.
    public let sources: [ContributingSource]
    /// Quotes with neither a study nor a reference number.
    public let unattributedQuotes: Int
    /// Words in the quotes (see `WordCount`).
    public let words: Int

    /// The quote store's rows by sub-theme id, in row order: built once, it lets many findings be collected
    /// without scanning every quote for each (`SynthesisExport` over a large workspace).
    public static func rowsBySubTheme(in workspace: Workspace) -> [Int32: [Int]] {
        var rows: [Int32: [Int]] = [:]
        let store = workspace.quotes
        for row in 0..<store.count where store.subThemes[row] >= 0 { rows[store.subThemes[row], default: []].append(row) }
        return rows
    }

    /// Collects the data of a finding from the workspace; `rowsBySubTheme` (from `rowsBySubTheme(in:)`) saves
    /// a scan of every quote.
    public init(_ finding: Finding, in workspace: Workspace, rowsBySubTheme: [Int32: [Int]]? = nil) {
        self.finding = finding
        subThemes = finding.subThemeIDs.compactMap { workspace.subTheme($0) }
        missingSubThemeIDs = finding.subThemeIDs.filter { workspace.subTheme($0) == nil }
        let wanted = Set(subThemes.filter { $0.id <= Int(Int32.max) }.map { Int32($0.id) })
        let store = workspace.quotes
        let byReference = ContributingSource.studiesByReference(in: workspace)
        var quotes: [Quote] = []
        var sources = Set<ContributingSource>()
        var unattributed = 0, words = 0
        let rows: [Int] = if let rowsBySubTheme { wanted.flatMap { rowsBySubTheme[$0] ?? [] }.sorted() }
                          else { (0..<store.count).filter { wanted.contains(store.subThemes[$0]) } }
        for row in rows {
            let quote = workspace.quote(atRow: row)
            quotes.append(quote)
            words += WordCount.words(in: quote.text)
            if let source = ContributingSource.of(quote, in: workspace, studiesByReference: byReference) { sources.insert(source) }
            else { unattributed += 1 }
        }
        self.quotes = quotes
        let studyOrder = Dictionary(workspace.studies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.sources = sources.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (.study(let a), .study(let b)): (studyOrder[a] ?? .max, a) < (studyOrder[b] ?? .max, b)
            default: lhs < rhs
            }
        }
        unattributedQuotes = unattributed
        self.words = words
    }

    /// The ids of the sources that are studies.
    public var studyIDs: [String] { sources.compactMap { if case .study(let id) = $0 { id } else { nil } } }

    /// The reference numbers no study carries.
    public var bareReferences: [Int] { sources.compactMap { if case .reference(let n) = $0 { n } else { nil } } }

    /// "Simpson et al.; ref 35", or "" when there is no source; unattributed quotes are noted.
    public func sourcesText(in workspace: Workspace) -> String {
        var text = sources.map { $0.label(in: workspace) }.joined(separator: "; ")
        if unattributedQuotes > 0 {
            let note = "\(ReviewFindings.plural(unattributedQuotes, "quote")) without a source"
            text = text.isEmpty ? note : "\(text) (+ \(note))"
        }
        return text
    }
}

/// How words in a quote are counted: whitespace-separated tokens that hold at least one letter or digit
/// (so "—" or "…" standing alone is not a word, and "peer-led" is one).
public enum WordCount {
    /// The number of words in a text.
    public static func words(in text: String) -> Int {
        var count = 0
        var inToken = false, tokenHasWord = false
        for character in text {
            if character.isWhitespace {
                if inToken && tokenHasWord { count += 1 }
                inToken = false; tokenHasWord = false
            } else {
                inToken = true
                if character.isLetter || character.isNumber { tokenHasWord = true }
            }
        }
        if inToken && tokenHasWord { count += 1 }
        return count
    }
}
