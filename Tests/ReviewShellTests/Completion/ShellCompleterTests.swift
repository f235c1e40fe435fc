import Testing
@testable import ReviewShell
import ReviewKit

/// Tab completion offers what fits where the cursor is.
@Suite struct ShellCompleterTests {
    let shell: Shell
    let completer: ShellCompleter

    init() throws {
        shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: BufferedOutput())
        completer = ShellCompleter(shell: shell)
    }

    @Test func commandNames() {
        let completion = completer.complete("qu")
        #expect(completion.candidates.contains("quotes"))
        #expect(completion.candidates.contains("quote"))
        #expect(completion.candidates.contains("quit"))
        #expect(completion.replacingLast == 2)
    }

    @Test func domainValuesAreQuotedWhenTheyHaveSpacesOrSlashes() {
        let completion = completer.complete("quotes where domain = soc")
        #expect(completion.candidates == ["\"Social/Professional Role and Identity\"", "\"Social Influences\""])
        #expect(completion.replacingLast == 3)
        let opened = completer.complete("quotes where domain = \"Social In")
        #expect(opened.candidates == ["\"Social Influences\""])
        #expect(opened.replacingLast == "\"Social In".count)
        let knowledge = completer.complete("quotes where domain = kno")
        #expect(knowledge.candidates == ["Knowledge"])
    }

    @Test func accentInsensitiveStudyLabels() {
        let completion = completer.complete("quotes where study = janou")
        #expect(completion.candidates == ["\"Janoušková et al.\""])
    }

    @Test func fieldsOperatorsAndKeywords() {
        #expect(completer.complete("quotes where dom").candidates == ["domain"])
        #expect(completer.complete("quotes where domain ").candidates.contains("="))
        #expect(completer.complete("studies where ca").candidates == ["casp"])
        #expect(completer.complete("quotes where domain = knowledge sort by dir").candidates == ["direction"])
        #expect(completer.complete("quotes where direction = ").candidates == ["barrier", "facilitator"])
        #expect(completer.complete("studies where band = ").candidates == ["high", "moderate", "low", "none", "incomplete"])
    }

    @Test func subcommandsSettingsAndEditingOptions() {
        #expect(completer.complete("casp q").candidates == ["questions"])
        #expect(completer.complete("set ma").candidates == ["mapping"])
        #expect(completer.complete("set mapping s").candidates == ["seed", "standard"])
        #expect(completer.complete("code Q12 domain=emo").candidates == ["Emotion"])
        #expect(completer.complete("code Q12 dir").candidates == ["direction="])
        #expect(completer.complete("explain reinf").candidates == ["Reinforcement"])
        #expect(completer.complete("study S2").candidates.count == 10)
    }

    @Test func quizChoicesReplaceTheLanguageWhileItAsks() {
        shell.completionOverride = COMBComponent.allCases.map(\.name) + ["hint", "skip"]
        defer { shell.completionOverride = nil }
        #expect(completer.complete("refl").candidates == ["Reflective motivation"], "whole-line answers are not quoted")
        #expect(completer.complete("sk").candidates == ["skip"])
    }

    @Test func nothingToCompleteAfterAnUnknownCommand() {
        #expect(completer.complete("frobnicate x").candidates.isEmpty)
    }
}
