import ReviewKit

/// `study`: one study with its fields, CASP answers and coded quotes.
struct StudyCommand: Command {
    let name = "study"
    let group = CommandGroup.query
    let summary = "show one study: its fields, CASP answers and coded quotes"
    let usage = ["study ID"]
    let examples = ["study S06", "study s25"]
    let signature = ArgumentSignature(positionals: [.required("study", .studyID, missing: "which study? e.g. 'study S06' ('studies' lists them)")],
                                      extra: { _ in "'study' takes one study id" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let query = context.queryContext
        let workspace = query.workspace
        let index = try arguments.studyIndex(arguments.positionals[0], in: workspace)
        let study = workspace.studies[index]
        var fields: [ResultRecord.Field] = [
            .init("id", .text(study.id)), .init("label", .text(study.label)),
            .init("reference", study.reference.map(ResultValue.integer) ?? .missing),
            .init("year", study.year.map(ResultValue.integer) ?? .missing),
            .init("country", study.country.map(ResultValue.text) ?? .missing),
            .init("design", study.design.map(ResultValue.text) ?? .missing),
            .init("data_collection", "data collection", study.dataCollection.map(ResultValue.text) ?? .missing),
            .init("analysis", study.analysis.map(ResultValue.text) ?? .missing),
            .init("participants", study.participants.map(ResultValue.integer) ?? .missing),
        ]
        if let record = study.bibliography {
            // The reference's fields, shown once the study has one (import ris, import qdpx, edit study … doi=…).
            func text(_ value: String?) -> ResultValue { value.map(ResultValue.text) ?? .missing }
            fields += [
                .init("authors", record.authors.isEmpty ? .missing : .labelled(.list(record.authors.map(ResultValue.text)), display: record.authors.joined(separator: "; "))),
                .init("title", text(record.title)), .init("journal", text(record.journal)), .init("volume", text(record.volume)),
                .init("issue", text(record.issue)), .init("pages", text(record.pages)), .init("doi", "DOI", text(record.doi)),
                .init("url", "URL", text(record.url)), .init("abstract", text(record.abstract)),
                .init("keywords", record.keywords.isEmpty ? .missing : .labelled(.list(record.keywords.map(ResultValue.text)), display: record.keywords.joined(separator: "; "))),
            ]
        }
        let appraisals = workspace.appraisals.filter { $0.studyID == study.id }
        let keys = ResultKey.reviewerKeys(in: workspace)
        for appraisal in appraisals {
            let who = appraisal.reviewer.isEmpty ? "" : " (\(appraisal.reviewer))"
            let suffix = appraisal.reviewer.isEmpty ? "" : "_" + keys[appraisal.reviewer]
            for question in CASPQuestion.all {
                fields.append(.init("q\(question.id)\(suffix)", "Q\(question.id) \(question.shortLabel)\(who)",
                                    appraisal.answers[question.id - 1].map { .labelled(.text($0.slug), display: $0.name) } ?? .missing))
            }
            fields.append(.init("casp_total\(suffix)", "CASP total\(who)", appraisal.isComplete ? .number(appraisal.total, decimals: 1) : .absent(appraisal.totalText)))
        }
        fields.append(.init("band", query.bandName(ofStudy: index).map(ResultValue.band) ?? .missing))
        fields.append(.init("coded_quotes", "coded quotes", .integer(query.studyQuoteCounts[index])))
        var notes: [String] = []
        if appraisals.isEmpty { notes.append("not appraised yet: 'appraise \(study.id) q1=yes …' records a CASP appraisal") }
        if query.studyQuoteCounts[index] > 0 { notes.append("quotes: 'quotes where study = \(study.id)'") }
        return .record(ResultRecord(title: "Study \(study.id): \(study.label)", fields: fields, footnotes: notes))
    }
}
