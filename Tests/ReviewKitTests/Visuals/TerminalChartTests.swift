import Foundation
import Testing
@testable import ReviewKit

@Suite("Visuals: terminal charts")
struct VisualsTerminalChartTests {
    typealias F = VisualsFixtures
    static let widths = [60, 80, 120]

    /// Every chart of the embedded review, by golden file stem.
    static func charts(_ style: ChartStyle) -> [(String, String)] {
        let workspace = F.workspace
        let coverage = Coverage(workspace: workspace)
        let summary = CASPSummary(workspace: workspace, bands: .seed)
        return [
            ("domains-quotes", TerminalChart.domainBars(coverage, measure: .quotes, style: style)),
            ("domains-subthemes", TerminalChart.domainBars(coverage, measure: .subThemes, style: style)),
            ("matrix-comb", TerminalChart.combHeatMap(workspace, style: style)),
            ("matrix-study", TerminalChart.studyHeatMap(workspace, style: style)),
            ("casp", TerminalChart.caspGrid(summary, style: style)),
            ("bands", TerminalChart.bandDistribution(summary, style: style)),
        ]
    }

    @Test("the embedded review's charts match their golden text", arguments: widths)
    func golden(width: Int) throws {
        for glyphs in ChartStyle.Glyphs.allCases {
            for (name, text) in Self.charts(ChartStyle(width: width, glyphs: glyphs)) {
                try F.checkGolden(text, "terminal/\(name)-\(width)-\(glyphs.rawValue).txt")
            }
        }
        for (name, text) in Self.charts(ChartStyle(width: width, glyphs: .unicode, colour: true)) where width == 80 {
            try F.checkGolden(text, "terminal/\(name)-\(width)-unicode-colour.txt")
        }
    }

