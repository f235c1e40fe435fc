import Testing
@testable import ReviewKit

@Suite("Teaching: tutorial")
struct TutorialTests {
    let workspace = TeachingFixtures.workspace

    /// The shell commands the tutorial may use (the lead's list).
    static let allowed = ["explain", "domains", "themes", "quotes", "quote", "matrix", "casp", "bands", "studies", "study", "kappa", "add", "code", "undo"]

    @Test("six steps in the promised order, each with narrative and commands")
    func steps() {
        let steps = Tutorial.steps
        #expect(steps.map(\.number) == Array(1...6))
        let titles = steps.map { $0.title.lowercased() }
        for (index, word) in ["com-b", "tdf", "coding", "matrix", "casp", "agreement"].enumerated() {
            #expect(titles[index].contains(word), "step \(index + 1): \(titles[index])")
        }
        for step in steps {
            #expect(!step.narrative.isEmpty && !step.commands.isEmpty)
            #expect(step.header == "Step \(step.number) of 6: \(step.title)")
        }
    }

    @Test("steps use only the shell's commands, and their queries and explain terms parse")
    func commandsAreValid() throws {
        for step in Tutorial.steps {
            for command in step.commands {
                let verb = String(command.split(separator: " ").first!)
                #expect(Self.allowed.contains(verb), "\(command)")
                if command.hasPrefix("explain ") {
                    _ = try ExplainTopic.resolve(String(command.dropFirst(8)))
                }
                if command.hasPrefix("quotes ") {
                    let spec = try QueryParser.parse(String(command.dropFirst(7)), for: .quote)
                    let rows = try QueryEngine(QueryContext(workspace: workspace)).quoteRows(matching: spec.filter)
                    #expect(rows.cardinality > 0, "\(command) finds nothing")
                }
                if command.hasPrefix("studies ") {
                    _ = try QueryParser.parse(String(command.dropFirst(8)), for: .study)
                }
            }
        }
    }

    @Test("the coding step adds, codes, shows and undoes a practice quote with the workspace's next id")
    func codingStep() {
        let step = Tutorial.steps[2]
        #expect(step.commands.suffix(5) == ["add quote \"\(Tutorial.practiceQuote)\"", "code Q47 domain=knowledge direction=barrier", "quote Q47", "undo", "undo"])
        #expect(workspace.nextQuoteID == 47)
        #expect(step.commands(for: workspace) == step.commands)
        let empty = step.commands(for: Workspace())
        #expect(empty.contains("code Q1 domain=knowledge direction=barrier") && empty.contains("quote Q1"))
        #expect(!Tutorial.practiceQuote.contains("\""))
    }

    @Test("the kappa step's inline tables give the textbook values")
    func kappaStep() throws {
        let step = Tutorial.steps[5]
        func table(_ command: String) -> [[Int]] {
            let inside = command.split(separator: "\"")[1]
            return inside.split(separator: ";").map { $0.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces))! } }
        }
        let cohen = try CohenKappa(table: table(step.commands[1]))
        #expect(abs(cohen.kappa - 0.40) < 1e-12)
        let fleiss = try FleissKappa(counts: table(step.commands[2]))
        #expect(abs(fleiss.kappa - 0.209931) < 1e-6)
    }

    @Test("progress moves within bounds and refuses to go past either end")
    func navigation() throws {
        var progress = TutorialProgress()
        #expect(progress.number == 1 && progress.isAtStart)
        let movedBack = progress.back()
        #expect(!movedBack)
        for expected in 2...6 {
            let moved = progress.next()
            #expect(moved && progress.number == expected)
        }
        let movedPastEnd = progress.next()
        #expect(progress.isAtEnd && !movedPastEnd && progress.number == 6)
        let movedBackAgain = progress.back()
        #expect(movedBackAgain && progress.number == 5)
        try progress.go(to: 1)
        #expect(progress.number == 1)
        #expect(throws: ReviewError.self) { try progress.go(to: 0) }
        #expect(throws: ReviewError.self) { try progress.go(to: 7) }
        #expect(progress.number == 1)
    }

    @Test("tutorial arguments: next, back, N, restart; errors at the ends and for nonsense")
    func arguments() throws {
        var progress = TutorialProgress()
        #expect(try progress.apply("").number == 1)
        #expect(try progress.apply("next").number == 2)
        #expect(try progress.apply("back").number == 1)
        #expect {
            _ = try progress.apply("back")
        } throws: { error in (error as? ReviewError)?.message == "this is the first step" }
        #expect(try progress.apply("6").number == 6)
        #expect {
            _ = try progress.apply("next")
        } throws: { error in (error as? ReviewError)?.message == "this is the last step (6 of 6)" }
        #expect(try progress.apply("step 3").number == 3)
        #expect(try progress.apply("restart").number == 1)
        #expect(throws: ReviewError.self) { try progress.apply("sideways") }
        #expect(throws: ReviewError.self) { try progress.apply("9") }
        #expect(progress.number == 1)
    }

    @Test("progress round-trips through its snapshot setting")
    func encoding() throws {
        var progress = TutorialProgress()
        _ = progress.next(); _ = progress.next()
        #expect(TutorialProgress.settingsKey == "tutorial.step")
        #expect(progress.encoded == "3")
        #expect(try TutorialProgress(encoded: progress.encoded) == progress)
        #expect(throws: ReviewError.self) { try TutorialProgress(encoded: "three") }
        #expect(throws: ReviewError.self) { try TutorialProgress(encoded: "12") }
        let snapshot = Snapshot(workspace: workspace, settings: [TutorialProgress.settingsKey: progress.encoded])
        #expect(try TutorialProgress(encoded: snapshot.settings["tutorial.step"]!).number == 3)
    }

    @Test("a step renders as an explanation with its commands and a pointer onwards")
    func stepExplanation() {
        let explanation = Tutorial.steps[2].explanation(for: Workspace())
        #expect(explanation.title == "Step 3 of 6: Coding a quote")
        #expect(explanation.section("Commands")!.items.contains("quote Q1"))
        #expect(explanation.seeAlso == ["tutorial next", "tutorial back"])
        #expect(Tutorial.steps[5].explanation().seeAlso.first == "quiz 5")
    }
}
