import Testing
@testable import ReviewKit

@Suite("Teaching: quiz")
struct QuizTests {
    let workspace = TeachingFixtures.workspace

    func session(_ count: Int? = 5, topics: [String] = [], mapping: DomainMapping = .seed, seed: UInt64 = 42) throws -> QuizSession {
        try QuizSession(workspace: workspace, mapping: mapping, count: count, topics: topics, seed: seed)
    }

    /// A session positioned on the first quote (by id) matching a test, found by trying seeds.
    func session(startingWith test: (Quote) -> Bool, mapping: DomainMapping = .seed) throws -> QuizSession {
        for seed in UInt64(0)..<500 {
            let quiz = try session(1, mapping: mapping, seed: seed)
            if test(quiz.current!.quote) { return quiz }
        }
        throw ReviewError("no seed found")
    }

    // MARK: the generator

    @Test("SplitMix64 gives the published sequence for seed 0 and stays in bounds")
    func generator() {
        var generator = SplitMix64(seed: 0)
        let first = generator.next(), second = generator.next()
        #expect(first == 0xE220_A839_7B1D_CDAF)
        #expect(second == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SplitMix64(seed: 7)
        for bound in 1...50 {
            let value = bounded.next(below: bound)
            #expect((0..<bound).contains(value))
        }
        var shuffler = SplitMix64(seed: 3)
        let shuffled = shuffler.shuffled(Array(0..<20))
        #expect(shuffled.sorted() == Array(0..<20))
    }

    // MARK: determinism and selection

    @Test("the same seed gives the same quiz; different seeds give different ones")
    func determinism() throws {
        let a = try session(10, seed: 2025), b = try session(10, seed: 2025)
        #expect(a.quotes.map(\.id) == b.quotes.map(\.id))
        var first = a, second = b
        for answer in ["knowledge", "psych", "emotion", "skip", "reflective", "?", "spri"] {
            #expect(first.answer(answer) == second.answer(answer))
        }
        #expect(first.score == second.score)
        let orders = Set(try (UInt64(1)...5).map { try session(10, seed: $0).quotes.map(\.id) })
        #expect(orders.count == 5)
        #expect(try session(10, seed: 1).quotes.map(\.id) != session(10, seed: 2).quotes.map(\.id))
    }

    @Test("no quote repeats within a round; the default count is 10; a count above the pool is capped with a note")
    func selection() throws {
        let all = try session(46, seed: 9)
        #expect(all.quotes.count == 46)
        #expect(Set(all.quotes.map(\.id)).count == 46)
        #expect(all.note == nil)
        let standard = try session(nil)
        #expect(standard.quotes.count == QuizSession.defaultCount)
        let capped = try session(100)
        #expect(capped.quotes.count == 46)
        #expect(capped.note == "only 46 coded quotes match, so the quiz has 46 questions")
        // Asked in the order drawn, each once.
        var quiz = try session(46, seed: 9)
        var asked: [Int] = []
        while let question = quiz.current {
            if quiz.stage == .component { asked.append(question.quote.id) }
            _ = quiz.answer("skip")
        }
        #expect(asked == all.quotes.map(\.id))
        #expect(Set(asked).count == 46)
    }

