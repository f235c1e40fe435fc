/// The study fields a REFI-QDA project carries as case variables, with the names `review` writes and the
/// names it recognises on import (case, accents and spacing ignored).
enum StudyVariable: CaseIterable {
    case id, reference, year, country, design, dataCollection, analysis, participants
    case authors, title, journal, volume, issue, pages, doi, url, abstract, keywords

    /// The name written on export.
    var name: String {
        switch self {
        case .id: "Study id"
        case .reference: "Reference"
        case .year: "Year"
        case .country: "Country"
        case .design: "Design"
        case .dataCollection: "Data collection"
        case .analysis: "Analysis"
        case .participants: "Participants"
        case .authors: "Authors"
        case .title: "Title"
        case .journal: "Journal"
        case .volume: "Volume"
        case .issue: "Issue"
        case .pages: "Pages"
        case .doi: "DOI"
        case .url: "URL"
        case .abstract: "Abstract"
        case .keywords: "Keywords"
        }
    }

    /// Other names recognised on import.
    var aliases: [String] {
        switch self {
        case .id: ["study id", "study_id", "id"]
        case .reference: ["reference", "ref", "reference number"]
        case .year: ["year", "publication year", "pub year", "year of publication"]
        case .country: ["country", "countries"]
        case .design: ["design", "study design"]
        case .dataCollection: ["data collection", "data collection method", "method of data collection", "data_collection"]
        case .analysis: ["analysis", "data analysis", "analysis method"]
        case .participants: ["participants", "number of participants", "sample size", "n"]
        case .authors: ["authors", "author"]
        case .title: ["title"]
        case .journal: ["journal", "source title"]
        case .volume: ["volume"]
        case .issue: ["issue", "number"]
        case .pages: ["pages", "page"]
        case .doi: ["doi"]
        case .url: ["url", "link"]
        case .abstract: ["abstract"]
        case .keywords: ["keywords", "keyword"]
        }
    }

    /// The variable type written on export.
    var type: REFIProject.VariableType {
        switch self {
        case .reference, .year, .participants: .integer
        default: .text
        }
    }

    /// Whether the field belongs to the bibliographic record rather than to `Study`.
    var isBibliographic: Bool {
        switch self {
        case .authors, .title, .journal, .volume, .issue, .pages, .doi, .url, .abstract, .keywords: true
        default: false
        }
    }

    private static let byKey: [String: StudyVariable] = {
        var keys: [String: StudyVariable] = [:]
        for field in allCases { for name in [field.name] + field.aliases { keys[TextFolding.nameKey(name)] = keys[TextFolding.nameKey(name)] ?? field } }
        return keys
    }()

    /// The field a variable name stands for.
    init?(named name: String) {
        guard let field = Self.byKey[TextFolding.nameKey(name)] else { return nil }
        self = field
    }

    /// The separator of list values (authors, keywords) in one text value.
    static let listSeparator = "; "
}

/// The CASP variables: ten answers, the total and the band, per reviewer ("CASP Q3", "CASP Q3 [AB]").
enum CASPVariable: Equatable {
    case answer(question: Int, reviewer: String)
    case total(reviewer: String)
    case band(reviewer: String)

    /// The name written on export.
    var name: String {
        switch self {
        case .answer(let q, let reviewer): "CASP Q\(q)" + Self.suffix(reviewer)
        case .total(let reviewer): "CASP total" + Self.suffix(reviewer)
        case .band(let reviewer): "CASP band" + Self.suffix(reviewer)
        }
    }

    private static func suffix(_ reviewer: String) -> String { reviewer.isEmpty ? "" : " [\(reviewer)]" }

    /// Reads a variable name ("CASP Q10 [AB]", "casp total").
    init?(named name: String) {
        var text = Substring(name.trimmingCharacters(in: .whitespaces))
        var reviewer = ""
        if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            reviewer = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            text = text[..<open]
        }
        let key = TextFolding.nameKey(String(text))
        guard key.hasPrefix("casp ") else { return nil }
        let rest = key.dropFirst(5)
        if rest == "total" { self = .total(reviewer: reviewer); return }
        if rest == "band" || rest == "quality band" { self = .band(reviewer: reviewer); return }
        guard rest.first == "q", let question = Int(rest.dropFirst()), (1...10).contains(question) else { return nil }
        self = .answer(question: question, reviewer: reviewer)
    }
}
