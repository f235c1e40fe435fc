import Foundation
import Testing
@testable import ReviewShell

/// Every result of every documented example fits 60, 80 and 120 columns (issue 10, "Tables that fit").
///
/// Each command's examples run in order in a fresh session on the embedded review (the editing examples after
/// the `add` examples, as `DocumentedExamplesTests` runs them); each result is rendered as a plain table at the
/// three widths. Checked for every line: its display width (CJK and emoji count two) is at most the width.
/// Checked for every cell and record value: each word of up to 20 columns, which fits any column the layout
/// gives a word at these widths, is printed whole somewhere (a word cut mid-word would not be).
@Suite struct TableWidthTests {
    static let widths = [60, 80, 120]

    /// The words of a result's values that must never be cut.
    static func words(of result: CommandResult) -> Set<String> {
        func whole(_ text: String) -> [String] {
            text.split(whereSeparator: \.isWhitespace).map(String.init).filter { DisplayWidth.of($0) <= 20 }
        }
        switch result {
        case .table(let table):
            let shown = table.columns.indices.filter { !table.columns[$0].machineOnly }
            return Set(table.rows.flatMap { row in shown.flatMap { $0 < row.count ? whole(row[$0].description) : [] } })
        case .record(let record): return Set(record.fields.filter { !$0.machineOnly }.flatMap { whole($0.value.description) })
        case .sequence(let items): return items.reduce(into: Set<String>()) { $0.formUnion(words(of: $1)) }
        default: return []
        }
    }

    /// Problems with `result` rendered at `width`: lines too wide, words cut.
    static func problems(_ result: CommandResult, width: Int, renderer: Renderer? = nil) -> [String] {
        var renderer = renderer ?? Renderer(format: .table, width: width)
        renderer.width = width
        renderer.format = .table
        let text = renderer.render(result)
        var problems: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where DisplayWidth.of(String(line)) > width {
            problems.append("line of \(DisplayWidth.of(String(line))) columns: \(line)")
        }
        let printed = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
        for word in words(of: result).sorted() where !printed.contains(word) {
            problems.append("'\(word)' is not printed whole")
        }
        return problems
    }

    /// Every example runs at each width (`set width`, so charts and explanations drawn to the width are drawn to it).
    @Test(arguments: widths)
    func everyDocumentedExampleFits(width: Int) throws {
        let folder = try DocumentedExamplesTests.scratch()
        let commands = CommandRegistry.standard.commands
        let setup = commands.filter { $0.name == "add" }.flatMap(\.examples)
        var checked = 0
        var tables = 0
        for command in commands {
            let (shell, output) = try DocumentedExamplesTests.shell(in: folder)
            shell.session.settings.width = width
            if command.group == .editing && command.name != "add" {
                for line in setup { #expect(shell.run(line), "setup '\(line)': \(output.errors)") }
            }
            for example in command.examples where DocumentedExamplesTests.runnable(example) {
                let invocation = try #require(Invocation(example))
                let result: CommandResult
                do throws(Diagnostic) {
                    result = try shell.execute(invocation)
                } catch {
                    Issue.record("'\(example)' failed: \(error.message)")
                    continue
                }
                if case .table = result { tables += 1 }
                // An example may change the width or the format (`set width 80`): the check is at `width`, in text.
                for problem in Self.problems(result, width: width, renderer: shell.renderer) {
                    Issue.record("\(example) at \(width): \(problem)")
                }
                shell.session.settings.width = width
                checked += 1
            }
        }
        #expect(checked >= 60 && tables >= 20, "\(checked) examples, \(tables) tables")
    }
}
