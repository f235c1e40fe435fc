import ReviewKit

extension ResultKey {
    /// Distinct keys for names from data (reviewers), deterministic for a set of names.
    ///
    /// Each name's key is its `snakeCase` fold. Names whose folds coincide ("Ann" and "ann", "A. Lee" and "a-lee")
    /// would share a key, and JSON would silently keep one of them (a CSV header would repeat), so each of them gets the
    /// fold with a number, `_1`, `_2` …, in the order of their Unicode scalars ("Ann" before "ann"), skipping a number
    /// that another name's key already is. The result depends only on the set of names, not on their order.
    /// docs/formats.md ("Machine output: one vocabulary") documents the rule.
    static func distinct(_ names: [String]) -> [String: String] {
        let unique = Set(names).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var groups: [String: [String]] = [:]
        for name in unique { groups[snakeCase(name), default: []].append(name) }
        var keys: [String: String] = [:]
        var taken = Set<String>()
        for (fold, members) in groups where members.count == 1 {
            keys[members[0]] = fold
            taken.insert(fold)
        }
        for fold in groups.keys.sorted() {
            guard let members = groups[fold], members.count > 1 else { continue }
            var number = 0
            for name in members {
                var candidate: String
                repeat {
                    number += 1
                    candidate = fold + "_" + String(number)
                } while taken.contains(candidate)
                keys[name] = candidate
                taken.insert(candidate)
            }
        }
        return keys
    }

    /// The key of each reviewer of the workspace (codings, appraisals and screening decisions together, so a
    /// reviewer has the same key in every command's output), by `distinct(_:)`.
    static func reviewerKeys(in workspace: Workspace) -> ReviewerKeys {
        ReviewerKeys(distinct(workspace.reviewers + workspace.screening.reviewers))
    }
}

/// The machine keys of a workspace's reviewers (`ResultKey.reviewerKeys(in:)`).
struct ReviewerKeys: Sendable {
    let keys: [String: String]

    init(_ keys: [String: String]) { self.keys = keys }

    /// The key part for a reviewer: their distinct key, or the plain fold for a name the workspace does not hold.
    subscript(_ name: String) -> String { keys[name] ?? ResultKey.snakeCase(name) }

    /// A note naming the reviewers whose keys carry a number (nil when none does), for a result's footnotes.
    func note(for names: [String], prefix: String) -> String? {
        let clashing = names.filter { name in keys[name].map { $0 != ResultKey.snakeCase(name) } ?? false }
        guard !clashing.isEmpty else { return nil }
        return "reviewer names that fold to the same key are numbered: " + clashing.map { "\(prefix)\(self[$0]) = \($0)" }.joined(separator: ", ")
    }
}
