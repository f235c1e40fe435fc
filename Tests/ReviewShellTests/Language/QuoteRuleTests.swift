import Testing
@testable import ReviewShell
import ReviewKit

/// One quote rule for the lexer, the word splitter, the input assembler and completion: they agree on what is
/// quoted and what is left open, whatever the quotation marks.
@Suite struct QuoteRuleTests {
    static let lines = [
        "quotes ‘stigma", "quotes “stigma", "quotes \"stigma", "quotes 'stigma",
        "quotes ‘stigma’", "quotes “stigma”", "quotes “stigma\"", "quotes ‘stigma'", "quotes \"stigma\"", "quotes 'stigma'",
        "quotes where text contains don't", "quotes where text contains it’s", "quotes where text ~ peer's",
        "quotes where page = \"p. 7\" and text ~ 'it\\'s'", "quotes where domain in (\"knowledge\", 'skills')",
        "quotes where text contains \"say \\\"no\\\"\"", "quotes where text=\"open", "quotes where text~'open", "note a\"b c",
    ]

    /// Whether each reader finds a string left open.
    func verdicts(_ line: String) -> (assembler: Bool, lexer: Bool, splitter: Bool, completer: Bool) {
        let invocation = Invocation(line)!
        var lexerOpen = false
        do { _ = try QueryLexer.tokens(invocation.arguments) } catch { lexerOpen = error.kind == .syntax && error.message.hasPrefix("unclosed quote") }
        var splitterOpen = false
        do { _ = try invocation.words() } catch { splitterOpen = error.message.hasPrefix("unclosed quote") }
        return (InputAssembler.hasUnclosedQuote(line), lexerOpen, splitterOpen, ShellCompleter.split(line).openString != nil)
    }

    @Test(arguments: lines)
    func everyReaderAgrees(_ line: String) {
        let v = verdicts(line)
        #expect(v.assembler == v.lexer, "lexer disagrees on \(line)")
        #expect(v.assembler == v.splitter, "word splitter disagrees on \(line)")
        #expect(v.assembler == v.completer, "completion disagrees on \(line)")
    }

    @Test func curlySingleAndDoubleQuotesBehaveAlike() throws {
        for open in ["‘", "“"] {
            #expect(InputAssembler.needsContinuation("quotes \(open)stigma"), "\(open) waits for the closing mark")
            let output = BufferedOutput()
            let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource(["quotes \(open)stigma"]), output: output)
            shell.runLoop(file: "t.review")
            #expect(output.errors == "t.review:1: error: the input ends inside a quoted string; add the closing quote\n", "\(open)")
        }
        for (open, close) in [("‘", "’"), ("“", "”")] {
            let output = BufferedOutput()
            let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource(["quotes \(open)stigma", "\(close) count"]), output: output)
            shell.runLoop()
            #expect(output.text == "quotes: 0 (of 46)\n", "a string may run over two lines: \(open)…\(close)")
            #expect(output.errors.isEmpty)
        }
    }

    @Test func escapesAndApostrophes() throws {
        #expect(try WordSplitter.split("\"say \\\"no\\\"\" C:\\\\path don't").map(\.text) == ["say \"no\"", "C:\\\\path", "don't"])
        #expect(try QueryLexer.tokens("'it\\'s' it’s").map(\.text) == ["it's", "it’s"])
        #expect(QuotedText.unquoted("“Emotion”") == "Emotion")
        #expect(QuotedText.unquoted("\"x'") == "\"x'")
    }
}
