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
