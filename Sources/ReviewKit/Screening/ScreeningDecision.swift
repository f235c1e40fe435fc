/// A reviewer's title/abstract screening decision on a record: include, maybe or exclude.
public enum ScreeningDecision: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    /// The record goes on (to full text).
    case include
    /// The reviewer is unsure.
    case maybe
    /// The record is excluded.
    case exclude

    /// The decision a typed word stands for, with the synonyms screening tools and spreadsheets use folded:
    /// Included/Include/Yes/Y/1/true → include; Maybe/Unsure/?/0 → maybe; Excluded/Exclude/No/N/-1/false →
    /// exclude. Case and spaces are ignored ("  YES ", "Not sure" is not a synonym); nil for any other word.
    public init?(folding text: String) {
        guard let decision = Self.synonyms[Self.key(text)] else { return nil }
        self = decision
    }

    /// The word as matched: lowercase, with spaces and tabs removed.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\u{A0}" }.map(Character.init))
    }

    /// Every accepted spelling (after `key`), with its decision.
    static let synonyms: [String: ScreeningDecision] = {
        var table: [String: ScreeningDecision] = [:]
        for word in ["include", "included", "yes", "y", "1", "true"] { table[word] = .include }
        for word in ["maybe", "unsure", "?", "0"] { table[word] = .maybe }
        for word in ["exclude", "excluded", "no", "n", "-1", "false"] { table[word] = .exclude }
        return table
    }()

    /// What an unknown word is expected to be, for error messages.
    public static let expectation = "include, maybe or exclude (or Included/Yes/Y/1/true, Maybe/Unsure/?/0, Excluded/No/N/-1/false)"

    /// The order decisions are listed in: include, maybe, exclude.
    public static func < (a: ScreeningDecision, b: ScreeningDecision) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One reviewer's decision on a record (the reviewer `consensus` holds the team's agreed decision).
public struct ScreeningVote: Sendable, Equatable, Hashable, Codable {
    /// The reviewer's name or initials, or ``ReviewerCoding/consensus``.
    public var reviewer: String
    /// The decision.
    public var decision: ScreeningDecision

    /// Creates a vote.
    public init(reviewer: String, decision: ScreeningDecision) {
        self.reviewer = reviewer
        self.decision = decision
    }
}

/// A screened record: its id in the screening tool, its title when known, and each reviewer's decision.
public struct ScreeningRecord: Sendable, Equatable, Hashable, Codable {
    /// The record's id as the file gave it (a Rayyan key or accession number, a Covidence #, a row id).
    public var id: String
    /// The title, when the file gave one.
    public var title: String?
    /// The decisions, in the order the file listed the reviewers; at most one per reviewer.
    public var votes: [ScreeningVote]

    /// Creates a record.
    public init(id: String, title: String? = nil, votes: [ScreeningVote]) {
        self.id = id
        self.title = title
        self.votes = votes
    }

    /// A reviewer's decision (``ReviewerCoding/consensus`` for the consensus).
    public func decision(of reviewer: String) -> ScreeningDecision? {
        votes.first { $0.reviewer == reviewer }?.decision
    }

    /// The consensus decision, when recorded.
    public var consensus: ScreeningDecision? { decision(of: ReviewerCoding.consensus) }

    /// The reviewers' votes, without the consensus.
    public var reviewerVotes: [ScreeningVote] { votes.filter { $0.reviewer != ReviewerCoding.consensus } }

    /// This record with `other`'s votes laid over it: their reviewers' decisions replace these, the others stay;
    /// their title fills a missing one.
    public func merging(_ other: ScreeningRecord) -> ScreeningRecord {
        var merged = self
        for vote in other.votes {
            if let index = merged.votes.firstIndex(where: { $0.reviewer == vote.reviewer }) {
                merged.votes[index] = vote
            } else {
                merged.votes.append(vote)
            }
        }
        if merged.title == nil { merged.title = other.title }
        return merged
    }
}
