/// Agreement and conflicts on the stored screening decisions.
extension Workspace {
    /// The stored screening decisions of the chosen reviewers as a records × reviewers matrix, ready for
    /// ``AgreementReport`` and ``RatingsTable``.
    ///
    /// Units are the *double-screened* records: those at least two of the chosen reviewers decided on, as the
    /// review reports its screening agreement (a random share screened twice); records screened once are left
    /// out and counted in `screenedOnce`. Categories are the decisions used, in the order include, maybe, exclude.
    ///
    /// - Parameters:
    ///   - chosen: Whose decisions (nil: every reviewer with a decision); at least two.
    ///   - records: The record ids to use (nil: all).
    /// - Throws: ``StatisticsError`` when there are no decisions, an unknown or single reviewer, or no record
    ///   screened twice.
    public func screeningRatings(reviewers chosen: [String]? = nil, records ids: Set<String>? = nil)
        throws(StatisticsError) -> (matrix: RatingsMatrix, screenedOnce: Int)
    {
        guard !screening.isEmpty else {
            throw StatisticsError("no screening decisions here; import them with 'import screening FILE' (a table, a Rayyan export or Covidence votes)")
        }
        let available = screening.reviewers
        let raters = chosen ?? available
        for name in raters where !available.contains(name) {
            throw StatisticsError("'\(name)' made no screening decision here; screeners: \(available.joined(separator: ", "))")
        }
        guard raters.count >= 2 else {
            throw StatisticsError("screening agreement needs two reviewers or more; \(raters.isEmpty ? "none" : "only \(raters[0])") made decisions")
        }
        var rows: [[String]] = []
        var once = 0
        var used = Set<ScreeningDecision>()
        for record in screening.records where ids?.contains(record.id) ?? true {
            let decisions = raters.map { record.decision(of: $0) }
            let count = decisions.compactMap { $0 }.count
            if count == 1 { once += 1 }
            guard count >= 2 else { continue }
            for case let decision? in decisions { used.insert(decision) }
            rows.append([record.id] + decisions.map { $0?.rawValue ?? "" })
        }
        guard !rows.isEmpty else {
            throw StatisticsError("no record was screened by two of \(raters.joined(separator: ", ")): nothing to compare")
        }
        let matrix = try RatingsMatrix(header: ["record"] + raters, rows: rows,
                                       columns: RatingsColumns(subject: .column("record"), raters: raters),
                                       categories: ScreeningDecision.allCases.filter(used.contains).map(\.rawValue), foldCase: false)
        return (matrix, once)
    }

    /// The double-screened records on which the chosen reviewers differ, each with its kind of conflict, grouped
    /// as Covidence lists them (include vs exclude, maybe vs exclude, include vs maybe, then all three) and in
    /// record order within a group.
    public func screeningConflicts(reviewers chosen: [String]? = nil) -> [(record: ScreeningRecord, conflict: ScreeningConflict)] {
        let raters = chosen ?? screening.reviewers
        var found: [(ScreeningRecord, ScreeningConflict)] = []
        for record in screening.records {
            let decisions = Set(raters.compactMap { record.decision(of: $0) })
            guard let conflict = ScreeningConflict(decisions) else { continue }
            found.append((record, conflict))
        }
        // A stable sort: record order stays within a group.
        return found.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map { ($0.element.0, $0.element.1) }
    }
}

/// Which decisions reviewers split between on a record.
public enum ScreeningConflict: Int, Sendable, Equatable, Comparable, CaseIterable {
    /// One would include it, another exclude it.
    case includeExclude
    /// One is unsure, another would exclude it.
    case maybeExclude
    /// One would include it, another is unsure.
    case includeMaybe
    /// Include, maybe and exclude all given.
    case all

    /// The conflict among a set of decisions; nil when they agree (or there are fewer than two).
    public init?(_ decisions: Set<ScreeningDecision>) {
        switch decisions {
        case [.include, .exclude]: self = .includeExclude
        case [.maybe, .exclude]: self = .maybeExclude
        case [.include, .maybe]: self = .includeMaybe
        case [.include, .maybe, .exclude]: self = .all
        default: return nil
        }
    }

    /// "include vs exclude".
    public var label: String {
        switch self {
        case .includeExclude: "include vs exclude"
        case .maybeExclude: "maybe vs exclude"
        case .includeMaybe: "include vs maybe"
        case .all: "include vs maybe vs exclude"
        }
    }

    public static func < (a: ScreeningConflict, b: ScreeningConflict) -> Bool { a.rawValue < b.rawValue }
}

/// One decision entered by hand (`screen`, `consensus screening`).
extension Workspace {
    /// The change that records `reviewer`'s decision on a record, replacing their earlier one and keeping the
    /// other reviewers'; a record not yet stored is created (with `title`). `title` also fills or corrects the
    /// title of a stored record. Nil when nothing would change.
    public func screeningVote(record id: String, reviewer: String, decision: ScreeningDecision, title: String? = nil) -> WorkspaceChange? {
        let record = id.trimmingCharacters(in: .whitespaces)
        var updated = screening[record] ?? ScreeningRecord(id: record, votes: [])
        updated = updated.merging(ScreeningRecord(id: record, votes: [ScreeningVote(reviewer: reviewer, decision: decision)]))
        if let title, !title.allSatisfy(\.isWhitespace) { updated.title = title.trimmingCharacters(in: .whitespaces) }
        return updated == screening[record] ? nil : .screening(.set([updated]))
    }
}
