import Foundation
import Testing
@testable import ReviewKit

/// The CSV formula guard against the cases OWASP lists ("CSV Injection":
/// https://owasp.org/www-community/attacks/CSV_Injection): cells starting with = + - @ TAB CR.
@Suite struct CSVFormulaGuardTests {
    @Test(arguments: ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "-", "+", "=", "@", "- a list item"])
    func triggersAreGuarded(_ cell: String) {
        #expect(CSVFormulaGuard.guarded(cell) == "'" + cell)
        #expect(CSVFormulaGuard.unguarded(CSVFormulaGuard.guarded(cell)) == cell)
    }

    @Test(arguments: ["", "plain", "Janoušková", "1+2", "a=b", "'=already text", "😀=", "-0.25", "+3", "-12", "-1.5e-3", "+2E10", "-.5"])
    func othersAreLeftAlone(_ cell: String) {
        #expect(CSVFormulaGuard.guarded(cell) == cell)
    }

    @Test(arguments: ["-1e", "--1", "-1.2.3", "-1,5", "-e5", "-."])
    func numberLookalikesAreGuarded(_ cell: String) {
        #expect(CSVFormulaGuard.guarded(cell) == "'" + cell)
    }

    @Test func theWriterGuardsEveryCellAndStillQuotes() throws {
        var writer = CSV.Writer(byteOrderMark: true, guardingFormulas: true)
        writer.row(["id", "=cmd|' /C calc'!A0", "-2.5", "@x,y"])
        #expect(writer.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: writer.bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "id,'=cmd|' /C calc'!A0,-2.5,\"'@x,y\"\r\n")
        let rows = try CSVText.rows(text)
        #expect(rows == [["id", "'=cmd|' /C calc'!A0", "-2.5", "'@x,y"]])
    }

    @Test func exportsGuardOnlyOnRequest() throws {
        var workspace = try EmbeddedReview.load().workspace
        _ = try workspace.apply(.addStudy(Study(id: "S99", label: "=1+1"), at: nil))
        let plain = String(decoding: CSVExport.encode(.studies, workspace: workspace), as: UTF8.self)
        let guarded = String(decoding: CSVExport.encode(.studies, workspace: workspace, guardingFormulas: true), as: UTF8.self)
        #expect(plain.contains("\r\nS99,=1+1,"))
        #expect(guarded.contains("\r\nS99,'=1+1,"))
        #expect(!guarded.contains(",=") && !guarded.contains("\n="))
    }
}
