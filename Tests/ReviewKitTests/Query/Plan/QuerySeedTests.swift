import Foundation
import Testing
@testable import ReviewKit

/// The seed's Tables 3 and 4, parsed here independently of the dataset: one row per quote.
enum SeedQuotes {
    struct Row { var barrier: Bool; var component: String; var domain: String; var text: String }

    /// Blank COM-B/TDF cells repeat the row above, as the seed's note says.
    static let rows: [Row] = {
        var rows: [Row] = []
        var component = "", domain = ""
        for (table, cells) in SeedText.themeRows {
            let content = cells.filter { !$0.isEmpty }
            let subThemeFirst = content[0].first?.isNumber == true
            if !subThemeFirst { component = content[0]; domain = content[1] }
            var quote = subThemeFirst ? content[1] : content[3]
            if let cut = quote.range(of: " [(", options: .backwards) { quote = String(quote[..<cut.lowerBound]) }
            rows.append(Row(barrier: table == 3, component: component, domain: domain, text: quote))
        }
        return rows
    }()

    /// Quotes whose text contains `needle` by plain Foundation folding (plus the straight/curly quote rule).
    static func textCount(_ needle: String) -> Int {
        rows.filter { fold($0.text).contains(fold(needle)) }.count
    }

    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
            .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// Query counts on the embedded review against counts derived from the seed text by hand and by code.
@Suite struct QuerySeedTests {
    static let snapshot = try! EmbeddedReview.load()
    var workspace: Workspace { Self.snapshot.workspace }

    func quotes(_ query: String) throws -> Int {
        let spec = try QueryParser.parse(query, for: .quote)
        return try QueryEngine(QueryContext(workspace: workspace)).quoteRows(matching: spec.filter).cardinality
    }

    func studies(_ query: String, bands: QualityBands = .seed) throws -> [String] {
        let spec = try QueryParser.parse(query, for: .study)
        let matches = try QueryEngine(QueryContext(workspace: workspace, bands: bands)).studyMatches(spec.filter)
        return zip(workspace.studies, matches).filter(\.1).map(\.0.id)
    }

    @Test func seedParseIsComplete() {
        #expect(SeedQuotes.rows.count == 46)
        #expect(workspace.quotes.count == 46)
    }

    // Figures read off Tables 3 and 4 by hand.
    @Test(arguments: [
        ("domain = knowledge", 4),
        ("domain = knowledge and direction = barrier", 2),
        ("domain = knowledge and direction = facilitator", 2),
        ("direction = barrier", 18),
        ("direction = facilitator", 28),
        ("direction != barrier", 28),
        ("component = motivation", 21),
        ("component = capability", 8),
        ("component = opportunity", 17),
        ("source = motivation", 21),
        ("component = \"reflective motivation\"", 17),
        ("component = automatic", 4),
        ("component in (\"physical opportunity\", \"social opportunity\")", 17),
        ("domain = Emotions", 2),
        ("domain = \"Social influence\"", 6),
        ("domain = \"memory, attention, and decision-making processes\"", 1),
        ("domain = \"Social/professional role/identity\"", 8),
        ("domain = \"Reinforcing behaviour\"", 2),
        ("domain = \"environmental context\" and direction = barrier", 4),
        ("tdf = ECR", 11),
        ("(domain = knowledge or domain = skills) and direction = facilitator", 5),
        ("not domain = knowledge", 42),
        ("domain != knowledge and direction = barrier", 16),
        ("domain = unknown", 0),
        ("direction = unknown or component = unknown", 0),
        ("domain in (goals, skills, \"beliefs about capabilities\")", 9),
        ("reference = 45", 4),
        ("reference = unknown", 15),
        ("reference >= 50", 5),
        ("page = \"p. 383\"", 3),
        ("page = unknown", 16),
        ("id <= Q18", 18),
        ("id in (Q1, Q46, Q99)", 2),
        ("subtheme = B/ECR/2", 1),
        ("study = unknown", 46),
        ("study.casp >= 9", 0),
        ("study.casp = unknown", 46),
        ("study.casp != unknown", 0),
        ("study.label contains \"et al\"", 0),
    ])
    func countsFromTheTables(_ query: String, _ expected: Int) throws {
        #expect(try quotes(query) == expected, "\(query)")
    }

    // Figures computed from the seed rows, so a transcription slip in the dataset would show.
    @Test func codedCountsMatchTheSeedRows() throws {
        let rows = SeedQuotes.rows
        for domain in Set(rows.map(\.domain)) {
            let barrier = rows.filter { $0.domain == domain && $0.barrier }.count
            let facilitator = rows.filter { $0.domain == domain && !$0.barrier }.count
            #expect(try quotes("domain = \"\(domain)\" and direction = barrier") == barrier, "\(domain)")
            #expect(try quotes("domain = \"\(domain)\" and direction = facilitator") == facilitator, "\(domain)")
        }
        for component in Set(rows.map(\.component)) {
            #expect(try quotes("component = \"\(component)\"") == rows.filter { $0.component == component }.count, "\(component)")
        }
    }

