/// What a workspace's coding says about a part of the frameworks: its quotes and sub-themes, counted.
struct ReviewFindings {
    let workspace: Workspace
    /// Every quote, in id order.
    let quotes: [Quote]

    /// Quotes per sub-theme id.
    let countsBySubTheme: [Int: Int]

    init(workspace: Workspace) {
        self.workspace = workspace
        quotes = (0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }
        var counts: [Int: Int] = [:]
        for quote in quotes { if let id = quote.subTheme { counts[id, default: 0] += 1 } }
        countsBySubTheme = counts
    }

    /// The review's short name ("Shaw et al. 2025"), from its metadata, or "the review".
    var reviewName: String { Self.name(of: workspace) }

    /// The short name of a workspace's review, from its metadata authors and year.
    static func name(of workspace: Workspace) -> String {
        guard let authors = workspace.metadata["authors"], let first = authors.split(separator: ",").first,
              let surname = first.split(separator: " ").last else { return "the review" }
        let text = (workspace.metadata["year"] ?? "") + " " + (workspace.metadata["journal"] ?? "")
        let year = text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }
        let names = authors.split(separator: ",").count > 1 ? "\(surname) et al." : String(surname)
        return year.map { "\(names) \($0)" } ?? names
    }

    /// Quotes coded to a domain and/or component (nil matches anything, including uncoded).
    func quotes(domain: TDFDomain? = nil, component: COMBComponent? = nil) -> [Quote] {
        quotes.filter { (domain == nil || $0.domain == domain) && (component == nil || $0.component == component) }
    }

    /// Sub-themes of a domain and/or component, in table order.
    func subThemes(domain: TDFDomain? = nil, component: COMBComponent? = nil) -> [SubTheme] {
        workspace.subThemes.filter { (domain == nil || $0.domain == domain) && (component == nil || $0.component == component) }
    }

    /// The number of quotes assigned to a sub-theme.
    func quoteCount(subTheme id: Int) -> Int { countsBySubTheme[id] ?? 0 }

    /// "4 quotes (2 barriers, 2 facilitators)"; "no quotes".
    static func describe(_ quotes: [Quote]) -> String {
        guard !quotes.isEmpty else { return "no quotes" }
        let barriers = quotes.filter { $0.direction == .barrier }.count
        let facilitators = quotes.filter { $0.direction == .facilitator }.count
        let undirected = quotes.count - barriers - facilitators
        var parts: [String] = []
        if barriers > 0 { parts.append(plural(barriers, "barrier")) }
        if facilitators > 0 { parts.append(plural(facilitators, "facilitator")) }
        if undirected > 0 { parts.append("\(undirected) without a direction") }
        return plural(quotes.count, "quote") + " (" + parts.joined(separator: ", ") + ")"
    }

    /// "1 quote", "3 quotes".
    static func plural(_ count: Int, _ noun: String) -> String {
        guard count != 1 else { return "1 \(noun)" }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) { return "\(count) \(noun.dropLast())ies" }
        return "\(count) \(noun)s"
    }

    /// A sub-theme as a bullet: "Barrier B/Know/1: Lack of knowledge from other staff members (1 quote)".
    func item(_ theme: SubTheme) -> String {
        "\(theme.direction.name) \(theme.code): \(theme.label) (\(Self.plural(quoteCount(subTheme: theme.id), "quote")))"
    }

    /// A quote to illustrate a set: the shortest one with a citation, else the shortest; ties go to the lowest id.
    static func example(from quotes: [Quote]) -> Quote? {
        let cited = quotes.filter { !$0.citation.isEmpty }
        let pool = cited.isEmpty ? quotes : cited
        return pool.min { ($0.text.count, $0.id) < ($1.text.count, $1.id) }
    }
}
