/// What a quiz can be restricted to: a COM-B source, a component or a TDF domain.
public enum QuizTopic: Sendable, Hashable {
    /// Quotes coded to either component of a source.
    case source(COMBComponent.Source)
    /// Quotes coded to a component.
    case component(COMBComponent)
    /// Quotes coded to a domain.
    case domain(TDFDomain)

    /// The display name ("Knowledge", "Capability").
    public var name: String {
        switch self {
        case .source(let source): source.name
        case .component(let component): component.name
        case .domain(let domain): domain.name
        }
    }

    /// Whether a quote's coding falls under this topic.
    public func includes(_ quote: Quote) -> Bool {
        switch self {
        case .source(let source): quote.component?.source == source
        case .component(let component): quote.component == component
        case .domain(let domain): quote.domain == domain
        }
    }

    /// Resolves a typed source, component or domain (any alias, or an unambiguous prefix).
    /// - Throws: ``ReviewError`` for an unknown or ambiguous name, with suggestions.
    public static func resolve(_ text: String) throws(ReviewError) -> QuizTopic {
        switch matcher.resolve(text) {
        case .found(let topic): return topic
        case .ambiguous(let names):
            throw ReviewError("'\(text)' could mean \(Explainer.joined(names.map { "'\($0)'" }))", notes: ["type more of the name"])
        case .unknown(let suggestions):
            var notes: [String] = []
            if !suggestions.isEmpty { notes.append("did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?") }
            notes.append("a quiz can be limited to capability, opportunity, motivation, a COM-B component or a TDF domain")
            throw ReviewError("'\(text)' is not a COM-B component or TDF domain", notes: notes)
        }
    }

    /// Reads topics from words, taking the longest run of words that names one ("social influences", "knowledge skills").
    /// - Throws: ``ReviewError`` for words that name no topic.
    public static func resolve(words: [String]) throws(ReviewError) -> [QuizTopic] {
        var topics: [QuizTopic] = []
        var start = 0
        while start < words.count {
            var matched = false
            // A topic name is at most a few words ("Memory, Attention and Decision Processes"): trying every
            // longer phrase made thousands of words cubic (fuzzing: a 38 KB 'quiz' line ran over a minute).
            for end in stride(from: min(words.count, start + 8), to: start, by: -1) {
                let phrase = words[start..<end].joined(separator: " ")
                if case .found(let topic) = matcher.resolve(phrase) {
                    if !topics.contains(topic) { topics.append(topic) }
                    start = end
                    matched = true
                    break
                }
            }
            if !matched { _ = try resolve(words[start]) ; start += 1 }
        }
        return topics
    }

    static let matcher: NameMatcher<QuizTopic> = {
        var items: [(display: String, aliases: [String], value: QuizTopic)] = []
        items += COMBComponent.Source.allCases.map { ($0.name, [$0.rawValue + "s"], .source($0)) }
        items += COMBComponent.allCases.map { ($0.name, $0.aliases + [$0.slug], .component($0)) }
        items += TDFDomain.allCases.map { ($0.name, $0.aliases + [$0.slug], .domain($0)) }
        return NameMatcher(items)
    }()
}

/// The two questions asked about each quote, in order.
public enum QuizStage: String, Sendable, Codable, CaseIterable {
    /// Which COM-B component?
    case component
    /// Which TDF domain?
    case domain
}

/// One quote being asked about: its place in the round and the quote itself.
public struct QuizQuestion: Sendable, Equatable {
    /// The question's number in the round, 1-based.
    public let number: Int
    /// The number of questions in the round.
    public let total: Int
    /// The coded quote (its coding is the answer: show only its text, label, citation and direction).
    public let quote: Quote

    /// "Question 2 of 5 · Q14, (43), p. 318 · a barrier".
    public var header: String {
        var parts = ["Question \(number) of \(total)", quote.citation.isEmpty ? quote.label : "\(quote.label), \(quote.citation)"]
        if let direction = quote.direction { parts.append(direction == .barrier ? "a barrier" : "a facilitator") }
        return parts.joined(separator: " \u{00B7} ")
    }

    /// The question as an explanation: the header (label, citation, direction) and the quote; the coding stays hidden.
    public var explanation: Explanation {
        Explanation(title: header, sections: [Explanation.Section(heading: "Quote", paragraphs: [quote.text])])
    }
}

