import Testing
@testable import ReviewShell
import ReviewKit

/// explain, tutorial, quiz: teaching commands over the workspace; the quiz reads its answers through the host.
@Suite struct TeachingCommandsTests {
    @Test func explainTakesATermQuotedOrNot() throws {
        let harness = try CommandHarness()
        guard case .text(let plain) = try harness.result("explain emotion"), case .text(let quoted) = try harness.result("explain “Emotion”") else {
            Issue.record("explain gave no text"); return
        }
        #expect(plain == quoted)
        #expect(harness.failure("explain hope")?.message == "nothing to explain for 'hope'")
    }

    @Test func tutorialProgressIsKeptInTheSession() throws {
        let harness = try CommandHarness()
        _ = try harness.result("tutorial")
        _ = try harness.result("tutorial next")
        #expect(harness.session.extras[TutorialProgress.settingsKey] != nil)
        guard case .sequence(let parts) = try harness.result("tutorial 3") else { Issue.record("no steps"); return }
        #expect(parts.contains { if case .message(let text) = $0 { text.hasPrefix("review> ") } else { false } }, "a step runs real commands")
    }

    @Test func theQuizAsksThroughTheHostAndScoresTheAnswers() throws {
        let harness = try CommandHarness(answers: ["skip", "quit"])
        _ = try harness.result("quiz 2 --seed 7")
        #expect(harness.output.text.contains("Quiz: 2 quotes (seed 7"))
        #expect(harness.shell.completionOverride == nil, "the answer choices are offered only while the quiz asks")
    }
}
