import Testing
@testable import ReviewKit

/// Grouping and sorting checked against a second implementation written plainly: values read from
/// `workspace.quote(atRow:)` and `Study` values, a comparison sort, a dictionary of counts. Random
/// workspaces and random plans (rendered to query text and parsed) must give the engine's result exactly.
@Suite struct QueryPlanReferenceTests {
    /// A reference value: its order (nil = unknown) and what a group shows.
    struct Value: Hashable {
        var order: [Double]?
        var display: String
    }

    static let unknown = Value(order: nil, display: "—")

    /// Ascending: known values by order, unknown last; descending is the exact reverse.
    static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (a.order, b.order) {
        case (nil, _): false
        case (_, nil): true
        case (let x?, let y?): x.lexicographicallyPrecedes(y)
        }
    }

    /// The quote fields a random plan may name, read the plain way.
    static func quoteValue(_ name: String, _ quote: Quote, _ workspace: Workspace) -> Value {
        let study = quote.studyID.flatMap { id in workspace.studyIndex(of: id).map { (workspace.studies[$0], $0) } }
        switch name {
        case "domain": return quote.domain.map { Value(order: [Double($0.rawValue)], display: $0.name) } ?? unknown
        case "direction": return quote.direction.map { Value(order: [Double($0.rawValue)], display: $0.name) } ?? unknown
        case "component": return quote.component.map { Value(order: [Double($0.rawValue)], display: $0.name) } ?? unknown
        case "source":
            guard let source = quote.component?.source else { return unknown }
            return Value(order: [Double(COMBComponent.Source.allCases.firstIndex(of: source)!)], display: source.name)
        case "study": return study.map { Value(order: [Double($0.1)], display: "\($0.0.id) \($0.0.label)") } ?? unknown
        case "reference": return quote.reference.map { Value(order: [Double($0)], display: String($0)) } ?? unknown
        case "id": return Value(order: [Double(quote.id)], display: String(quote.id))
        case "page":
            // Pages are "p. N": order by the digits' characters, as text sorts.
            return quote.page.map { Value(order: $0.unicodeScalars.map { Double($0.value) }, display: $0) } ?? unknown
        case "study.year": return study?.0.year.map { Value(order: [Double($0)], display: String($0)) } ?? unknown
        case "study.casp":
            // An incomplete appraisal (a question unanswered) has no total.
            guard let study, let appraisal = workspace.appraisal(of: study.0.id), !appraisal.answers.contains(nil) else { return unknown }
            let total = appraisal.total
            return Value(order: [total], display: total == total.rounded() ? String(Int(total)) : String(total))
        default: fatalError("no reference for \(name)")
        }
    }

    static let groupable = ["domain", "direction", "component", "source", "study", "reference", "study.year", "study.casp"]
    static let sortable = groupable + ["id", "page"]

    static func display(_ value: FieldValue) -> String {
        if case .number(let number) = value { return number == number.rounded() ? String(Int(number)) : String(number) }
        return value.display
    }

    @Test func sortingAgreesWithTheReference() throws {
        var rng = SeededGenerator(seed: 808)
        var checked = 0
        for _ in 0..<40 {
            let workspace = try QueryReferenceTests.randomWorkspace(&rng)
            let quotes = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }
            let engine = QueryEngine(QueryContext(workspace: workspace))
            for _ in 0..<20 {
                let keys = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (Self.sortable.randomElement(using: &rng)!, Bool.random(using: &rng)) }
                let filter = Bool.random(using: &rng) ? "direction = barrier " : ""
                let limit = Bool.random(using: &rng) ? Int.random(in: 0...10, using: &rng) : nil
                let text = filter + "sort by " + keys.map { $0.0 + ($0.1 ? " desc" : "") }.joined(separator: ", ") + (limit.map { " limit \($0)" } ?? "")
                guard case .rows(let result) = try engine.execute(QueryParser.parse(text, for: .quote)) else {
                    Issue.record("\(text): not a listing"); continue
                }
                var expected = quotes.indices.filter { filter.isEmpty || quotes[$0].direction == .barrier }
                let values = expected.map { row in keys.map { Self.quoteValue($0.0, quotes[row], workspace) } }
                let order = values.indices.sorted { a, b in
                    for (index, key) in keys.enumerated() where values[a][index] != values[b][index] {
                        return key.1 ? Self.precedes(values[b][index], values[a][index]) : Self.precedes(values[a][index], values[b][index])
                    }
                    return a < b
                }
                expected = order.map { expected[$0] }
                #expect(result.total == expected.count, "\(text)")
                if let limit { expected = Array(expected.prefix(limit)) }
                #expect(result.rows == expected, "\(text)")
                checked += 1
            }
        }
        #expect(checked == 800)
    }

    @Test func groupingAgreesWithTheReference() throws {
        var rng = SeededGenerator(seed: 909)
        var checked = 0
        for _ in 0..<40 {
            let workspace = try QueryReferenceTests.randomWorkspace(&rng)
            let quotes = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }
            let engine = QueryEngine(QueryContext(workspace: workspace))
            for _ in 0..<20 {
                let fields = Array(Self.groupable.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng)))
                let sort: (String, Bool)? = [nil, ("count", false), ("count", true), (fields[0], true)].randomElement(using: &rng)!
                let filter = Bool.random(using: &rng) ? "where component = motivation " : ""
                let text = filter + "group by " + fields.joined(separator: ", ") + (sort.map { " sort by \($0.0)" + ($0.1 ? " desc" : "") } ?? "")
                guard case .groups(let result) = try engine.execute(QueryParser.parse(text, for: .quote)) else {
                    Issue.record("\(text): not groups"); continue
                }
                var counts: [[Value]: Int] = [:]
                let kept = quotes.filter { filter.isEmpty || $0.component?.source == .motivation }
                for quote in kept { counts[fields.map { Self.quoteValue($0, quote, workspace) }, default: 0] += 1 }
                let expected = counts.keys.sorted { a, b in
                    if let sort, sort.0 != "count", a[0] != b[0] { return sort.1 ? Self.precedes(b[0], a[0]) : Self.precedes(a[0], b[0]) }
                    if let sort, sort.0 == "count", counts[a]! != counts[b]! { return sort.1 ? counts[a]! > counts[b]! : counts[a]! < counts[b]! }
                    for (x, y) in zip(a, b) where x != y { return Self.precedes(x, y) }
                    return false
                }
                #expect(result.total == kept.count, "\(text)")
                #expect(result.groups.map(\.count) == expected.map { counts[$0]! }, "\(text)")
                #expect(result.groups.map { $0.values.map(Self.display) } == expected.map { $0.map(\.display) }, "\(text)")
                #expect(result.orderedBySize == (sort?.0 == "count"), "\(text)")
                checked += 1
            }
        }
        #expect(checked == 800)
    }

    @Test func largeStoresGroupAndSortThroughTheByteFastPaths() throws {
        // Enough quotes for the histogram and the two-digit radix paths; checked against plain counting.
        var workspace = Workspace()
        var rng = SeededGenerator(seed: 5)
        let quotes = (1...70_000).map { id in
            Quote(id: id, text: "q", direction: Direction.allCases.randomElement(using: &rng),
                  component: .reflectiveMotivation, domain: Bool.random(using: &rng) ? TDFDomain.allCases.randomElement(using: &rng) : nil,
                  reference: Int.random(in: 1...100_000, using: &rng))
        }
        try workspace.appendQuotes(quotes)
        let engine = QueryEngine(QueryContext(workspace: workspace))
        guard case .groups(let groups) = try engine.execute(QueryParser.parse("group by domain", for: .quote)) else { Issue.record("not groups"); return }
        for group in groups.groups {
            let expected = quotes.filter { ($0.domain?.name ?? "—") == group.values[0].display }.count
            #expect(group.count == expected, "\(group.values[0].display)")
        }
        #expect(groups.groups.map(\.count).reduce(0, +) == quotes.count)
        guard case .rows(let sorted) = try engine.execute(QueryParser.parse("sort by reference desc", for: .quote)) else { Issue.record("not rows"); return }
        let expected = quotes.indices.sorted { (quotes[$0].reference!, $1) > (quotes[$1].reference!, $0) }
        #expect(sorted.rows == expected)
    }
}