/// The outcome of one answered (or skipped) stage, with the review's coding and the reasons.
public struct QuizVerdict: Sendable, Equatable {
    /// The stage that was answered.
    public let stage: QuizStage
    /// The question it belongs to.
    public let question: QuizQuestion
    /// The answer as resolved (display name); nil when skipped.
    public let given: String?
    /// The review's coding for this stage (display name).
    public let expected: String
    /// Whether the answer counts as right.
    public let isCorrect: Bool
    /// Whether it counts as right only because the mapping in use places the quote's domain under it too.
    public let acceptedByMapping: Bool
    /// The feedback to show: the review's coding, the definition, the sub-theme (after the domain stage) and why.
    public let explanation: Explanation
    /// The final score, when this verdict ended the round.
    public let finalScore: QuizScore?
}

/// What the quiz says back to an answer.
public enum QuizFeedback: Sendable, Equatable {
    /// The answer was empty, unknown, a typo or ambiguous: ask again (not marked wrong).
    case retry(message: String, suggestions: [String])
    /// A hint for the current stage (asked with "hint" or "?").
    case hint(String)
    /// The answer is right.
    case correct(QuizVerdict)
    /// The answer is wrong.
    case wrong(QuizVerdict)
    /// The stage was skipped (counts as not right); the verdict shows the review's coding.
    case skipped(QuizVerdict)
    /// The round is over (after "quit", or any answer once it has ended).
    case finished(QuizScore)
}

/// A quote the learner did not get fully right.
public struct QuizMiss: Sendable, Equatable, Codable {
    /// The quote's label ("Q14").
    public let label: String
    /// The review's component.
    public let component: COMBComponent
    /// The review's domain.
    public let domain: TDFDomain
    /// The stages not answered right.
    public let stages: [QuizStage]
}

/// The score of a round.
public struct QuizScore: Sendable, Equatable, Codable {
    /// Questions in the round.
    public var questions: Int
    /// Questions whose two stages were both answered or skipped.
    public var completed: Int = 0
    /// Component stages answered right (including answers accepted by the mapping).
    public var componentsRight: Int = 0
    /// Domain stages answered right.
    public var domainsRight: Int = 0
    /// Questions with both stages right.
    public var bothRight: Int = 0
    /// Stages skipped.
    public var skipped: Int = 0
    /// Hints asked for (at most one counted per stage).
    public var hints: Int = 0
    /// Component answers accepted because the mapping in use places the quote's domain under that component too.
    public var acceptedByMapping: Int = 0
    /// Quotes with a stage not answered right, in the order asked.
    public var misses: [QuizMiss] = []

    /// Creates an empty score for a round of `questions`.
    public init(questions: Int) { self.questions = questions }

    /// Points: one per right stage.
    public var points: Int { componentsRight + domainsRight }

    /// The most points the completed questions could give.
    public var maxPoints: Int { 2 * completed }

    /// "7 of 10 points: components 4 of 5, domains 3 of 5; both right on 3 questions".
    public var summary: String {
        var text = "\(points) of \(maxPoints) points: components \(componentsRight) of \(completed), domains \(domainsRight) of \(completed); both right on \(ReviewFindings.plural(bothRight, "question"))"
        if completed < questions { text += " (stopped after \(completed) of \(questions))" }
        var extras: [String] = []
        if skipped > 0 { extras.append("\(skipped) skipped") }
        if hints > 0 { extras.append(ReviewFindings.plural(hints, "hint")) }
        if acceptedByMapping > 0 { extras.append("\(acceptedByMapping) accepted under the mapping") }
        if !extras.isEmpty { text += "; " + extras.joined(separator: ", ") }
        return text
    }

    /// The score as an explanation, with what to read again for each miss.
    public var explanation: Explanation {
        var sections = [Explanation.Section(heading: "Score", paragraphs: [summary.prefix(1).uppercased() + summary.dropFirst() + "."])]
        if !misses.isEmpty {
            sections.append(Explanation.Section(
                heading: "Worth another look",
                items: misses.map { "\($0.label): \($0.component.name), \($0.domain.name) (explain \($0.domain.slug))" }))
        }
        return Explanation(title: "Quiz finished", sections: sections, seeAlso: ["quiz", "tutorial", "explain"])
    }
}

