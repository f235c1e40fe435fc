import Foundation
import Testing
@testable import ReviewKit

@Suite("Visuals: SVG figures")
struct VisualsSVGFigureTests {
    typealias F = VisualsFixtures

    /// The embedded review's figures, by golden file name in docs/figures.
    static func figures() throws -> [(String, String)] {
        let workspace = F.workspace
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        let synthetic = try VisualsPRISMATests.synthetic()
        return [
            ("casp.svg", SVGFigure.casp(summary, options: FigureOptions(idPrefix: "casp"))),
            ("casp-colour-blind.svg", SVGFigure.casp(summary, options: FigureOptions(palette: .colourBlind, idPrefix: "casp"))),
            ("map.svg", SVGFigure.frameworkMap(FrameworkMap(workspace: workspace, mapping: .seed), options: FigureOptions(idPrefix: "map"))),
            ("matrix-comb.svg", SVGFigure.combHeatMap(workspace, options: FigureOptions(idPrefix: "matrix"))),
            ("matrix-study.svg", SVGFigure.studyHeatMap(workspace, options: FigureOptions(idPrefix: "matrix-study"))),
            ("prisma.svg", SVGFigure.prismaFlow(.shaw2025, options: FigureOptions(idPrefix: "prisma"))),
            ("prisma-example.svg", SVGFigure.prismaFlow(synthetic, options: FigureOptions(idPrefix: "prisma-example"))),
        ]
    }

    @Test("the embedded review's figures match their golden SVG files in docs/figures")
    func golden() throws {
        for (name, svg) in try Self.figures() { try F.checkGolden(svg, name) }
        // Same input, same bytes.
        #expect(try Self.figures().map(\.1) == Self.figures().map(\.1))
    }

