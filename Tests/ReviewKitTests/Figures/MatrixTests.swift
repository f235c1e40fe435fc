import Testing
@testable import ReviewKit

/// COM-B × TDF and source × domain matrices against counts made by plain loops over quote values.
@Suite struct MatrixTests {
    static let workspace = try! EmbeddedReview.load().workspace

    @Test func combByDomainMatchesTheSeedRows() {
        let matrix = CountMatrix.combByDomain(Self.workspace.quotes)
        #expect(matrix.rowLabels == COMBComponent.allCases.map(\.name))
        #expect(matrix.columnLabels == TDFDomain.allCases.map(\.name))
        #expect(matrix.total == 46)
        // Per component and domain, by hand from Tables 3 and 4.
        func cell(_ c: COMBComponent, _ d: TDFDomain) -> Int {
            matrix.counts[COMBComponent.allCases.firstIndex(of: c)!][TDFDomain.allCases.firstIndex(of: d)!]
        }
        #expect(cell(.psychologicalCapability, .knowledge) == 4)
        #expect(cell(.psychologicalCapability, .skills) == 3)
        #expect(cell(.physicalOpportunity, .environmentalContextAndResources) == 11)
        #expect(cell(.socialOpportunity, .socialInfluences) == 6)
        #expect(cell(.automaticMotivation, .emotion) == 2)
        #expect(cell(.automaticMotivation, .reinforcement) == 2)
        #expect(cell(.reflectiveMotivation, .socialProfessionalRoleAndIdentity) == 8)
        #expect(cell(.physicalCapability, .knowledge) == 0)
        #expect(matrix.rowTotals == [8, 0, 11, 6, 17, 4])
        #expect(matrix.columnTotals.reduce(0, +) == 46)
    }

    @Test func directionAndRowsRestrictTheCount() throws {
        let store = Self.workspace.quotes
        #expect(CountMatrix.combByDomain(store, direction: .barrier).total == 18)
        #expect(CountMatrix.combByDomain(store, direction: .facilitator).total == 28)
        let spec = try QueryParser.parse("text contains peer", for: .quote)
        let rows = try QueryEngine(QueryContext(workspace: Self.workspace)).quoteRows(matching: spec.filter)
        let restricted = CountMatrix.combByDomain(store, rows: rows)
        #expect(restricted.total == 15)
        #expect(CountMatrix.combByDomain(store, rows: rows, direction: .barrier).total == 7)
        #expect(CountMatrix.studyByDomain(Self.workspace, rows: rows).total == 15)
    }

    @Test func studyByDomainGroupsByReferenceWhenQuotesHaveNoStudy() {
        let matrix = CountMatrix.studyByDomain(Self.workspace)
        var expected: [String: [Int]] = [:]
        for row in 0..<Self.workspace.quotes.count {
            let quote = Self.workspace.quote(atRow: row)
            let label = quote.studyID.map { id in "\(id) \(Self.workspace.study(id)!.label)" } ?? quote.reference.map { "ref \($0)" } ?? "unattributed"
            expected[label, default: [Int](repeating: 0, count: 14)][TDFDomain.allCases.firstIndex(of: quote.domain!)!] += 1
        }
        #expect(Dictionary(uniqueKeysWithValues: zip(matrix.rowLabels, matrix.counts)) == expected)
        #expect(matrix.rowLabels.last == "unattributed")
        #expect(matrix.total == 46)
    }

    @Test func randomWorkspacesAgreeWithPlainLoops() throws {
        var rng = SeededGenerator(seed: 314)
        for _ in 0..<40 {
            let workspace = try QueryReferenceTests.randomWorkspace(&rng)
            let direction = [nil, Direction.barrier, .facilitator].randomElement(using: &rng)!
            let comb = CountMatrix.combByDomain(workspace.quotes, direction: direction)
            var cells = [[Int]](repeating: [Int](repeating: 0, count: 14), count: 6)
            var studyCells: [String: [Int]] = [:]
            for row in 0..<workspace.quotes.count {
                let quote = workspace.quote(atRow: row)
                guard direction == nil || quote.direction == direction else { continue }
                if let c = quote.component, let d = quote.domain {
                    cells[COMBComponent.allCases.firstIndex(of: c)!][TDFDomain.allCases.firstIndex(of: d)!] += 1
                }
                let label = quote.studyID.map { id in "\(id) \(workspace.study(id)!.label)" } ?? quote.reference.map { "ref \($0)" } ?? "unattributed"
                var counts = studyCells[label, default: [Int](repeating: 0, count: 14)]
                if let d = quote.domain { counts[TDFDomain.allCases.firstIndex(of: d)!] += 1 }
                studyCells[label] = counts
            }
            #expect(comb.counts == cells)
            let byStudy = CountMatrix.studyByDomain(workspace, direction: direction)
            let nonEmpty = studyCells.filter { $0.value.contains { $0 > 0 } }
            #expect(Dictionary(uniqueKeysWithValues: zip(byStudy.rowLabels, byStudy.counts)) == nonEmpty)
        }
    }