/// A quiz round: shows coded quotes one at a time and asks for the COM-B component, then the TDF domain.
///
/// Rules:
/// - Answers may be any alias or an unambiguous prefix of a name; empty, unknown, misspelt or ambiguous answers
///   are asked again (``QuizFeedback/retry(message:suggestions:)``), never marked wrong. "hint" or "?" gives a
///   hint, "skip" skips the stage, "quit" ends the round.
/// - The domain is judged exactly against the review's coding.
/// - The component is judged exactly, except where the mapping in use places the quote's coded domain under
///   two components without distinguishing them (Social/Professional Role and Identity and Optimism under both
///   motivations in the standard mapping): then either of those components is accepted, and the feedback says
///   which one the review chose. Skills is split by kind of skill in both mappings, so it is judged exactly, as is
///   every component under the seed mapping.
/// - Quotes are drawn without repetition in an order fixed by the seed (SplitMix64 and a Fisher–Yates shuffle).
public struct QuizSession: Sendable {
    /// Questions in a round when no count is given.
    public static let defaultCount = 10

    /// The seed that fixed the order of the questions.
    public let seed: UInt64
    /// The mapping used to judge components and to explain placements.
    public let mapping: DomainMapping
    /// The topics the round is limited to (empty: all coded quotes).
    public let topics: [QuizTopic]
    /// The quotes asked, in order.
    public let quotes: [Quote]
    /// A remark about the round, e.g. that fewer quotes matched than were asked for.
    public let note: String?
    /// The score of the completed questions (a question counts once its domain is answered or skipped).
    public private(set) var score: QuizScore
    /// The index of the current question in ``quotes`` (equal to the count when finished).
    public private(set) var index = 0
    /// The current stage; nil when the round is over.
    public private(set) var stage: QuizStage? = .component

    private let workspace: Workspace
    private var pending: (right: Bool, accepted: Bool, skipped: Bool)?
    private var missedStages: [QuizStage] = []
    private var hinted = false

    /// Starts a round over the workspace's coded quotes.
    ///
    /// - Parameters:
    ///   - count: Questions in the round; nil means ``defaultCount``. A count above the number of matching
    ///     quotes is reduced to it (see ``note``).
    ///   - topics: Limit the round to quotes under any of these (empty: every coded quote).
    ///   - seed: Fixes the order; the same seed and workspace give the same quiz.
    /// - Throws: ``ReviewError`` when the count is below 1 or no coded quote matches.
    public init(workspace: Workspace, mapping: DomainMapping = .seed, count: Int? = nil,
                restrictTo topics: [QuizTopic] = [], seed: UInt64) throws(ReviewError) {
        if let count, count < 1 { throw ReviewError("a quiz needs at least 1 question; got \(count)") }
        let finder = ReviewFindings(workspace: workspace)
        let coded = finder.quotes.filter { $0.component != nil && $0.domain != nil }
        let eligible = topics.isEmpty ? coded : coded.filter { quote in topics.contains { $0.includes(quote) } }
        guard !eligible.isEmpty else {
            if coded.isEmpty { throw ReviewError("there are no coded quotes to ask about", notes: ["code quotes with a component and a domain first"]) }
            throw ReviewError("no coded quotes under \(Explainer.joined(topics.map(\.name)))",
                              notes: ["domains with quotes: " + TDFDomain.allCases.filter { d in coded.contains { $0.domain == d } }.map(\.slug).joined(separator: ", ")])
        }
        var generator = SplitMix64(seed: seed)
        let wanted = count ?? Self.defaultCount
        let chosen = Array(generator.shuffled(eligible).prefix(wanted))
        self.workspace = workspace
        self.seed = seed
        self.mapping = mapping
        self.topics = topics
        quotes = chosen
        score = QuizScore(questions: chosen.count)
        if let count, count > eligible.count {
            note = "only \(ReviewFindings.plural(eligible.count, "coded quote")) match, so the quiz has \(ReviewFindings.plural(eligible.count, "question"))"
        } else {
            note = nil
        }
    }

