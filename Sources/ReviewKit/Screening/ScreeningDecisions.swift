import Foundation

/// The screening decisions of a workspace: record id → reviewer → include / maybe / exclude, with the
/// record's title when known. Changed only through ``WorkspaceChange/screening(_:)``; saved in snapshots as
/// the optional `@screening` section (docs/formats.md).
public struct ScreeningDecisions: Sendable, Equatable, Codable {
    /// The records by id.
    public private(set) var byID: [String: ScreeningRecord] = [:]
    /// The ids in ``precedes(_:_:)`` order, kept as records come and go so listing them never sorts them all.
    private var order: [String] = []

    /// An empty store.
    public init() {}

    /// Whether no decision is stored.
    public var isEmpty: Bool { byID.isEmpty }

    /// How many records have a decision.
    public var count: Int { byID.count }

    /// A record by id.
    public subscript(id: String) -> ScreeningRecord? { byID[id] }

    /// The records in id order, numbers within ids compared as numbers ("EX-2" before "EX-10"), so the order
    /// (and a saved snapshot) does not depend on the order of imports or undo.
    public var records: [ScreeningRecord] { order.map { byID[$0]! } }

    /// Whether record id `a` sorts before `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        switch a.compare(b, options: [.numeric, .caseInsensitive]) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: a < b
        }
    }

    /// The reviewers who made a decision (not the consensus), in order of first appearance over ``records``.
    public var reviewers: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for id in order {
            for vote in byID[id]!.votes where vote.reviewer != ReviewerCoding.consensus && seen.insert(vote.reviewer).inserted {
                names.append(vote.reviewer)
            }
        }
        return names
    }

    /// How many decisions are stored (consensus included).
    public var voteCount: Int { byID.values.reduce(0) { $0 + $1.votes.count } }

    /// Stores records, replacing those with the same ids; the new ids are sorted once and merged into the order.
    mutating func store(_ records: [ScreeningRecord]) {
        var added: [String] = []
        for record in records {
            if byID.updateValue(record, forKey: record.id) == nil { added.append(record.id) }
        }
        guard !added.isEmpty else { return }
        added.sort(by: Self.precedes)
        var merged: [String] = []
        merged.reserveCapacity(order.count + added.count)
        var i = 0, j = 0
        while i < order.count || j < added.count {
            if j == added.count || (i < order.count && !Self.precedes(added[j], order[i])) {
                merged.append(order[i]); i += 1
            } else {
                merged.append(added[j]); j += 1
            }
        }
        order = merged
    }

    mutating func store(_ record: ScreeningRecord) { store([record]) }

    /// Forgets records by id, returning them.
    mutating func remove(_ ids: [String]) -> [ScreeningRecord] {
        let removed = ids.compactMap { byID.removeValue(forKey: $0) }
        let gone = Set(removed.map(\.id))
        order.removeAll { gone.contains($0) }
        return removed
    }

    /// Equal when they hold the same records (the order follows from the ids).
    public static func == (a: ScreeningDecisions, b: ScreeningDecisions) -> Bool { a.byID == b.byID }

    enum CodingKeys: String, CodingKey { case records }

    /// Decodes the records (in any order).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        store(try container.decode([ScreeningRecord].self, forKey: .records))
    }

    /// Encodes the records in id order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(records, forKey: .records)
    }
}

/// An edit of the screening decisions (inside ``WorkspaceChange/screening(_:)``).
public enum ScreeningChange: Sendable, Equatable, Codable {
    /// Stores these records whole, replacing a stored record with the same id.
    case set([ScreeningRecord])
    /// Forgets the records with these ids.
    case remove([String])
}

extension Workspace {
    /// Applies a screening change, returning its inverse; on an error nothing is changed.
    mutating func applyScreening(_ change: ScreeningChange) throws(ReviewError) -> WorkspaceChange {
        switch change {
        case .set(let records):
            var seen = Set<String>()
            for record in records {
                try Self.check(record)
                guard seen.insert(record.id).inserted else { throw Self.duplicate("screening record '\(record.id)' (twice in one change)") }
            }
            var restore: [ScreeningRecord] = []
            var added: [String] = []
            for record in records {
                if let old = screening[record.id] { restore.append(old) } else { added.append(record.id) }
            }
            screening.store(records)
            var inverse: [ScreeningChange] = []
            if !added.isEmpty { inverse.append(.remove(added)) }
            if !restore.isEmpty { inverse.append(.set(restore)) }
            return inverse.count == 1 ? .screening(inverse[0]) : .batch(inverse.map { .screening($0) })
        case .remove(let ids):
            guard Set(ids).count == ids.count else { throw ReviewError(.duplicate, "a screening record is named twice") }
            for id in ids where screening[id] == nil { throw ReviewError(.notFound, "no screening record '\(id)'") }
            return .screening(.set(screening.remove(ids)))
        }
    }

    /// A screening record has an id, at least one decision and at most one per reviewer, and named reviewers.
    static func check(_ record: ScreeningRecord) throws(ReviewError) {
        guard !record.id.allSatisfy(\.isWhitespace) else { throw ReviewError(.invalidRecord, "a screening record needs an id") }
        guard record.id.count <= 200, !record.id.contains(where: { $0 == "\t" || $0.isNewline }) else {
            throw ReviewError(.invalidRecord, "screening record id '\(record.id.prefix(40))' must be one line of at most 200 characters without tabs")
        }
        guard !record.votes.isEmpty else { throw ReviewError(.invalidRecord, "screening record '\(record.id)' has no decision") }
        var seen = Set<String>()
        for vote in record.votes {
            if vote.reviewer != ReviewerCoding.consensus { try ReviewerName.check(vote.reviewer) }
            guard seen.insert(vote.reviewer).inserted else {
                throw ReviewError(.duplicate, "screening record '\(record.id)' has two decisions by '\(vote.reviewer)'")
            }
        }
    }
}
