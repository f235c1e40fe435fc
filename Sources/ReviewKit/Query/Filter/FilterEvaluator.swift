/// Evaluating filters: each comparison becomes a set of rows (a bit vector), built from the field's reader
/// over the columnar store; `and`, `or` and `not` combine the sets one 64-bit word at a time.
extension QueryEngine {
    /// The records of a subject a filter keeps (all when `filter` is nil).
    public func rows(of subject: Field.Subject, matching filter: FilterExpression?) throws(ReviewError) -> RowSet {
        let count = subject == .quote ? workspace.quotes.count : workspace.studies.count
        guard let filter else { return .all(count) }
        return try evaluate(filter, subject: subject, count: count)
    }

    /// The quote rows a filter keeps (all rows when `filter` is nil).
    public func quoteRows(matching filter: FilterExpression?) throws(ReviewError) -> RowSet {
        try rows(of: .quote, matching: filter)
    }

    /// The studies a filter keeps, as a Boolean per study.
    public func studyMatches(_ filter: FilterExpression?) throws(ReviewError) -> [Bool] {
        let set = try rows(of: .study, matching: filter)
        return (0..<set.count).map(set.contains)
    }

    private func evaluate(_ expression: FilterExpression, subject: Field.Subject, count: Int) throws(ReviewError) -> RowSet {
        switch expression {
        case .and(let operands):
            var result = RowSet.all(count)
            for operand in operands { result = result.intersection(try evaluate(operand, subject: subject, count: count)) }
            return result
        case .or(let operands):
            var result = RowSet(count: count)
            for operand in operands { result = result.union(try evaluate(operand, subject: subject, count: count)) }
            return result
        case .not(let operand):
            return try evaluate(operand, subject: subject, count: count).complement()
        case .comparison(let comparison):
            let set = subject == .quote ? try quoteComparison(comparison) : try studyComparison(comparison)
            return comparison.op == .notEqual ? set.complement() : set
        }
    }

    // MARK: quotes