    @Test("no line is wider than the width asked for; ascii charts are ASCII", arguments: [50, 52, 55, 60, 73, 80, 100, 120, 200])
    func widthAware(width: Int) {
        for glyphs in ChartStyle.Glyphs.allCases {
            for (name, text) in Self.charts(ChartStyle(width: width, glyphs: glyphs)) {
                for line in text.split(separator: "\n") {
                    #expect(TerminalColumns.width(String(line)) <= width, "\(name) at \(width) (\(glyphs)): '\(line)'")
                }
                // ASCII charts draw with ASCII only; names such as Janoušková are data and keep their letters.
                if glyphs == .ascii { #expect(!text.contains { "█░▒▓│─…–×−·".contains($0) }, "\(name) draws with non-ASCII glyphs") }
            }
        }
    }

    @Test("colour is added on top of the glyphs: without the codes the text is the monochrome chart")
    func colourOnlyAddsCodes() {
        for width in Self.widths {
            let plain = Self.charts(ChartStyle(width: width))
            let coloured = Self.charts(ChartStyle(width: width, colour: true))
            for ((name, a), (_, b)) in zip(plain, coloured) {
                #expect(b.contains("\u{1B}["), "\(name) has no colour")
                #expect(F.strippingColour(b) == a, "\(name) at \(width)")
                #expect(!a.contains("\u{1B}"), "\(name) has codes with colour off")
            }
        }
    }

    @Test("the CASP grid shows Table 2: one distinct glyph per score in every row, and the printed totals")
    func caspGridMatchesTable2() {
        let table2 = F.table2
        for glyphs in ChartStyle.Glyphs.allCases {
            let text = TerminalChart.caspGrid(CASPSummary(workspace: F.workspace, bands: .seed), style: ChartStyle(width: 120, glyphs: glyphs))
            let lines = text.split(separator: "\n").map(String.init)
            let glyphFor: [Double: String] = glyphs == .unicode ? [1: "+", 0.5: "\u{2212}", 0: "x"] : [1: "+", 0.5: "-", 0: "x"]
            #expect(Set(glyphFor.values).count == 3)
            for (index, row) in table2.enumerated() {
                let id = "S" + (index < 9 ? "0" : "") + String(index + 1)
                guard let line = lines.first(where: { $0.hasPrefix(id + " ") }) else { Issue.record("no row for \(id)"); continue }
                #expect(line.contains(row.label), "\(id): \(line)")
                let words = line.split(separator: " ").map(String.init)
                let expected = row.scores.map { glyphFor[$0]! }
                // The ten glyphs, then the total, then the band.
                let tail = Array(words.suffix(12))
                #expect(Array(tail.prefix(10)) == expected, "\(id): \(line)")
                #expect(Double(tail[10]) == row.total, "\(id): \(line)")
            }
            // Tallies: yes / can't tell / no per question, counted here from the fixture.
            for (name, score) in [("yes", 1.0), ("can't tell", 0.5), ("no", 0.0)] {
                let line = lines.first { $0.hasPrefix(name + " ") }!
                let counts = line.dropFirst(name.count).split(separator: " ").compactMap { Int($0) }
                #expect(counts == (0..<10).map { q in table2.filter { $0.scores[q] == score }.count }, "\(name)")
            }
        }
    }

    @Test("the band chart counts Table 2's totals under the section 2.4 cut-offs and lists the totals in no band")
    func bandsMatchTable2() {
        let totals = F.table2.map(\.total)
        let high = totals.filter { $0 > 8 }.count, moderate = totals.filter { $0 >= 6 && $0 <= 7 }.count
        let low = totals.filter { $0 <= 5 }.count, none = totals.count - high - moderate - low
        #expect((high, moderate, low, none) == (22, 2, 1, 8))
        let text = TerminalChart.bandDistribution(CASPSummary(workspace: F.workspace, bands: .seed), style: ChartStyle(width: 80, glyphs: .ascii))
        let lines = text.split(separator: "\n").map(String.init)
        for (band, count) in [("high", high), ("moderate", moderate), ("low", low), ("none", none)] {
            let line = lines.first { $0.hasPrefix(band + " ") }
            let n = line?.split(separator: " ").compactMap { Int($0) }.first
            #expect(n == count, "\(band): \(line ?? "missing")")
        }
        #expect(text.contains("possible totals in no band: 5.5, 7.5, 8"))
        #expect(text.contains("8 studies in no band"))
    }

    @Test("the domain bars count Tables 3 and 4: sub-themes (and quotes, one each) per domain and direction")
    func domainBarsMatchTables3And4() {
        let rows = F.subThemeRows
        // The paper's domain spellings, resolved by the framework's own aliases.
        func domain(_ name: String) -> TDFDomain {
            guard case .found(let d) = Framework.domains.resolve(name) else { fatalError("unknown domain \(name)") }
            return d
        }
        for measure in TerminalChart.Measure.allCases {
            let text = TerminalChart.domainBars(Coverage(workspace: F.workspace), measure: measure, style: ChartStyle(width: 120, glyphs: .ascii))
            let lines = text.split(separator: "\n").map(String.init)
            for d in TDFDomain.allCases {
                let barriers = rows.filter { $0.direction == "barrier" && domain($0.tdf) == d }.count
                let facilitators = rows.filter { $0.direction == "facilitator" && domain($0.tdf) == d }.count
                guard let line = lines.first(where: { $0.hasPrefix(d.name + " ") }) else { Issue.record("no line for \(d.name)"); continue }
                let sides = line.split(separator: "|", maxSplits: 1).map(String.init)
                let left = sides[0].split(separator: " ").last.flatMap { Int($0) }
                let right = sides[1].split(separator: " ").first.flatMap { Int($0) }
                #expect(left == barriers && right == facilitators, "\(measure) \(d.name): \(line)")
                #expect(line.hasSuffix("no data") == (barriers + facilitators == 0), "\(d.name): \(line)")
            }
        }
    }

    @Test("heat map cells carry the matrix counts and the shade legend covers every count")
    func heatMapCounts() {
        let matrix = CountMatrix(rowLabels: ["a & b", "Janoušková 🙂"], columnLabels: ["Knowledge", "Emotion", "other"], counts: [[0, 1, 8], [3, 0, 5]])
        let text = TerminalChart.heatMap(matrix, title: "test", style: ChartStyle(width: 60, glyphs: .ascii))
        #expect(text.contains("Know"))
        #expect(text.contains("Know Knowledge; Emot Emotion"))
        #expect(text.contains("shades: . 1-2, : 3-4, * 5-6, # 7-8"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[2].hasPrefix("a & b") && lines[2].hasSuffix(". 1   # 8     9"), "\(lines[2])")
        #expect(lines[3].hasPrefix("Janoušková 🙂"))
        #expect(TerminalChart.shadeLevel(8, maximum: 8) == 4 && TerminalChart.shadeLevel(1, maximum: 8) == 1 && TerminalChart.shadeLevel(0, maximum: 8) == 0)
    }

    @Test("empty workspaces and odd sizes draw without trapping")
    func degenerateInputs() {
        let empty = Workspace()
        let summary = CASPSummary(workspace: empty, bands: .seed)
        for width in [-5, 0, 1, 39, 10_000] {
            let style = ChartStyle(width: width)
            #expect(style.width >= ChartStyle.minimumWidth && style.width <= ChartStyle.maximumWidth)
            _ = TerminalChart.domainBars(Coverage(workspace: empty), style: style)
            _ = TerminalChart.combHeatMap(empty, style: style)
            _ = TerminalChart.studyHeatMap(empty, style: style)
            _ = TerminalChart.caspGrid(summary, style: style)
            _ = TerminalChart.bandDistribution(summary, style: style)
            _ = TerminalChart.heatMap(CountMatrix(rowLabels: [], columnLabels: [], counts: []), title: "", style: style)
        }
    }

    @Test("display width: wide, combining and emoji characters")
    func displayWidth() {
        #expect(TerminalColumns.width("Janoušková") == 10)
        #expect(TerminalColumns.width("e\u{301}") == 1)
        #expect(TerminalColumns.width("漢字") == 4)
        #expect(TerminalColumns.width("🙂") == 2)
        #expect(TerminalColumns.width("👩‍⚕️") == 2)
        #expect(TerminalColumns.truncate("Memory, Attention and Decision Processes", to: 12, ellipsis: "…") == "Memory, Att…")
        #expect(TerminalColumns.wrap("aaa bbb ccc", columns: 8, hangingIndent: 2) == ["aaa bbb", "  ccc"])
    }
}