    @Test(arguments: ["peer", "I'm", "I’m", "training", "stigma", "service user", "experience", "SERVICE-USER", "recovery"])
    func textCountsMatchTheSeedRows(_ needle: String) throws {
        let expected = SeedQuotes.textCount(needle)
        #expect(try quotes("text contains \"\(needle)\"") == expected, "\(needle)")
        #expect(try quotes("\"\(needle)\"") == expected, "bare \(needle)")
        #expect(try quotes("text ~ \"\(needle)\"") == expected, "~ \(needle)")
    }

    @Test func textCountsByHand() throws {
        #expect(try quotes("\"peer\"") == 15)
        #expect(try quotes("\"i'm\"") == 13)          // a straight ' finds the curly ’ of every “I’m”
        #expect(try quotes("text contains 'training'") == 3)
        #expect(try quotes("text contains stigma") == 1)
        #expect(try quotes("\"peer\" and direction = barrier") == 7)
        // An ellipsis folds to a full stop (one scalar for one), so it finds what "." finds.
        #expect(try quotes("text contains \"…\"") == quotes("text contains \".\""))
        #expect(try quotes("text = \"I’m a peer support worker, I’ve got my shiny badge; I’ve been trained.\"") == 0)
        #expect(try quotes("text = \"“i'm a peer support worker, i've got my shiny badge; i've been trained.”\"") == 1)
    }

    // Table 2 totals: 8 × 10.0, 4 × 9.5, 5 × 9.0, 5 × 8.5, 3 × 8.0, 5 × 7.5, 2 × 7.0, 1 × 4.5.
    @Test func studyQueriesOnCASPTotals() throws {
        let table2 = SeedText.table2
        #expect(try studies("casp >= 9").count == table2.filter { $0.total >= 9 }.count)
        #expect(try studies("casp >= 9").count == 17)
        #expect(try studies("casp < 8").count == 8)
        #expect(try studies("casp = 10").count == 8)
        #expect(try studies("casp in (7.5, 8)").count == 8)
        #expect(try studies("score > 8 and score < 9") == ["S01", "S10", "S17", "S27", "S33"])
        #expect(try studies("q6 = yes").count == 13)
        #expect(try studies("q6 = no").count == 17)
        #expect(try studies("q6 = \"can't tell\"").count == 3)
        #expect(try studies("q3 = 0.5").count == table2.filter { $0.scores[2] == 0.5 }.count)
        #expect(try studies("casp >= 9 and q6 = no").count == 4)
        #expect(try studies("quotes = 0").count == 33)
        #expect(try studies("year = unknown").count == 33)
    }

    @Test func studyQueriesOnBands() throws {
        // Seed cut-offs: high > 8–10, moderate 6–7, low ≤ 5; 7.5 and 8.0 fall in no band.
        #expect(try studies("band = high").count == 22)
        #expect(try studies("band = moderate") == ["S15", "S20"])
        #expect(try studies("band = low") == ["S06"])
        #expect(try studies("band = none") == ["S02", "S03", "S11", "S16", "S21", "S28", "S31", "S32"])
        #expect(try studies("band = none").count == SeedText.table2.filter { $0.total == 7.5 || $0.total == 8.0 }.count)
        #expect(try studies("band in (high, moderate, low, none)").count == 33)
        #expect(try studies("quality != high").count == 11)
        // Other cut-offs close the gap.
        let closed = try QualityBands(parsing: "high >8..10; moderate 6..8; low ..5.5")
        #expect(try studies("band = moderate", bands: closed).count == 10)
        #expect(try studies("band = none", bands: closed).isEmpty)
    }

    @Test func studyNamesFoldCaseAndAccents() throws {
        #expect(try studies("label = \"janouskova et al.\"") == ["S06"])
        #expect(try studies("label contains JANOUSKOVA") == ["S06"])
        #expect(try studies("label contains kivisto") == ["S22"])
        #expect(try studies("label contains \"perez-corrales\"") == ["S23"])
        #expect(try studies("label contains \"et al\"").count == SeedText.table2.filter { $0.label.contains("et al") }.count)
        #expect(try studies("label = \"Debyser et al.\"") == ["S25", "S29"])
        #expect(try studies("id = s06") == ["S06"])
    }

    @Test func clausesParse() throws {
        let spec = try QueryParser.parse("where domain = knowledge group by direction sort by id desc, study.casp limit 3 count", for: .quote)
        #expect(spec.filter != nil)
        #expect(spec.groupBy.map(\.field.name) == ["direction"])
        #expect(spec.sortBy.map { $0.field?.name } == ["id", "study.casp"])
        #expect(spec.sortBy.map(\.descending) == [true, false])
        #expect(spec.sortBy.map { $0.field?.viaStudy } == [false, true])
        #expect(spec.limit == 3)
        #expect(spec.countOnly)
        let empty = try QueryParser.parse("sort by id", for: .quote)
        #expect(empty.filter == nil)
        #expect(try QueryEngine(QueryContext(workspace: workspace)).quoteRows(matching: empty.filter).cardinality == 46)
    }
}