    /// A large store (over `RowSet.concurrencyThreshold` quotes) through the fast paths: quotes of known studies
    /// counted with one increment each, quotes cited by reference number or with no source one by one, and the
    /// uncoded quotes counted in one pass over the domain bytes.
    @Test func aLargeStoreCountsTheSameThroughTheFastPaths() throws {
        var workspace = Self.workspace
        let studyIDs = workspace.studies.map(\.id)
        var rng = SeededGenerator(seed: 27)
        let first = (workspace.quotes.ids.map(Int.init).max() ?? 0) + 1
        let quotes = (0..<(RowSet.concurrencyThreshold + 4_321)).map { offset in
            let source = Int.random(in: 0..<10, using: &rng)
            return Quote(id: first + offset, text: "q", direction: Direction.allCases.randomElement(using: &rng),
                         component: .reflectiveMotivation, domain: Bool.random(using: &rng) ? TDFDomain.allCases.randomElement(using: &rng) : nil,
                         studyID: source < 8 ? studyIDs.randomElement(using: &rng) : nil,
                         reference: source == 8 ? Int.random(in: 1...40, using: &rng) : nil)
        }
        try workspace.appendQuotes(quotes)
        var expected: [String: [Int]] = [:]
        var withoutDomain = 0
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            let label = quote.studyID.map { id in "\(id) \(workspace.study(id)!.label)" } ?? quote.reference.map { "ref \($0)" } ?? "unattributed"
            var counts = expected[label, default: [Int](repeating: 0, count: 14)]
            if let d = quote.domain { counts[TDFDomain.allCases.firstIndex(of: d)!] += 1 } else { withoutDomain += 1 }
            expected[label] = counts
        }
        let matrix = CountMatrix.studyByDomain(workspace)
        #expect(Dictionary(uniqueKeysWithValues: zip(matrix.rowLabels, matrix.counts)) == expected.filter { $0.value.contains { $0 > 0 } })
        #expect(matrix.total == workspace.quotes.count - withoutDomain)
        #expect(LeftOutQuotes(workspace.quotes, needsComponent: false).withoutDomain == withoutDomain)
    }

    /// Quotes placed only by reference number are counted by number, indexed while the numbers are small and hashed
    /// beyond 65,535; either way the rows come after the studies' in number order, then "unattributed".
    @Test(arguments: [[7, 3, 65_535], [7, 3, 65_536, 1_000_000]])
    func referenceRowsComeInNumberOrderWhateverTheirSize(references: [Int]) throws {
        var workspace = Self.workspace
        let first = (workspace.quotes.ids.map(Int.init).max() ?? 0) + 1
        var quotes: [Quote] = []
        for (offset, reference) in (references + references.prefix(1)).enumerated() {
            quotes.append(Quote(id: first + offset, text: "q", direction: .barrier, component: .reflectiveMotivation, domain: .knowledge,
                                reference: reference))
        }
        try workspace.appendQuotes(quotes)
        let matrix = CountMatrix.studyByDomain(workspace)
        let referenceLabels = matrix.rowLabels.filter { $0.hasPrefix("ref ") }
        let numbers = referenceLabels.compactMap { Int($0.dropFirst(4)) }
        #expect(numbers == numbers.sorted())
        #expect(Set(references).isSubset(of: Set(numbers)))
        let knowledge = TDFDomain.allCases.firstIndex(of: .knowledge)!
        // The seed's rows are unchanged, and each added quote is counted once, under its number.
        let before = CountMatrix.studyByDomain(Self.workspace)
        let beforeRows = Dictionary(uniqueKeysWithValues: zip(before.rowLabels, before.counts))
        for (label, counts) in zip(matrix.rowLabels, matrix.counts) {
            let number = label.hasPrefix("ref ") ? Int(label.dropFirst(4)) : nil
            let addedHere = number.map { n in references.filter { $0 == n }.count + (n == references[0] ? 1 : 0) } ?? 0
            var expected = beforeRows[label] ?? [Int](repeating: 0, count: 14)
            expected[knowledge] += addedHere
            #expect(counts == expected, "\(label)")
        }
        if before.rowLabels.contains("unattributed") { #expect(matrix.rowLabels.last == "unattributed") }
        #expect(matrix.total == before.total + references.count + 1)
    }
}
