import Foundation
import Testing

/// Several reviewers at a real terminal (tmux): the prompt shows the current reviewer and blind mode, and blind
/// mode hides another reviewer's coding in `quote`.
@Suite(.serialized) struct ReviewerTerminalTests {
    @Test func promptShowsTheReviewerAndBlindModeHidesTheOthers() throws {
        try #require(InteractiveTerminalTests.tmuxAvailable, "tmux is needed for the terminal test (scripts/bootstrap.sh installs it)")
        let terminal = try InteractiveTerminalTests.Terminal(locale: "C.UTF-8")
        defer { terminal.close() }
        _ = try terminal.waitFor("the banner and prompt") { $0.contains("33 studies, 46 coded quotes") && $0.contains("review>") }

        try terminal.type("set reviewer KW")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("the reviewer in the prompt") { $0.contains("review(KW)>") }
        try terminal.type("code Q3 domain=emotion direction=barrier")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("KW's coding") { $0.contains("coded Q3 as KW") && $0.contains("review(KW)*>") }

        try terminal.type("set reviewer GT")
        try terminal.keys("Enter")
        try terminal.type("set blind on")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("blind mode in the prompt") { $0.contains("review(GT blind)*>") }
        try terminal.type("quote Q3")
        try terminal.keys("Enter")
        let blind = try terminal.waitFor("Q3 as GT sees it") { $0.contains("Quote Q3") && $0.contains("text") }
        let shown = blind.components(separatedBy: "Quote Q3").last ?? ""
        #expect(!shown.contains("coded by KW") && !shown.contains("Emotion"))

        try terminal.type("code Q3 domain=knowledge direction=barrier")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("GT's coding, with no word of KW's") { $0.contains("coded Q3 as GT") }
        try terminal.type("set blind off")
        try terminal.keys("Enter")
        _ = try terminal.waitFor("blind mode off") { $0.contains("review(GT)*>") }
        try terminal.type("quote Q3")
        try terminal.keys("Enter")
        let open = try terminal.waitFor("both codings") { $0.contains("coded by KW") && $0.contains("coded by GT") }
        #expect(open.contains("unresolved"))
    }
}
