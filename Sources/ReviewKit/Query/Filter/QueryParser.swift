/// Parses the query language shared by `quotes` and `studies` into a `QueryPlan`:
/// `[where] FILTER [group by F[, F]] [sort by F [desc][, …]] [limit N] [count]`.
///
/// Errors carry the Character span of the offending token, so the shell can put a caret under it.
/// Chains of `and` / `or` are read in a loop into flat lists; only parentheses and `not` recurse, and no
/// deeper than `maximumDepth`, so no filter, however long, can exhaust the stack.
public struct QueryParser {
    /// How deeply parentheses and `not` may nest.
    public static let maximumDepth = 64

    private let tokens: [QueryToken]
    private var position = 0
    private let subject: Field.Subject
    private let end: Int
    private var depth = 0

    static let clauseWords: Set<String> = ["sort", "group", "limit", "count", "order"]
    static let valueStopWords: Set<String> = ["and", "or", "sort", "group", "limit", "count", "order"]

    /// Parses a query over quotes or studies; `offset` is the query's column in the whole command.
    public static func parse(_ text: String, for subject: Field.Subject, offset: Int = 0) throws(ReviewError) -> QueryPlan {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text, offset: offset), subject: subject, end: offset + text.count)
        return try parser.parseQuery()
    }

    /// Parses only a filter expression (no clauses).
    public static func parseFilter(_ text: String, for subject: Field.Subject, offset: Int = 0) throws(ReviewError) -> FilterExpression {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text, offset: offset), subject: subject, end: offset + text.count)
        let expression = try parser.parseOr()
        if let extra = parser.peek { throw ReviewError(.syntax, "unexpected '\(extra.text)' after the filter", span: extra.span) }
        return expression
    }

    private init(tokens: [QueryToken], subject: Field.Subject, end: Int) {
        self.tokens = tokens
        self.subject = subject
        self.end = end
    }

    private var peek: QueryToken? { position < tokens.count ? tokens[position] : nil }
    private var endSpan: Range<Int> { end..<(end + 1) }

    private mutating func next() -> QueryToken? {
        defer { position += 1 }
        return peek
    }

    private mutating func parseQuery() throws(ReviewError) -> QueryPlan {
        var plan = QueryPlan(subject: subject)
        var countSortSpan: Range<Int>?
        if peek?.isWord("where") == true { position += 1 }
        if let token = peek, !(token.kind == .word && Self.clauseWords.contains(token.text.lowercased())) {
            plan.filter = try parseOr()
        }
        while let token = next() {
            guard token.kind == .word else { throw unexpected(token, expected: "sort by, group by, limit or count") }
            switch token.text.lowercased() {
            case "count":
                plan.countOnly = true
            case "limit":
                guard let number = next() else { throw ReviewError(.syntax, "limit needs a number, e.g. 'limit 10'", span: endSpan) }
                guard let value = Int(number.text), value >= 0 else {
                    throw ReviewError(.invalidValue, "limit needs a whole number; got '\(number.text)'", span: number.span)
                }
                plan.limit = value
            case "sort", "order":
                if peek?.isWord("by") == true { position += 1 }
                repeat {
                    let target: QueryPlan.SortKey.Target
                    if let word = peek, word.isWord("count") || word.isWord("n") {
                        // The size of each group: only meaningful with group by (checked below).
                        position += 1
                        target = .groupSize
                        countSortSpan = word.span
                    } else {
                        target = .field(try parseField())
                    }
                    var descending = false
                    if peek?.isWord("desc") == true || peek?.isWord("descending") == true { descending = true; position += 1 }
                    else if peek?.isWord("asc") == true || peek?.isWord("ascending") == true { position += 1 }
                    plan.sortBy.append(QueryPlan.SortKey(target, descending: descending))
                } while consumeComma()
            case "group":
                if peek?.isWord("by") == true { position += 1 }
                repeat {
                    let start = peek?.span
                    let field = try parseField()
                    guard field.field.isGroupable else {
                        throw ReviewError(.invalidValue, "'\(field.name)' cannot be grouped: every record has its own", span: start,
                                          notes: ["group by a coded or numeric field, e.g. 'group by domain'"])
                    }
                    plan.groupBy.append(field)
                } while consumeComma()
            default:
                throw unexpected(token, expected: "and, or, sort by, group by, limit or count")
            }
        }
        if let span = countSortSpan, plan.groupBy.isEmpty {
            throw ReviewError(.syntax, "'sort by count' orders groups; add 'group by FIELD'", span: span)
        }
        return plan
    }

    private mutating func consumeComma() -> Bool {
        if peek?.isPunctuation(",") == true { position += 1; return true }
        return false
    }

    /// `A or B or …`, read in a loop into one list.
    private mutating func parseOr() throws(ReviewError) -> FilterExpression {
        var operands = [try parseAnd()]
        while peek?.isWord("or") == true {
            position += 1
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    /// `A and B and …`, read in a loop into one list.
    private mutating func parseAnd() throws(ReviewError) -> FilterExpression {
        var operands = [try parseUnary()]
        while peek?.isWord("and") == true {
            position += 1
            operands.append(try parseUnary())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseUnary() throws(ReviewError) -> FilterExpression {
        guard let token = peek else {
            throw ReviewError(.syntax, "the filter ends too early; expected a comparison such as 'domain = knowledge'", span: endSpan)
        }
        if token.isWord("not") || token.isPunctuation("(") {
            guard depth < Self.maximumDepth else {
                throw ReviewError(.tooDeep, "the filter nests parentheses or 'not' more than \(Self.maximumDepth) deep", span: token.span,
                                  notes: ["write long alternatives as a list, e.g. 'domain in (knowledge, skills)'"])
            }
            depth += 1
            defer { depth -= 1 }
            position += 1
            if token.isWord("not") { return .not(try parseUnary()) }
            let inner = try parseOr()
            guard let close = next(), close.isPunctuation(")") else {
                throw ReviewError(.syntax, "missing ')' to close the '(' here", span: token.span)
            }
            return inner
        }
        if token.kind == .string {
            // A bare quoted string searches the text.
            guard let text = Field.named("text", for: subject) else {
                // Studies have no text to search (found by fuzzing: this was a force-unwrap trap).
                throw ReviewError(.syntax, "a quoted string alone searches the text of quotes; studies have no text: compare a field, e.g. 'label contains \"…\"'",
                                  span: token.span)
            }
            position += 1
            return .comparison(.init(field: text, op: .contains, values: [token.text], span: token.span, valueSpans: [token.span]))
        }
        return try parseComparison()
    }

    private mutating func parseField() throws(ReviewError) -> FieldReference {
        guard let token = next() else { throw ReviewError(.syntax, "expected a field name", span: endSpan, notes: [fieldList]) }
        guard token.kind == .word, let found = Field.named(token.text, for: subject) else {
            let suggestions = EditDistance.nearest(to: token.text, in: Field.names(for: subject))
            var notes = suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"]
            notes.append(fieldList)
            throw ReviewError(.unknownField, "unknown field '\(token.text)' for \(subject == .quote ? "quotes" : "studies")", span: token.span, notes: notes)
        }
        return found
    }

    private var fieldList: String { "fields: " + Field.names(for: subject).joined(separator: ", ") }

    private mutating func parseComparison() throws(ReviewError) -> FilterExpression {
        let start = peek!.span.lowerBound
        let field = try parseField()
        let name = field.field.name
        let takes = field.field.type.operatorSpellings.joined(separator: " ")
        guard let opToken = next() else {
            throw ReviewError(.syntax, "expected an operator after '\(name)' (\(takes))", span: endSpan)
        }
        var op: FilterOperator?
        var negated = false
        switch (opToken.kind, opToken.text.lowercased()) {
        case (.op, let text): op = FilterOperator(spelling: text)
        case (.word, "contains"), (.word, "in"): op = FilterOperator(spelling: opToken.text)
        case (.word, "not") where peek?.isWord("in") == true || peek?.isWord("contains") == true:
            op = FilterOperator(spelling: next()!.text)
            negated = true
        case (.word, "is"):
            op = .equal
            if peek?.isWord("not") == true { position += 1; op = .notEqual }
        default:
            break
        }
        guard let op else {
            throw ReviewError(.syntax, "expected an operator after '\(name)'; got '\(opToken.text)'", span: opToken.span,
                              notes: ["'\(name)' takes: \(takes)"])
        }
        guard field.field.operators.contains(op) else {
            throw ReviewError(.invalidOperator, "'\(name)' cannot be compared with '\(op.symbol)'", span: opToken.span,
                              notes: ["'\(name)' takes: \(takes)"])
        }
        var values: [String?] = []
        var spans: [Range<Int>] = []
        if op == .oneOf {
            guard let open = next(), open.isPunctuation("(") else {
                throw ReviewError(.syntax, "'in' needs a list in parentheses, e.g. \(name) in (a, b)", span: opToken.span)
            }
            repeat {
                let (value, span) = try parseValue(after: open)
                values.append(value); spans.append(span)
            } while consumeComma()
            guard let close = next(), close.isPunctuation(")") else {
                throw ReviewError(.syntax, "missing ')' to close the list", span: open.span)
            }
        } else {
            let (value, span) = try parseValue(after: opToken)
            values.append(value); spans.append(span)
        }
        let span = start..<(spans.last?.upperBound ?? opToken.span.upperBound)
        let comparison = FilterExpression.comparison(.init(field: field, op: op, values: values, span: span, valueSpans: spans))
        return negated ? .not(comparison) : comparison
    }

    /// A value: a quoted string, or bare words up to the next operator, parenthesis, comma or keyword.
    private mutating func parseValue(after token: QueryToken) throws(ReviewError) -> (String?, Range<Int>) {
        guard let first = peek else { throw ReviewError(.syntax, "expected a value after '\(token.text)'", span: endSpan) }
        if first.kind == .string { position += 1; return (first.text, first.span) }
        guard first.kind == .word, !Self.valueStopWords.contains(first.text.lowercased()) else {
            throw ReviewError(.syntax, "expected a value after '\(token.text)'; got '\(first.text)'", span: first.span)
        }
        var words = [first.text]
        var span = first.span
        position += 1
        while let more = peek, more.kind == .word, !Self.valueStopWords.contains(more.text.lowercased()) {
            words.append(more.text)
            span = span.lowerBound..<more.span.upperBound
            position += 1
        }
        let value = words.joined(separator: " ")
        return (value.lowercased() == "unknown" ? nil : value, span)
    }

    private func unexpected(_ token: QueryToken, expected: String) -> ReviewError {
        ReviewError(.syntax, "unexpected '\(token.text)'; expected \(expected)", span: token.span)
    }
}