    /// Starts a round limited to topics typed as text (sources, components or domains, any alias).
    /// - Throws: ``ReviewError`` for an unknown topic, a count below 1, or no matching quotes.
    public init(workspace: Workspace, mapping: DomainMapping = .seed, count: Int? = nil, topics terms: [String], seed: UInt64) throws(ReviewError) {
        var topics: [QuizTopic] = []
        for term in terms {
            let topic = try QuizTopic.resolve(term)
            if !topics.contains(topic) { topics.append(topic) }
        }
        try self.init(workspace: workspace, mapping: mapping, count: count, restrictTo: topics, seed: seed)
    }

    /// Parses the arguments of `quiz [N] [COMPONENT|DOMAIN…] [--seed S]`.
    /// - Throws: ``ReviewError`` for a bad count, a bad seed, or words that name no topic.
    public static func parseArguments(_ text: String) throws(ReviewError) -> (count: Int?, topics: [QuizTopic], seed: UInt64?) {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        var seed: UInt64?
        if let position = words.firstIndex(where: { $0 == "--seed" || $0.hasPrefix("--seed=") }) {
            var value = words[position].hasPrefix("--seed=") ? String(words[position].dropFirst(7)) : nil
            if value == nil {
                guard position + 1 < words.count else { throw ReviewError("--seed needs a number, e.g. '--seed 42'") }
                value = words[position + 1]
                words.remove(at: position + 1)
            }
            words.remove(at: position)
            guard let parsed = UInt64(value!) else {
                throw ReviewError("seed '\(value!)' must be a whole number from 0 to \(UInt64.max)")
            }
            seed = parsed
        }
        var count: Int?
        if let first = words.first, first.allSatisfy(\.isNumber) {
            guard let parsed = Int(first) else { throw ReviewError("'\(first)' is too many questions") }
            guard parsed >= 1 else { throw ReviewError("a quiz needs at least 1 question; got \(parsed)") }
            count = parsed
            words.removeFirst()
        }
        return (count, try QuizTopic.resolve(words: words), seed)
    }

    /// Whether the round is over.
    public var isFinished: Bool { stage == nil }

    /// The question being asked; nil when the round is over.
    public var current: QuizQuestion? {
        guard !isFinished, index < quotes.count else { return nil }
        return QuizQuestion(number: index + 1, total: quotes.count, quote: quotes[index])
    }

    /// The prompt for the current stage ("Question 2 of 5: which COM-B component?"); nil when the round is over.
    public var prompt: String? {
        guard let stage, let current else { return nil }
        return "Question \(current.number) of \(current.total): " + (stage == .component ? "which COM-B component?" : "which TDF domain?")
    }

    /// The valid answers for the current stage (display names), for completion; empty when the round is over.
    public var choices: [String] {
        switch stage {
        case .component: COMBComponent.allCases.map(\.name)
        case .domain: TDFDomain.allCases.map(\.name)
        case nil: []
        }
    }

    /// Words that are not answers but are understood at every stage.
    public static let commands = ["hint", "?", "skip", "quit"]

    /// Ends the round now and returns the score (a question whose domain was not yet answered is not counted).
    @discardableResult
    public mutating func stop() -> QuizScore {
        stage = nil
        pending = nil
        return score
    }

    /// Answers the current stage.
    public mutating func answer(_ text: String) -> QuizFeedback {
        guard let stage, let question = current else { return .finished(score) }
        let key = TextFolding.nameKey(text)
        switch key {
        case "":
            return .retry(message: stage == .component ? "type a COM-B component ('hint' for a hint, 'skip' to pass)" : "type a TDF domain ('hint' for a hint, 'skip' to pass)", suggestions: choices)
        case "?", "hint", "h", "help":
            if !hinted { score.hints += 1; hinted = true }
            return .hint(hint(for: question.quote, stage: stage))
        case "skip", "pass", "dont know", "don't know", "i dont know", "i don't know":
            return .skipped(record(stage: stage, question: question, given: nil, right: false, accepted: false))
        case "quit", "stop", "exit", "end":
            return .finished(stop())
        default: break
        }
        switch stage {
        case .component: return answerComponent(text, question)
        case .domain: return answerDomain(text, question)
        }
    }

    // MARK: - Judging

