import Foundation

/// Which TDF domains matter most: domains ranked by frequency across studies, then elaboration (or any
/// order of criteria), with equal values ranked jointly ("joint 8th–10th"), and the domains without data listed.
///
/// After Atkins et al. (2017, Implementation Science 12:77): frequency, conflicting beliefs and strength
/// of beliefs are weighed together; later syntheses add elaboration (the number of sub-themes). Strength
/// of beliefs cannot be counted, so it is left to the reviewer.
public struct DomainImportance: Sendable, Equatable {
    /// A ranking criterion; larger values (and "yes" for conflicting) rank higher.
    public enum Criterion: String, CaseIterable, Sendable {
        /// Studies (or distinct citations) with data in the domain.
        case studies
        /// Sub-themes in the domain.
        case elaboration
        /// Quotes coded to the domain.
        case quotes
        /// Barriers and facilitators both present.
        case conflicting

        /// The default order: frequency across studies, then elaboration.
        public static let standard: [Criterion] = [.studies, .elaboration]

        /// How tables and notes name it.
        public var name: String {
            switch self {
            case .studies: "studies"
            case .elaboration: "elaboration (sub-themes)"
            case .quotes: "quotes"
            case .conflicting: "conflicting (barriers and facilitators both present)"
            }
        }

        /// Other names a reviewer may type.
        var aliases: [String] {
            switch self {
            case .studies: ["studies", "study", "frequency", "freq", "sources", "citations"]
            case .elaboration: ["elaboration", "subthemes", "sub-themes", "themes", "sub themes"]
            case .quotes: ["quotes", "quote"]
            case .conflicting: ["conflicting", "conflict", "conflicting beliefs", "both"]
            }
        }

        static let matcher = NameMatcher<Criterion>(allCases.map { ($0.rawValue, $0.aliases, $0) })

