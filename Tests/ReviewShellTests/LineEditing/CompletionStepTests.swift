import Testing
@testable import ReviewShell

@Suite struct CompletionStepTests {
    @Test func noCandidatesBeeps() {
        #expect(CompletionStep.decide(for: .none, textBeforeCursor: "xyz") == .beep)
        #expect(CompletionStep.decide(for: Completion(replacingLast: 3, candidates: [""]), textBeforeCursor: "xyz") == .beep)
    }

    @Test func singleCandidateReplacesAndAddsASpace() {
        let step = CompletionStep.decide(
            for: Completion(replacingLast: 3, candidates: ["Knowledge"]), textBeforeCursor: "show kno")
        #expect(step == .replace(count: 3, text: "Knowledge "))
    }

    @Test func singleDirectoryCandidateGetsNoSpace() {
        let step = CompletionStep.decide(
            for: Completion(replacingLast: 2, candidates: ["data/"]), textBeforeCursor: "open da")
        #expect(step == .replace(count: 2, text: "data/"))
    }

    @Test func duplicateCandidatesCountOnce() {
        let step = CompletionStep.decide(
            for: Completion(replacingLast: 1, candidates: ["Skills", "Skills"]), textBeforeCursor: "s")
        #expect(step == .replace(count: 1, text: "Skills "))
    }

    @Test func severalCandidatesInsertTheirCommonPrefix() {
        let completion = Completion(replacingLast: 3, candidates: ["Behaviour", "Behavioural regulation"])
        #expect(CompletionStep.decide(for: completion, textBeforeCursor: "beh") == .replace(count: 3, text: "Behaviour"))
    }

    @Test func secondTabListsBecauseThePrefixAddsNothing() {
        let completion = Completion(replacingLast: 9, candidates: ["Behaviour", "Behavioural regulation"])
        #expect(CompletionStep.decide(for: completion, textBeforeCursor: "Behaviour")
            == .list(["Behaviour", "Behavioural regulation"]))
    }

    @Test func noCommonPrefixLists() {
        let candidates = ["Knowledge", "Skills", "\"Social influences\""]
        #expect(CompletionStep.decide(for: Completion(replacingLast: 0, candidates: candidates), textBeforeCursor: "x ")
            == .list(candidates))
    }

    @Test func prefixThatWouldDropTypedTextListsInstead() {
        // Fuzzy matches whose common prefix does not start with what was typed.
        let completion = Completion(replacingLast: 3, candidates: ["\"Social influences\"", "\"Social norms\""])
        #expect(CompletionStep.decide(for: completion, textBeforeCursor: "inf")
            == .list(["\"Social influences\"", "\"Social norms\""]))
        // But a leading quote, case and diacritics are ignored when comparing.
        let quoted = Completion(replacingLast: 3, candidates: ["\"Social influences\"", "\"Social norms\""])
        #expect(CompletionStep.decide(for: quoted, textBeforeCursor: "soc") == .replace(count: 3, text: "\"Social "))
        let accented = Completion(replacingLast: 7, candidates: ["Janoušková", "Janouškovi"])
        #expect(CompletionStep.decide(for: accented, textBeforeCursor: "janousk") == .replace(count: 7, text: "Janouškov"))
    }

    @Test func replacementCountIsClampedToTheText() {
        let step = CompletionStep.decide(for: Completion(replacingLast: 99, candidates: ["ab"]), textBeforeCursor: "a")
        #expect(step == .replace(count: 1, text: "ab "))
        let negative = CompletionStep.decide(for: Completion(replacingLast: -1, candidates: ["ab"]), textBeforeCursor: "a")
        #expect(negative == .replace(count: 0, text: "ab "))
    }

    @Test func commonPrefixWorksOnCharacters() {
        #expect(CompletionStep.longestCommonPrefix([]) == "")
        #expect(CompletionStep.longestCommonPrefix(["only"]) == "only")
        #expect(CompletionStep.longestCommonPrefix(["Janoušková", "Janoušek"]) == "Janouš")
        // "é" precomposed and decomposed are the same Character.
        #expect(CompletionStep.longestCommonPrefix(["caf\u{E9}s", "cafe\u{301}"]) == "caf\u{E9}")
        // Never splits an emoji sequence: these differ only inside the second grapheme.
        #expect(CompletionStep.longestCommonPrefix(["x👩‍🔬", "x👩‍🚀"]) == "x")
        #expect(CompletionStep.longestCommonPrefix(["“curly” a", "“curly” b"]) == "“curly” ")
        #expect(CompletionStep.longestCommonPrefix(["abc", "xyz"]) == "")
    }
}
