import ReviewKit

/// Reading records named on the command line: the one place a quote id, a study id or a sub-theme typed by a
/// reviewer is looked up, with the error (and suggestions) when nothing matches.
extension ParsedArguments {
    /// The id of an existing quote written as "Q12" or "12".
    public func quoteID(_ word: Word, in workspace: Workspace) throws(Diagnostic) -> Int {
        let digits = word.text.first.map { "Qq".contains($0) } == true ? String(word.text.dropFirst()) : word.text
        guard let id = Int(digits) else { throw error("quote ids look like Q12; got '\(word.text)'", at: word.span) }
        guard workspace.quote(id) != nil else {
            throw error("no quote Q\(id)", at: word.span,
                        notes: ["quote ids run from Q\(workspace.quotes.ids.first ?? 0) to Q\(workspace.quotes.ids.last ?? 0); 'quotes' lists them"])
        }
        return id
    }

    /// The index of the study a word names by id (case-insensitively); the error suggests studies whose label
    /// contains the word, or the nearest ids.
    public func studyIndex(_ word: Word, in workspace: Workspace) throws(Diagnostic) -> Int {
        try studyIndex(word.text, at: word.span, in: workspace)
    }

    /// The index of the study `text` names by id (case-insensitively), typed at `span`.
    public func studyIndex(_ text: String, at span: Range<Int>, in workspace: Workspace) throws(Diagnostic) -> Int {
        if let index = workspace.studyIndex(matching: text) { return index }
        let byLabel = workspace.studies.filter { TextFolding.fold($0.label).contains(TextFolding.fold(text)) }
        let suggestions = byLabel.isEmpty ? EditDistance.nearest(to: text, in: workspace.studies.map(\.id)) : byLabel.map { "\($0.id) (\($0.label))" }
        throw error("no study with id '\(text)'", at: span,
                    notes: suggestions.isEmpty ? ["'studies' lists the ids"] : ["did you mean \(suggestions.prefix(4).joined(separator: " or "))?"])
    }

    /// The one sub-theme a word names by code, id or full label.
    public func subTheme(_ text: String, at span: Range<Int>, in workspace: Workspace) throws(Diagnostic) -> SubTheme {
        let key = TextFolding.fold(text)
        let matches = workspace.subThemes.filter { TextFolding.fold($0.code) == key || String($0.id) == key || TextFolding.fold($0.label) == key }
        guard matches.count == 1 else {
            let suggestions = EditDistance.nearest(to: text, in: workspace.subThemes.map(\.code))
            throw error(matches.isEmpty ? "no sub-theme '\(text)'" : "'\(text)' names \(matches.count) sub-themes; use its code", at: span,
                        notes: suggestions.isEmpty ? ["'themes' lists the codes (B/ECR/2 …)"] : ["did you mean \(suggestions.joined(separator: " or "))?"])
        }
        return matches[0]
    }

    /// A framework name (direction, domain, component) resolved through its matcher, the error located at `span`.
    public func resolve<Value>(_ text: String, at span: Range<Int>, _ matcher: NameMatcher<Value>, what: String) throws(Diagnostic) -> Value {
        do { return try matcher.value(for: text, what: what, at: span) } catch { throw invocation.diagnostic(error) }
    }
}