    private mutating func answerComponent(_ text: String, _ question: QuizQuestion) -> QuizFeedback {
        let coded = question.quote.component!, domain = question.quote.domain!
        switch Framework.components.resolve(text) {
        case .found(let given):
            let accepted = given != coded && acceptsEither(given, coded, for: domain)
            let right = given == coded || accepted
            let verdict = record(stage: .component, question: question, given: given.name, right: right, accepted: accepted)
            return right ? .correct(verdict) : .wrong(verdict)
        case .ambiguous(let names):
            return .retry(message: "'\(text)' could be \(Explainer.joined(names)); which one?", suggestions: names)
        case .unknown(let suggestions):
            if case .found(let domain) = Framework.domains.resolve(text) {
                return .retry(message: "\(domain.name) is a TDF domain, asked next; first name the COM-B component", suggestions: choices)
            }
            return .retry(message: "'\(text)' is not a COM-B component", suggestions: suggestions.isEmpty ? choices : suggestions)
        }
    }

    private mutating func answerDomain(_ text: String, _ question: QuizQuestion) -> QuizFeedback {
        let coded = question.quote.domain!
        switch Framework.domains.resolve(text) {
        case .found(let given):
            let verdict = record(stage: .domain, question: question, given: given.name, right: given == coded, accepted: false)
            return given == coded ? .correct(verdict) : .wrong(verdict)
        case .ambiguous(let names):
            return .retry(message: "'\(text)' could be \(Explainer.joined(names)); which one?", suggestions: names)
        case .unknown(let suggestions):
            if case .found(let component) = Framework.components.resolve(text) {
                return .retry(message: "\(component.name) is a COM-B component; now name the TDF domain", suggestions: choices)
            }
            return .retry(message: "'\(text)' is not a TDF domain", suggestions: suggestions.isEmpty ? choices : suggestions)
        }
    }

    /// Whether the mapping in use places `domain` under both components without telling them apart (no qualifier).
    private func acceptsEither(_ given: COMBComponent, _ coded: COMBComponent, for domain: TDFDomain) -> Bool {
        mapping.allows(given, domain) && mapping.allows(coded, domain)
            && mapping.qualifier(given, domain) == nil && mapping.qualifier(coded, domain) == nil
    }

    /// Records a stage's result, advances, and builds the verdict.
    private mutating func record(stage: QuizStage, question: QuizQuestion, given: String?, right: Bool, accepted: Bool) -> QuizVerdict {
        let quote = question.quote
        if !right { missedStages.append(stage) }
        hinted = false
        switch stage {
        case .component:
            // Counted when the question completes, so that stopping half-way leaves no partial points.
            pending = (right, accepted, given == nil)
            self.stage = .domain
        case .domain:
            if let pending {
                if pending.right { score.componentsRight += 1 }
                if pending.accepted { score.acceptedByMapping += 1 }
                if pending.skipped { score.skipped += 1 }
            }
            if given == nil { score.skipped += 1 }
            if right { score.domainsRight += 1 }
            if right && pending?.right == true { score.bothRight += 1 }
            pending = nil
            score.completed += 1
            if !missedStages.isEmpty {
                score.misses.append(QuizMiss(label: quote.label, component: quote.component!, domain: quote.domain!, stages: missedStages))
            }
            missedStages = []
            index += 1
            self.stage = index < quotes.count ? .component : nil
        }
        let explanation = stage == .component
            ? componentExplanation(quote, given: given, right: right, accepted: accepted)
            : domainExplanation(quote, given: given, right: right)
        return QuizVerdict(stage: stage, question: question, given: given,
                           expected: stage == .component ? quote.component!.name : quote.domain!.name,
                           isCorrect: right, acceptedByMapping: accepted, explanation: explanation,
                           finalScore: isFinished ? score : nil)
    }

    private func hint(for quote: Quote, stage: QuizStage) -> String {
        let component = quote.component!
        switch stage {
        case .component:
            return "It is about \(component.source.name.lowercased()): \(Explainer.joined(component.source.components.map(\.name)).replacingLast(" and ", with: " or "))?"
        case .domain:
            let domains = mapping.domains(of: component).map(\.name)
            return "The review coded it under \(component.name), which holds \(domains.count == 1 ? "one domain" : "these domains") in the \(mapping.rawValue) mapping: \(Explainer.joined(domains).replacingLast(" and ", with: " or "))."
        }
    }

    // MARK: - Feedback

