import Testing
@testable import ReviewShell

/// The one line-assembly loop: continuation lines joined, blank lines and comments skipped, each command
/// with the line it starts on, an unfinished command reported at the end.
@Suite struct CommandReaderTests {
    func events(_ lines: [LineInput]) -> [String] {
        let reader = CommandReader(CountingLineSource(ScriptedLineSource(inputs: lines)))
        var out: [String] = []
        while true {
            switch reader.next(prompt: "> ", continuationPrompt: "… ") {
            case .command(let text, let line): out.append("\(line): \(text)")
            case .problem(let problem, let line): out.append("\(line): problem \(problem)")
            case .interrupted: out.append("interrupted")
            case .end(let unfinished):
                out.append("end" + (unfinished.map { " \($0.line): \($0.text)" } ?? ""))
                return out
            }
        }
    }

    @Test func joinsContinuationsAndSkipsBlankLinesAndComments() {
        let lines: [LineInput] = [.line("# a comment"), .line(""), .line("quotes where \\"), .line("domain = skills"), .line("note \"two"),
                                  .line("lines\""), .line("studies")]
        #expect(events(lines) == ["3: quotes where  domain = skills", "5: note \"two\nlines\"", "7: studies", "end"])
    }

    @Test func anInterruptDropsThePartCommandAndTheEndReportsAnUnfinishedOne() {
        #expect(events([.line("note \"open"), .interrupted, .line("note ‘still open")]) == ["interrupted", "end 2: note ‘still open"])
    }

    @Test func promptsSayWhetherACommandContinues() {
        let source = ScriptedLineSource(["a \\", "b"])
        let reader = CommandReader(CountingLineSource(source))
        _ = reader.next(prompt: "> ", continuationPrompt: "… ")
        #expect(source.prompts == ["> ", "… "])
    }
}
