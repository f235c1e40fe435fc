import Foundation
import Testing
@testable import ReviewKit

@Suite("Visuals: HTML report")
struct VisualsReportTests {
    typealias F = VisualsFixtures

    /// The inputs the shell is expected to pass for the embedded review: its reported screening kappa
    /// (metadata `reported.fleiss-kappa`, labelled by `AgreementStrength`), its PRISMA flow as the text gives
    /// it, no notebook notes (the embedded snapshot has none) but the illustration's disclaimer, and the commands behind each part.
    static var embeddedInputs: ReportInputs {
        ReportInputs(
            prisma: .shaw2025,
            notes: F.snapshot.notes.map { ReportInputs.Note(text: $0) } + [ReportInputs.Note(title: "Illustration", text: CERQualIllustration.disclaimer)],
            agreement: [.init(measure: "Fleiss' kappa, title and abstract screening (stage 1), three screeners", value: "0.588",
                              interval: "0.536 to 0.640", interpretation: AgreementStrength(kappa: 0.588).label + " (Landis & Koch 1977)",
                              source: "reported by the review (section 2.3); the screening decisions are not published")],
            provenance: [
                .init(section: "summary", command: "load embedded"),
                .init(section: "prisma", command: "prisma"),
                .init(section: "casp", command: "casp table"),
                .init(section: "casp", command: "bands"),
                .init(section: "barriers", command: "themes where direction = barrier"),
                .init(section: "facilitators", command: "themes where direction = facilitator"),
                .init(section: "map", command: "figure map map.svg"),
                .init(section: "matrix", command: "matrix"),
                .init(section: "matrix", command: "matrix study"),
                .init(section: "findings", command: "source sessions/cerqual-illustration.review"),
                .init(section: "findings", command: "cerqual table soqf"),
                .init(section: "domains", command: "domains rank"),
                .init(section: "agreement", command: "kappa label 0.588"),
                .init(section: "report", command: "report docs/figures/report.html"),
            ])
    }

    /// The embedded review with the illustration's three assessed findings (so the CERQual tables have rows).
    static var embeddedReport: String { ReviewReport.html(workspace: CERQualIllustration.workspace, inputs: embeddedInputs) }

    @Test("the embedded review's report matches docs/figures/report.html and is the same bytes every time")
    func golden() throws {
        let html = Self.embeddedReport
        try F.checkGolden(html, "report.html")
        #expect(html == Self.embeddedReport)
    }

