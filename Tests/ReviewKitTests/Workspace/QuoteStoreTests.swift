import Testing
@testable import ReviewKit

/// The columnar store (one UTF-8 buffer for all texts) kept in step with a plain array of quotes through
/// random adds, edits, removals and undo, and the bulk loader's validation.
@Suite struct QuoteStoreTests {
    static let words = ["peer", "I’m", "Janoušková", "café", "“quoted”", "x", "support", "–", "naïve", ""]

    /// Every invariant of the store, and that its rows are exactly `model` (ascending by id).
    static func check(_ workspace: Workspace, _ model: [Quote], sourceLocation: SourceLocation = #_sourceLocation) {
        let store = workspace.quotes
        let sorted = model.sorted { $0.id < $1.id }
        #expect(store.count == sorted.count, sourceLocation: sourceLocation)
        #expect(store.textStarts.count == store.count + 1, sourceLocation: sourceLocation)
        #expect(store.textStarts.first == 0 && store.textStarts.last == store.textBytes.count, sourceLocation: sourceLocation)
        #expect(store.textByteCount == sorted.reduce(0) { $0 + $1.text.utf8.count }, sourceLocation: sourceLocation)
        #expect(store.texts.count == store.count, sourceLocation: sourceLocation)
        for (row, quote) in sorted.enumerated() {
            #expect(workspace.quote(atRow: row) == quote, sourceLocation: sourceLocation)
            #expect(store.texts[row] == quote.text && store.text(atRow: row) == quote.text, sourceLocation: sourceLocation)
            #expect(store.textByteCount(atRow: row) == quote.text.utf8.count, sourceLocation: sourceLocation)
            #expect(store.signatures[row] == TextSignature(of: quote.text), sourceLocation: sourceLocation)
            #expect(store.row(of: quote.id) == row, sourceLocation: sourceLocation)
        }
        #expect(store.row(of: 0) == nil && store.row(of: Int(Int32.max) + 5) == nil, sourceLocation: sourceLocation)
    }

    static func randomQuote(_ id: Int, _ rng: inout SeededGenerator, studies: [String]) -> Quote {
        let text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") + "."
        return Quote(id: id, text: text, direction: Direction.allCases.randomElement(using: &rng),
                     component: COMBComponent.allCases.randomElement(using: &rng), domain: TDFDomain.allCases.randomElement(using: &rng),
                     studyID: studies.isEmpty || Bool.random(using: &rng) ? nil : studies.randomElement(using: &rng),
                     reference: Bool.random(using: &rng) ? Int.random(in: 1...99, using: &rng) : nil,
                     page: Bool.random(using: &rng) ? "p. \(Int.random(in: 1...99, using: &rng))" : nil)
    }

