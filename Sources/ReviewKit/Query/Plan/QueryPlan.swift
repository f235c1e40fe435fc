/// A whole query over quotes or studies: which records (filter), then either counting them, counting them per
/// group, or listing them in an order; `QueryEngine.execute` runs it over the columnar store.
///
/// The language (`QueryParser`): `[where] FILTER [group by F[, F]] [sort by F [desc][, …]] [limit N] [count]`.
public struct QueryPlan: Sendable, Equatable {
    /// One key of `sort by`: a field, or the size of each group (`sort by count`).
    public struct SortKey: Sendable, Equatable {
        /// What is sorted on.
        public enum Target: Sendable, Equatable {
            /// A field's value.
            case field(FieldReference)
            /// The number of records in each group.
            case groupSize
        }

        /// What is sorted on.
        public var target: Target
        /// Largest first (an unknown value then comes first, as the exact reverse of ascending order).
        public var descending: Bool

        /// Creates a sort key.
        public init(_ target: Target, descending: Bool = false) {
            self.target = target
            self.descending = descending
        }

        /// The field sorted on, or nil for the group size.
        public var field: FieldReference? {
            if case .field(let field) = target { return field }
            return nil
        }
    }

    /// What the records are.
    public var subject: Field.Subject
    /// Which records are kept (nil: all).
    public var filter: FilterExpression?
    /// Fields to group by (counts per group).
    public var groupBy: [FieldReference] = []
    /// Sort keys, in order.
    public var sortBy: [SortKey] = []
    /// The most records (or groups) to list.
    public var limit: Int?
    /// Only count the records.
    public var countOnly = false

    /// A plan that lists every record of a subject in store order.
    public init(subject: Field.Subject) { self.subject = subject }
}

/// What running a plan gives: a count, counts per group, or records in order.
public enum QueryResult: Sendable, Equatable {
    /// `count` without `group by`: how many records the filter kept, of how many.
    case count(matched: Int, of: Int)
    /// `group by`: the groups in order.
    case groups(QueryGroups)
    /// A listing: record numbers (quote-store rows or study indices) in order.
    case rows(QueryRows)
}

/// The groups of a `group by`, ordered as asked.
public struct QueryGroups: Sendable, Equatable {
    /// One group: its value of each grouped field, and how many records it holds.
    public struct Group: Sendable, Equatable {
        /// The group's values, one per grouped field.
        public let values: [FieldValue]
        /// How many records fall in it.
        public let count: Int
    }

    /// The fields grouped by, in order.
    public let fields: [FieldReference]
    /// The groups (cut to the plan's limit).
    public let groups: [Group]
    /// How many records were grouped (all groups, before the limit).
    public let total: Int
    /// Whether the groups are ordered by their size (`sort by count`, or a sort on a field not grouped).
    public let orderedBySize: Bool
}

/// The records of a listing, in order.
public struct QueryRows: Sendable, Equatable {
    /// Record numbers in order: quote-store rows or study indices (cut to the plan's limit).
    public let rows: [Int]
    /// How many records the filter kept (before the limit).
    public let total: Int
}
