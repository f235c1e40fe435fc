/// Evaluates queries over the quote store and the studies.
public struct QueryEngine {
    /// The context queries run against.
    public let context: QueryContext
    private var workspace: Workspace { context.workspace }

    /// Creates an engine for a context.
    public init(_ context: QueryContext) { self.context = context }

    // MARK: quotes

    /// The quote rows a filter keeps (all rows when `filter` is nil).
    public func quoteRows(matching filter: FilterExpression?) throws(ReviewError) -> RowSet {
        guard let filter else { return .all(workspace.quotes.count) }
        return try evaluateQuotes(filter)
    }

    private func evaluateQuotes(_ expression: FilterExpression) throws(ReviewError) -> RowSet {
        switch expression {
        case .and(let a, let b): return try evaluateQuotes(a).intersection(try evaluateQuotes(b))
        case .or(let a, let b): return try evaluateQuotes(a).union(try evaluateQuotes(b))
        case .not(let a): return try evaluateQuotes(a).complement()
        case .comparison(let comparison):
            let set = try quoteComparison(comparison)
            return comparison.op == "!=" ? set.complement() : set
        }
    }

    /// Evaluates one comparison; `!=` is evaluated as `=` and complemented by the caller.
    private func quoteComparison(_ c: FilterExpression.Comparison) throws(ReviewError) -> RowSet {
        let q = workspace.quotes
        let count = q.count
        if c.viaStudy {
            let studies = try studyMatches(c)
            // A quote without a study has every study field unknown: only `= unknown` (or a list holding it) keeps it.
            let unknownMatches = c.values.contains(nil) && ["=", "!=", "in", "contains"].contains(c.op)
            return q.studies.withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: studies, negative: unknownMatches) }
        }
        switch c.field.kind {
        case .direction, .component, .domain, .source:
            let allowed = try allowedCodes(c)
            let column: [UInt8]
            switch c.field.kind {
            case .direction: column = q.directions
            case .domain: column = q.domains
            default: column = q.components
            }
            return column.withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: allowed) }
        case .text:
            if c.field.name == "page" { return try textComparison(c, count: count) { q.pages[$0] } }
            return try quoteTextComparison(c)
        case .integer:
            let targets = try numbers(c)
            return q.references.withUnsafeBufferPointer { refs in
                RowSet(count: count) { row in
                    let value = refs[row]
                    return targets.contains { compare(value < 0 ? nil : Double(value), c.op, $0) }
                }
            }
        case .quoteID:
            var targets: [Double?] = []
            for (value, span) in zip(c.values, c.valueSpans) {
                guard let value else { throw ReviewError("a quote always has an id; 'unknown' matches nothing here", span: span) }
                let digits = value.hasPrefix("Q") || value.hasPrefix("q") ? String(value.dropFirst()) : value
                guard let number = Int(digits) else { throw ReviewError("quote ids look like Q12; got '\(value)'", span: span) }
                targets.append(Double(number))
            }
            return q.ids.withUnsafeBufferPointer { ids in
                RowSet(count: count) { row in targets.contains { compare(Double(ids[row]), c.op, $0) } }
            }
        case .study:
            let allowed = try studySet(c)
            return q.studies.withUnsafeBufferPointer { RowSet.rows(of: $0, allowed: allowed.studies, negative: allowed.unknown) }
        case .subTheme:
            let allowed = try subThemeSet(c)
            return q.subThemes.withUnsafeBufferPointer { column in
                RowSet(count: count) { row in column[row] < 0 ? allowed.unknown : allowed.ids.contains(column[row]) }
            }
        case .number, .answer, .band:
            throw ReviewError("'\(c.field.name)' is not a quote field", span: c.span)
        }
    }

    /// Which codes a component/domain/direction/source comparison allows, indexed by code (0 = uncoded).
    private func allowedCodes(_ c: FilterExpression.Comparison) throws(ReviewError) -> [Bool] {
        var allowed = [Bool](repeating: false, count: 256)
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { allowed[0] = true; continue }
            switch c.field.kind {
            case .direction:
                allowed[Int(try resolve(value, Framework.directions, "direction", span).rawValue)] = true
            case .domain:
                allowed[Int(try resolve(value, Framework.domains, "TDF domain", span).rawValue)] = true
            case .source:
                for component in try resolve(value, Framework.sources, "COM-B source", span).components { allowed[Int(component.rawValue)] = true }
            default:
                // A component by name, else a whole source ("motivation" = both motivations).
                if case .found(let component) = Framework.components.resolve(value) {
                    allowed[Int(component.rawValue)] = true
                } else if case .found(let source) = Framework.sources.resolve(value) {
                    for component in source.components { allowed[Int(component.rawValue)] = true }
                } else {
                    allowed[Int(try resolve(value, Framework.components, "COM-B component", span).rawValue)] = true
                }
            }
        }
        return allowed
    }

    /// Resolves a name or throws an error listing the valid names.
    public func resolve<Value>(_ text: String, _ matcher: NameMatcher<Value>, _ what: String, _ span: Range<Int>?) throws(ReviewError) -> Value {
        switch matcher.resolve(text) {
        case .found(let value): return value
        case .ambiguous(let names):
            throw ReviewError("'\(text)' could be \(names.map { "'\($0)'" }.joined(separator: " or ")); type more of the name", span: span)
        case .unknown(let suggestions):
            var notes: [String] = []
            if !suggestions.isEmpty { notes.append("did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?") }
            notes.append("valid \(what)s: " + matcher.displayNames.joined(separator: "; "))
            throw ReviewError("unknown \(what) '\(text)'", span: span, notes: notes)
        }
    }

    private func quoteTextComparison(_ c: FilterExpression.Comparison) throws(ReviewError) -> RowSet {
        let q = workspace.quotes
        var needles: [FoldedNeedle] = []
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { throw ReviewError("a quote always has text; 'unknown' matches nothing here", span: span) }
            needles.append(FoldedNeedle(value))
        }
        var result: RowSet?
        for needle in needles {
            let rows = c.op == "contains" ? Self.rowsContaining(needle, in: q) : Self.rowsEqual(to: needle, in: q)
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

    private func textComparison(_ c: FilterExpression.Comparison, count: Int, _ value: (Int) -> String?) throws(ReviewError) -> RowSet {
        let needles = c.values.map { $0.map(TextFolding.foldedScalars) }
        return RowSet(count: count) { row in
            let raw = value(row)
            let folded = raw.flatMap { $0.isEmpty ? nil : TextFolding.foldedScalars($0) }
            return needles.contains { needle in
                guard let needle else { return folded == nil }
                guard let folded else { return false }
                return c.op == "contains" ? TextScanner.contains(folded, needle) : folded == needle
            }
        }
    }

    private func numbers(_ c: FilterExpression.Comparison) throws(ReviewError) -> [Double?] {
        var result: [Double?] = []
        for (value, span) in zip(c.values, c.valueSpans) {
            guard let value else { result.append(nil); continue }
            guard let number = Double(value) else { throw ReviewError("'\(c.field.name)' takes a number; got '\(value)'", span: span) }
            result.append(number)
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
                let hit = c.op == "contains" ? label.contains(key) || TextFolding.fold(study.id) == key
                                             : TextFolding.fold(study.id) == key || label == key
                if hit { set.studies[index] = true; found = true }
            }
            if !found && c.op != "contains" {
                let suggestions = EditDistance.nearest(to: value, in: workspace.studies.map(\.label) + workspace.studies.map(\.id))
                throw ReviewError("no study '\(value)'", span: span,
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
                let hit = c.op == "contains" ? label.contains(key)
                    : label == key || TextFolding.fold(theme.code) == key || String(theme.id) == key
                if hit { set.ids.insert(Int32(theme.id)); found = true }
            }
            if !found && c.op != "contains" {
                let suggestions = EditDistance.nearest(to: value, in: workspace.subThemes.map(\.label) + workspace.subThemes.map(\.code))
                throw ReviewError("no sub-theme '\(value)'", span: span,
                                  notes: suggestions.isEmpty ? ["name a sub-theme by code (B/ECR/2), id or full label, or use 'subtheme contains WORD'; 'themes' lists them"] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"])
            }
        }
        return set
    }

    // MARK: studies

    /// The studies a filter keeps, as a Boolean per study.
    public func studyMatches(_ expression: FilterExpression?) throws(ReviewError) -> [Bool] {
        guard let expression else { return [Bool](repeating: true, count: workspace.studies.count) }
        switch expression {
        case .and(let a, let b): return zip(try studyMatches(a), try studyMatches(b)).map { $0 && $1 }
        case .or(let a, let b): return zip(try studyMatches(a), try studyMatches(b)).map { $0 || $1 }
        case .not(let a): return try studyMatches(a).map { !$0 }
        case .comparison(let c):
            let matches = try studyMatches(c)
            return c.op == "!=" ? matches.map { !$0 } : matches
        }
    }

    private func studyMatches(_ c: FilterExpression.Comparison) throws(ReviewError) -> [Bool] {
        let studies = workspace.studies
        switch c.field.kind {
        case .text:
            let needles = c.values.map { $0.map(TextFolding.fold) }
            return studies.indices.map { index in
                let raw = studyText(c.field.name, index)
                return needles.contains { needle in
                    guard let needle else { return raw == nil }
                    guard let raw else { return false }
                    let folded = TextFolding.fold(raw)
                    return c.op == "contains" ? folded.contains(needle) : folded == needle
                }
            }
        case .integer, .number:
            let targets = try numbers(c)
            return studies.indices.map { index in
                let value = studyNumber(c.field.name, index)
                return targets.contains { compare(value, c.op, $0) }
            }
        case .answer:
            let question = Int(c.field.name.dropFirst())! - 1
            var targets: [Double?] = []
            for (value, span) in zip(c.values, c.valueSpans) {
                guard let value else { targets.append(nil); continue }
                if let answer = CASPAnswer(parsing: value) { targets.append(answer.score); continue }
                if let number = Double(value) { targets.append(number); continue }
                throw ReviewError("CASP answers are yes, can't tell or no (or 1, 0.5, 0); got '\(value)'", span: span)
            }
            return studies.indices.map { index in
                let answer = context.appraisal(ofStudy: index)?.answers[question]
                return targets.contains { compare(answer?.score, c.op, $0) }
            }
        case .band:
            var names: [String?] = []
            for (value, span) in zip(c.values, c.valueSpans) {
                guard let value else { names.append(nil); continue }
                let key = TextFolding.fold(value)
                guard key == "none" || context.bands.bands.contains(where: { TextFolding.fold($0.name) == key }) else {
                    throw ReviewError("unknown band '\(value)'", span: span,
                                      notes: ["bands in use: \(context.bands.description); 'none' matches totals in no band"])
                }
                names.append(key)
            }
            return studies.indices.map { index in
                let band = context.bandName(ofStudy: index).map(TextFolding.fold)
                return names.contains { name in
                    guard let name else { return band == nil }
                    guard let band else { return false }
                    return band.split(separator: "+").contains(Substring(name)) || band == name
                }
            }
        default:
            throw ReviewError("'\(c.field.name)' is not a study field", span: c.span)
        }
    }

    /// A study's text field by name.
    public func studyText(_ name: String, _ index: Int) -> String? {
        let study = workspace.studies[index]
        switch name {
        case "id": return study.id
        case "label": return study.label
        case "country": return study.country
        case "design": return study.design
        case "collection": return study.dataCollection
        case "analysis": return study.analysis
        case "reviewer": return context.appraisal(ofStudy: index)?.reviewer
        case "band": return context.bandName(ofStudy: index)
        default: return nil
        }
    }

    /// A study's numeric field by name.
    public func studyNumber(_ name: String, _ index: Int) -> Double? {
        let study = workspace.studies[index]
        switch name {
        case "reference": return study.reference.map(Double.init)
        case "year": return study.year.map(Double.init)
        case "participants": return study.participants.map(Double.init)
        case "casp": return context.studyTotals[index].map { Double($0) / 2 }
        case "quotes": return Double(context.studyQuoteCounts[index])
        default:
            if name.hasPrefix("q"), let number = Int(name.dropFirst()), (1...10).contains(number) {
                return context.appraisal(ofStudy: index)?.answers[number - 1]?.score
            }
            return nil
        }
    }
}

/// Compares an optional value with an optional target; unknown equals only unknown, and orders with nothing.
@inline(__always)
func compare(_ value: Double?, _ op: String, _ target: Double?) -> Bool {
    guard let value, let target else {
        return (op == "=" || op == "!=" || op == "in") && value == nil && target == nil
    }
    switch op {
    case "=", "!=", "in": return value == target
    case "<": return value < target
    case "<=": return value <= target
    case ">": return value > target
    case ">=": return value >= target
    default: return false
    }
}

/// Keeps a value the optimiser would otherwise drop (the prefetching reads in the text scan).
@_optimize(none) @inline(never)
func keepAlive(_ value: UInt8) {}
