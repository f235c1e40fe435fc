/// A parsed filter: comparisons combined with and / or / not.
public indirect enum FilterExpression: Sendable, Equatable {
    /// Both must hold.
    case and(FilterExpression, FilterExpression)
    /// Either holds.
    case or(FilterExpression, FilterExpression)
    /// The inner expression does not hold.
    case not(FilterExpression)
    /// One comparison of a field with values.
    case comparison(Comparison)

    /// A field compared with one or more values.
    public struct Comparison: Sendable, Equatable {
        /// The field.
        public let field: Field
        /// Whether the field is a study field reached from a quote (`study.casp`).
        public let viaStudy: Bool
        /// The operator: = != < <= > >= contains in.
        public let op: String
        /// The values as typed (several for `in`); "unknown" unquoted is `nil`.
        public let values: [String?]
        /// Where the comparison is, for error carets.
        public let span: Range<Int>
        /// Where each value is.
        public let valueSpans: [Range<Int>]
    }
}

/// A whole query: a filter plus grouping, sorting and a limit.
public struct QuerySpec: Sendable, Equatable {
    /// Which records are kept (nil: all).
    public var filter: FilterExpression?
    /// Fields to group by (counts per group).
    public var groupBy: [(field: Field, viaStudy: Bool)] = []
    /// Sort keys, in order.
    public var sortBy: [(field: Field, viaStudy: Bool, descending: Bool)] = []
    /// The most records to show.
    public var limit: Int?
    /// Only count the records.
    public var countOnly = false

    /// An empty query (everything).
    public init() {}

    /// Equality by fields and names (tuples are not Equatable).
    public static func == (lhs: QuerySpec, rhs: QuerySpec) -> Bool {
        lhs.filter == rhs.filter && lhs.limit == rhs.limit && lhs.countOnly == rhs.countOnly
            && lhs.groupBy.map { $0.field.name + "\($0.viaStudy)" } == rhs.groupBy.map { $0.field.name + "\($0.viaStudy)" }
            && lhs.sortBy.map { $0.field.name + "\($0.viaStudy)\($0.descending)" } == rhs.sortBy.map { $0.field.name + "\($0.viaStudy)\($0.descending)" }
    }
}
