import Testing
@testable import ReviewShell

@Suite struct ScriptedLineSourceTests {
    @Test func returnsLinesInOrderThenEndOfInput() {
        let source = ScriptedLineSource(["one", "Janoušková", ""])
        #expect(source.readLine(prompt: "> ") == .line("one"))
        #expect(source.readLine(prompt: "> ") == .line("Janoušková"))
        #expect(source.readLine(prompt: "...> ") == .line(""))
        #expect(source.readLine(prompt: "> ") == .endOfInput)
        #expect(source.readLine(prompt: "> ") == .endOfInput)
        #expect(source.prompts == ["> ", "> ", "...> ", "> ", "> "])
        #expect(source.remaining.isEmpty)
    }

    @Test func replaysScriptedInterruptions() {
        let source = ScriptedLineSource(inputs: [.line("half"), .interrupted, .line("whole")], isInteractive: true)
        #expect(source.isInteractive)
        #expect(source.readLine(prompt: "") == .line("half"))
        #expect(source.readLine(prompt: "") == .interrupted)
        #expect(source.readLine(prompt: "") == .line("whole"))
        #expect(source.readLine(prompt: "") == .endOfInput)
    }

    @Test func recordsHistoryEntries() {
        let source = ScriptedLineSource(["a"])
        #expect(!source.isInteractive)
        source.addToHistory("select *\nfrom x")
        source.addToHistory("b")
        #expect(source.history == ["select *\nfrom x", "b"])
    }
}
