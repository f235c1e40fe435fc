/// Runs query plans over the columnar store: the filter as bit vectors of rows (FilterEvaluator.swift), then
/// counting, grouping (QueryEngine+Grouping.swift) or ordering (QueryEngine+Sorting.swift) over the
/// fields' codes and ranks, never their strings.
public struct QueryEngine {
    /// The context queries run against.
    public let context: QueryContext
    var workspace: Workspace { context.workspace }

    /// Creates an engine for a context.
    public init(_ context: QueryContext) { self.context = context }

    /// Runs a plan: a count, counts per group, or the records in order.
    public func execute(_ plan: QueryPlan) throws(ReviewError) -> QueryResult {
        let matched = try rows(of: plan.subject, matching: plan.filter)
        if plan.countOnly && plan.groupBy.isEmpty { return .count(matched: matched.cardinality, of: matched.count) }
        let selection = RecordSelection(matched)
        if !plan.groupBy.isEmpty { return .groups(group(selection, plan: plan)) }
        var ordered = plan.sortBy.isEmpty ? selection.rows : order(selection, subject: plan.subject, by: plan.sortBy)
        if let limit = plan.limit, limit < ordered.count { ordered.removeSubrange(limit...) }
        return .rows(QueryRows(rows: ordered, total: selection.count))
    }

    /// The number of records a subject has.
    func recordCount(_ subject: Field.Subject) -> Int {
        subject == .quote ? workspace.quotes.count : workspace.studies.count
    }
}

/// The records a plan works on after filtering: all of them (the fast paths read columns straight through),
/// or a list of record numbers in ascending order.
enum RecordSelection {
    case all(Int)
    case list([Int])

    init(_ set: RowSet) {
        let count = set.cardinality
        self = count == set.count ? .all(count) : .list(set.rows)
    }

    /// How many records are selected.
    var count: Int {
        switch self {
        case .all(let count): count
        case .list(let rows): rows.count
        }
    }

    /// The record numbers, ascending.
    var rows: [Int] {
        switch self {
        case .all(let count): Array(0..<count)
        case .list(let rows): rows
        }
    }

    /// `transform` of each selected record number, in order (one loop per case, so each specialises).
    @inline(__always)
    func map<T>(_ transform: (Int) -> T) -> [T] {
        switch self {
        case .all(let count):
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for row in 0..<count { buffer.initializeElement(at: row, to: transform(row)) }
                initialized = count
            }
        case .list(let rows):
            return rows.withUnsafeBufferPointer { rows in
                [T](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
                    for index in 0..<rows.count { buffer.initializeElement(at: index, to: transform(rows[index])) }
                    initialized = rows.count
                }
            }
        }
    }
}