    @Test("the report is well-formed (it parses as XML) and self-contained: no script, no fetched resource")
    func wellFormedAndSelfContained() throws {
        let html = Self.embeddedReport
        let xml = XMLCheck(html)
        #expect(xml.error == nil, "\(xml.error ?? "")")
        #expect(xml.elements.first?.name == "html")
        for forbidden in ["script", "link", "img", "iframe", "object", "embed", "image", "use", "video", "audio", "source"] {
            #expect(xml.all(forbidden).isEmpty, "<\(forbidden)> in the report")
        }
        for element in xml.elements {
            #expect(element.attributes["src"] == nil, "\(element.name) has src")
            if let href = element.attributes["href"] { #expect(href.hasPrefix("#") || href.hasPrefix("https://doi.org/"), "\(href)") }
            for value in element.attributes.values where value.contains("url(") { #expect(value.hasPrefix("url(#"), "\(value)") }
        }
        #expect(!html.contains("@import") && !html.contains("@font-face"))
        let ids = xml.elements.compactMap { $0.attributes["id"] }
        #expect(ids.count == Set(ids).count, "ids are unique across the inline figures")
    }

    @Test("every section and every figure is present, each SVG with its title and description")
    func everyFigurePresent() {
        let xml = XMLCheck(Self.embeddedReport)
        let ids = Set(xml.elements.compactMap { $0.attributes["id"] })
        for section in ReviewReport.Section.allCases { #expect(ids.contains(section.rawValue), "section \(section.rawValue)") }
        for figure in ["prisma", "casp", "map", "matrix-comb", "matrix-study"] { #expect(ids.contains("figure-\(figure)"), "figure \(figure)") }
        let svgs = xml.all("svg")
        #expect(svgs.count == 5)
        for svg in svgs {
            let labels = svg.attributes["aria-labelledby"]?.split(separator: " ").map(String.init) ?? []
            #expect(labels.count == 2 && labels.allSatisfy(ids.contains), "\(labels)")
        }
        #expect(xml.all("figcaption").count == 5)
    }

    @Test("Table 2 in the report is the seed's Table 2, with bands and the band-gap notes")
    func table2() throws {
        let xml = XMLCheck(Self.embeddedReport)
        // Rows of the CASP table: a <th scope="row"> then ten answers, total and band.
        let cells = xml.elements.filter { $0.name == "td" || ($0.name == "th" && $0.attributes["scope"] == "row") }
        let rowStarts = cells.indices.filter { cells[$0].name == "th" && cells[$0].text.hasPrefix("S") && cells[$0].text.contains(" ") && cells[$0].text.prefix(3).allSatisfy { $0 == "S" || $0.isNumber } }
        try #require(rowStarts.count == 33)
        for (index, row) in F.table2.enumerated() {
            let start = rowStarts[index]
            #expect(cells[start].text.hasSuffix(row.label))
            let scores = (1...10).map { Double(cells[start + $0].text.split(separator: " ").last!)! }
            #expect(scores == row.scores, "\(row.label)")
            #expect(Double(cells[start + 11].text) == row.total)
        }
        let notes = xml.all("li").map(\.text)
        #expect(notes.contains("Possible totals in no band: 5.5, 7.5, 8."))
        #expect(notes.contains("8 studies in no band: S02 (7.5), S03 (8), S11 (8), S16 (7.5), S21 (7.5), S28 (7.5), S31 (8), S32 (7.5)."))
    }

    @Test("the barrier and facilitator tables are Tables 3 and 4: sub-themes in order, grouped as printed, quotes verbatim")
    func tables3And4() {
        let xml = XMLCheck(Self.embeddedReport)
        let workspace = F.workspace
        let rows = F.subThemeRows
        for (direction, section) in [("barrier", "barriers"), ("facilitator", "facilitators")] {
            guard let start = xml.elements.firstIndex(where: { $0.attributes["id"] == section }) else { Issue.record("no \(section)"); continue }
            let table = xml.elements[start...].first { $0.name == "table" }!
            let expected = rows.filter { $0.direction == direction }
            for row in expected { #expect(table.text.contains("\(row.number). \(row.label)"), "\(row.label)") }
            // Order: each sub-theme appears after the one before it.
            let positions = expected.map { table.text.range(of: "\($0.number). \($0.label)")?.lowerBound }
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        }
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            #expect(xml.all("blockquote").contains { $0.text.hasPrefix(quote.text) }, "\(quote.label) verbatim")
        }
        // A COM-B/TDF group of n consecutive sub-themes is one COM-B cell spanning n rows, as the printed tables merge them.
        for (direction, section) in [("barrier", "barriers"), ("facilitator", "facilitators")] {
            let expected = rows.filter { $0.direction == direction }
            var groups: [Int] = []
            for (index, row) in expected.enumerated() {
                if index > 0 && expected[index - 1].comb == row.comb && expected[index - 1].tdf == row.tdf { groups[groups.count - 1] += 1 } else { groups.append(1) }
            }
            let start = xml.elements.firstIndex { $0.attributes["id"] == section }!
            let end = xml.elements[start...].firstIndex { $0.name == "tbody" }!
            let stop = xml.elements[end...].firstIndex { $0.name == "section" } ?? xml.elements.count
            let components = Set(COMBComponent.allCases.map(\.name))
            let cells = xml.elements[end..<stop].filter { $0.name == "td" && components.contains($0.text) }
            #expect(cells.map { Int($0.attributes["rowspan"] ?? "1")! } == groups, "\(section)")
        }
    }

    @Test("notes, agreement rows and provenance commands are escaped text")
    func escaping() {
        var inputs = Self.embeddedInputs
        inputs.notes = [.init(title: "<script>alert(1)</script>", text: "a & b\n\n\"quoted\" 'single' 🙂 Janoušková\u{0}")]
        inputs.provenance = [.init(section: "casp", command: "quotes where text ~ \"<b>\" & more")]
        inputs.title = "Review of <things> & \"stuff\""
        let html = ReviewReport.html(workspace: F.workspace, inputs: inputs)
        let xml = XMLCheck(html)
        #expect(xml.error == nil)
        #expect(xml.all("script").isEmpty)
        #expect(xml.texts("h3").contains("<script>alert(1)</script>"))
        #expect(xml.texts("code").contains("quotes where text ~ \"<b>\" & more"))
        #expect(xml.texts("title").first == "Review of <things> & \"stuff\"")
        #expect(xml.texts("p").contains("\"quoted\" 'single' 🙂 Janoušková\u{FFFD}"))
    }

    @Test("an empty workspace still gives a complete, well-formed report")
    func emptyWorkspace() {
        let html = ReviewReport.html(workspace: Workspace(), inputs: ReportInputs())
        let xml = XMLCheck(html)
        #expect(xml.error == nil)
        #expect(xml.all("svg").count == 5)
        #expect(html.contains("No PRISMA counts are recorded in this workspace."))
    }
}