    private func componentExplanation(_ quote: Quote, given: String?, right: Bool, accepted: Bool) -> Explanation {
        let coded = quote.component!
        let givenComponent = given.flatMap { name in COMBComponent.allCases.first { $0.name == name } }
        let title: String
        if accepted { title = "Accepted: \(given!)" }
        else if right { title = "Right: \(coded.name)" }
        else if given == nil { title = "Skipped: the review coded \(coded.name)" }
        else { title = "Not quite: the review coded \(coded.name)" }
        var why = ["\(coded.name) covers \(coded.summary)."]
        if accepted, let givenComponent {
            why.append("The review coded \(coded.name). Under the \(Explainer.label(mapping)) this quote's domain (asked next) sits under both \(coded.name.lowercased()) and \(givenComponent.name.lowercased()), so \(givenComponent.name) is accepted too.")
        } else if !right, let givenComponent {
            why.append("You answered \(givenComponent.name), which covers \(givenComponent.summary).")
            if givenComponent.source == coded.source { why.append(CodingGuidance.contrast(coded)) }
        }
        return Explanation(
            title: title,
            summary: "\(quote.label) \u{00B7} \(quote.direction?.slug ?? "no direction") \u{00B7} component",
            sections: [
                Explanation.Section(
                    heading: "Definition",
                    quotation: .init(text: coded.source.definition, source: COMBComponent.Source.definitionSource),
                    paragraphs: ["The published definition is of \(coded.source.name.lowercased()) as a whole."]),
                Explanation.Section(heading: "Why", paragraphs: why, items: CodingGuidance.cues(coded)),
            ],
            seeAlso: ["explain \(coded.slug)"] + (givenComponent.map { $0 != coded ? ["explain \($0.slug)"] : [] } ?? []))
    }

    private func domainExplanation(_ quote: Quote, given: String?, right: Bool) -> Explanation {
        let coded = quote.domain!, component = quote.component!
        let givenDomain = given.flatMap { name in TDFDomain.allCases.first { $0.name == name } }
        let title: String
        if right { title = "Right: \(coded.name)" }
        else if given == nil { title = "Skipped: the review coded \(coded.name)" }
        else { title = "Not quite: the review coded \(coded.name)" }
        var coding = ["Quote: \(quote.citation.isEmpty ? quote.label : "\(quote.label), \(quote.citation)")",
                      "Direction: \(quote.direction?.slug ?? "not coded")",
                      "Component: \(component.name)",
                      "Domain: \(coded.name)"]
        let theme = quote.subTheme.flatMap { workspace.subTheme($0) }
        if let theme { coding.append("Sub-theme: \(theme.code) \(theme.label)") }
        var why: [String] = []
        if let theme { why.append("The review grouped this quote under \u{2018}\(theme.label)\u{2019}.") }
        why.append("\(coded.name) is about \(CodingGuidance.focus(coded)).")
        if !right, let givenDomain {
            why.append("You answered \(givenDomain.name), which is about \(CodingGuidance.focus(givenDomain)).")
            if let advice = CodingGuidance.confusion(between: coded, and: givenDomain) { why.append(advice) }
        }
        why.append("Under the \(Explainer.label(mapping)) \(coded.name) sits under \(Explainer.placement(coded, mapping)).")
        return Explanation(
            title: title,
            summary: "\(quote.label) \u{00B7} \(quote.direction?.slug ?? "no direction") \u{00B7} domain",
            sections: [
                Explanation.Section(heading: "The review's coding", items: coding),
                Explanation.Section(heading: "Definition", quotation: .init(text: coded.definition, source: TDFDomain.definitionSource)),
                Explanation.Section(heading: "Why", paragraphs: why),
            ],
            seeAlso: ["explain \(coded.slug)"] + (givenDomain.map { $0 != coded ? ["explain \($0.slug)"] : [] } ?? []))
    }
}

extension String {
    /// The string with its last occurrence of `target` replaced ("a, b and c" → "a, b or c").
    func replacingLast(_ target: String, with replacement: String) -> String {
        let characters = Array(self), pattern = Array(target)
        guard !pattern.isEmpty, characters.count >= pattern.count else { return self }
        for start in stride(from: characters.count - pattern.count, through: 0, by: -1)
        where Array(characters[start..<(start + pattern.count)]) == pattern {
            return String(characters[..<start]) + replacement + String(characters[(start + pattern.count)...])
        }
        return self
    }
}
