import Foundation
import Testing
@testable import ReviewKit

/// A second implementation of the query semantics, written plainly: loops over `workspace.quote(atRow:)`
/// values, Foundation's case- and diacritic-insensitive folding, no codes, signatures or bit sets. Random
/// workspaces and random filters (rendered to query text and parsed) must give the engine's rows exactly.
@Suite struct QueryReferenceTests {
    // MARK: reference folding

    /// Foundation folding, after the typographic punctuation rule the engine documents (curly quotes,
    /// dashes, no-break space and the ellipsis made plain, one character for one).
    static func fold(_ text: String) -> [Unicode.Scalar] {
        var plain = ""
        for character in text {
            switch character {
            case "‘", "’", "‚", "‛", "′": plain.append("'")
            case "“", "”", "„", "‟", "″": plain.append("\"")
            case "‐", "‑", "‒", "–", "—", "―", "−": plain.append("-")
            case "\u{00A0}": plain.append(" ")
            case "…": plain.append(".")
            default: plain.append(character)
            }
        }
        return Array(plain.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).unicodeScalars)
    }

    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle { return true }
        return false
    }

    /// The engine's rule for comparing values: unknown equals only unknown and orders with nothing.
    static func compare(_ value: Double?, _ op: String, _ target: Double?) -> Bool {
        guard let value, let target else { return (op == "=" || op == "in") && value == nil && target == nil }
        switch op {
        case "=", "in": return value == target
        case "<": return value < target
        case "<=": return value <= target
        case ">": return value > target
        case ">=": return value >= target
        default: return false
        }
    }

    // MARK: random workspaces

    static let words = ["peer", "Peer", "PEER", "support", "stigma", "Stigmatised", "service", "user", "I’m", "I'm", "don’t",
                        "“honest”", "Janoušková", "Kivistö", "Pérez", "café", "cafe\u{301}", "naïve", "rôle", "Zoë", "Nguyễn",
                        "Dvořák", "–", "self-disclose", "self–disclose", "team", "the", "and", "p.", "12", "…"]
    static let labels = ["Janoušková et al.", "Kivistö", "Pérez-Corrales et al.", "Smith", "O’Brien et al.", "Nguyễn", "Debyser et al."]

    static func randomWorkspace(_ rng: inout SeededGenerator) throws -> Workspace {
        var workspace = Workspace()
        let studyCount = Int.random(in: 0...10, using: &rng)
        let studies = (0..<studyCount).map { index in
            Study(id: "S\(index + 1)", label: labels.randomElement(using: &rng)!,
                  year: Bool.random(using: &rng) ? Int.random(in: 1995...2025, using: &rng) : nil)
        }
        if Bool.random(using: &rng) { try workspace.appendStudies(studies) } else { for study in studies { try workspace.apply(.addStudy(study, at: nil)) } }
        for study in studies where Int.random(in: 0..<10, using: &rng) < 7 {
            let answers: [CASPAnswer?] = (0..<10).map { _ in [CASPAnswer.yes, .yes, .yes, .cantTell, .no, nil].randomElement(using: &rng)! }
            try workspace.apply(.setAppraisal(Appraisal(studyID: study.id, answers: answers)))
        }
        var quotes: [Quote] = []
        var id = 0
        for _ in 0..<Int.random(in: 0...120, using: &rng) {
            id += Int.random(in: 1...3, using: &rng)
            let text = (0..<Int.random(in: 1...10, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            let coded = Int.random(in: 0..<10, using: &rng) > 0
            quotes.append(Quote(id: id, text: text,
                                direction: coded ? Direction.allCases.randomElement(using: &rng) : nil,
                                component: coded ? COMBComponent.allCases.randomElement(using: &rng) : nil,
                                domain: coded ? TDFDomain.allCases.randomElement(using: &rng) : nil,
                                studyID: studies.isEmpty || Bool.random(using: &rng) && Bool.random(using: &rng) ? nil : studies.randomElement(using: &rng)!.id,
                                reference: Bool.random(using: &rng) ? Int.random(in: 1...60, using: &rng) : nil,
                                page: Bool.random(using: &rng) ? "p. \(Int.random(in: 1...400, using: &rng))" : nil))
        }
        // Load half in bulk and the rest one change at a time, in shuffled order (rows must still ascend).
        let split = quotes.count / 2
        try workspace.appendQuotes(quotes[..<split])
        for quote in quotes[split...].shuffled(using: &rng) { try workspace.apply(.addQuote(quote)) }
        return workspace
    }

    // MARK: random filters

    /// A filter as typed, with the reference's verdict for one quote.
    indirect enum Filter {
        case and(Filter, Filter), or(Filter, Filter), not(Filter)
        /// Query text of a comparison; `matches` decides its `=` form, `negated` marks `!=`.
        case comparison(text: String, negated: Bool, matches: (Quote) -> Bool)

        var text: String {
            switch self {
            case .and(let a, let b): "(\(a.text) and \(b.text))"
            case .or(let a, let b): "(\(a.text) or \(b.text))"
            case .not(let a): "not \(a.text)"
            case .comparison(let text, _, _): text
            }
        }

        func evaluate(_ quote: Quote) -> Bool {
            switch self {
            case .and(let a, let b): a.evaluate(quote) && b.evaluate(quote)
            case .or(let a, let b): a.evaluate(quote) || b.evaluate(quote)
            case .not(let a): !a.evaluate(quote)
            case .comparison(_, let negated, let matches): matches(quote) != negated
            }
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Typed names for coded values, with what each means (aliases from the seed included).
    static let directionNames: [(String, Direction)] = [("barrier", .barrier), ("Barriers", .barrier), ("b", .barrier),
                                                        ("facilitator", .facilitator), ("enabler", .facilitator)]
    static let domainNames: [(String, TDFDomain)] = TDFDomain.allCases.map { ($0.name, $0) } + [
        ("Emotions", .emotion), ("Social influence", .socialInfluences), ("Reinforcing behaviour", .reinforcement),
        ("memory, attention, and decision-making processes", .memoryAttentionAndDecisionProcesses),
        ("Social/professional role/identity", .socialProfessionalRoleAndIdentity), ("environmental context", .environmentalContextAndResources),
        ("KNOWLEDGE", .knowledge), ("ecr", .environmentalContextAndResources),
    ]
    static let componentNames: [(String, Set<COMBComponent>)] = COMBComponent.allCases.map { ($0.name, [$0]) } + [
        ("motivation", [.reflectiveMotivation, .automaticMotivation]), ("Capability", [.psychologicalCapability, .physicalCapability]),
        ("opportunity", [.physicalOpportunity, .socialOpportunity]), ("reflective", [.reflectiveMotivation]), ("c-psy", [.psychologicalCapability]),
    ]

    static func randomComparison(_ rng: inout SeededGenerator, _ workspace: Workspace) -> Filter {
        let negate = Int.random(in: 0..<5, using: &rng) == 0
        let eq = negate ? "!=" : "="
        func studyOf(_ quote: Quote) -> (Study, Int?)? {
            guard let id = quote.studyID, let study = workspace.study(id) else { return nil }
            // An incomplete appraisal (a question unanswered) has no total.
            let appraisal = workspace.appraisal(of: id)
            return (study, appraisal.flatMap { $0.answers.contains(nil) ? nil : $0.totalHalfPoints })
        }
        func bandOf(_ quote: Quote) -> String? {
            guard let id = quote.studyID, workspace.study(id) != nil, let appraisal = workspace.appraisal(of: id) else { return nil }
            if appraisal.answers.contains(nil) { return "incomplete" }
            let names = QualityBands.seed.bands.filter { $0.contains(halfPoints: appraisal.totalHalfPoints) }.map(\.name)
            return names.isEmpty ? "none" : names.joined(separator: "+")
        }
        func coded<V: Equatable>(_ field: String, _ names: [(String, V)], _ value: @escaping (Quote) -> V?) -> Filter {
            if Int.random(in: 0..<6, using: &rng) == 0 {
                return .comparison(text: "\(field) \(eq) unknown", negated: negate) { value($0) == nil }
            }
            if Bool.random(using: &rng) {
                let picks = (0..<Int.random(in: 1...3, using: &rng)).map { _ in names.randomElement(using: &rng)! }
                let text = "\(field) in (\(picks.map { quoted($0.0) }.joined(separator: ", ")))"
                let inList: (Quote) -> Bool = { quote in value(quote).map { v in picks.contains { $0.1 == v } } ?? false }
                return negate ? .not(.comparison(text: text, negated: false, matches: inList)) : .comparison(text: text, negated: false, matches: inList)
            }
            let pick = names.randomElement(using: &rng)!
            return .comparison(text: "\(field) \(eq) \(quoted(pick.0))", negated: negate) { value($0) == pick.1 }
        }
        switch Int.random(in: 0..<14, using: &rng) {
        case 0:
            return coded("direction", directionNames) { $0.direction }
        case 1:
            return coded("domain", domainNames) { $0.domain }
        case 2:
            let pick = componentNames.randomElement(using: &rng)!
            if Int.random(in: 0..<5, using: &rng) == 0 { return .comparison(text: "component \(eq) unknown", negated: negate) { $0.component == nil } }
            return .comparison(text: "component \(eq) \(quoted(pick.0))", negated: negate) { $0.component.map(pick.1.contains) ?? false }
        case 3, 4:
            // Text search: a word, a fragment of one, re-cased or stripped of accents; sometimes a bare string.
            var needle = words.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: needle = needle.uppercased()
            case 1: needle = needle.folding(options: .diacriticInsensitive, locale: nil)
            case 2: needle = String(needle.dropFirst(min(2, needle.count - 1)))
            default: break
            }
            let folded = fold(needle)
            let text = negate ? "text != \(quoted(needle))"
                : Bool.random(using: &rng) ? quoted(needle) : "text \(Bool.random(using: &rng) ? "contains" : "~") \(quoted(needle))"
            if negate {
                return .comparison(text: text, negated: true) { fold($0.text) == folded }
            }
            return .comparison(text: text, negated: false) { contains(fold($0.text), folded) }
        case 5:
            // Whole-text equality with a quote's own text, re-cased.
            let rows = workspace.quotes.count
            let target = rows == 0 ? "peer" : workspace.quote(atRow: Int.random(in: 0..<rows, using: &rng)).text
            let typed = Bool.random(using: &rng) ? target.uppercased() : target
            return .comparison(text: "text \(eq) \(quoted(typed))", negated: negate) { fold($0.text) == fold(typed) }
        case 6:
            let op = ["=", "!=", "<", "<=", ">", ">="].randomElement(using: &rng)!
            let target = Int.random(in: 0...200, using: &rng)
            let base = op == "!=" ? "=" : op
            return .comparison(text: "id \(op) Q\(target)", negated: op == "!=") { compare(Double($0.id), base, Double(target)) }
        case 7:
            let op = ["=", "!=", "<", ">=", "in"].randomElement(using: &rng)!
            let base = op == "!=" ? "=" : op
            if op == "in" {
                let targets: [Int?] = [Int.random(in: 1...60, using: &rng), nil, Int.random(in: 1...60, using: &rng)]
                let text = "reference in (\(targets.map { $0.map(String.init) ?? "unknown" }.joined(separator: ", ")))"
                return .comparison(text: text, negated: false) { quote in targets.contains { compare(quote.reference.map(Double.init), "in", $0.map(Double.init)) } }
            }
            let target: Int? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : Int.random(in: 1...60, using: &rng)
            return .comparison(text: "ref \(op) \(target.map(String.init) ?? "unknown")", negated: op == "!=") {
                compare($0.reference.map(Double.init), base, target.map(Double.init))
            }
        case 8:
            if Bool.random(using: &rng) { return .comparison(text: "page \(eq) unknown", negated: negate) { $0.page == nil } }
            let digit = String(Int.random(in: 0...9, using: &rng))
            return .comparison(text: "page contains \(quoted(digit))", negated: false) { $0.page.map { contains(fold($0), fold(digit)) } ?? false }
        case 9:
            if workspace.studies.isEmpty || Int.random(in: 0..<4, using: &rng) == 0 {
                return .comparison(text: "study \(eq) unknown", negated: negate) { $0.studyID == nil }
            }
            let study = workspace.studies.randomElement(using: &rng)!
            if Bool.random(using: &rng) {
                let key = Bool.random(using: &rng) ? study.id.lowercased() : study.label.uppercased()
                return .comparison(text: "study \(eq) \(quoted(key))", negated: negate) { quote in
                    guard let (s, _) = studyOf(quote) else { return false }
                    return fold(s.id) == fold(key) || fold(s.label) == fold(key)
                }
            }
            let fragment = String(study.label.prefix(4)).folding(options: .diacriticInsensitive, locale: nil)
            return .comparison(text: "study contains \(quoted(fragment))", negated: false) { quote in
                guard let (s, _) = studyOf(quote) else { return false }
                return contains(fold(s.label), fold(fragment)) || fold(s.id) == fold(fragment)
            }
        case 10:
            let op = ["=", "!=", "<", "<=", ">", ">="].randomElement(using: &rng)!
            let base = op == "!=" ? "=" : op
            let target: Double? = Int.random(in: 0..<5, using: &rng) == 0 ? nil : Double(Int.random(in: 8...20, using: &rng)) / 2
            let typed = target.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "unknown"
            return .comparison(text: "study.casp \(op) \(typed)", negated: op == "!=") { quote in
                guard let (_, total) = studyOf(quote) else { return target == nil && base == "=" }
                return compare(total.map { Double($0) / 2 }, base, target)
            }
        case 11:
            let band = ["high", "moderate", "low", "none", "incomplete"].randomElement(using: &rng)!
            return .comparison(text: "study.band \(eq) \(band)", negated: negate) { quote in
                bandOf(quote) == band
            }
        case 12:
            let fragment = ["et al", "KIVISTO", "janou", "o'brien", "nguyen", "z"].randomElement(using: &rng)!
            return .comparison(text: "study.label contains \(quoted(fragment))", negated: false) { quote in
                guard let (s, _) = studyOf(quote) else { return false }
                return contains(fold(s.label), fold(fragment))
            }
        default:
            let question = Int.random(in: 1...10, using: &rng)
            let answer = [("yes", CASPAnswer.yes), ("no", .no), ("can't tell", .cantTell)].randomElement(using: &rng)!
            return .comparison(text: "study.q\(question) \(eq) \(quoted(answer.0))", negated: negate) { quote in
                guard let id = quote.studyID else { return false }
                return workspace.appraisal(of: id)?.answers[question - 1] == answer.1
            }
        }
    }

    static func randomFilter(_ rng: inout SeededGenerator, _ workspace: Workspace, depth: Int) -> Filter {
        guard depth > 0, Int.random(in: 0..<3, using: &rng) > 0 else { return randomComparison(&rng, workspace) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0, 1: return .and(randomFilter(&rng, workspace, depth: depth - 1), randomFilter(&rng, workspace, depth: depth - 1))
        case 2, 3: return .or(randomFilter(&rng, workspace, depth: depth - 1), randomFilter(&rng, workspace, depth: depth - 1))
        default: return .not(randomFilter(&rng, workspace, depth: depth - 1))
        }
    }

    // MARK: the comparison

    @Test func engineAgreesWithTheReferenceOnRandomWorkspaces() throws {
        var rng = SeededGenerator(seed: 2025)
        var checked = 0, nonTrivial = 0
        for _ in 0..<60 {
            let workspace = try Self.randomWorkspace(&rng)
            let quotes = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }
            let engine = QueryEngine(QueryContext(workspace: workspace))
            for _ in 0..<40 {
                let filter = Self.randomFilter(&rng, workspace, depth: 3)
                let text = filter.text
                let rows = try engine.quoteRows(matching: QueryParser.parseFilter(text, for: .quote)).rows
                let expected = quotes.indices.filter { filter.evaluate(quotes[$0]) }
                #expect(rows == expected, "\(text)")
                checked += 1
                if !expected.isEmpty && expected.count < quotes.count { nonTrivial += 1 }
            }
        }
        #expect(checked == 2_400)
        #expect(nonTrivial > 800, "the random filters should mostly keep some but not all quotes")
    }

    @Test func largeStoresTakeTheConcurrentPathAndAgree() throws {
        // Above RowSet.concurrencyThreshold the text scan runs on several threads; results must not change.
        var rng = SeededGenerator(seed: 11)
        var workspace = Workspace()
        let count = RowSet.concurrencyThreshold + 1_000
        var quotes: [Quote] = []
        quotes.reserveCapacity(count)
        for id in 1...count {
            let text = (0..<Int.random(in: 3...8, using: &rng)).map { _ in Self.words.randomElement(using: &rng)! }.joined(separator: " ")
            quotes.append(Quote(id: id, text: text))
        }
        try workspace.appendQuotes(quotes, expectedCount: count)
        let engine = QueryEngine(QueryContext(workspace: workspace))
        var foldedTexts: [String: [Unicode.Scalar]] = [:]  // texts repeat a lot: fold each distinct one once
        let folded = quotes.map { quote in
            if let done = foldedTexts[quote.text] { return done }
            let made = Self.fold(quote.text)
            foldedTexts[quote.text] = made
            return made
        }
        for needle in ["stigma", "KIVISTO", "i’m", "cafe", "–", "zz"] {
            let rows = try engine.quoteRows(matching: QueryParser.parseFilter("text contains \(Self.quoted(needle))", for: .quote)).rows
            let foldedNeedle = Self.fold(needle)
            let expected = quotes.indices.filter { Self.contains(folded[$0], foldedNeedle) }
            #expect(rows == expected, "\(needle)")
        }
    }
}
