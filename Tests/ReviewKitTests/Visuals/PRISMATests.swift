import Foundation
import Testing
@testable import ReviewKit

@Suite("Visuals: PRISMA 2020 flow")
struct VisualsPRISMATests {
    typealias F = VisualsFixtures

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: F.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// The two consistent published examples (Fixtures/prisma-examples.txt).
    static func examples() throws -> [PRISMAFlow] {
        try fixtureText("prisma-examples.txt").components(separatedBy: "\n---\n").map { try PRISMAFlow(parsing: $0, path: "prisma-examples.txt") }
    }

    static func synthetic() throws -> PRISMAFlow { try PRISMAFlow(parsing: fixtureText("prisma-synthetic.txt"), path: "prisma-synthetic.txt") }

    @Test("the published examples add up in every box")
    func publishedExamplesAddUp() throws {
        let flows = try Self.examples()
        #expect(flows.count == 2)
        #expect(flows[0][.recordsScreened] == 139 && flows[0][.reportsIncluded] == 22)
        #expect(flows[1][.databases]! + flows[1][.registers]! == 700 && flows[1][.reportsIncluded] == 42)
        for flow in flows {
            #expect(flow.problems.isEmpty, "\(flow.problems.map(\.message))")
            #expect(flow.checks.allSatisfy { $0.outcome == .agrees }, "\(flow.checks.map(\.message))")
            #expect(flow.checks.map(\.box) == ["records_screened", "reports_sought", "reports_assessed", "reports_included", "studies_included"])
        }
        let synthetic = try Self.synthetic()
        #expect(synthetic.problems.isEmpty, "\(synthetic.problems.map(\.message))")
        #expect(Set(synthetic.checks.map(\.box)) == ["databases", "registers", "records_screened", "reports_sought", "reports_assessed",
                                                      "other_reports_assessed", "reports_included", "total_studies", "total_reports",
                                                      "studies_included", "other_reports_sought"])
    }

    @Test("every box that does not add up is reported with its difference, and no number is changed")
    func reportsEveryMismatch() throws {
        var flow = try Self.examples()[0]
        try flow.assign("records_screened=140")
        try flow.assign("reports_excluded:All reasons (not itemised in the example)=80")
        let problems = flow.problems
        #expect(problems.map(\.box) == ["records_screened", "reports_sought", "reports_included"])
        #expect(problems.map(\.outcome) == [.differs(by: 1), .differs(by: -1), .differs(by: -8)])
        #expect(problems[0].message == "records_screened is 140 but databases + registers − duplicates − automation_excluded − other_removed = 139: off by +1")
        #expect(problems[1].message == "reports_sought is 114 but records_screened − records_excluded = 115: off by -1")
        #expect(flow[.recordsScreened] == 140 && flow[.reportsSought] == 114, "numbers are reported, never fixed")
        try flow.assign("studies_included=30")
        #expect(flow.problems.last?.message == "studies_included is 30 but may be at most reports_included = 22: over by 8")
    }

    @Test("a rule missing a count is reported as not checked, naming the missing boxes")
    func uncheckedRules() throws {
        var flow = PRISMAFlow()
        try flow.assign("databases=100")
        try flow.assign("records_screened=90")
        let check = try #require(flow.checks.first)
        #expect(check.box == "records_screened")
        #expect(check.outcome == .unchecked(missing: ["registers", "duplicates", "automation_excluded", "other_removed"]))
        #expect(check.message.hasPrefix("records_screened: not checked, no count for registers, duplicates"))
        #expect(flow.problems.isEmpty)
        // A rule whose boxes are all absent is not listed at all.
        #expect(!flow.checks.contains { $0.box == "total_studies" || $0.box == "other_reports_assessed" })
    }

    @Test("included studies are checked against the workspace's studies")
    func includedStudiesAgainstWorkspace() throws {
        let workspace = F.workspace
        #expect(PRISMAFlow.shaw2025.checkIncludedStudies(against: workspace).outcome == .agrees)
        var flow = PRISMAFlow.shaw2025
        try flow.assign("studies_included=32")
        let check = flow.checkIncludedStudies(against: workspace)
        #expect(check.outcome == .differs(by: -1))
        #expect(check.message == "studies_included is 32 but studies in the workspace = 33: off by -1")
        #expect(PRISMAFlow().checkIncludedStudies(against: workspace).outcome == .unchecked(missing: ["studies_included"]))
        let update = try Self.synthetic()
        #expect(update.checkIncludedStudies(against: workspace).box == "total_studies")
    }

    @Test("the embedded review's flow is what its text reports: five named databases, citation searching, 33 studies")
    func shaw2025MatchesTheSeed() throws {
        // Fixtures/shaw-2025-prisma.tsv carries the seed's sentences; the flow must say no more and no less.
        let facts = try F.table("shaw-2025-prisma.tsv")
        let flow = PRISMAFlow.shaw2025
        let databases = facts.filter { $0[0] == "database" }.map { $0[1] }
        #expect(flow.items(.databases).map(\.name) == databases)
        #expect(flow.items(.databases).allSatisfy { $0.count == nil })
        let included = facts.first { $0[0] == "studies_included" }.map { Int($0[1])! }
        #expect(flow[.studiesIncluded] == included)
        #expect(included == F.table2.count, "Table 2 lists the same 33 studies")
        for fact in facts where fact[0] == "reported" { #expect(flow.entry(PRISMAFlow.Box(rawValue: fact[1])!) == .notReported, "\(fact[1])") }
        // Every other box is absent: the text gives no other step and no other count.
        let stated = Set(facts.filter { $0[0] == "reported" }.map { $0[1] } + ["databases", "studies_included"])
        for box in PRISMAFlow.Box.allCases where !stated.contains(box.key) { #expect(flow.entry(box) == nil, "\(box.key)") }
        #expect(flow.problems.isEmpty)
        for source in PRISMAFlow.shaw2025Sources {
            #expect(facts.contains { $0[0] == "source" && $0[1] == source.section && $0[2] == source.text }, "\(source.text)")
        }
    }

    @Test("the text form reads back what it writes, names with = \\ line breaks & emoji included")
    func textRoundTrip() throws {
        var flow = try Self.synthetic()
        try flow.setItem(.registers, name: "a=b\\c\nd\t🙂 & <x>", count: 3)
        try flow.setItem(.reportsExcluded, name: "Not reported yet", count: nil)
        try flow.set(.citations, .notReported)
        let text = flow.text
        #expect(text.contains("register:a\\=b\\\\c\\nd\\t🙂 & <x>=3\n"))
        #expect(text.contains("citations=\n"))
        #expect(try PRISMAFlow(parsing: text) == flow)
        #expect(try PRISMAFlow(keyValuePairs: flow.keyValuePairs) == flow)
        #expect(try PRISMAFlow(parsing: Self.fixtureText("prisma-synthetic.txt")).text
                == Self.fixtureText("prisma-synthetic.txt").split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0 + "\n" }.joined())
    }

    @Test("aliases: the PRISMA2020 package's names and short forms set the same boxes")
    func aliases() throws {
        var a = PRISMAFlow(), b = PRISMAFlow()
        try a.assign("database_results=5")
        try a.assign("dbr_excluded:Wrong design=2")
        try a.assign("Records Screened = 4")
        try b.assign("databases=5")
        try b.assign("reports_excluded:Wrong design=2")
        try b.assign("screened=4")
        #expect(a == b)
        try a.clear(key: "reports_excluded:Wrong design")
        #expect(a.items(.reportsExcluded).isEmpty)
        #expect(throws: ReviewError.self) { try a.clear(key: "reports_excluded:nothing") }
    }

    @Test("bad input is refused with where and what was expected", arguments: [
        ("records=5", 1, 1, "unknown PRISMA box 'records'"),
        ("databases=-3", 1, 11, "'databases' must be a whole number"),
        ("databases=12x", 1, 11, "'databases' must be a whole number"),
        ("databases=99999999999999999999", 1, 11, "'databases' must be at most 1000000000000"),
        ("databases=1\n# c\ndatabases=2", 3, 1, "'databases' is given twice (first on line 1)"),
        ("duplicates 12", 1, 14, "expected key=value"),
        ("database:=4", 1, 1, "'database:' needs a name after the colon"),
        ("bogus:x=1", 1, 1, "unknown breakdown 'bogus'"),
    ])
    func parseErrors(input: String, line: Int, column: Int, message: String) {
        do {
            _ = try PRISMAFlow(parsing: input, path: "flow.txt")
            Issue.record("accepted '\(input)'")
        } catch {
            #expect(error.path == "flow.txt")
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.message.first { $0.isLetter }?.isLowercase == true, "lowercase: \(error.message)")
        }
    }

    @Test("random text never traps the parser: it parses, or fails with a located error")
    func fuzzParser() {
        var generator = SplitMix64(seed: 13)
        let pieces = ["databases", "=", "12", "-", ":", "database", "reports_excluded", "\\", "\n", "\r\n", "#", " ", "?", "é", "🙂",
                      "99999999999999999999", "\u{0}", "=", "\\=", "total_studies", "other_reports_excluded:x", ",", ";"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            do {
                let flow = try PRISMAFlow(parsing: text)
                #expect(try PRISMAFlow(parsing: flow.text) == flow, "round trip of \(text.debugDescription)")
                _ = flow.checks
                _ = SVGFigure.prismaFlow(flow)
            } catch {
                #expect(error.line != nil && error.column != nil)
            }
        }
    }

    @Test("huge counts are checked without overflow")
    func noOverflow() throws {
        var flow = PRISMAFlow()
        for i in 0..<20 { try flow.setItem(.reportsExcluded, name: "r\(i)", count: PRISMAFlow.maximumCount) }
        try flow.set(.reportsAssessed, .count(0))
        try flow.set(.reportsIncluded, .count(PRISMAFlow.maximumCount))
        #expect(flow.problems.first?.outcome == .differs(by: 21 * PRISMAFlow.maximumCount))
        #expect(throws: ReviewError.self) { try flow.set(.duplicates, .count(PRISMAFlow.maximumCount + 1)) }
        #expect(throws: ReviewError.self) { try flow.set(.duplicates, .count(-1)) }
    }

    @Test("the PRISMA2020 template export keeps the template's layout and fills in n")
    func templateExport() throws {
        let flow = try Self.synthetic()
        let rows = try flow.templateRows()
        #expect(rows[0] == ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"])
        // The layout of the package's own template (Fixtures/PRISMA2020-template.csv, commit 696d35e).
        let template = try CSVText.rows(Self.fixtureText("PRISMA2020-template.csv"))
        #expect(rows.count == template.count)
        for (ours, theirs) in zip(rows, template) {
            #expect(ours.count == 8)
            let ignore = ["new_studies", "new_reports"]  // boxtext: "studies included", not "new studies", in a first review
            #expect(Array(ours.prefix(4)) == Array(theirs.prefix(4)) && Array(ours[5...6]) == Array(theirs[5...6]), "\(ours[0])")
            if !ignore.contains(ours[0]) || flow.isUpdate { #expect(ours[4] == theirs[4], "\(ours[0])") }
        }
        func n(_ key: String) -> String? { rows.first { $0[0] == key }?[7] }
        #expect(n("database_results") == "180")
        #expect(n("database_specific_results") == "MEDLINE (Ovid), 120; Janoušková & Co. index, 60")
        #expect(n("dbr_excluded") == "Wrong population, 20; Not qualitative, 10")
        #expect(n("new_studies") == "24" && n("total_reports") == "38")
        #expect(n("identification") == "0")
        let shaw = try PRISMAFlow.shaw2025.templateRows()
        #expect(shaw.first { $0[0] == "database_specific_results" }?[7] == "EMBASE, NA; MEDLINE, NA; PsycINFO, NA; Web of Science, NA; CINAHL Plus, NA")
        #expect(shaw.first { $0[0] == "new_studies" }?[4] == "Studies included in review")
        #expect(shaw.first { $0[0] == "previous_studies" }?[7] == "NA")
        var bad = flow
        try bad.setItem(.databases, name: "Scopus, Elsevier", count: 1)
        #expect(throws: ReviewError.self) { try bad.templateCSV() }
    }

    @Test("the template CSV reads back in R's way: an emulation of PRISMA_data gives the flow's numbers")
    func templateReadsBack() throws {
        // Fixtures/prisma-template-reference.json is written by reference_prisma.py, which reads the CSV files
        // below as R's read.csv and the package's PRISMA_data do (regular expressions copied from the package).
        // The CSV files themselves are golden: what reference_prisma.py read is what the export writes now.
        for (file, flow) in [("prisma-synthetic.csv", try Self.synthetic()), ("prisma-shaw-2025.csv", PRISMAFlow.shaw2025)] {
            try F.checkGolden(try flow.templateCSV(), at: F.fixtures.appendingPathComponent(file))
        }
        struct Reference: Decodable { let file: String; let boxes: [String: Double?]; let lists: [String: [[String?]]] }
        let references = try JSONDecoder().decode([Reference].self, from: Data(contentsOf: F.fixtures.appendingPathComponent("prisma-template-reference.json")))
        let flows: [String: PRISMAFlow] = ["prisma-synthetic.csv": try Self.synthetic(), "prisma-shaw-2025.csv": PRISMAFlow.shaw2025]
        #expect(Set(references.map(\.file)) == Set(flows.keys))
        for reference in references {
            let flow = flows[reference.file]!
            for box in PRISMAFlow.Box.allCases {
                let value = reference.boxes[box.templateKey] ?? nil
                #expect(value.map { Int($0) } == flow[box], "\(reference.file) \(box.templateKey)")
            }
            for breakdown in PRISMAFlow.Breakdown.allCases {
                let read = reference.lists[breakdown.templateKey] ?? []
                let ours = flow.items(breakdown).map { [$0.name, $0.count.map(String.init)] }
                #expect(read == ours, "\(reference.file) \(breakdown.templateKey)")
            }
        }
    }
}
