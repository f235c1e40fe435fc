import Foundation
@testable import ReviewKit

/// Independent copies of the reference facts (Fixtures/Seed/tdf-domains.md, from the framework and statistics facts), typed
/// in here so the tests do not compare the engine with itself, plus a parser for the reference table.
enum TeachingReference {
    /// Cane et al. (2012) Table 3 definitions, as the reference gives them (Huijg 2014 / BMC HSR 2020 forms).
    static let definitions: [String] = [
        "An awareness of the existence of something",
        "An ability or proficiency acquired through practice",
        "A coherent set of behaviours and displayed personal qualities of an individual in a social or work setting",
        "Acceptance of the truth, reality, or validity about an ability, talent, or facility that a person can put to constructive use",
        "The confidence that things will happen for the best or that desired goals will be attained",
        "Acceptance of the truth, reality, or validity about outcomes of a behaviour in a given situation",
        "Increasing the probability of a response by arranging a dependent relationship, or contingency, between the response and a given stimulus",
        "A conscious decision to perform a behaviour or a resolve to act in a certain way",
        "Mental representations of outcomes or end states that an individual wants to achieve",
        "The ability to retain information, focus selectively on aspects of the environment and choose between two or more alternatives",
        "Any circumstance of a person's situation or environment that discourages or encourages the development of skills and abilities, independence, social competence, and adaptive behaviour",
        "Those interpersonal processes that can cause individuals to change their thoughts, feelings, or behaviours",
        "A complex reaction pattern, involving experiential, behavioural, and physiological elements, by which the individual attempts to deal with a personally significant matter or event",
        "Anything aimed at managing or changing objectively observed or measured actions",
    ]

    /// Construct counts per domain (3+7+9+8+4+5+7+3+6+5+6+11+7+3 = 84).
    static let constructCounts = [3, 7, 9, 8, 4, 5, 7, 3, 6, 5, 6, 11, 7, 3]

    /// Constructs listed under two domains.
    static let sharedConstructs: Set<String> = ["Professional confidence", "Identity", "Group identity", "Beliefs", "Consequents", "Action planning"]

    /// COM-B source definitions as cited in BMC HSR 2018 (s12913-018-3778-2).
    static let sourceDefinitions: [COMBComponent.Source: String] = [
        .capability: "the individual's psychological and physical capacity to engage in the activity concerned, and includes having the necessary knowledge and skills",
        .opportunity: "all the factors that lie outside the individual that make the behaviour possible or prompt it",
        .motivation: "all those cognitive processes that direct behaviour, including habitual processes, emotional responding, as well as analytical decision-making",
    ]

    /// The framework facts' domain table (Fixtures/Seed/tdf-domains.md, copied from the reference facts).
    static let text: String? = SeedText.fixture("tdf-domains.md")

    /// Rows of the reference's domain table: number, name, definition, constructs, verification tag.
    static var domainRows: [(number: Int, name: String, definition: String, constructs: [String], verification: String)] {
        guard let text else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, let number = Int(cells[1]), (1...14).contains(number), cells[5] == String(Int(cells[5]) ?? -1) else { return nil }
            return (number, cells[2], cells[3], cells[4].components(separatedBy: "; "), cells[6])
        }
    }
}

extension Explanation {
    /// The first section whose heading starts with `prefix`.
    func section(_ prefix: String) -> Section? { sections.first { $0.heading.hasPrefix(prefix) } }

    /// Every string in the explanation, for "mentions" checks.
    var allText: String {
        var parts = [title, summary ?? ""] + seeAlso
        for section in sections {
            parts.append(section.heading)
            if let quotation = section.quotation { parts += [quotation.text, quotation.source] }
            parts += section.paragraphs + section.items + section.notes
            if let example = section.example { parts += [example.label, example.text, example.citation, example.context] }
        }
        return parts.joined(separator: "\n")
    }
}

enum TeachingFixtures {
    static let snapshot = try! EmbeddedReview.load()
    static var workspace: Workspace { snapshot.workspace }

    /// Every quote of a workspace.
    static func quotes(_ workspace: Workspace) -> [Quote] { (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) } }
}
