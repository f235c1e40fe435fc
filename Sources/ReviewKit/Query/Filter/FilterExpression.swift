/// A parsed filter: comparisons combined with and / or / not.
///
/// `and` and `or` hold all their operands in one list, so a filter of thousands of `or` terms is a flat
/// list rather than a tree thousands of levels deep; only parentheses and `not` nest, and the parser
/// bounds how deep (`QueryParser.maximumDepth`), so evaluating a filter never runs out of stack.
public indirect enum FilterExpression: Sendable, Equatable {
    /// All must hold.
    case and([FilterExpression])
    /// Any holds.
    case or([FilterExpression])
    /// The inner expression does not hold.
    case not(FilterExpression)
    /// One comparison of a field with values.
    case comparison(Comparison)

    /// A field compared with one or more values.
    public struct Comparison: Sendable, Equatable {
        /// The field.
        public let field: FieldReference
        /// The operator.
        public let op: FilterOperator
        /// The values as typed (several for `in`); "unknown" unquoted is `nil`.
        public let values: [String?]
        /// Where the comparison is, for error carets.
        public let span: Range<Int>
        /// Where each value is.
        public let valueSpans: [Range<Int>]

        /// Creates a comparison.
        public init(field: FieldReference, op: FilterOperator, values: [String?], span: Range<Int>, valueSpans: [Range<Int>]) {
            self.field = field
            self.op = op
            self.values = values
            self.span = span
            self.valueSpans = valueSpans
        }
    }
}