    @Test("every figure is well-formed, self-contained SVG with a title, a description and text as text")
    func wellFormedAndSelfContained() throws {
        for (name, svg) in try Self.figures() {
            let xml = XMLCheck(svg)
            #expect(xml.error == nil, "\(name): \(xml.error ?? "")")
            #expect(xml.elements.first?.name == "svg", "\(name)")
            let root = try #require(xml.elements.first)
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root.attributes["role"] == "img")
            let width = Double(root.attributes["width"]!.dropLast(2))!
            #expect(width <= SVGFigure.pageWidth, "\(name) is wider than a page")
            #expect(Double(root.attributes["height"]!.dropLast(2))! <= 700, "\(name) is taller than a page")
            #expect(!xml.texts("title").isEmpty && !xml.texts("desc").isEmpty, "\(name)")
            #expect(xml.all("text").count > 10, "\(name): text is drawn as text")
            for forbidden in ["script", "image", "foreignObject", "style", "use"] { #expect(xml.all(forbidden).isEmpty, "\(name) has <\(forbidden)>") }
            #expect(!svg.contains("http://") || !svg.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "\(name) refers to the network")
            #expect(!svg.contains("@import") && !svg.contains("@font-face"))
            for element in xml.elements { for value in element.attributes.values where value.contains("url(") { #expect(value.hasPrefix("url(#"), "\(name): \(value)") } }
        }
    }

    @Test("the traffic light shows Table 2's answers and the summary bars its tallies")
    func caspFigureMatchesTable2() throws {
        let svg = SVGFigure.casp(CASPSummary(workspace: F.workspace, bands: .seed))
        let xml = XMLCheck(svg)
        let table2 = F.table2
        let name: [Double: String] = [1: "yes", 0.5: "can't tell", 0: "no"]
        let circles = xml.all("circle").map(\.text).filter { $0.hasPrefix("Q") }
        try #require(circles.count == 33 * 10)
        for (index, row) in table2.enumerated() {
            #expect(Array(circles[(index * 10)..<(index * 10 + 10)]) == row.scores.enumerated().map { "Q\($0.offset + 1): \(name[$0.element]!)" })
        }
        let bars = xml.all("rect").map(\.text).filter { $0.contains(" of 33") }
        for q in 0..<10 {
            for (score, answer) in name {
                let count = table2.filter { $0.scores[q] == score }.count
                #expect(bars.contains("Q\(q + 1) \(answer): \(count) of 33") == (count > 0), "Q\(q + 1) \(answer) \(count)")
            }
        }
        #expect(svg.contains("#02C100") && svg.contains("#E2DF07") && svg.contains("#BF0000"))
        let blind = SVGFigure.casp(CASPSummary(workspace: F.workspace, bands: .seed), options: FigureOptions(palette: .colourBlind))
        #expect(blind.contains("#fed98e") && blind.contains("#fe9929") && blind.contains("#d95f0e") && !blind.contains("#02C100"))
        // Glyphs, not colour alone: one distinct glyph per answer.
        #expect(Set(AnswerMark.all.map(\.glyph)).count == 4)
        #expect(xml.texts("text").contains("Possible totals in no band: 5.5, 7.5, 8."))
    }

    @Test("the COM-B × TDF heat map carries Tables 3 and 4's counts (one quote per sub-theme)")
    func heatMapMatchesTables() throws {
        let xml = XMLCheck(SVGFigure.combHeatMap(F.workspace))
        let tooltips = xml.all("rect").map(\.text).filter { $0.contains(" × ") }
        #expect(tooltips.count == 14 * 6)
        let rows = F.subThemeRows
        for domain in TDFDomain.allCases {
            for component in COMBComponent.allCases {
                let expected = rows.filter {
                    guard case .found(let d) = Framework.domains.resolve($0.tdf), case .found(let c) = Framework.components.resolve($0.comb) else { return false }
                    return d == domain && c == component
                }.count
                #expect(tooltips.contains("\(domain.name) × \(component.name): \(expected)"), "\(domain.name) × \(component.name)")
            }
        }
        #expect(xml.texts("text").contains("No data: Physical capability, Optimism, Intentions, Behavioural Regulation."))
    }

    @Test("the COM-B/TDF map lists every sub-theme of Tables 3 and 4 under its component and domain, and domains without data")
    func mapMatchesTables() throws {
        let map = FrameworkMap(workspace: F.workspace, mapping: .seed)
        let rows = F.subThemeRows
        #expect(map.components.flatMap { $0.domains.flatMap { $0.barriers + $0.facilitators } }.count == rows.count)
        for row in rows {
            guard case .found(let d) = Framework.domains.resolve(row.tdf), case .found(let c) = Framework.components.resolve(row.comb) else {
                Issue.record("unresolved \(row.comb) / \(row.tdf)"); continue
            }
            let entry = map.components.first { $0.component == c }?.domains.first { $0.domain == d }
            let themes = row.direction == "barrier" ? entry?.barriers : entry?.facilitators
            #expect(themes?.contains { $0.subTheme.number == row.number && $0.subTheme.label == row.label && $0.quotes == 1 } == true, "\(row.label)")
        }
        let empty = map.components.flatMap { c in c.domains.filter { !$0.hasData }.map { "\(c.component.abbreviation)/\($0.domain.abbreviation)" } }
        #expect(empty == ["C-psy/BReg", "C-phy/Skil", "M-ref/Opti", "M-ref/Inte"])
        #expect(map.components.filter { !$0.hasData }.map(\.component) == [.physicalCapability])
        let svg = SVGFigure.frameworkMap(map)
        let text = XMLCheck(svg).texts("text").joined(separator: " ")
        #expect(text.contains("Physical capability — no data"))
        #expect(XMLCheck(svg).texts("text").filter { $0 == "no data" }.count == 4)
        #expect(text.contains("[B] Lack of knowledge from other staff members (1)"))
    }

    @Test("names with &, <, quotes, control characters and emoji stay text and the SVG stays well-formed")
    func escaping() throws {
        var workspace = Workspace()
        let nasty = "Smith & <Jones> \"Q\" 'x' \u{1}\u{7F}\u{85} 🙂 Janoušková"
        try workspace.appendStudies([Study(id: "S01", label: nasty), Study(id: "S02", label: "]]> </svg> &amp;")])
        try workspace.setAppraisals([Appraisal(studyID: "S01", answers: [.yes, .no, nil, .cantTell]),
                                     Appraisal(studyID: "S02", answers: Array(repeating: .yes, count: 10))])
        _ = try workspace.apply(.addSubTheme(SubTheme(id: 1, direction: .barrier, component: .socialOpportunity, domain: .socialInfluences,
                                                      number: 1, label: nasty), at: nil))
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        var flow = PRISMAFlow()
        try flow.setItem(.databases, name: nasty, count: 3)
        try flow.setItem(.reportsExcluded, name: "<b>bold</b> & \"quoted\"", count: nil)
        let matrix = CountMatrix(rowLabels: [nasty], columnLabels: ["a&b", "<c>"], counts: [[1, 0]])
        for svg in [SVGFigure.casp(summary), SVGFigure.prismaFlow(flow), SVGFigure.heatMap(matrix, title: nasty),
                    SVGFigure.frameworkMap(FrameworkMap(workspace: workspace, mapping: .standard))] {
            let xml = XMLCheck(svg)
            #expect(xml.error == nil, "\(xml.error ?? "")")
            let texts = xml.all("text").map(\.text).joined(separator: " ")
            #expect(texts.contains("Smith & <Jones> \"Q\" 'x'"), "escaped text reads back: \(texts)")
            #expect(!svg.contains("\u{1}") && !svg.contains("\u{7F}"))
        }
        #expect(XMLCheck(SVGFigure.casp(summary)).texts("text").contains { $0.hasPrefix("S02  ]]> </svg> &amp;") })
    }

    @Test("text metrics: Helvetica widths, wrapping and cutting")
    func metrics() {
        // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 thousandths of an em, with the fallback allowance.
        #expect(abs(TextMetrics.width("Hello", size: 10) - 22.78 * TextMetrics.fallbackAllowance) < 1e-9)
        #expect(TextMetrics.advance("é") == TextMetrics.advance("e"))
        #expect(TextMetrics.advance("漢") == 1000)
        let lines = TextMetrics.wrap("Lack of structure and implementation of the lived experience role within the organisation", width: 100, size: 7)
        #expect(lines.count > 1 && lines.allSatisfy { TextMetrics.width($0, size: 7) <= 100 })
        #expect(TextMetrics.truncate("Memory, Attention and Decision Processes", width: 40, size: 7).hasSuffix("…"))
        #expect(SVGNumber.text(1.005) == "1.01" || SVGNumber.text(1.005) == "1")
        #expect(SVGNumber.text(-0.001) == "0" && SVGNumber.text(12.5) == "12.5" && SVGNumber.text(3.04) == "3.04" && SVGNumber.text(.nan) == "0")
    }
}
