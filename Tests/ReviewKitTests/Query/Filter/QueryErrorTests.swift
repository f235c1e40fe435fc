import Testing
@testable import ReviewKit

/// Error messages: what was wrong, where (the span under the offending token), and what would be valid.
@Suite struct QueryErrorTests {
    static let workspace = try! EmbeddedReview.load().workspace

    /// The error a quote query raises, from parsing or from evaluation.
    func error(_ query: String, subject: Field.Subject = .quote, offset: Int = 0) -> ReviewError? {
        do {
            let spec = try QueryParser.parse(query, for: subject, offset: offset)
            let engine = QueryEngine(QueryContext(workspace: Self.workspace))
            if subject == .quote { _ = try engine.quoteRows(matching: spec.filter) } else { _ = try engine.studyMatches(spec.filter) }
            return nil
        } catch {
            return error
        }
    }

    /// The text a span covers.
    func covered(_ query: String, _ error: ReviewError?, offset: Int = 0) -> String? {
        guard let span = error?.span else { return nil }
        let characters = Array(query)
        let lower = span.lowerBound - offset, upper = min(span.upperBound - offset, characters.count)
        guard lower >= 0, lower <= upper else { return nil }
        return String(characters[lower..<upper])
    }

    @Test func unknownFieldSuggestsTheNearest() {
        let query = "domian = knowledge"
        let e = error(query)
        #expect(e?.message == "unknown field 'domian' for quotes")
        #expect(e?.notes.first == "did you mean 'domain'?")
        #expect(e?.notes.contains { $0.hasPrefix("fields: id, text, direction") } == true)
        #expect(covered(query, e) == "domian")
    }

    @Test func unknownStudyFieldSuggestsTheNearest() {
        let e = error("studdy.casp > 3")
        #expect(e?.notes.first?.contains("'study.casp'") == true)
        let s = error("csap >= 9", subject: .study)
        #expect(s?.message == "unknown field 'csap' for studies")
        #expect(s?.notes.first == "did you mean 'casp'?")
    }

    @Test func unknownDomainListsTheValidOnes() {
        let query = "direction = barrier and domain = knowlege"
        let e = error(query)
        #expect(e?.message == "unknown TDF domain 'knowlege'")
        #expect(e?.notes.first == "did you mean 'Knowledge'?")
        let valid = e?.notes.last ?? ""
        #expect(valid.hasPrefix("valid TDF domains: "))
        for domain in TDFDomain.allCases { #expect(valid.contains(domain.name), "\(domain.name)") }
        #expect(covered(query, e) == "knowlege")
    }

    @Test func spanOfAQuotedValueIncludesItsQuotes() {
        let query = "domain = \"enviromental contxt\""
        let e = error(query)
        #expect(e?.message == "unknown TDF domain 'enviromental contxt'")
        #expect(covered(query, e) == "\"enviromental contxt\"")
    }

    @Test func ambiguousPrefixAsksForMore() {
        let e = error("domain = social")
        #expect(e?.message.contains("could be") == true)
        #expect(e?.message.contains("Social Influences") == true)
    }

    @Test func unknownDirectionAndComponentListTheValidOnes() {
        let d = error("direction = obstacle")
        #expect(d?.message == "unknown direction 'obstacle'")
        #expect(d?.notes.last == "valid directions: Barrier; Facilitator")
        let c = error("component = telepathy")
        #expect(c?.message == "unknown COM-B component 'telepathy'")
        #expect(c?.notes.last?.contains("Reflective motivation") == true)
    }

    @Test func unclosedQuoteSaysWhichQuoteToAdd() {
        let query = "text contains \"stigma"
        let e = error(query)
        #expect(e?.message == "unclosed quote: add a closing \"")
        #expect(covered(query, e) == "\"stigma")
        let curly = error("text contains “stigma")
        #expect(curly?.message == "unclosed quote: add a closing ”")
    }

    @Test func missingParenthesisPointsAtTheOpeningOne() {
        let query = "(domain = knowledge or domain = skills"
        let e = error(query)
        #expect(e?.message == "missing ')' to close the '(' here")
        #expect(e?.span == 0..<1)
        let list = "component in (automatic, reflective"
        let l = error(list)
        #expect(l?.message == "missing ')' to close the list")
        #expect(covered(list, l) == "(")
    }

    @Test func spansAreShiftedByTheOffset() {
        let query = "domian = knowledge"
        let e = error(query, offset: 8)  // as in "quotes where domian = knowledge"
        #expect(e?.span == 8..<14)
        #expect(covered(query, e, offset: 8) == "domian")
    }

    @Test func operatorErrors() {
        let query = "domain < knowledge"
        let e = error(query)
        #expect(e?.message == "'domain' cannot be compared with '<'")
        #expect(e?.notes == ["'domain' takes: = != in"])
        #expect(covered(query, e) == "<")
        let missing = error("domain")
        #expect(missing?.message.hasPrefix("expected an operator after 'domain'") == true)
        #expect(missing?.span == 6..<7)
        #expect(error("domain ! knowledge")?.message == "'!' must be followed by '=' (not equal)")
        #expect(error("domain = ")?.message == "expected a value after '='")
        #expect(error("domain = knowledge and")?.message.hasPrefix("the filter ends too early") == true)
    }

    @Test func valueErrors() {
        let query = "reference > many"
        let e = error(query)
        #expect(e?.message == "'reference' takes a number; got 'many'")
        #expect(covered(query, e) == "many")
        #expect(error("id = twelve")?.message == "quote ids look like Q12; got 'twelve'")
        #expect(error("text = unknown")?.message == "a quote always has text; 'unknown' matches nothing here")
        #expect(error("study = Smith")?.message == "no study 'Smith'")
        #expect(error("band = excellent", subject: .study)?.message == "unknown band 'excellent'")
        #expect(error("q3 = perhaps", subject: .study)?.message.hasPrefix("CASP answers are yes") == true)
        #expect(error("limit ten")?.message == "limit needs a whole number; got 'ten'")
        #expect(error("domain = knowledge sort by colour")?.message == "unknown field 'colour' for quotes")
        #expect(error("domain = knowledge )")?.message.hasPrefix("unexpected ')'") == true)
        // Bare words run on into one value, so a stray word makes the value unknown.
        #expect(error("domain = knowledge banana")?.message == "unknown TDF domain 'knowledge banana'")
    }

    @Test func parseFilterRejectsTrailingTokens() {
        #expect(throws: ReviewError.self) { try QueryParser.parseFilter("domain = knowledge )", for: .quote) }
        #expect((try? QueryParser.parseFilter("domain = knowledge", for: .quote)) != nil)
    }
}
