import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// `import` reads what spreadsheets write, and says so (issue 10, "Imports read what spreadsheets write"): the
/// notes of `CSVImportResult` reach standard error, `delimiter=` and `extra=` choose, and an error in a long row
/// is shown around its cell.
@Suite struct ImportSpreadsheetCSVTests {
    @Test func aSemicolonFileIsImportedWithANoteNamingTheSeparator() throws {
        let csv = "text;domain;direction;Reviewer notes\n\"Nobody showed me; I guessed\";knowledge;barrier;check\n"
        let (shell, output) = try ImportQuotesCodingTests.run("""
            import quotes semi.csv
            expect rows = 1 from quotes where text contains "I guessed"
            """, files: ["semi.csv": csv])
        #expect(shell.exitStatus == 0, "\(output.errors)")
        #expect(output.errors.contains("note: cells are separated by semicolons (;), as the header shows"), "\(output.errors)")
        #expect(output.errors.contains("note: ignored a column not in the quotes table: 'Reviewer notes' (column 4)"), "\(output.errors)")
    }

    @Test func delimiterAndExtraAreChosenOnTheCommandLine() throws {
        // As many commas as semicolons in the header: detection takes the comma; delimiter=; says otherwise.
        let csv = "text;notes, a, b;direction\n\"a, b\";whatever;barrier\n"
        let (shell, output) = try ImportQuotesCodingTests.run("""
            import quotes chosen.csv delimiter=;
            expect rows = 1 from quotes where text = "a, b" and direction = barrier
            """, files: ["chosen.csv": csv])
        #expect(shell.exitStatus == 0, "\(output.errors)")
        #expect(output.errors.contains("ignored a column not in the quotes table: 'notes, a, b' (column 2)"), "\(output.errors)")
        #expect(!output.errors.contains("separated by"), "a chosen separator needs no note: \(output.errors)")
        let (refused, refusal) = try ImportQuotesCodingTests.run("import quotes chosen.csv delimiter=; extra=error", files: ["chosen.csv": csv])
        #expect(refused.exitStatus == 1)
        #expect(refusal.errors.contains("chosen.csv:1:6: error: unknown column 'notes, a, b' in chosen.csv (column 2); quotes columns are:"), "\(refusal.errors)")
        let (detected, detection) = try ImportQuotesCodingTests.run("import quotes chosen.csv", files: ["chosen.csv": csv])
        #expect(detected.exitStatus == 1, "read with commas, the file has no text column: \(detection.errors)")
        let tabs = "text\tdomain\tdirection\nx\tknowledge\tbarrier\n"
        let (tabShell, tabOutput) = try ImportQuotesCodingTests.run("""
            import quotes tabs.tsv delimiter=tab extra=error
            expect rows = 1 from quotes where text = x
            """, files: ["tabs.tsv": tabs])
        #expect(tabShell.exitStatus == 0, "\(tabOutput.errors)")
        #expect(!tabOutput.errors.contains("note:"), "\(tabOutput.errors)")
    }

    @Test func badOptionValuesArePointedAt() throws {
        let harness = try CommandHarness()
        let delimiter = try #require(harness.failure("import quotes q.csv delimiter=|"))
        #expect(delimiter.message == "delimiter= takes , ; or tab; got '|'")
        #expect(delimiter.column == 31)
        let extra = try #require(harness.failure("import quotes q.csv extra=keep"))
        #expect(extra.message == "extra= takes ignore or error; got 'keep'")
        let ris = try #require(harness.failure("import quotes q.csv coder=AB"))
        #expect(ris.message.contains("coder= applies to 'import ris' and 'import qdpx', not to CSV"))
    }

    @Test func anErrorInALongRowShowsTheCellUnderTheCaret() throws {
        let long = String(repeating: "Nobody told me what the role was. ", count: 300)
        let csv = "id,text,direction\nQ300,\"\(long)\",sideways\n"
        let (_, output) = try ImportQuotesCodingTests.run("set width 80\nimport quotes long.csv", files: ["long.csv": csv])
        let lines = output.errors.split(separator: "\n").map(String.init)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("long.csv:2:10209: error: row 2, column 3 (direction): unknown direction 'sideways'"), "\(first)")
        let excerpt = try #require(lines.dropFirst().first), caret = try #require(lines.dropFirst(2).first)
        #expect(DisplayWidth.of(excerpt) <= 80 && excerpt.hasPrefix("  …"), "\(excerpt)")
        let column = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        #expect(excerpt.dropFirst(column).hasPrefix("sideways"), "caret at \(column) under: \(excerpt)")
    }
}
