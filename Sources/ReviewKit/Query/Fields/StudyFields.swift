extension Field {
    /// The fields of a study, in `help fields` order.
    public static let studyFields: [Field] = [
        Field(study: "id", .text, "the study's id (S01)",
              completion: .workspace { context in context.workspace.studies.map(\.id) }) { row in .ordered(row.study.id, rank: row.index) },
        Field(study: "label", .text, "the label the review uses (Ben-Dor I et al.)", aliases: ["name", "author"],
              completion: .workspace { context in context.workspace.studies.map(\.label) }) { row in FieldValue(text: row.study.label) },
        Field(study: "reference", .integer, "the review's reference number", aliases: ["ref"]) { row in FieldValue(integer: row.study.reference) },
        Field(study: "year", .integer, "year of publication") { row in FieldValue(integer: row.study.year) },
        Field(study: "country", .text, "where it was conducted") { row in FieldValue(text: row.study.country) },
        Field(study: "design", .text, "study design") { row in FieldValue(text: row.study.design) },
        Field(study: "collection", .text, "how data were collected", aliases: ["data-collection"]) { row in FieldValue(text: row.study.dataCollection) },
        Field(study: "analysis", .text, "how data were analysed") { row in FieldValue(text: row.study.analysis) },
        Field(study: "participants", .integer, "number of participants", aliases: ["n"]) { row in FieldValue(integer: row.study.participants) },
        Field(study: "authors", .text, "its authors in order, '; ' between them (authors ~ Shaw)", groupable: false) { row in
            FieldValue(text: row.study.authors.joined(separator: "; "))
        },
        Field(study: "title", .text, "the title of its reference", groupable: false) { row in FieldValue(text: row.study.title) },
        Field(study: "journal", .text, "the journal or book of its reference", aliases: ["source-title"],
              completion: .workspace { context in Array(Set(context.workspace.studies.compactMap(\.journal))).sorted() }) { row in
            FieldValue(text: row.study.journal)
        },
        Field(study: "volume", .text, "volume") { row in FieldValue(text: row.study.bibliography?.volume) },
        Field(study: "issue", .text, "issue") { row in FieldValue(text: row.study.bibliography?.issue) },
        Field(study: "pages", .text, "pages (516-524) or article number", groupable: false) { row in FieldValue(text: row.study.bibliography?.pages) },
        // The DOI as compared: lowercase, without a resolver prefix (DOIs are case-insensitive), so a DOI recorded as
        // https://doi.org/10.1176/APPI… is found by `doi = 10.1176/appi…`.
        Field(study: "doi", .text, "DOI, lowercase without https://doi.org/ (10.1176/appi.ps.201600128)", groupable: false) { row in
            FieldValue(text: row.study.doi.flatMap(DOI.normalized))
        },
        Field(study: "url", .text, "URL of its reference", groupable: false) { row in FieldValue(text: row.study.bibliography?.url) },
        Field(study: "abstract", .text, "abstract", groupable: false) { row in FieldValue(text: row.study.bibliography?.abstract) },
        Field(study: "keywords", .text, "keywords in order, '; ' between them (keywords ~ peer)", aliases: ["keyword"], groupable: false) { row in
            FieldValue(text: row.study.keywords.joined(separator: "; "))
        },
        Field(study: "casp", .number, "CASP total, 0–10 (none while a question is unanswered)", aliases: ["total", "score"]) { row in FieldValue(number: row.caspTotal) },
        Field(study: "band", .band, "quality band under the cut-offs in use", aliases: ["quality"],
              completion: .workspace { context in context.bands.bands.map(\.name) + ["none", "incomplete"] }) { row in
            guard let band = row.band else { return .missing }
            let bands = row.context.bands.bands
            return .ordered(band, rank: bands.firstIndex { $0.name == band } ?? bands.count)
        },
        Field(study: "reviewer", .text, "who appraised it") { row in FieldValue(text: row.appraisal?.reviewer) },
        Field(study: "quotes", .integer, "number of coded quotes attributed to it") { row in FieldValue(integer: row.quoteCount) },
    ] + CASPQuestion.all.map { question in
        Field(study: "q\(question.id)", .answer, "CASP Q\(question.id): \(question.shortLabel)",
              completion: .fixed(["yes", "\"can't tell\"", "no"])) { row in FieldValue(number: row.appraisal?.answers[question.id - 1]?.score) }
    }
}
