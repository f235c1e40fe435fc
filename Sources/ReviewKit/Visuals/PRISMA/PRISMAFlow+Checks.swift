/// One arithmetic rule of the PRISMA 2020 diagram applied to a flow: what a box holds, what the other boxes
/// imply, and whether they agree. Reported, never acted on: no number is changed.
public struct PRISMACheck: Sendable, Equatable {
    /// How the check came out.
    public enum Outcome: Sendable, Equatable {
        /// The box holds what the rule implies.
        case agrees
        /// The box holds `recorded`, the rule implies `expected`; `by` = recorded − expected.
        case differs(by: Int)
        /// A box the rule needs has no count (the keys listed).
        case unchecked(missing: [String])
    }

    /// The key of the box checked ("records_screened"; "studies_included" for the workspace check).
    public let box: String
    /// "=" for an equality, "≤" for an upper bound.
    public let relation: String
    /// The other side of the rule ("databases + registers − duplicates − …").
    public let expression: String
    /// The box's count, when recorded.
    public let recorded: Int?
    /// What the other side gives, when every term is known.
    public let expected: Int?
    /// The outcome.
    public let outcome: Outcome

    /// The rule as text ("records_screened = databases + registers − duplicates − …").
    public var rule: String { "\(box) \(relation) \(expression)" }

    /// Whether the numbers disagree.
    public var isProblem: Bool { if case .differs = outcome { return true } else { return false } }

    /// A lowercase one-line report.
    public var message: String {
        switch outcome {
        case .agrees:
            return "\(box) = \(recorded ?? 0): adds up (\(rule))"
        case .differs(let by) where relation == "=":
            return "\(box) is \(recorded ?? 0) but \(expression) = \(expected ?? 0): off by \(by > 0 ? "+" : "")\(by)"
        case .differs(let by):
            return "\(box) is \(recorded ?? 0) but may be at most \(expression) = \(expected ?? 0): over by \(by)"
        case .unchecked(let missing):
            return "\(box): not checked, no count for \(missing.joined(separator: ", ")) (\(rule))"
        }
    }
}

extension PRISMAFlow {
    /// A term of a rule: a box or the sum of a breakdown, added or subtracted.
    enum Term {
        case box(Box, sign: Int)
        case sum(Breakdown, sign: Int)

        var sign: Int { switch self { case .box(_, let s), .sum(_, let s): s } }
        var name: String {
            switch self {
            case .box(let box, _): box.key
            case .sum(let breakdown, _): "Σ \(breakdown.key)"
            }
        }
    }

    /// The arithmetic the PRISMA 2020 diagram implies (docs/figures/README.md), every rule that applies to
    /// this flow: a rule applies when its box or any of its terms is recorded. Equalities first, then the
    /// two inequalities (studies ≤ reports; other-methods reports sought ≤ records identified).
    public var checks: [PRISMACheck] {
        var checks: [PRISMACheck] = []
        func equality(_ box: Box, _ terms: [Term], when condition: Bool = true) {
            guard condition else { return }
            let recorded = entry(box) != nil || terms.contains(where: isRecorded)
            guard recorded else { return }
            checks.append(evaluate(box, terms, inequality: false))
        }
        if !items(.databases).isEmpty { equality(.databases, [.sum(.databases, sign: 1)]) }
        if !items(.registers).isEmpty { equality(.registers, [.sum(.registers, sign: 1)]) }
        equality(.recordsScreened, [.box(.databases, sign: 1), .box(.registers, sign: 1), .box(.duplicates, sign: -1),
                                    .box(.automationExcluded, sign: -1), .box(.otherRemoved, sign: -1)])
        equality(.reportsSought, [.box(.recordsScreened, sign: 1), .box(.recordsExcluded, sign: -1)])
        equality(.reportsAssessed, [.box(.reportsSought, sign: 1), .box(.reportsNotRetrieved, sign: -1)])
        equality(.otherReportsAssessed, [.box(.otherReportsSought, sign: 1), .box(.otherReportsNotRetrieved, sign: -1)])
        var included: [Term] = [.box(.reportsAssessed, sign: 1), .sum(.reportsExcluded, sign: -1)]
        if usesOtherMethods { included += [.box(.otherReportsAssessed, sign: 1), .sum(.otherReportsExcluded, sign: -1)] }
        equality(.reportsIncluded, included)
        equality(.totalStudies, [.box(.previousStudies, sign: 1), .box(.studiesIncluded, sign: 1)], when: isUpdate || entry(.totalStudies) != nil)
        equality(.totalReports, [.box(.previousReports, sign: 1), .box(.reportsIncluded, sign: 1)], when: isUpdate || entry(.totalReports) != nil)
        if entry(.studiesIncluded) != nil && entry(.reportsIncluded) != nil {
            checks.append(evaluate(.studiesIncluded, [.box(.reportsIncluded, sign: 1)], inequality: true))
        }
        if entry(.otherReportsSought) != nil {
            checks.append(evaluate(.otherReportsSought, [.box(.websites, sign: 1), .box(.organisations, sign: 1), .box(.citations, sign: 1)],
                                   inequality: true, optionalTerms: true))
        }
        return checks
    }