        /// Parses a comma-separated order of criteria ("studies,elaboration").
        /// - Throws: ``ReviewError`` for an unknown or repeated criterion, or an empty list.
        public static func parseList(_ text: String) throws(ReviewError) -> [Criterion] {
            var criteria: [Criterion] = []
            for part in text.split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                guard case .found(let criterion) = matcher.resolve(name) else {
                    throw ReviewError("unknown ranking criterion '\(name)'", notes: ["criteria: studies, elaboration, quotes, conflicting (comma-separated, most important first)"])
                }
                guard !criteria.contains(criterion) else { throw ReviewError("criterion '\(criterion.rawValue)' is given twice") }
                criteria.append(criterion)
            }
            guard !criteria.isEmpty else { throw ReviewError("no ranking criteria given", notes: ["e.g. by=studies,elaboration"]) }
            return criteria
        }
    }

    /// A place in the ranking: positions `first`…`last` shared by `last − first + 1` domains.
    public struct Rank: Sendable, Equatable {
        /// The first position the group occupies (1-based).
        public let first: Int
        /// The last position it occupies.
        public let last: Int

        /// Whether several domains share the rank.
        public var isJoint: Bool { last > first }

        /// "3rd", or "joint 8th–10th".
        public var text: String {
            isJoint ? "joint \(Self.ordinal(first))\u{2013}\(Self.ordinal(last))" : Self.ordinal(first)
        }

        /// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st".
        public static func ordinal(_ number: Int) -> String {
            let tens = number % 100, units = number % 10
            let suffix = (11...13).contains(tens) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th"
            return "\(number)\(suffix)"
        }
    }

    /// A ranked domain.
    public struct Row: Sendable, Equatable {
        /// Its counts.
        public let counts: DomainCounts
        /// Its rank.
        public let rank: Rank
    }

    /// Domains with data, best first; ties in TDF order.
    public let ranked: [Row]
    /// Domains without data, in TDF order.
    public let withoutData: [DomainCounts]
    /// The criteria, most important first.
    public let criteria: [Criterion]
    /// The number of included studies (the denominator for percentages), when known.
    public let totalStudies: Int?
    /// How the counts were made (shown under the table).
    public let notes: [String]

    /// Ranks domain counts. Domains missing from `counts` have no data.
    /// - Throws: ``ReviewError`` when a domain is given twice, a criterion's value is unknown for a domain
    ///   with data (quotes not given), or a domain has more studies than `totalStudies`.
    public init(counts: [DomainCounts], criteria: [Criterion] = Criterion.standard, totalStudies: Int?, notes: [String] = []) throws(ReviewError) {
        guard !criteria.isEmpty else { throw ReviewError("no ranking criteria given", notes: ["e.g. by=studies,elaboration"]) }
        var byDomain: [TDFDomain: DomainCounts] = [:]
        for entry in counts {
            guard byDomain[entry.domain] == nil else { throw ReviewError("domain \(entry.domain.name) is given twice") }
            guard entry.studies >= 0, entry.subThemes >= 0, (entry.quotes ?? 0) >= 0, (entry.barriers ?? 0) >= 0, (entry.facilitators ?? 0) >= 0 else {
                throw ReviewError("counts for \(entry.domain.name) must not be negative")
            }
            if let totalStudies, entry.studies > totalStudies {
                throw ReviewError("\(entry.domain.name) has \(entry.studies) studies but the review includes \(totalStudies)")
            }
            byDomain[entry.domain] = entry
        }
        let all = TDFDomain.allCases.map { byDomain[$0] ?? .empty($0) }
        let withData = all.filter(\.hasData)
        if criteria.contains(.quotes), let unknown = withData.first(where: { $0.quotes == nil }) {
            throw ReviewError("the number of quotes is unknown for \(unknown.domain.name), so domains cannot be ranked by quotes",
                              notes: ["rank by criteria the data give, e.g. by=studies,elaboration"])
        }
        func key(_ entry: DomainCounts) -> [Int] {
            criteria.map { criterion in
                switch criterion {
                case .studies: entry.studies
                case .elaboration: entry.subThemes
                case .quotes: entry.quotes ?? 0
                case .conflicting: entry.conflicting ? 1 : 0
                }
            }
        }
        let sorted = withData.sorted { lhs, rhs in
            let a = key(lhs), b = key(rhs)
            return a != b ? a.lexicographicallyPrecedes(b, by: >) : lhs.domain < rhs.domain
        }
        var rows: [Row] = []
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count && key(sorted[end + 1]) == key(sorted[start]) { end += 1 }
            let rank = Rank(first: start + 1, last: end + 1)
            for index in start...end { rows.append(Row(counts: sorted[index], rank: rank)) }
            start = end + 1
        }
        ranked = rows
        withoutData = all.filter { !$0.hasData }
        self.criteria = criteria
        self.totalStudies = totalStudies
        self.notes = notes
    }

    /// Ranks the domains of a workspace, counted from its quotes and sub-themes.
    public init(workspace: Workspace, criteria: [Criterion] = Criterion.standard) throws(ReviewError) {
        let counted = WorkspaceDomainCounts(workspace)
        try self.init(counts: counted.counts, criteria: criteria,
                      totalStudies: counted.includedStudies > 0 ? counted.includedStudies : nil, notes: counted.notes)
    }

    /// The row of a domain with data, or nil.
    public func row(_ domain: TDFDomain) -> Row? { ranked.first { $0.counts.domain == domain } }

    /// The percentage of included studies, when the total is known.
    public func percent(_ counts: DomainCounts) -> Double? {
        guard let totalStudies, totalStudies > 0 else { return nil }
        return Double(counts.studies) * 100 / Double(totalStudies)
    }

    /// The ranking as a typed table: domains with data by rank, then those without data (rank missing).
    /// Each column holds one type: `barriers` and `facilitators` are counts (missing when a file gives only
    /// yes/no), `has_barriers` and `has_facilitators` say whether any are present.
    /// The domain comes first, so it names a row (`expect rank[Knowledge] = …`). The text table has the published
    /// columns (domain, rank, studies and %, sub-themes, quotes, barriers and facilitators both present); the rank
    /// bounds, the slug, the barrier and facilitator counts and the yes/no twins are machine-only: in CSV, JSON and
    /// `expect`, not in the text table.
    public var table: SynthesisTable {
        func cells(_ counts: DomainCounts, _ rank: Rank?) -> [SynthesisTable.Value] {
            [.text(counts.domain.name), rank.map { .text($0.text) } ?? .missing, rank.map { .integer($0.first) } ?? .missing,
             rank.map { .integer($0.last) } ?? .missing, .text(counts.domain.slug), .integer(counts.studies),
             percent(counts).map { .number($0, decimals: 1) } ?? .missing, .integer(counts.subThemes),
             counts.quotes.map { .integer($0) } ?? .missing,
             counts.barriers.map { .integer($0) } ?? .missing, counts.facilitators.map { .integer($0) } ?? .missing,
             .boolean(counts.barriersPresent), .boolean(counts.facilitatorsPresent),
             .boolean(counts.conflicting), .boolean(counts.hasData)]
        }
        var notes = ["ranked by " + criteria.map(\.name).joined(separator: ", then ") + "; equal values share a joint rank"]
        if let totalStudies { notes.append("% of the \(totalStudies) included studies") }
        notes += self.notes
        if !withoutData.isEmpty { notes.append("no data: " + withoutData.map(\.domain.name).joined(separator: ", ")) }
        notes.append("strength of beliefs (Atkins et al. 2017) is not counted; weigh it from the quotes")
        return SynthesisTable(
            name: "domain_importance", title: "TDF domains by importance",
            columns: [.init("domain", "domain"), .init("rank", "rank"), .init("rank_first", "rank from", machineOnly: true),
                      .init("rank_last", "rank to", machineOnly: true), .init("domain_slug", "domain id", machineOnly: true),
                      .init("studies", "studies"), .init("studies_percent", "% of studies"),
                      .init("subthemes", "sub-themes"), .init("quotes", "quotes"), .init("barriers", "barriers", machineOnly: true),
                      .init("facilitators", "facilitators", machineOnly: true), .init("has_barriers", "any barrier", machineOnly: true),
                      .init("has_facilitators", "any facilitator", machineOnly: true),
                      .init("conflicting", "barriers and facilitators"), .init("has_data", "data", machineOnly: true)],
            rows: ranked.map { cells($0.counts, $0.rank) } + withoutData.map { cells($0, nil) },
            notes: notes)
    }
}
