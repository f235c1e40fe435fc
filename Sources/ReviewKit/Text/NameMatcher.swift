/// Resolves what a reviewer typed to one of a set of named values: by alias, case and accent, or an unambiguous prefix.
public struct NameMatcher<Value: Sendable & Equatable>: Sendable {
    /// The outcome of resolving a name.
    public enum Resolution: Sendable, Equatable {
        /// Exactly one value matches.
        case found(Value)
        /// Several values share the typed prefix; their display names.
        case ambiguous([String])
        /// Nothing matches; the nearest display names, best first (may be empty).
        case unknown(suggestions: [String])
    }

    private var keys: [String: Value] = [:]
    private var entries: [(key: String, display: String, value: Value)] = []
    /// The display names, in the order given.
    public private(set) var displayNames: [String] = []

    /// Creates a matcher from each value's display name and aliases.
    public init(_ items: [(display: String, aliases: [String], value: Value)]) {
        for item in items {
            displayNames.append(item.display)
            for name in [item.display] + item.aliases {
                let key = TextFolding.nameKey(name)
                guard !key.isEmpty else { continue }
                if keys[key] == nil { keys[key] = item.value }
                entries.append((key, item.display, item.value))
            }
        }
    }

    /// Resolves a typed name.
    public func resolve(_ typed: String) -> Resolution {
        let key = TextFolding.nameKey(typed)
        if let value = keys[key] { return .found(value) }
        guard !key.isEmpty else { return .unknown(suggestions: []) }
        var prefixed: [(display: String, value: Value)] = []
        for entry in entries where entry.key.hasPrefix(key) {
            if !prefixed.contains(where: { $0.value == entry.value }) { prefixed.append((entry.display, entry.value)) }
        }
        if prefixed.count == 1 { return .found(prefixed[0].value) }
        if prefixed.count > 1 { return .ambiguous(prefixed.map(\.display)) }
        return .unknown(suggestions: suggestions(for: key))
    }

    /// The value a typed name resolves to, or an error that says what was typed, what it could be, and the valid names.
    ///
    /// `what` names the kind of value in the message ("TDF domain" gives "unknown TDF domain 'x'" and
    /// "valid TDF domains: …"); `span` is where the name was typed, for the caret.
    public func value(for typed: String, what: String, at span: Range<Int>?) throws(ReviewError) -> Value {
        switch resolve(typed) {
        case .found(let value): return value
        case .ambiguous(let names):
            throw ReviewError(.ambiguousName, "'\(typed)' could be \(names.map { "'\($0)'" }.joined(separator: " or ")); type more of the name", span: span)
        case .unknown(let suggestions):
            var notes: [String] = []
            if !suggestions.isEmpty { notes.append("did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?") }
            notes.append("valid \(what)s: " + displayNames.joined(separator: "; "))
            throw ReviewError(.unknownName, "unknown \(what) '\(typed)'", span: span, notes: notes)
        }
    }

    /// The display names nearest to a folded key, best first.
    func suggestions(for key: String, limit: Int = 3) -> [String] {
        var best: [String: Int] = [:]
        let keyLength = key.count
        for entry in entries {
            let allowed = max(2, min(entry.key.count, keyLength) / 3)
            // The distance is at least the difference in length: a long typed name is not compared at all, so a
            // 70,000-character word costs one pass, not 70,000 × the name (fuzzing found that quadratic wait).
            guard abs(entry.key.count - keyLength) <= allowed else { continue }
            let distance = EditDistance.between(key, entry.key)
            guard distance <= allowed else { continue }
            best[entry.display] = min(best[entry.display] ?? .max, distance)
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit).map(\.key)
    }
}

/// Levenshtein distance between two strings, by Character.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions between two strings.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates within a small distance of `word`, nearest first.
    public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let key = TextFolding.fold(word)
        let keyLength = key.count
        return candidates
            .compactMap { candidate -> (String, Int)? in
                let folded = TextFolding.fold(candidate)
                let allowed = max(2, min(keyLength, candidate.count) / 3)
                // Not within reach by length alone: skip the quadratic comparison (see `NameMatcher.suggestions`).
                guard abs(folded.count - keyLength) <= allowed else { return nil }
                let distance = between(key, folded)
                return distance <= allowed ? (candidate, distance) : nil
            }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }
}
