/// One step of the guided lesson: a title, narrative in the project's own words, and the shell commands it runs.
public struct TutorialStep: Sendable, Equatable, Codable {
    /// The step's number, 1-based.
    public let number: Int
    /// The step's title ("Coding a quote").
    public let title: String
    /// What the learner should know before the commands run, in paragraphs.
    public let narrative: [String]
    /// The shell commands the step runs and shows, in order, written for the embedded review.
    public let commands: [String]
    /// Something for the learner to try next on their own (a command line or a question), if any.
    public let exercise: String?

    /// "Step 3 of 6: Coding a quote".
    public var header: String { "Step \(number) of \(Tutorial.steps.count): \(title)" }

    /// The commands adjusted to a workspace: the practice quote's id becomes the workspace's next free quote id.
    ///
    /// The steps are written for the embedded review, whose next free id is Q47; a workspace with more or
    /// fewer quotes gets its own next id so that `code` and `quote` reach the quote just added.
    public func commands(for workspace: Workspace) -> [String] {
        let label = "Q\(workspace.nextQuoteID)"
        guard label != Tutorial.practiceQuoteLabel else { return commands }
        return commands.map { command in
            command.split(separator: " ", omittingEmptySubsequences: false)
                .map { $0 == Tutorial.practiceQuoteLabel ? label : String($0) }
                .joined(separator: " ")
        }
    }

    /// The step as an explanation (narrative, then the commands to run, then the exercise), for text, markdown or JSON.
    public func explanation(for workspace: Workspace? = nil) -> Explanation {
        var sections = [Explanation.Section(heading: "About this step", paragraphs: narrative)]
        sections.append(Explanation.Section(
            heading: "Commands",
            paragraphs: ["The tutorial runs these for you; type them yourself to repeat them."],
            items: workspace.map(commands(for:)) ?? commands))
        if let exercise { sections.append(Explanation.Section(heading: "Try it", paragraphs: [exercise])) }
        let next = number < Tutorial.steps.count ? "tutorial next" : "quiz 5"
        return Explanation(title: header, sections: sections, seeAlso: [next] + (number > 1 ? ["tutorial back"] : []))
    }
}

/// The guided lesson behind `tutorial`: COM-B, the TDF domains, coding a quote, reading the matrix, CASP, agreement.
///
/// Every step runs real commands on the workspace, so the numbers the learner sees are the review's own.
/// The commands use only `explain`, `domains`, `themes`, `quotes`, `quote`, `matrix`, `casp`, `bands`,
/// `studies`, `study`, `kappa`, `add quote`, `code` and `undo`.
public enum Tutorial {
    /// The id the coding step gives its practice quote in the embedded review (46 quotes, so the next is Q47).
    public static let practiceQuoteLabel = "Q47"

    /// The invented practice quote the coding step adds and then removes again (it is not from any study).
    public static let practiceQuote = "Nobody on the ward had heard of peer workers, so none of the staff ever thought to refer anyone to me."