    @Test func randomEditsKeepTheColumnsInStep() throws {
        var rng = SeededGenerator(seed: 77)
        var workspace = Workspace()
        try workspace.appendStudies([Study(id: "S1", label: "Kivistö"), Study(id: "S2", label: "Smith")])
        var model: [Quote] = []
        var undo: [(change: WorkspaceChange, model: [Quote])] = []
        for step in 0..<600 {
            let saved = model
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...3:  // add at a random free id (often in the middle)
                var id = Int.random(in: 1...300, using: &rng)
                while model.contains(where: { $0.id == id }) { id += 1 }
                let quote = Self.randomQuote(id, &rng, studies: ["S1", "S2"])
                undo.append((try workspace.apply(.addQuote(quote)), saved))
                model.append(quote)
            case 4...5:  // edit text and coding
                guard let old = model.randomElement(using: &rng) else { continue }
                var quote = Self.randomQuote(old.id, &rng, studies: ["S1", "S2"])
                if Bool.random(using: &rng) { quote.text = old.text }
                undo.append((try workspace.apply(.updateQuote(quote)), saved))
                model[model.firstIndex { $0.id == old.id }!] = quote
            case 6...7:
                guard let old = model.randomElement(using: &rng) else { continue }
                undo.append((try workspace.apply(.removeQuote(id: old.id)), saved))
                model.removeAll { $0.id == old.id }
            default:  // undo the last change
                guard let last = undo.popLast() else { continue }
                try workspace.apply(last.change)
                model = last.model
            }
            if step % 25 == 0 { Self.check(workspace, model) }
        }
        Self.check(workspace, model)
    }

    @Test func insertingAStudyShiftsQuoteStudyIndices() throws {
        var workspace = Workspace()
        try workspace.appendStudies([Study(id: "S1", label: "A"), Study(id: "S2", label: "B")])
        try workspace.appendQuotes([Quote(id: 1, text: "one", studyID: "S2"), Quote(id: 2, text: "two", studyID: "S1")])
        try workspace.apply(.addStudy(Study(id: "S0", label: "Z"), at: 0))
        #expect(workspace.quote(1)?.studyID == "S2")
        #expect(workspace.quote(2)?.studyID == "S1")
    }

    @Test func bulkAppendMatchesOneAtATime() throws {
        var rng = SeededGenerator(seed: 8)
        var bulk = Workspace(), single = Workspace()
        let studies = (1...5).map { Study(id: "S\($0)", label: "Study \($0)") }
        try bulk.appendStudies(studies)
        for study in studies { try single.apply(.addStudy(study, at: nil)) }
        let quotes = (1...200).map { Self.randomQuote($0 * 2, &rng, studies: studies.map(\.id)) }
        let bytes = quotes.reduce(0) { $0 + $1.text.utf8.count }
        try bulk.appendQuotes(quotes, expectedCount: quotes.count, expectedTextBytes: bytes)
        for quote in quotes { try single.apply(.addQuote(quote)) }
        Self.check(bulk, quotes)
        Self.check(single, quotes)
        #expect(bulk.quotes.textBytes == single.quotes.textBytes)
        #expect(bulk.nextQuoteID == 401)
    }

    @Test func bulkAppendIsAllOrNothing() throws {
        var workspace = Workspace()
        try workspace.appendStudies([Study(id: "S1", label: "A")])
        try workspace.apply(.addSubTheme(SubTheme(id: 1, direction: .barrier, component: .socialOpportunity, domain: .socialInfluences, number: 1, label: "Support"), at: nil))
        try workspace.appendQuotes([Quote(id: 1, text: "kept")])
        let before = workspace.quotes
        func rejects(_ quotes: [Quote], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
            var copy = workspace
            let error = #expect(throws: ReviewError.self, sourceLocation: sourceLocation) { try copy.appendQuotes(quotes) }
            #expect(error?.message == message, sourceLocation: sourceLocation)
            #expect(error?.notes.first?.contains("nothing was appended") == true, sourceLocation: sourceLocation)
            #expect(copy.quotes.ids == before.ids && copy.quotes.textBytes == before.textBytes && copy.quotes.textStarts == before.textStarts,
                    sourceLocation: sourceLocation)
            #expect(copy.quotes.signatures == before.signatures, sourceLocation: sourceLocation)
        }
        let good = Quote(id: 2, text: "fine")
        rejects([good, Quote(id: 3, text: "x", studyID: "S9")], "no study with id 'S9'")
        rejects([good, Quote(id: 3, text: "   ")], "a quote needs its verbatim text; it is empty")
        rejects([good, Quote(id: 2, text: "again")], "quote ids must ascend past Q2 when appending; got Q2")
        rejects([Quote(id: 1, text: "clash")], "quote ids must ascend past Q1 when appending; got Q1")
        rejects([good, Quote(id: 3, text: "x", subTheme: 7)], "no sub-theme with id 7")
        rejects([good, Quote(id: 3, text: "x", direction: .facilitator, component: .socialOpportunity, domain: .socialInfluences, subTheme: 1)],
                "quote Q3's coding does not match its sub-theme B/SocI/1 (barrier, Social opportunity, Social Influences)")
        rejects([good, Quote(id: 3, text: "x", reference: 0)], "reference number must be positive; got 0")
        rejects([Quote(id: -4, text: "x")], "quote id must be a positive number")
        var fine = workspace
        try fine.appendQuotes([good, Quote(id: 9, text: "coded", direction: .barrier, component: .socialOpportunity, domain: .socialInfluences, subTheme: 1, studyID: "S1")])
        #expect(fine.quote(9)?.subTheme == 1 && fine.quote(9)?.studyID == "S1")
    }

    @Test func bulkStudiesAndAppraisalsValidate() throws {
        var workspace = Workspace()
        try workspace.appendStudies([Study(id: "S1", label: "A")])
        #expect(throws: ReviewError.self) { try workspace.appendStudies([Study(id: "S2", label: "B"), Study(id: "S1", label: "again")]) }
        #expect(throws: ReviewError.self) { try workspace.appendStudies([Study(id: "bad id", label: "B")]) }
        #expect(workspace.studies.count == 1)
        let answers: [CASPAnswer?] = Array(repeating: .yes, count: 10)
        try workspace.setAppraisals([Appraisal(studyID: "S1", answers: answers)])
        try workspace.setAppraisals([Appraisal(studyID: "S1", answers: Array(repeating: .no, count: 10))])  // replaces
        #expect(workspace.appraisals.count == 1 && workspace.appraisal(of: "S1")?.total == 0)
        #expect(throws: ReviewError.self) { try workspace.setAppraisals([Appraisal(studyID: "S7", answers: answers)]) }
    }
}