    /// The checks whose numbers disagree.
    public var problems: [PRISMACheck] { checks.filter(\.isProblem) }

    /// Checks the studies included (the total for an updated review) against the workspace's studies.
    public func checkIncludedStudies(against workspace: Workspace) -> PRISMACheck {
        let box: Box = isUpdate || entry(.totalStudies) != nil ? .totalStudies : .studiesIncluded
        let count = workspace.studies.count
        let expression = "studies in the workspace"
        guard let recorded = self[box] else {
            return PRISMACheck(box: box.key, relation: "=", expression: expression, recorded: nil, expected: count, outcome: .unchecked(missing: [box.key]))
        }
        return PRISMACheck(box: box.key, relation: "=", expression: expression, recorded: recorded, expected: count,
                           outcome: recorded == count ? .agrees : .differs(by: recorded - count))
    }

    func isRecorded(_ term: Term) -> Bool {
        switch term {
        case .box(let box, _): entry(box) != nil
        case .sum(let breakdown, _): !items(breakdown).isEmpty
        }
    }

    /// The value of a term, or the keys that keep it unknown.
    func value(_ term: Term) -> (Int?, [String]) {
        switch term {
        case .box(let box, _):
            return self[box].map { ($0, []) } ?? (nil, [box.key])
        case .sum(let breakdown, _):
            let list = items(breakdown)
            if list.isEmpty { return (nil, [breakdown.key + ":*"]) }
            let missing = list.filter { $0.count == nil }.map { breakdown.key + ":" + $0.name }
            guard missing.isEmpty else { return (nil, missing) }
            var sum = 0
            for item in list {
                let (next, overflowed) = sum.addingReportingOverflow(item.count!)
                if overflowed { return (nil, ["\(breakdown.key):* (too large to add)"]) }
                sum = next
            }
            return (sum, [])
        }
    }

    /// Evaluates `box = Σ terms` (or `box ≤ Σ terms`). With `optionalTerms`, absent terms count as nothing
    /// (other-methods sources not used), though a term recorded as not reported still leaves it unchecked.
    func evaluate(_ box: Box, _ terms: [Term], inequality: Bool, optionalTerms: Bool = false) -> PRISMACheck {
        var expression = ""
        for (index, term) in terms.enumerated() {
            if index > 0 { expression += term.sign > 0 ? " + " : " − " } else if term.sign < 0 { expression += "−" }
            expression += term.name
        }
        var missing: [String] = []
        var total = 0
        var overflow = false
        for term in terms {
            if optionalTerms && !isRecorded(term) { continue }
            let (value, unknown) = value(term)
            guard let value else { missing += unknown; continue }
            let (sum, overflowed) = total.addingReportingOverflow(term.sign * value)
            total = sum
            overflow = overflow || overflowed
        }
        if overflow { missing.append("(counts too large to add)") }
        let recorded = self[box]
        if recorded == nil { missing.insert(box.key, at: 0) }
        guard missing.isEmpty, let recorded else {
            return PRISMACheck(box: box.key, relation: inequality ? "≤" : "=", expression: expression, recorded: recorded,
                               expected: !overflow && missing.count == (recorded == nil ? 1 : 0) ? total : nil, outcome: .unchecked(missing: missing))
        }
        let (difference, overflowed) = recorded.subtractingReportingOverflow(total)
        if overflowed {
            return PRISMACheck(box: box.key, relation: inequality ? "≤" : "=", expression: expression, recorded: recorded, expected: nil,
                               outcome: .unchecked(missing: ["(counts too large to add)"]))
        }
        let fine = inequality ? difference <= 0 : difference == 0
        return PRISMACheck(box: box.key, relation: inequality ? "≤" : "=", expression: expression, recorded: recorded, expected: total,
                           outcome: fine ? .agrees : .differs(by: difference))
    }
}