    /// The lesson's steps, in order.
    public static let steps: [TutorialStep] = [
        TutorialStep(
            number: 1, title: "COM-B: capability, opportunity, motivation",
            narrative: [
                "A systematic review of barriers and facilitators needs a way to sort what participants say. COM-B gives the first cut: for a behaviour to happen, people need the capability to do it, the opportunity to do it, and the motivation to do it. Each of the three has two components, so every coded quote lands in one of six boxes.",
                "The behaviour in this review is people with lived experience of mental health conditions taking part in mental health services as peers. Start with the model's definitions, then count how the review's quotes spread over the six components.",
            ],
            commands: ["explain com-b", "quotes group by component count"],
            exercise: "Which component has the most quotes, and which has none? Try 'explain physical-capability' to see why an empty component is still worth reporting."),
        TutorialStep(
            number: 2, title: "The 14 TDF domains",
            narrative: [
                "The Theoretical Domains Framework splits the six components into 14 domains, such as Knowledge, Skills or Social Influences. Each domain has a published definition and a list of theoretical constructs; the review used them to name what each quote is about.",
                "'domains' lists them with their counts; 'explain' gives one domain in full, with the definition, its constructs, where it sits in COM-B and what the review found there. Then list the knowledge barriers the review coded.",
            ],
            commands: ["domains", "explain knowledge", "quotes where domain = knowledge and direction = barrier"],
            exercise: "Three domains have no quotes in this review. Find them in the output of 'domains' and read one of them with 'explain'."),
        TutorialStep(
            number: 3, title: "Coding a quote",
            narrative: [
                "Coding means deciding, for one quote, whether it describes a barrier or a facilitator, which COM-B component it belongs to and which TDF domain. Read the quote first and ask what it is about, not which words it uses: a quote that mentions 'skills' may really be about confidence.",
                "Here is a coded quote from the review, and then the same steps on an invented practice quote: add it, code it as a knowledge barrier (staff did not know the role existed), look at it, and undo both changes so the review is left as it was.",
            ],
            commands: ["quote Q21", "explain skills", "add quote \"\(practiceQuote)\"",
                       "code \(practiceQuoteLabel) domain=knowledge direction=barrier", "quote \(practiceQuoteLabel)", "undo", "undo"],
            exercise: "Code this invented quote in your head: 'I was never offered any training for the role.' Which direction, component and domain? Then compare with the review's coding of a similar quote: 'quote Q4'."),
        TutorialStep(
            number: 4, title: "Reading the matrix",
            narrative: [
                "The matrix crosses COM-B components (rows) with TDF domains (columns) and counts quotes in each cell. It shows at a glance where the evidence is thick, where it is thin, and which domains are empty. An empty column is a finding: either the studies did not report that influence, or the coders did not see it.",
                "'matrix study' crosses studies with domains. In the embedded review no quote is linked to a study yet: the text gives each quote a reference number, not a study, so this matrix stays empty until quotes are attributed. Sub-themes ('themes') sit between the matrix and the quotes.",
            ],
            commands: ["matrix", "matrix study", "themes where domain = ecr", "quotes where component = automatic-motivation"],
            exercise: "Which row of the matrix is empty? Read 'explain physical-capability', then count the facilitators in one cell: 'quotes where domain = ecr and direction = facilitator count'."),
        TutorialStep(
            number: 5, title: "Appraising a study with CASP",
            narrative: [
                "Before trusting a study's findings, a reviewer appraises it. The CASP qualitative checklist asks ten questions about aims, design, recruitment, data, reflexivity, ethics, analysis, findings and value. The review answered them for all 33 studies and turned the answers into a score out of 10.",
                "Look at the table, then at the question the studies most often failed, then at one study in detail. The quality bands sort totals into high, moderate and low; note that the review's own cut-offs leave some totals in no band.",
            ],
            commands: ["explain casp", "casp", "casp questions", "explain casp q6", "study S06", "bands", "studies where casp >= 8.5"],
            exercise: "Pick a study scored low on Q6 and say what its authors would have had to report for a yes."),
        TutorialStep(
            number: 6, title: "Agreement between reviewers",
            narrative: [
                "Coding and screening are judgements, so reviews check that more than one person makes them the same way. Kappa measures agreement beyond chance: 1 is perfect, 0 is what chance alone would give. The review reports Fleiss' kappa for three people screening titles and abstracts.",
                "Read what the number means, then compute two textbook examples: Cohen's kappa for two raters (a 2 \u{00D7} 2 table of counts) and Fleiss' kappa for 14 raters sorting 10 subjects into 5 categories (one row of counts per subject).",
            ],
            commands: ["explain kappa", "kappa cohen counts \"20,5; 10,15\"",
                       "kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6; 0,3,9,2,0; 2,2,8,1,1; 7,7,0,0,0; 3,2,6,3,0; 2,5,3,2,2; 6,5,2,1,0; 0,2,2,3,7\""],
            exercise: "Change the Cohen table to \"25,0; 0,25\" and then to \"25,25; 0,0\". What happens to kappa, and why? When you are done, test yourself with 'quiz 5'."),
    ]
}

