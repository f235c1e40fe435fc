/// Something `explain` can explain: a COM-B part, a TDF domain, the mapping, a CASP question or an agreement statistic.
public enum ExplainTopic: Sendable, Hashable {
    /// The overview: COM-B → TDF map with the review's counts (`explain` alone).
    case overview
    /// The COM-B model as a whole.
    case comb
    /// A top-level COM-B source (capability, opportunity, motivation).
    case source(COMBComponent.Source)
    /// One of the six COM-B components.
    case component(COMBComponent)
    /// The Theoretical Domains Framework as a whole.
    case tdf
    /// One of the 14 TDF domains.
    case domain(TDFDomain)
    /// The COM-B ↔ TDF mappings (seed and standard).
    case mapping
    /// The CASP qualitative checklist as a whole.
    case casp
    /// One CASP question, 1–10.
    case caspQuestion(Int)
    /// Kappa statistics in general: what the number means, and the Landis & Koch bands.
    case kappa
    /// Fleiss' kappa.
    case fleiss
    /// Cohen's kappa.
    case cohen
    /// GRADE-CERQual: confidence in the review's findings (docs/cerqual.md).
    case cerqual
    /// Agreement between several reviewers: the coefficients, their chance models and the kappa paradox.
    case agreement
    /// Krippendorff's alpha.
    case krippendorff

    /// The canonical term that explains this topic (`explain TERM`), e.g. "knowledge" or "casp q6".
    public var term: String {
        switch self {
        case .overview: ""
        case .comb: "com-b"
        case .source(let source): source.rawValue
        case .component(let component): component.slug
        case .tdf: "tdf"
        case .domain(let domain): domain.slug
        case .mapping: "mapping"
        case .casp: "casp"
        case .caspQuestion(let number): "casp q\(number)"
        case .kappa: "kappa"
        case .fleiss: "fleiss"
        case .cohen: "cohen"
        case .cerqual: "cerqual"
        case .agreement: "agreement"
        case .krippendorff: "krippendorff"
        }
    }

    /// Every topic, in the order a table of contents lists them.
    public static var all: [ExplainTopic] {
        [.overview, .comb] + COMBComponent.Source.allCases.map { .source($0) } + COMBComponent.allCases.map { .component($0) }
            + [.tdf] + TDFDomain.allCases.map { .domain($0) } + [.mapping, .casp] + (1...10).map { .caspQuestion($0) }
            + [.kappa, .fleiss, .cohen, .cerqual, .agreement, .krippendorff]
    }

    /// Resolves what a reviewer typed after `explain`: any alias, case- and accent-insensitively, or an unambiguous prefix.
    ///
    /// Empty text is the overview. "casp q6", "casp 6" and "casp question 6" name CASP questions.
    /// - Throws: ``ReviewError`` for an unknown or ambiguous term, listing what can be explained and the nearest names.
    public static func resolve(_ term: String) throws(ReviewError) -> ExplainTopic {
        let key = TextFolding.nameKey(term)
        if key.isEmpty { return .overview }
        if let question = try caspQuestion(in: key) { return .caspQuestion(question) }
        switch matcher.resolve(term) {
        case .found(let topic):
            return topic
        case .ambiguous(let names):
            throw ReviewError("'\(term)' could mean \(listed(names))", notes: ["type more of the name"])
        case .unknown(let suggestions):
            let nearest = suggestions.isEmpty ? EditDistance.nearest(to: key, in: matcher.displayNames) : suggestions
            var notes: [String] = []
            if !nearest.isEmpty { notes.append("did you mean \(nearest.map { "'\($0)'" }.joined(separator: " or "))?") }
            notes.append(termsHelp)
            throw ReviewError("nothing to explain for '\(term)'", notes: notes)
        }
    }

    /// The terms to offer for completion after `explain` (canonical, lowercase, one per topic except the overview).
    public static var completions: [String] { all.map(\.term).filter { !$0.isEmpty } }

    /// A line listing what can be explained.
    public static let termsHelp = "explain takes: com-b; capability, opportunity, motivation; a COM-B component; tdf; a TDF domain (any alias, e.g. 'emotions', 'spri', 'madp'); mapping; casp; casp q1 … casp q10; kappa, fleiss, cohen; agreement, krippendorff; cerqual; or nothing for the overview"

    /// Parses "casp q6" / "casp 6" / "casp question 6"; nil when the key is not about a CASP question.
    private static func caspQuestion(in key: String) throws(ReviewError) -> Int? {
        var words = key.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == "casp" else { return nil }
        words.removeFirst()
        if words.first == "question" || words.first == "questions" { words.removeFirst() }
        var rest = words.joined()
        if rest.hasPrefix("q") { rest.removeFirst() }
        guard !rest.isEmpty, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) else {
            if rest.isEmpty || words.isEmpty { return nil }
            throw ReviewError("'\(words.joined(separator: " "))' is not a casp question; write e.g. 'casp q6'", notes: ["casp questions are numbered 1 to 10"])
        }
        guard let number = Int(rest), (1...10).contains(number) else {
            throw ReviewError("casp has questions 1 to 10; got \(rest)", notes: ["e.g. 'explain casp q6'"])
        }
        return number
    }

    private static func listed(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    /// Resolves every topic name and alias; earlier entries win when two share an exact name.
    static let matcher: NameMatcher<ExplainTopic> = {
        var items: [(display: String, aliases: [String], value: ExplainTopic)] = [
            ("overview", ["map", "summary"], .overview),
            ("COM-B", ["comb", "com b", "com-b model", "behaviour", "behavior", "behaviour change wheel"], .comb),
        ]
        items += COMBComponent.Source.allCases.map { ($0.name, [$0.rawValue + "s"], .source($0)) }
        items += COMBComponent.allCases.map { ($0.name, $0.aliases + [$0.slug], .component($0)) }
        items.append(("TDF", ["theoretical domains framework", "tdf v2", "domains"], .tdf))
        items += TDFDomain.allCases.map { ($0.name, $0.aliases + [$0.slug], .domain($0)) }
        items += [
            ("mapping", ["mappings", "com-b mapping", "tdf mapping", "standard mapping", "seed mapping"], .mapping),
            ("CASP", ["casp checklist", "critical appraisal", "appraisal", "casp questions"], .casp),
            ("kappa", ["landis", "landis and koch", "landis koch", "kappa bands", "\u{3BA}"], .kappa),
            ("Fleiss' kappa", ["fleiss", "fleiss kappa", "fleiss's kappa"], .fleiss),
            ("Cohen's kappa", ["cohen", "cohen kappa", "cohens kappa"], .cohen),
            ("agreement", ["inter-rater agreement", "interrater agreement", "kappa paradox", "gwet", "ac1", "reviewers"], .agreement),
            ("Krippendorff's alpha", ["krippendorff", "alpha", "krippendorff alpha", "krippendorffs alpha"], .krippendorff),
            ("GRADE-CERQual", ["cerqual", "grade cerqual", "confidence in findings", "confidence in the evidence"], .cerqual),
        ]
        return NameMatcher(items)
    }()
}
