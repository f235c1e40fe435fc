/// What a review holds for one TDF domain, the raw material of judging which domains matter
/// (Atkins et al. 2017: frequency across studies, conflicting beliefs; later reviews add elaboration).
public struct DomainCounts: Sendable, Equatable {
    /// The domain.
    public var domain: TDFDomain
    /// Studies with data in the domain (or distinct citations, when quotes link to reference numbers).
    public var studies: Int
    /// Sub-themes in the domain (elaboration).
    public var subThemes: Int
    /// Quotes coded to the domain; nil when unknown (an imported table may not give it).
    public var quotes: Int?
    /// Barrier sub-themes (or, imported, the count given); nil when only presence is known.
    public var barriers: Int?
    /// Facilitator sub-themes (or, imported, the count given); nil when only presence is known.
    public var facilitators: Int?
    /// Whether the domain holds any barrier.
    public var barriersPresent: Bool
    /// Whether the domain holds any facilitator.
    public var facilitatorsPresent: Bool

    /// Creates counts; presence defaults to a count above zero.
    public init(domain: TDFDomain, studies: Int, subThemes: Int, quotes: Int? = nil, barriers: Int? = nil, facilitators: Int? = nil,
                barriersPresent: Bool? = nil, facilitatorsPresent: Bool? = nil) {
        self.domain = domain
        self.studies = studies
        self.subThemes = subThemes
        self.quotes = quotes
        self.barriers = barriers
        self.facilitators = facilitators
        self.barriersPresent = barriersPresent ?? ((barriers ?? 0) > 0)
        self.facilitatorsPresent = facilitatorsPresent ?? ((facilitators ?? 0) > 0)
    }

    /// Whether barriers and facilitators are both present (conflicting beliefs, in Atkins et al.'s terms).
    public var conflicting: Bool { barriersPresent && facilitatorsPresent }

    /// Whether the domain has any data at all.
    public var hasData: Bool { studies > 0 || subThemes > 0 || (quotes ?? 0) > 0 || barriersPresent || facilitatorsPresent }

    /// No data.
    public static func empty(_ domain: TDFDomain) -> DomainCounts {
        DomainCounts(domain: domain, studies: 0, subThemes: 0, quotes: 0, barriers: 0, facilitators: 0)
    }
}

/// Per-domain counts computed from a workspace's coded quotes and sub-themes, with how studies were counted.
public struct WorkspaceDomainCounts: Sendable, Equatable {
    /// How "studies" were counted.
    public enum Basis: String, Sendable {
        /// Every attributed quote names a study (directly or through the study's reference number).
        case studies
        /// Some quotes carry only a reference number that no study has: distinct citations were counted.
        case citations
    }

    /// One entry per TDF domain, in TDF order.
    public let counts: [DomainCounts]
    /// How studies were counted.
    public let basis: Basis
    /// Coded quotes with neither a study nor a reference number (they add no study to any count).
    public let unattributedQuotes: Int
    /// Quotes counted by a bare reference number.
    public let quotesCountedByReference: Int
    /// Included studies in the workspace (the denominator for percentages).
    public let includedStudies: Int

    /// Counts the workspace: a quote counts in the domain it is coded to; a sub-theme in its own domain.
    public init(_ workspace: Workspace) {
        let store = workspace.quotes
        let byReference = ContributingSource.studiesByReference(in: workspace)
        var sources = [Set<ContributingSource>](repeating: [], count: 16)
        var quotes = [Int](repeating: 0, count: 16)
        var barrierQuotes = [Int](repeating: 0, count: 16), facilitatorQuotes = [Int](repeating: 0, count: 16)
        var unattributed = 0, byBareReference = 0
        for row in 0..<store.count {
            let domain = Int(store.domains[row])
            guard domain > 0 && domain < 16 else { continue }
            quotes[domain] += 1
            if store.directions[row] == Direction.barrier.rawValue { barrierQuotes[domain] += 1 }
            if store.directions[row] == Direction.facilitator.rawValue { facilitatorQuotes[domain] += 1 }
            let study = Int(store.studies[row]), reference = Int(store.references[row])
            if study >= 0 && study < workspace.studies.count {
                sources[domain].insert(.study(workspace.studies[study].id))
            } else if reference >= 0 {
                if let id = byReference[reference] { sources[domain].insert(.study(id)) }
                else { sources[domain].insert(.reference(reference)); byBareReference += 1 }
            } else {
                unattributed += 1
            }
        }
        var barrierThemes = [Int](repeating: 0, count: 16), facilitatorThemes = [Int](repeating: 0, count: 16)
        for theme in workspace.subThemes {
            if theme.direction == .barrier { barrierThemes[Int(theme.domain.rawValue)] += 1 } else { facilitatorThemes[Int(theme.domain.rawValue)] += 1 }
        }
        counts = TDFDomain.allCases.map { domain in
            let d = Int(domain.rawValue)
            return DomainCounts(domain: domain, studies: sources[d].count, subThemes: barrierThemes[d] + facilitatorThemes[d], quotes: quotes[d],
                                barriers: barrierThemes[d], facilitators: facilitatorThemes[d],
                                barriersPresent: barrierThemes[d] + barrierQuotes[d] > 0, facilitatorsPresent: facilitatorThemes[d] + facilitatorQuotes[d] > 0)
        }
        basis = byBareReference > 0 ? .citations : .studies
        unattributedQuotes = unattributed
        quotesCountedByReference = byBareReference
        includedStudies = workspace.studies.count
    }

    /// Sentences saying how the counts were made, for the table's notes.
    public var notes: [String] {
        var notes: [String] = []
        switch basis {
        case .studies:
            notes.append("studies: distinct included studies whose quotes are coded to the domain")
        case .citations:
            notes.append("studies: distinct citations, not identified studies: \(ReviewFindings.plural(quotesCountedByReference, "quote")) carry only a reference number that no study in the workspace has, so each distinct number ('ref N') counts as one source")
        }
        if unattributedQuotes > 0 {
            notes.append("\(ReviewFindings.plural(unattributedQuotes, "coded quote")) \(unattributedQuotes == 1 ? "has" : "have") neither a study nor a reference number and add\(unattributedQuotes == 1 ? "s" : "") no study to the counts, which are therefore lower bounds")
        }
        notes.append("barriers and facilitators: sub-themes in the domain by direction; a domain also counts as holding barriers (or facilitators) when a quote coded to it has that direction")
        return notes
    }
}