    @Test("a quiz can be limited to components or domains; unknown topics and empty pools are errors")
    func topics() throws {
        let knowledge = try session(10, topics: ["knowledge"])
        #expect(knowledge.quotes.count == 4)
        #expect(knowledge.quotes.allSatisfy { $0.domain == .knowledge })
        #expect(knowledge.note != nil)
        let capability = try session(46, topics: ["capability"])
        #expect(capability.quotes.allSatisfy { $0.component?.source == .capability })
        #expect(capability.quotes.count == 8)
        let two = try session(46, topics: ["emotions", "reinforcing behaviour"])
        #expect(Set(two.quotes.map { $0.domain! }) == [.emotion, .reinforcement])
        #expect(throws: ReviewError.self) { try session(5, topics: ["knowlege"]) }
        #expect {
            _ = try session(5, topics: ["optimism"])
        } throws: { error in
            (error as? ReviewError)?.message == "no coded quotes under Optimism"
        }
        #expect {
            _ = try session(0)
        } throws: { error in
            (error as? ReviewError)?.message == "a quiz needs at least 1 question; got 0"
        }
        #expect(throws: ReviewError.self) { try QuizSession(workspace: Workspace(), seed: 1) }
    }

    @Test("quiz arguments: count, topics (longest names first) and --seed")
    func arguments() throws {
        let parsed = try QuizSession.parseArguments("5 knowledge skills --seed 42")
        #expect(parsed.count == 5 && parsed.topics == [.domain(.knowledge), .domain(.skills)] && parsed.seed == 42)
        #expect(try QuizSession.parseArguments("social influences").topics == [.domain(.socialInfluences)])
        #expect(try QuizSession.parseArguments("social influences, emotion --seed=7").topics == [.domain(.socialInfluences), .domain(.emotion)])
        #expect(try QuizSession.parseArguments("psychological capability").topics == [.component(.psychologicalCapability)])
        #expect(try QuizSession.parseArguments("").count == nil)
        #expect(throws: ReviewError.self) { try QuizSession.parseArguments("--seed x") }
        #expect(throws: ReviewError.self) { try QuizSession.parseArguments("--seed") }
        #expect(throws: ReviewError.self) { try QuizSession.parseArguments("0") }
        #expect(throws: ReviewError.self) { try QuizSession.parseArguments("3 nonsense") }
    }

    // MARK: answers

    @Test("right answers by full name, alias and prefix; the stage moves on")
    func rightAnswers() throws {
        var quiz = try session(startingWith: { $0.component == .psychologicalCapability && $0.domain == .knowledge })
        #expect(quiz.prompt == "Question 1 of 1: which COM-B component?")
        #expect(quiz.choices == COMBComponent.allCases.map(\.name))
        guard case .correct(let verdict) = quiz.answer("c-psy") else { Issue.record("alias not accepted"); return }
        #expect(verdict.stage == .component && verdict.given == "Psychological capability" && verdict.expected == "Psychological capability")
        #expect(verdict.explanation.title == "Right: Psychological capability")
        #expect(!verdict.explanation.allText.contains("Knowledge"), "the component verdict must not reveal the domain")
        #expect(quiz.stage == .domain)
        #expect(quiz.choices == TDFDomain.allCases.map(\.name))
        guard case .correct(let domainVerdict) = quiz.answer("know") else { Issue.record("prefix not accepted"); return }
        #expect(domainVerdict.explanation.section("Definition")?.quotation?.text == TDFDomain.knowledge.definition)
        #expect(domainVerdict.explanation.section("The review's coding")!.items.contains { $0.hasPrefix("Sub-theme: B/Know/") || $0.hasPrefix("Sub-theme: F/Know/") })
        #expect(domainVerdict.finalScore?.points == 2)
        #expect(quiz.isFinished)
        #expect(quiz.answer("anything") == .finished(quiz.score))
    }

    @Test("wrong answers are marked wrong, with the review's coding, the definition and why")
    func wrongAnswers() throws {
        var quiz = try session(startingWith: { $0.domain == .beliefsAboutCapabilities })
        guard case .wrong(let verdict) = quiz.answer("automatic motivation") else { Issue.record("expected wrong"); return }
        #expect(verdict.expected == "Reflective motivation" && !verdict.isCorrect)
        #expect(verdict.explanation.title == "Not quite: the review coded Reflective motivation")
        #expect(verdict.explanation.allText.contains("Reflective vs automatic motivation"))
        guard case .wrong(let domain) = quiz.answer("beliefs about consequences") else { Issue.record("expected wrong"); return }
        let why = domain.explanation.section("Why")!.paragraphs.joined(separator: " ")
        #expect(why.contains("Beliefs about Capabilities vs Beliefs about Consequences"))
        #expect(domain.explanation.section("Definition")?.quotation?.text == TDFDomain.beliefsAboutCapabilities.definition)
        #expect(quiz.score.points == 0 && quiz.score.misses.count == 1 && quiz.score.misses[0].stages == [.component, .domain])
    }

    @Test("typos, ambiguous, empty and misplaced answers are asked again, not marked wrong")
    func retries() throws {
        var quiz = try session(startingWith: { $0.component == .reflectiveMotivation })
        let before = quiz.score
        guard case .retry(let message, let suggestions) = quiz.answer("reflectve motivaton") else { Issue.record("typo not retried"); return }
        #expect(message == "'reflectve motivaton' is not a COM-B component")
        #expect(suggestions.first == "Reflective motivation")
        guard case .retry(_, let both) = quiz.answer("motivation") else { Issue.record("ambiguous not retried"); return }
        #expect(Set(both) == ["Reflective motivation", "Automatic motivation"])
        guard case .retry(let empty, _) = quiz.answer("  ") else { Issue.record("empty not retried"); return }
        #expect(empty.hasPrefix("type a COM-B component"))
        guard case .retry(let misplaced, _) = quiz.answer("knowledge") else { Issue.record("domain at component stage not retried"); return }
        #expect(misplaced == "Knowledge is a TDF domain, asked next; first name the COM-B component")
        #expect(quiz.stage == .component && quiz.score == before)
        _ = quiz.answer("reflective")
        guard case .retry(_, let beliefs) = quiz.answer("beliefs") else { Issue.record("ambiguous domain not retried"); return }
        #expect(Set(beliefs) == ["Beliefs about Capabilities", "Beliefs about Consequences"])
        guard case .retry(let component, _) = quiz.answer("reflective motivation") else { Issue.record("component at domain stage not retried"); return }
        #expect(component.hasSuffix("now name the TDF domain"))
        guard case .retry(_, let typo) = quiz.answer("beleifs about consequnces") else { Issue.record("domain typo not retried"); return }
        #expect(typo.contains("Beliefs about Consequences"))
        #expect(quiz.stage == .domain)
    }

    @Test("domain aliases from the seed review are accepted", arguments: [
        (TDFDomain.emotion, "Emotions"), (.reinforcement, "Reinforcing behaviour"),
        (.socialProfessionalRoleAndIdentity, "Social/professional role/identity"),
        (.memoryAttentionAndDecisionProcesses, "memory, attention, and decision-making processes"), (.socialInfluences, "social influence"),
    ])
    func domainAliases(domain: TDFDomain, alias: String) throws {
        var quiz = try session(startingWith: { $0.domain == domain })
        _ = quiz.answer(quiz.current!.quote.component!.name)
        guard case .correct = quiz.answer(alias) else { Issue.record("\(alias) not accepted"); return }
    }

    @Test("under the standard mapping either motivation is accepted for role and identity; Skills and the seed mapping are exact")
    func mappingAmbiguity() throws {
        var standard = try session(startingWith: { $0.domain == .socialProfessionalRoleAndIdentity }, mapping: .standard)
        guard case .correct(let accepted) = standard.answer("automatic motivation") else { Issue.record("not accepted"); return }
        #expect(accepted.acceptedByMapping && accepted.expected == "Reflective motivation")
        #expect(accepted.explanation.title == "Accepted: Automatic motivation")
        #expect(accepted.explanation.allText.contains("The review coded Reflective motivation."))
        _ = standard.answer("spri")
        #expect(standard.score.acceptedByMapping == 1 && standard.score.componentsRight == 1)

        var seed = try session(startingWith: { $0.domain == .socialProfessionalRoleAndIdentity }, mapping: .seed)
        guard case .wrong = seed.answer("automatic motivation") else { Issue.record("seed mapping must be exact"); return }

        var skills = try session(startingWith: { $0.domain == .skills }, mapping: .standard)
        guard case .wrong = skills.answer("physical capability") else { Issue.record("skills must be exact"); return }
    }

    @Test("hints and skips: hints counted once per stage, skips count as not right")
    func hintsAndSkips() throws {
        var quiz = try session(startingWith: { $0.component == .automaticMotivation })
        guard case .hint(let hint) = quiz.answer("?") else { Issue.record("no hint"); return }
        #expect(hint == "It is about motivation: Reflective motivation or Automatic motivation?")
        _ = quiz.answer("hint")
        #expect(quiz.score.hints == 1)
        guard case .skipped(let skipped) = quiz.answer("skip") else { Issue.record("not skipped"); return }
        #expect(skipped.given == nil && skipped.explanation.title == "Skipped: the review coded Automatic motivation")
        guard case .hint(let domainHint) = quiz.answer("?") else { Issue.record("no hint"); return }
        #expect(domainHint == "The review coded it under Automatic motivation, which holds these domains in the seed mapping: Reinforcement or Emotion.")
        _ = quiz.answer(quiz.current!.quote.domain!.name)
        #expect(quiz.score.skipped == 1 && quiz.score.hints == 2 && quiz.score.points == 1 && quiz.score.bothRight == 0)
    }

    @Test("a full round: the final verdict carries the score; all right gives full marks, all wrong none")
    func finalScore() throws {
        var quiz = try session(5, seed: 11)
        var last: QuizVerdict?
        while let question = quiz.current {
            let answer = quiz.stage == .component ? question.quote.component!.name : question.quote.domain!.name
            guard case .correct(let verdict) = quiz.answer(answer) else { Issue.record("expected correct"); return }
            last = verdict
        }
        #expect(last?.finalScore == quiz.score)
        #expect(quiz.score.points == 10 && quiz.score.maxPoints == 10 && quiz.score.bothRight == 5 && quiz.score.misses.isEmpty)
        #expect(quiz.score.summary == "10 of 10 points: components 5 of 5, domains 5 of 5; both right on 5 questions")
        #expect(quiz.current == nil && quiz.prompt == nil && quiz.choices.isEmpty)

        var wrong = try session(5, seed: 11)
        while let question = wrong.current {
            let answer: String
            if wrong.stage == .component { answer = question.quote.component == .physicalCapability ? "social opportunity" : "physical capability" }
            else { answer = question.quote.domain == .intentions ? "goals" : "intentions" }
            guard case .wrong = wrong.answer(answer) else { Issue.record("expected wrong"); return }
        }
        #expect(wrong.score.points == 0 && wrong.score.misses.count == 5)
        #expect(wrong.score.explanation.section("Worth another look")!.items.count == 5)
    }

    @Test("stopping early counts only completed questions")
    func stopEarly() throws {
        var quiz = try session(5, seed: 3)
        _ = quiz.answer(quiz.current!.quote.component!.name)
        _ = quiz.answer(quiz.current!.quote.domain!.name)
        _ = quiz.answer(quiz.current!.quote.component!.name)
        guard case .finished(let score) = quiz.answer("quit") else { Issue.record("quit did not finish"); return }
        #expect(score.completed == 1 && score.points == 2 && score.componentsRight == 1)
        #expect(score.summary.contains("(stopped after 1 of 5)"))
        #expect(quiz.isFinished)
    }

    @Test("the question shows the quote with its direction and hides the coding")
    func questionDisplay() throws {
        let quiz = try session(startingWith: { $0.id == 14 })
        let question = quiz.current!
        #expect(question.header == "Question 1 of 1 \u{00B7} Q14, (43), p. 318 \u{00B7} a barrier")
        let text = question.explanation.allText
        #expect(text.contains(question.quote.text))
        #expect(!text.contains("Reflective") && !text.contains("Identity"))
    }
}
