import Foundation
import Testing
@testable import ReviewKit

/// TDF domain importance, checked three ways: against numbers written by hand from the seed review's
/// Tables 3 and 4 and section 3.2; against a pandas computation over the review's CSV export
/// (reference_domains.py); and on random domain-count tables with many ties, read through the CSV layout.
@Suite("Synthesis: TDF domain importance")
struct SynthesisDomainTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct ByHand: Decodable {
        struct Domain: Decodable {
            let domain: String
            let section: String
            let barrier_subthemes: Int
            let facilitator_subthemes: Int
            let quotes: Int
            let citations: [Int]
            let uncited_quotes: Int
            let rank: String?
        }
        let included_studies: Int
        let total_quotes: Int
        let quotes_with_citation: Int
        let quotes_without_citation: Int
        let domains: [Domain]
    }

    struct Reference: Decodable {
        struct Rank: Decodable { let first: Int; let last: Int; let text: String? }
        struct Domain: Decodable {
            let domain: String
            let studies: Int
            let studies_percent: Double
            let subthemes: Int
            let quotes: Int
            let barriers: Int
            let facilitators: Int
            let conflicting: Bool
        }
        struct Finding: Decodable { let subtheme_id: Int; let quotes: Int; let words: Int; let sources: [String] }
        struct Embedded: Decodable {
            let criteria: [String: [String: Rank]]
            let domains: [Domain]
            let without_data: [String]
            let unattributed_quotes: Int
            let included_studies: Int
            let findings: [Finding]
        }
        struct RandomCase: Decodable {
            let name: String
            let csv: String
            let without_data: [String]
            let ranks: [String: [String: Rank]]
        }
        let criteria_names: [String: String]
        let embedded: Embedded
        let random: [RandomCase]
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func domain(_ slug: String) -> TDFDomain { TDFDomain.allCases.first { $0.slug == slug }! }

    let workspace = SynthesisFixtures.embedded

    // MARK: by hand from the seed

    @Test("the embedded review's counts per domain equal the numbers written by hand from Tables 3 and 4 and section 3.2")
    func countsByHand() throws {
        let hand = try Self.load("shaw-2025-domains-by-hand.json", as: ByHand.self)
        let counted = WorkspaceDomainCounts(workspace)
        #expect(counted.includedStudies == hand.included_studies)
        #expect(counted.unattributedQuotes == hand.quotes_without_citation)
        #expect(counted.quotesCountedByReference == hand.quotes_with_citation)
        #expect(counted.basis == .citations)
        #expect(hand.domains.count == 14)
        for entry in hand.domains {
            let counts = counted.counts.first { $0.domain.slug == entry.domain }!
            #expect(counts.barriers == entry.barrier_subthemes, "\(entry.domain)")
            #expect(counts.facilitators == entry.facilitator_subthemes, "\(entry.domain)")
            #expect(counts.subThemes == entry.barrier_subthemes + entry.facilitator_subthemes, "\(entry.domain)")
            #expect(counts.quotes == entry.quotes, "\(entry.domain)")
            #expect(counts.studies == entry.citations.count, "\(entry.domain) (section \(entry.section))")
            #expect(counts.conflicting == (entry.barrier_subthemes > 0 && entry.facilitator_subthemes > 0), "\(entry.domain)")
        }
        #expect(hand.domains.reduce(0) { $0 + $1.quotes } == hand.total_quotes)
    }

    @Test("the ranking by citations then elaboration, and the domains without data, match the hand-made ranking")
    func rankingByHand() throws {
        let hand = try Self.load("shaw-2025-domains-by-hand.json", as: ByHand.self)
        let ranking = try DomainImportance(workspace: workspace)
        for entry in hand.domains {
            let domain = Self.domain(entry.domain)
            if let rank = entry.rank {
                #expect(ranking.row(domain)?.rank.text == rank, "\(entry.domain)")
            } else {
                #expect(ranking.row(domain) == nil)
                #expect(ranking.withoutData.contains { $0.domain == domain })
            }
        }
        // Section 3.2: eleven of the fourteen domains have data; not behaviour regulation, intentions, optimism.
        #expect(ranking.ranked.count == 11)
        #expect(ranking.withoutData.map(\.domain) == [.optimism, .intentions, .behaviouralRegulation])
        #expect(ranking.ranked.map(\.counts.domain) == [.environmentalContextAndResources, .socialProfessionalRoleAndIdentity, .socialInfluences,
                                                        .knowledge, .beliefsAboutCapabilities, .skills, .beliefsAboutConsequences,
                                                        .reinforcement, .goals, .emotion, .memoryAttentionAndDecisionProcesses])
    }

    @Test("the table: typed columns with snake_case keys, percentages of the 33 included studies, and notes that say citations were counted")
    func table() throws {
        let table = try DomainImportance(workspace: workspace).table
        #expect(table.columns.map(\.key) == ["domain", "rank", "rank_first", "rank_last", "domain_slug", "studies", "studies_percent",
                                             "subthemes", "quotes", "barriers", "facilitators", "has_barriers", "has_facilitators", "conflicting", "has_data"])
        #expect(table.rows.count == 14)
        #expect(table.value(row: 0, "domain") == .text("Environmental Context and Resources"))
        #expect(table.value(row: 0, "studies_percent") == .number(500.0 / 33.0, decimals: 1))
        #expect(table.value(row: 0, "studies_percent")?.description == "15.2")
        #expect(table.value(row: 7, "rank") == .text("joint 8th\u{2013}10th"))
        #expect(table.value(row: 7, "rank_first") == .integer(8) && table.value(row: 7, "rank_last") == .integer(10))
        #expect(table.value(row: 11, "rank") == .missing)
        #expect(table.value(row: 11, "has_data") == .boolean(false))
        #expect(table.notes.contains { $0.hasPrefix("studies: distinct citations, not identified studies: 31 quotes carry only a reference number") })
        #expect(table.notes.contains { $0.hasPrefix("15 coded quotes have neither a study nor a reference number") })
        #expect(table.notes.contains("no data: Optimism, Intentions, Behavioural Regulation"))
    }

    // MARK: second implementation (pandas)

    @Test("the CSV fixtures the pandas reference reads are the current export of the embedded review")
    func exportFixturesAreCurrent() throws {
        for (kind, name) in [(CSVTableKind.studies, "shaw-2025-studies.csv"), (.subthemes, "shaw-2025-subthemes.csv"), (.quotes, "shaw-2025-quotes.csv")] {
            let exported = CSVExport.encode(kind, workspace: workspace)
            let committed = try? [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
            if exported != committed {
                let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(name)
                try Data(exported).write(to: fresh)
                Issue.record("Fixtures/\(name) differs from the export; the current export is in \(fresh.path): copy it over and rerun reference_domains.py")
            }
        }
    }

    @Test("per-domain counts, percentages and ranks equal the pandas computation over the exported CSV")
    func countsAgainstPandas() throws {
        let reference = try Self.load("domains-reference.json", as: Reference.self).embedded
        let counted = WorkspaceDomainCounts(workspace)
        #expect(counted.unattributedQuotes == reference.unattributed_quotes)
        #expect(counted.includedStudies == reference.included_studies)
        for expected in reference.domains {
            let counts = counted.counts.first { $0.domain.slug == expected.domain }!
            #expect(counts.studies == expected.studies, "\(expected.domain)")
            #expect(counts.subThemes == expected.subthemes, "\(expected.domain)")
            #expect(counts.quotes == expected.quotes, "\(expected.domain)")
            #expect(counts.barriers == expected.barriers && counts.facilitators == expected.facilitators, "\(expected.domain)")
            #expect(counts.conflicting == expected.conflicting, "\(expected.domain)")
            let ranking = try DomainImportance(workspace: workspace)
            #expect(SynthesisTable.format(ranking.percent(counts)!, decimals: 1) == SynthesisTable.format(expected.studies_percent, decimals: 1), "\(expected.domain)")
        }
        let names = try Self.load("domains-reference.json", as: Reference.self).criteria_names
        for (order, ranks) in reference.criteria {
            let criteria = try DomainImportance.Criterion.parseList(order.split(separator: ",").map { names[String($0)]! }.joined(separator: ","))
            let ranking = try DomainImportance(workspace: workspace, criteria: criteria)
            #expect(ranking.withoutData.map(\.domain.slug) == reference.without_data)
            #expect(ranking.ranked.count == ranks.count)
            for (slug, rank) in ranks {
                let row = try #require(ranking.row(Self.domain(slug)))
                #expect(row.rank.first == rank.first && row.rank.last == rank.last, "\(order): \(slug)")
                #expect(row.rank.text == rank.text, "\(order): \(slug)")
            }
        }
    }

    @Test("each default finding's quotes, words and sources equal the pandas computation")
    func findingsAgainstPandas() throws {
        let reference = try Self.load("domains-reference.json", as: Reference.self).embedded
        #expect(reference.findings.count == 46)
        for expected in reference.findings {
            let data = FindingData(Synthesis.defaultFinding(workspace.subTheme(expected.subtheme_id)!), in: workspace)
            #expect(data.quotes.count == expected.quotes, "T\(expected.subtheme_id)")
            #expect(data.words == expected.words, "T\(expected.subtheme_id)")
            #expect(data.sources.map { $0.label(in: workspace) }.sorted() == expected.sources, "T\(expected.subtheme_id)")
        }
    }

    @Test("random domain-count tables, read through the CSV layout, rank as pandas ranks them")
    func randomTables() throws {
        let reference = try Self.load("domains-reference.json", as: Reference.self)
        #expect(reference.random.count == 60)
        var joint = 0
        for randomCase in reference.random {
            let counts = try DomainCountsCSV.parse(Array(randomCase.csv.utf8), path: randomCase.name + ".csv")
            for (order, ranks) in randomCase.ranks {
                let criteria = try DomainImportance.Criterion.parseList(order.split(separator: ",").map { reference.criteria_names[String($0)]! }.joined(separator: ","))
                let ranking = try DomainImportance(counts: counts, criteria: criteria, totalStudies: nil)
                #expect(ranking.withoutData.map(\.domain.slug) == randomCase.without_data, "\(randomCase.name)")
                #expect(ranking.ranked.count == ranks.count, "\(randomCase.name) \(order)")
                for (slug, rank) in ranks {
                    let row = try #require(ranking.row(Self.domain(slug)), "\(randomCase.name) \(order) \(slug)")
                    #expect(row.rank.first == rank.first && row.rank.last == rank.last, "\(randomCase.name) \(order): \(slug)")
                    if row.rank.isJoint { joint += 1 }
                }
            }
        }
        #expect(joint > 100, "the random cases should exercise ties")
    }

    // MARK: ranks, criteria and the CSV layout

    @Test("ordinals and joint ranks", arguments: [
        (1, 1, "1st"), (2, 2, "2nd"), (3, 3, "3rd"), (4, 4, "4th"), (11, 11, "11th"), (12, 12, "12th"), (13, 13, "13th"),
        (21, 21, "21st"), (22, 22, "22nd"), (101, 101, "101st"), (111, 111, "111th"), (9, 10, "joint 9th\u{2013}10th"), (1, 3, "joint 1st\u{2013}3rd"),
    ])
    func ranks(first: Int, last: Int, text: String) {
        #expect(DomainImportance.Rank(first: first, last: last).text == text)
    }

    @Test("criteria: names, aliases and errors")
    func criteria() throws {
        #expect(try DomainImportance.Criterion.parseList("frequency, sub-themes") == [.studies, .elaboration])
        #expect(try DomainImportance.Criterion.parseList("conflicting,quotes") == [.conflicting, .quotes])
        #expect(throws: ReviewError.self) { try DomainImportance.Criterion.parseList("studies,studies") }
        #expect(throws: ReviewError.self) { try DomainImportance.Criterion.parseList("strength") }
        #expect(throws: ReviewError.self) { try DomainImportance.Criterion.parseList(" , ") }
        let counts = [DomainCounts(domain: .skills, studies: 2, subThemes: 1), DomainCounts(domain: .goals, studies: 1, subThemes: 3)]
        #expect(throws: ReviewError.self) { try DomainImportance(counts: counts, criteria: [.quotes], totalStudies: nil) }
        #expect(throws: ReviewError.self) { try DomainImportance(counts: counts + counts, totalStudies: nil) }
        #expect(throws: ReviewError.self) { try DomainImportance(counts: counts, totalStudies: 1) }
        let byElaboration = try DomainImportance(counts: counts, criteria: [.elaboration, .studies], totalStudies: 4)
        #expect(byElaboration.ranked.map(\.counts.domain) == [.goals, .skills])
        #expect(byElaboration.table.value(row: 0, "studies_percent")?.description == "25.0")
        #expect(byElaboration.table.value(row: 0, "barriers") == .missing)
        #expect(byElaboration.table.value(row: 0, "has_barriers") == .boolean(false))
    }

    @Test("the domain counts CSV: presence as yes/no, optional columns, aliases, domains by any name")
    func csvLayout() throws {
        let text = "\u{FEFF}Domain,Studies,Sub-themes,Barriers,Facilitators\r\nECR,5,11,yes,7\r\n\"Memory, attention and decision-making processes\",1,1,,1\r\nsocial influence,3,6,2,4\r\n"
        let counts = try DomainCountsCSV.parse(Array(text.utf8), path: "domains.csv")
        #expect(counts.map(\.domain) == [.environmentalContextAndResources, .memoryAttentionAndDecisionProcesses, .socialInfluences])
        #expect(counts[0].barriers == nil && counts[0].barriersPresent && counts[0].facilitators == 7 && counts[0].conflicting)
        #expect(counts[1].barriers == nil && !counts[1].barriersPresent && counts[1].quotes == nil)
        let ranking = try DomainImportance(counts: counts, totalStudies: 33)
        #expect(ranking.table.value(row: 0, "barriers") == .missing)
        #expect(ranking.table.value(row: 0, "has_barriers") == .boolean(true))
        #expect(ranking.table.value(row: 0, "facilitators") == .integer(7))
        #expect(ranking.table.value(row: 0, "quotes") == .missing)
        #expect(ranking.withoutData.count == 11)
    }

    @Test("CSV errors name the file, line and column, with the line for a caret", arguments: [
        ("domain,studies\nKnowledge,3\n", 1, 1, "has no subthemes column"),
        ("domain,studies,subthemes,strength\n", 1, 26, "unknown column 'strength'"),
        ("domain,studies,subthemes,studies\n", 1, 26, "column 'studies' appears twice"),
        ("domain,studies,subthemes\nKnowlege,3,1\n", 2, 1, "did you mean 'Knowledge'"),
        ("domain,studies,subthemes\nKnowledge,3,1\nknow,1,1\n", 3, 1, "already given in row 2"),
        ("domain,studies,subthemes\nKnowledge,-3,1\n", 2, 11, "'-3' is not a whole number"),
        ("domain,studies,subthemes\nKnowledge,3,\n", 2, 13, "a count is required"),
        ("domain,studies,subthemes,barriers\nKnowledge,3,1,maybe\n", 2, 15, "must be a count of sub-themes or yes/no"),
        ("domain,studies,subthemes\nKnowledge,3\n", 2, 11, "row 2 has 2 fields but the header has 3"),
        ("domain,studies,subthemes\nSkills,99999999999,1\n", 2, 8, "not a whole number"),
        ("", 1, nil, "is empty"),
        ("domain,studies,subthemes\n\"Skills,1,1\n", 2, 1, "quote"),
    ] as [(String, Int, Int?, String)])
    func csvErrors(text: String, line: Int, column: Int?, fragment: String) {
        let error = #expect(throws: FileError.self) { try DomainCountsCSV.parse(Array(text.utf8), path: "data/domains.csv") }
        #expect(error?.path == "data/domains.csv")
        #expect(error?.line == line)
        if let column { #expect(error?.column == column) }
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        #expect(error?.message.first?.isUppercase == false)
    }

    @Test("random bytes never crash the CSV reader: each input is read or refused with a located error")
    func fuzzCSV() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["domain", "studies", "subthemes", "quotes", "barriers", "facilitators", ",", "\n", "\r\n", "\"", "Knowledge", "ECR", "3", "-1",
                      "yes", "0", "99999999999", "🙂", "Janoušková", " ", "\u{FEFF}", "\r", "", "Emotion", "1,2"]
        for _ in 0..<2000 {
            var bytes: [UInt8] = Array("domain,studies,subthemes,barriers\n".utf8)
            for _ in 0..<Int(rng.next() % 20) { bytes += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
            if rng.next() % 10 == 0 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            do {
                let counts = try DomainCountsCSV.parse(bytes, path: "f.csv")
                _ = try? DomainImportance(counts: counts, totalStudies: 33).table
            } catch {
                #expect(error.path == "f.csv")
                #expect((error.line ?? 0) >= 1)
            }
        }
    }
}
