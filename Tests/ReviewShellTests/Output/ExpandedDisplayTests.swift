import Testing
@testable import ReviewShell
import ReviewKit

/// `set expanded on|off|auto` (psql's `\x`), headers that shorten before a table gives up on columns, and the
/// caret of a long line's diagnostic measured in display columns.
@Suite struct ExpandedDisplayTests {
    static let table = ResultTable(columns: [.init("id"), .init("label", wraps: true)],
                                   rows: [[.text("S01"), .text("Ben-Dor et al.")], [.text("S02"), .text("Brenisin et al.")]])

    @Test func expandedOnPrintsBlocksAndOffNeverDoes() throws {
        var renderer = Renderer(format: .table, width: 80)
        #expect(!renderer.render(.table(Self.table)).contains("-[ row"))
        renderer.expanded = .on
        let blocks = renderer.render(.table(Self.table))
        #expect(blocks.hasPrefix("-[ row 1 of 2 ]---"))
        #expect(blocks.contains("\nlabel  Brenisin et al.\n"))
        // Too many columns for 20 in auto: blocks; off: columns even when too wide.
        let wide = ResultTable(columns: (1...12).map { .init("column_\($0)", type: .integer) }, rows: [(1...12).map { .integer($0 * 1000) }])
        var narrow = Renderer(format: .table, width: 20)
        #expect(narrow.render(.table(wide)).contains("-[ row 1 of 1 ]"))
        narrow.expanded = .off
        let columns = narrow.render(.table(wide))
        #expect(!columns.contains("-[ row") && columns.split(separator: "\n").contains { DisplayWidth.of(String($0)) > 20 })
    }

    @Test func theSettingReadsLikePsql() throws {
        var settings = Settings()
        #expect(settings.value(of: "expanded") == "auto")
        try settings.set("x", to: "on")
        #expect(settings.expanded == .on)
        try settings.set("expanded", to: "off")
        #expect(settings.expanded == .off)
        #expect(throws: ReviewError.self) { try settings.set("expanded", to: "sometimes") }
        let harness = try CommandHarness()
        #expect(harness.shell.run("set expanded on"))
        #expect(harness.shell.renderer.expanded == .on)
    }

    @Test func shortHeadersAreShownOnlyWhenTheTableWouldNotFit() throws {
        var columns: [ResultColumn] = [.init("name")]
        for index in 1...6 {
            var column = ResultColumn("domain_\(index)", "Domain\(index)", type: .integer)
            column.shortLabel = "D\(index)"
            columns.append(column)
        }
        let table = ResultTable(columns: columns, rows: [[.text("x")] + (1...6).map { .integer($0) }])
        let wide = Renderer(format: .table, width: 80).render(.table(table))
        #expect(wide.hasPrefix("name  Domain1  Domain2"))
        let narrow = Renderer(format: .table, width: 30).render(.table(table))
        #expect(narrow.hasPrefix("name D1 D2 D3 D4 D5 D6\n"), "\(narrow)")
    }

    @Test func aLongLineIsWindowedAroundTheCaretByDisplayWidth() {
        let line = String(repeating: "研究 ", count: 200) + "sideways" + String(repeating: " 🙂", count: 100)
        let column = 600 + 1
        let window = FileError.excerpt(of: line, column: column, width: 60, measure: DisplayWidth.of)
        #expect(DisplayWidth.of(window.text) <= 60)
        #expect(window.text.hasPrefix("…") && window.text.hasSuffix("…"))
        #expect(Array(window.text).dropFirst(window.caretColumn - 1).starts(with: Array("sideways")), "\(window)")
        let short = FileError.excerpt(of: "a,b,c", column: 3, width: 60)
        #expect(short.text == "a,b,c" && short.caretColumn == 3)
    }
}