    /// Evaluates one comparison on quotes; `!=` is evaluated as `=` and complemented by the caller.
    private func quoteComparison(_ c: FilterExpression.Comparison) throws(ReviewError) -> RowSet {
        let q = workspace.quotes
        let count = q.count
        if c.field.viaStudy {
            let studies = try studyComparison(c)
            // A quote without a study has every study field unknown: only `= unknown` (or a list holding it) keeps it.
            let unknownMatches = c.values.contains(nil) && c.op != .less && c.op != .lessOrEqual && c.op != .greater && c.op != .greaterOrEqual
            let allowed = (0..<studies.count).map(studies.contains)
            return q.studies.withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: allowed, negative: unknownMatches) }
        }
        guard case .quote(let column) = c.field.field.reader else {
            throw ReviewError(.unknownField, "'\(c.field.name)' is not a quote field", span: c.span)
        }
        switch column {
        case .codes(let codes):
            let allowed = try codes.vocabulary.allowedCodes(c.values, spans: c.valueSpans)
            return codes.bytes(q).withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: allowed) }
        case .text:
            return try quoteTextComparison(c)
        case .strings(let strings):
            let values = strings(q)
            return textComparison(c, count: count) { values[$0] }
        case .tags:
            return tagComparison(c, tags: q.tags)
        case .integers(let integers):
            let targets = try numbers(c)
            return integers(q).withUnsafeBufferPointer { column in
                RowSet(count: count) { row in
                    let value = column[row]
                    return targets.contains { c.op.holds(value < 0 ? nil : Double(value), $0) }
                }
            }
        case .study:
            let allowed = try studySet(c)
            return q.studies.withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: allowed.studies, negative: allowed.unknown) }
        case .subTheme:
            let allowed = try subThemeSet(c)
            return q.subThemes.withUnsafeBufferPointer { column in
                RowSet(count: count) { row in column[row] < 0 ? allowed.unknown : allowed.ids.contains(column[row]) }
            }
        }
    }

    private func quoteTextComparison(_ c: FilterExpression.Comparison) throws(ReviewError) -> RowSet {
        let q = workspace.quotes
        var needles: [FoldedNeedle] = []
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { throw ReviewError(.invalidValue, "a quote always has text; 'unknown' matches nothing here", span: span) }
            needles.append(FoldedNeedle(value))
        }
        var result: RowSet?
        for needle in needles {
            let rows = c.op == .contains ? Self.rowsContaining(needle, in: q) : Self.rowsEqual(to: needle, in: q)
            result = result.map { $0.union(rows) } ?? rows
        }
        return result ?? RowSet(count: q.count)
    }

    /// The rows whose text contains a folded needle (the signature check first, then a scan of the bytes in place).
    public static func rowsContaining(_ needle: [UInt32], in q: QuoteStore) -> RowSet {
        rowsContaining(FoldedNeedle(folded: needle), in: q)
    }

    /// The rows whose text contains a prepared needle, tested on all processors for large stores.
    public static func rowsContaining(_ needle: FoldedNeedle, in q: QuoteStore) -> RowSet {
        guard !needle.isEmpty else { return .all(q.count) }
        return rowsWhereText(of: q, needle, whole: false)
    }

    /// The rows whose whole text equals a prepared needle once both are folded.
    public static func rowsEqual(to needle: FoldedNeedle, in q: QuoteStore) -> RowSet {
        rowsWhereText(of: q, needle, whole: true)
    }

    /// The rows whose signature covers the needle's and whose text contains (or, with `whole`, equals) it.
    /// Rows are split over the processors; each worker fills its own 64-row words, so results do not vary.
    private static func rowsWhereText(of q: QuoteStore, _ needle: FoldedNeedle, whole: Bool) -> RowSet {
        let signature = needle.signature
        let count = q.count
        return q.signatures.withUnsafeBufferPointer { signatures in
            q.textBytes.withUnsafeBufferPointer { bytes in
                q.textStarts.withUnsafeBufferPointer { starts in
                    RowSet(count: count, concurrently: true) { words, range in
                        for w in range {
                            let base = w &* 64
                            var candidates: UInt64 = 0
                            for bit in 0..<min(64, count &- base) {
                                candidates |= (signatures[base &+ bit].covers(signature) ? 1 : 0) &<< UInt64(bit)
                            }
                            // Read one byte per cache line of every candidate before scanning any, so their
                            // memory loads overlap instead of each scan waiting for its text in turn.
                            var touched: UInt8 = 0
                            var pending = candidates
                            while pending != 0 {
                                let row = base &+ pending.trailingZeroBitCount
                                var offset = starts[row]
                                let end = starts[row &+ 1]
                                while offset < end { touched |= bytes[offset]; offset &+= 64 }
                                pending &= pending &- 1
                            }
                            keepAlive(touched)
                            var word: UInt64 = 0
                            pending = candidates
                            while pending != 0 {
                                let bit = pending.trailingZeroBitCount
                                let row = base &+ bit
                                let text = UnsafeBufferPointer(rebasing: bytes[starts[row]..<starts[row &+ 1]])
                                if whole ? TextScanner.equals(text, needle) : TextScanner.contains(text, needle) {
                                    word |= 1 &<< UInt64(bit)
                                }
                                pending &= pending &- 1
                            }
                            words[w] = word
                        }
                    }
                }
            }
        }
    }

    /// Rows whose short text equals or contains a value, folded; an empty or nil text is unknown.
    private func textComparison(_ c: FilterExpression.Comparison, count: Int, _ value: (Int) -> String?) -> RowSet {
        let needles = c.values.map { $0.map(TextFolding.foldedScalars) }
        return RowSet(count: count) { row in
            let raw = value(row)
            let folded = raw.flatMap { $0.isEmpty ? nil : TextFolding.foldedScalars($0) }
            return needles.contains { needle in
                guard let needle else { return folded == nil }
                guard let folded else { return false }
                return c.op == .contains ? TextScanner.contains(folded, needle) : folded == needle
            }
        }
    }

    /// The comparison's values as numbers (quote ids may be written Q12); nil is unknown.
    private func numbers(_ c: FilterExpression.Comparison) throws(ReviewError) -> [Double?] {
        var result: [Double?] = []
        for (value, span) in zip(c.values, c.valueSpans) {
            switch c.field.field.type {
            case .quoteID:
                guard let value else { throw ReviewError(.invalidValue, "a quote always has an id; 'unknown' matches nothing here", span: span) }
                let digits = value.hasPrefix("Q") || value.hasPrefix("q") ? String(value.dropFirst()) : value
                guard let number = Int(digits) else { throw ReviewError(.invalidValue, "quote ids look like Q12; got '\(value)'", span: span) }
                result.append(Double(number))
            case .answer:
                guard let value else { result.append(nil); continue }
                if let answer = CASPAnswer(parsing: value) { result.append(answer.score); continue }
                if let number = Double(value) { result.append(number); continue }
                throw ReviewError(.invalidValue, "CASP answers are yes, can't tell or no (or 1, 0.5, 0); got '\(value)'", span: span)
            default:
                guard let value else { result.append(nil); continue }
                guard let number = Double(value) else {
                    throw ReviewError(.invalidValue, "'\(c.field.field.name)' takes a number; got '\(value)'", span: span)
                }
                result.append(number)
            }
        }
        return result
    }

    private struct StudySet { var studies: [Bool]; var unknown: Bool }

    /// Which studies a `study = …` value names: an id, a label (all studies sharing it), or unknown.
    private func studySet(_ c: FilterExpression.Comparison) throws(ReviewError) -> StudySet {
        var set = StudySet(studies: [Bool](repeating: false, count: workspace.studies.count), unknown: false)
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { set.unknown = true; continue }
            let key = TextFolding.fold(value)
            var found = false
            for (index, study) in workspace.studies.enumerated() {
                let label = TextFolding.fold(study.label)
                let hit = c.op == .contains ? label.contains(key) || TextFolding.fold(study.id) == key
                                            : TextFolding.fold(study.id) == key || label == key
                if hit { set.studies[index] = true; found = true }
            }
            if !found && c.op != .contains {
                let suggestions = EditDistance.nearest(to: value, in: workspace.studies.map(\.label) + workspace.studies.map(\.id))
                throw ReviewError(.notFound, "no study '\(value)'", span: span,
                                  notes: suggestions.isEmpty ? ["studies are named by id (S01) or label; 'studies' lists them"] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"])
            }
        }
        return set
    }

    private struct SubThemeSet { var ids: Set<Int32>; var unknown: Bool }

    private func subThemeSet(_ c: FilterExpression.Comparison) throws(ReviewError) -> SubThemeSet {
        var set = SubThemeSet(ids: [], unknown: false)
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { set.unknown = true; continue }
            let key = TextFolding.fold(value)
            var found = false
            for theme in workspace.subThemes {
                let label = TextFolding.fold(theme.label)
                let hit = c.op == .contains ? label.contains(key)
                    : label == key || TextFolding.fold(theme.code) == key || String(theme.id) == key
                if hit { set.ids.insert(Int32(theme.id)); found = true }
            }
            if !found && c.op != .contains {
                let suggestions = EditDistance.nearest(to: value, in: workspace.subThemes.map(\.label) + workspace.subThemes.map(\.code))
                throw ReviewError(.notFound, "no sub-theme '\(value)'", span: span,
                                  notes: suggestions.isEmpty ? ["name a sub-theme by code (B/ECR/2), id or full label, or use 'subtheme contains WORD'; 'themes' lists them"] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"])
            }
        }
        return set
    }

    // MARK: studies

    /// Evaluates one comparison on every study (also for `study.FIELD` from quotes); `!=` as `=`.
    private func studyComparison(_ c: FilterExpression.Comparison) throws(ReviewError) -> RowSet {
        guard case .study(let read) = c.field.field.reader else {
            throw ReviewError(.unknownField, "'\(c.field.field.name)' is not a study field", span: c.span)
        }
        let count = workspace.studies.count
        let values = (0..<count).map { read(StudyRow(index: $0, context: context)) }
        switch c.field.field.type {
        case .integer, .number, .answer, .quoteID:
            let targets = try numbers(c)
            return RowSet(count: count) { index in
                let number: Double? = if case .number(let value) = values[index] { value } else { nil }
                return targets.contains { c.op.holds(number, $0) }
            }
        case .band:
            let names = try bandNames(c)
            return RowSet(count: count) { index in
                let band = values[index].isMissing ? nil : TextFolding.fold(values[index].display)
                // A study in two overlapping bands has the one band "a+b", as `bands` and `group by band` count it.
                return names.contains { name in
                    guard let name else { return band == nil }
                    guard let band else { return false }
                    return band == name
                }
            }
        default:
            let needles = c.values.map { $0.map(TextFolding.fold) }
            return RowSet(count: count) { index in
                let raw: String? = values[index].isMissing ? nil : TextFolding.fold(values[index].display)
                return needles.contains { needle in
                    guard let needle else { return raw == nil }
                    guard let raw else { return false }
                    return c.op == .contains ? raw.contains(needle) : raw == needle
                }
            }
        }
    }

    /// The folded band names a comparison names ("none" for totals in no band); nil is unknown.
    private func bandNames(_ c: FilterExpression.Comparison) throws(ReviewError) -> [String?] {
        var names: [String?] = []
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { names.append(nil); continue }
            guard let name = context.bands.canonicalName(value) else {
                throw ReviewError(.invalidValue, "unknown band '\(value)'", span: span,
                                  notes: ["bands in use: \(context.bands.description); 'none' matches totals in no band, 'incomplete' appraisals "
                                          + "with unanswered questions, and 'a+b' totals in two overlapping bands"])
            }
            names.append(TextFolding.fold(name))
        }
        return names
    }
}

/// Keeps a value the optimiser would otherwise drop (the prefetching reads in the text scan).
@_optimize(none) @inline(never)
func keepAlive(_ value: UInt8) {}

extension QueryEngine {
    /// Rows whose tags match: any tag equal to (or, for `~`, containing) a value, folded; unknown is no tags.
    func tagComparison(_ c: FilterExpression.Comparison, tags: [[String]]) -> RowSet {
        let needles = c.values.map { $0.map(TextFolding.foldedScalars) }
        return RowSet(count: tags.count) { row in
            let rowTags = tags[row]
            return needles.contains { needle in
                guard let needle else { return rowTags.isEmpty }
                return rowTags.contains { tag in
                    let folded = TextFolding.foldedScalars(tag)
                    return c.op == .contains ? TextScanner.contains(folded, needle) : folded == needle
                }
            }
        }
    }
}
