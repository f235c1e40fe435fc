/// Parses the query language shared by `quotes` and `studies`:
/// `[where] FILTER [group by F[, F]] [sort by F [desc][, …]] [limit N] [count]`.
///
/// Errors carry the Character span of the offending token, so the shell can put a caret under it.
public struct QueryParser {
    private let tokens: [QueryToken]
    private var position = 0
    private let subject: Field.Subject
    private let end: Int

    static let clauseWords: Set<String> = ["sort", "group", "limit", "count", "order"]
    static let valueStopWords: Set<String> = ["and", "or", "sort", "group", "limit", "count", "order"]

    /// Parses a query over quotes or studies; `offset` is the query's column in the whole command.
    public static func parse(_ text: String, for subject: Field.Subject, offset: Int = 0) throws(ReviewError) -> QuerySpec {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text, offset: offset), subject: subject, end: offset + text.count)
        return try parser.parseQuery()
    }

    /// Parses only a filter expression (no clauses).
    public static func parseFilter(_ text: String, for subject: Field.Subject, offset: Int = 0) throws(ReviewError) -> FilterExpression {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text, offset: offset), subject: subject, end: offset + text.count)
        let expression = try parser.parseOr()
        if let extra = parser.peek { throw ReviewError("unexpected '\(extra.text)' after the filter", span: extra.span) }
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

    private mutating func parseQuery() throws(ReviewError) -> QuerySpec {
        var spec = QuerySpec()
        var countSortSpan: Range<Int>?
        defer { _ = countSortSpan }
        if peek?.isWord("where") == true { position += 1 }
        if let token = peek, !(token.kind == .word && Self.clauseWords.contains(token.text.lowercased())) {
            spec.filter = try parseOr()
        }
        while let token = next() {
            guard token.kind == .word else { throw unexpected(token, expected: "sort by, group by, limit or count") }
            switch token.text.lowercased() {
            case "count":
                spec.countOnly = true
            case "limit":
                guard let number = next() else { throw ReviewError("limit needs a number, e.g. 'limit 10'", span: endSpan) }
                guard let value = Int(number.text), value >= 0 else { throw ReviewError("limit needs a whole number; got '\(number.text)'", span: number.span) }
                spec.limit = value
            case "sort", "order":
                if peek?.isWord("by") == true { position += 1 }
                repeat {
                    let field: Field, viaStudy: Bool
                    if let word = peek, word.isWord("count") || word.isWord("n") {
                        // The size of each group: only meaningful with group by (checked below).
                        position += 1
                        field = Field.groupCount(for: subject)
                        viaStudy = false
                        countSortSpan = word.span
                    } else {
                        (field, viaStudy) = try parseField()
                    }
                    var descending = false
                    if peek?.isWord("desc") == true || peek?.isWord("descending") == true { descending = true; position += 1 }
                    else if peek?.isWord("asc") == true || peek?.isWord("ascending") == true { position += 1 }
                    spec.sortBy.append((field, viaStudy, descending))
                } while consumeComma()
            case "group":
                if peek?.isWord("by") == true { position += 1 }
                repeat { spec.groupBy.append(try parseField()) } while consumeComma()
            default:
                throw unexpected(token, expected: "and, or, sort by, group by, limit or count")
            }
        }
        if let span = countSortSpan, spec.groupBy.isEmpty {
            throw ReviewError("'sort by count' orders groups; add 'group by FIELD'", span: span)
        }
        return spec
    }

    private mutating func consumeComma() -> Bool {
        if peek?.kind == .punctuation && peek?.text == "," { position += 1; return true }
        return false
    }

    private mutating func parseOr() throws(ReviewError) -> FilterExpression {
        var left = try parseAnd()
        while peek?.isWord("or") == true {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ReviewError) -> FilterExpression {
        var left = try parseUnary()
        while peek?.isWord("and") == true {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ReviewError) -> FilterExpression {
        guard let token = peek else { throw ReviewError("the filter ends too early; expected a comparison such as 'domain = knowledge'", span: endSpan) }
        if token.isWord("not") {
            position += 1
            return .not(try parseUnary())
        }
        if token.kind == .punctuation && token.text == "(" {
            position += 1
            let inner = try parseOr()
            guard let close = next(), close.kind == .punctuation, close.text == ")" else {
                throw ReviewError("missing ')' to close the '(' here", span: token.span)
            }
            return inner
        }
        if token.kind == .string {
            // A bare quoted string searches the text.
            position += 1
            let field = subject == .quote ? Field.quoteFields[1] : Field.studyFields[1]
            return .comparison(.init(field: field, viaStudy: false, op: "contains", values: [token.text], span: token.span, valueSpans: [token.span]))
        }
        return try parseComparison()
    }

    private mutating func parseField() throws(ReviewError) -> (Field, Bool) {
        guard let token = next() else { throw ReviewError("expected a field name", span: endSpan, notes: [fieldList]) }
        guard token.kind == .word, let found = Field.named(token.text, for: subject) else {
            let suggestions = EditDistance.nearest(to: token.text, in: Field.names(for: subject))
            var notes = suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"]
            notes.append(fieldList)
            throw ReviewError("unknown field '\(token.text)' for \(subject == .quote ? "quotes" : "studies")", span: token.span, notes: notes)
        }
        return (found.field, found.viaStudy)
    }

    private var fieldList: String { "fields: " + Field.names(for: subject).joined(separator: ", ") }

    private mutating func parseComparison() throws(ReviewError) -> FilterExpression {
        let start = peek!.span.lowerBound
        let (field, viaStudy) = try parseField()
        guard let opToken = next() else {
            throw ReviewError("expected an operator after '\(field.name)' (\(field.operators.joined(separator: " ")))", span: endSpan)
        }
        var op: String
        var negateIn = false
        switch (opToken.kind, opToken.text.lowercased()) {
        case (.op, let text): op = text == "~" ? "contains" : text
        case (.word, "contains"), (.word, "in"): op = opToken.text.lowercased()
        case (.word, "not") where peek?.isWord("in") == true || peek?.isWord("contains") == true:
            op = next()!.text.lowercased()
            negateIn = true
        case (.word, "is"):
            op = "="
            if peek?.isWord("not") == true { position += 1; op = "!=" }
        default:
            throw ReviewError("expected an operator after '\(field.name)'; got '\(opToken.text)'", span: opToken.span,
                              notes: ["'\(field.name)' takes: \(field.operators.joined(separator: " "))"])
        }
        guard field.operators.contains(op) else {
            throw ReviewError("'\(field.name)' cannot be compared with '\(op)'", span: opToken.span,
                              notes: ["'\(field.name)' takes: \(field.operators.joined(separator: " "))"])
        }
        var values: [String?] = []
        var spans: [Range<Int>] = []
        if op == "in" {
            guard let open = next(), open.kind == .punctuation, open.text == "(" else {
                throw ReviewError("'in' needs a list in parentheses, e.g. \(field.name) in (a, b)", span: opToken.span)
            }
            repeat {
                let (value, span) = try parseValue(after: open)
                values.append(value); spans.append(span)
            } while consumeComma()
            guard let close = next(), close.kind == .punctuation, close.text == ")" else {
                throw ReviewError("missing ')' to close the list", span: open.span)
            }
        } else {
            let (value, span) = try parseValue(after: opToken)
            values.append(value); spans.append(span)
        }
        let span = start..<(spans.last?.upperBound ?? opToken.span.upperBound)
        let comparison = FilterExpression.comparison(.init(field: field, viaStudy: viaStudy, op: op, values: values, span: span, valueSpans: spans))
        return negateIn ? .not(comparison) : comparison
    }

    /// A value: a quoted string, or bare words up to the next operator, parenthesis, comma or keyword.
    private mutating func parseValue(after token: QueryToken) throws(ReviewError) -> (String?, Range<Int>) {
        guard let first = peek else { throw ReviewError("expected a value after '\(token.text)'", span: endSpan) }
        if first.kind == .string { position += 1; return (first.text, first.span) }
        guard first.kind == .word, !Self.valueStopWords.contains(first.text.lowercased()) else {
            throw ReviewError("expected a value after '\(token.text)'; got '\(first.text)'", span: first.span)
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
        ReviewError("unexpected '\(token.text)'; expected \(expected)", span: token.span)
    }
}