/// How far a learner has got in the tutorial: the current step, kept in the session and in snapshots.
public struct TutorialProgress: Sendable, Equatable {
    /// The snapshot settings key that stores the progress.
    public static let settingsKey = "tutorial.step"

    /// The current step's index in ``Tutorial/steps`` (0-based).
    public private(set) var index: Int

    /// Starts at the first step.
    public init() { index = 0 }

    /// Starts at a step number (1-based).
    /// - Throws: ``ReviewError`` when the number is not a step.
    public init(step number: Int) throws(ReviewError) {
        index = 0
        try go(to: number)
    }

    /// Restores progress from its settings value (the step number, e.g. "3").
    /// - Throws: ``ReviewError`` when the value is not a step number.
    public init(encoded: String) throws(ReviewError) {
        let text = String(encoded.filter { !$0.isWhitespace })
        guard let number = Int(text) else {
            throw ReviewError("tutorial step '\(encoded)' is not a number", notes: ["expected 1 to \(Tutorial.steps.count)"])
        }
        try self.init(step: number)
    }

    /// The settings value: the current step number ("3").
    public var encoded: String { String(number) }

    /// The current step number, 1-based.
    public var number: Int { index + 1 }

    /// The current step.
    public var step: TutorialStep { Tutorial.steps[index] }

    /// Whether the current step is the first.
    public var isAtStart: Bool { index == 0 }

    /// Whether the current step is the last.
    public var isAtEnd: Bool { index == Tutorial.steps.count - 1 }

    /// Moves to the next step; returns false (and stays) at the last step.
    @discardableResult
    public mutating func next() -> Bool {
        guard !isAtEnd else { return false }
        index += 1
        return true
    }

    /// Moves to the previous step; returns false (and stays) at the first step.
    @discardableResult
    public mutating func back() -> Bool {
        guard !isAtStart else { return false }
        index -= 1
        return true
    }

    /// Moves to a step number (1-based).
    /// - Throws: ``ReviewError`` when the number is out of range (the progress is unchanged).
    public mutating func go(to number: Int) throws(ReviewError) {
        guard (1...Tutorial.steps.count).contains(number) else {
            throw ReviewError("the tutorial has steps 1 to \(Tutorial.steps.count); got \(number)",
                              notes: Tutorial.steps.map { "\($0.number). \($0.title)" })
        }
        index = number - 1
    }

    /// Applies a `tutorial` argument and returns the step to show: "" (the current step), "next", "back",
    /// "start"/"restart", "end", or a step number.
    /// - Throws: ``ReviewError`` for anything else, or past either end ("that was the last step").
    public mutating func apply(_ argument: String) throws(ReviewError) -> TutorialStep {
        let word = TextFolding.nameKey(argument)
        switch word {
        case "", "current", "again", "repeat": break
        case "next", "n", "forward":
            guard next() else { throw ReviewError("this is the last step (\(number) of \(Tutorial.steps.count))", notes: ["try 'quiz 5' to test yourself, or 'tutorial 1' to start again"]) }
        case "back", "b", "previous", "prev":
            guard back() else { throw ReviewError("this is the first step", notes: ["'tutorial next' moves on"]) }
        case "start", "restart", "first", "begin": index = 0
        case "end", "last": index = Tutorial.steps.count - 1
        default:
            let digits = word.hasPrefix("step ") ? String(word.dropFirst(5)) : word
            guard let number = Int(digits) else {
                throw ReviewError("unknown tutorial argument '\(argument)'",
                                  notes: ["use: tutorial, tutorial next, tutorial back, tutorial N (1 to \(Tutorial.steps.count)), tutorial restart"])
            }
            try go(to: number)
        }
        return step
    }

    /// The arguments `tutorial` accepts, for completion.
    public static let arguments = ["next", "back", "restart"] + Tutorial.steps.map { String($0.number) }
}
