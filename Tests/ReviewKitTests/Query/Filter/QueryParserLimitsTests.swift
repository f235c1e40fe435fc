import Testing
@testable import ReviewKit

/// Long and deep filters: thousands of `or` terms run (a flat list, no deep recursion); nesting beyond
/// `QueryParser.maximumDepth` is refused with a located error instead of exhausting the stack.
@Suite struct QueryParserLimitsTests {
    static let workspace = try! EmbeddedReview.load().workspace

    @Test func thousandsOfOrTermsParseFlatAndRun() throws {
        let terms = (0..<20_000).map { "id = \($0)" }
        let text = terms.joined(separator: " or ")
        #expect(text.utf8.count > 200_000)
        let filter = try QueryParser.parseFilter(text, for: .quote)
        guard case .or(let operands) = filter else { Issue.record("expected one flat 'or'"); return }
        #expect(operands.count == 20_000)
        let rows = try QueryEngine(QueryContext(workspace: Self.workspace)).quoteRows(matching: filter)
        #expect(rows.cardinality == 46, "ids 1…46 are all among 0…19999")
    }

    @Test func longAndChainsAreFlatToo() throws {
        let text = (0..<10_000).map { _ in "direction = barrier" }.joined(separator: " and ")
        let rows = try QueryEngine(QueryContext(workspace: Self.workspace)).quoteRows(matching: QueryParser.parseFilter(text, for: .quote))
        #expect(rows.cardinality == 18)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = QueryParser.maximumDepth
        let text = String(repeating: "(", count: depth) + "domain = knowledge" + String(repeating: ")", count: depth)
        let rows = try QueryEngine(QueryContext(workspace: Self.workspace)).quoteRows(matching: QueryParser.parseFilter(text, for: .quote))
        #expect(rows.cardinality == 4)
        let nots = String(repeating: "not ", count: depth) + "domain = knowledge"
        #expect(try QueryEngine(QueryContext(workspace: Self.workspace)).quoteRows(matching: QueryParser.parseFilter(nots, for: .quote)).cardinality == 4)
    }

    @Test(arguments: ["(", "not "])
    func deeperNestingIsRefusedWithACaretOnTheFirstTooDeepToken(_ opener: String) {
        let count = 100_000
        let text = String(repeating: opener, count: count) + "domain = knowledge" + (opener == "(" ? String(repeating: ")", count: count) : "")
        do {
            _ = try QueryParser.parse(text, for: .quote, offset: 7)
            Issue.record("a filter nested \(count) deep was accepted")
        } catch {
            #expect(error.kind == .tooDeep)
            let start = 7 + QueryParser.maximumDepth * opener.count
            #expect(error.span?.lowerBound == start)
            #expect(error.message.contains("more than \(QueryParser.maximumDepth) deep"))
        }
    }
}
