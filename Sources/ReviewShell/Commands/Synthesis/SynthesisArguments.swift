import ReviewKit

/// Reading findings, components and levels named on the command line (`finding`, `cerqual`): the one place
/// they are looked up, each error under the word that was typed, with the nearest names.
extension ParsedArguments {
    /// The finding a word names: its id (F1, T7) or the code of one of its sub-themes (B/Know/1).
    func finding(_ word: Word, in workspace: Workspace) throws(Diagnostic) -> FindingID {
        let synthesis = workspace.synthesis
        do { return try synthesis.findingID(word.text, in: workspace) } catch {
            var notes = error.notes
            let ids = synthesis.findings(in: workspace).map(\.id.description)
            let nearest = EditDistance.nearest(to: word.text.uppercased(), in: ids)
            if !nearest.isEmpty, !notes.contains(where: { $0.hasPrefix("did you mean") }) {
                notes.insert("did you mean \(nearest.joined(separator: " or "))?", at: 0)
            }
            throw self.error(error.message, at: word.span, notes: notes)
        }
    }

    /// A written finding (F1…), for `finding edit` and `finding remove`.
    func writtenFinding(_ word: Word, in workspace: Workspace) throws(Diagnostic) -> Finding {
        let id = try finding(word, in: workspace)
        guard let finding = workspace.synthesis.writtenFinding(id) else {
            throw error("\(id) is a sub-theme standing as its own finding; only written findings (F1, F2…) can be edited or removed",
                        at: word.span, notes: ["write one over it with: finding add \"…\" themes=…"])
        }
        return finding
    }

    /// The sub-themes a `themes=` option lists, by code or id.
    func subThemeIDs(_ option: OptionValue, in workspace: Workspace) throws(Diagnostic) -> [Int] {
        do { return try Synthesis.subThemeIDs(option.value, in: workspace) } catch {
            throw self.error(error.message, at: option.valueSpan, notes: error.notes)
        }
    }

    /// Engine code whose errors belong under one word (a level, a component).
    func located<T>(at span: Range<Int>, _ body: () throws(ReviewError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw self.error(error.message, at: span, notes: error.notes) }
    }

    /// Applies a change to the findings or judgements through the session (undo, journal, unsaved changes).
    func commit(_ change: SynthesisChange, in context: CommandContext) throws(Diagnostic) {
        try RecordOptions.commit(.synthesis(change), self, context)
    }
}
