import ReviewKit

/// `agreement`: how far reviewers agree on their codings and CASP appraisals, every coefficient with its
/// standard error, interval and Landis & Koch label.
struct AgreementCommand: Command, ReviewerStatistics {
    let name = "agreement"
    let group = CommandGroup.figures
    let summary = "inter-rater agreement of the reviewers' codings and appraisals (kappa, alpha, AC1…)"
    let usage = [
        "agreement [reviewers=A,B,C] [where FILTER]",
        "agreement domain|component|direction|subtheme [reviewers=A,B,C] [level=0.95] [where FILTER]",
        "agreement codes domain|component|direction|subtheme [reviewers=…] [where FILTER]",
        "agreement casp [qN] [reviewers=…] [where STUDY-FILTER]",
        "agreement screening [reviewers=A,B,C] [level=0.95]",
        "agreement … consensus=before|after|both",
    ]
    let details = """
    Units are the quotes coded (the studies appraised) by at least two of the chosen reviewers; the consensus is not a reviewer. \
    With no field, one line per coding field and for CASP answers. A field: percent agreement, Cohen's kappa (two reviewers), Fleiss', \
    Conger's, Krippendorff's alpha, Gwet's AC1 and Brennan–Prediger, each with SE and confidence interval where the method defines them. \
    'codes FIELD': each code as a present/absent decision per quote. 'casp': every question of every study appraised twice as a unit, \
    with the ordinal alpha (no < can't tell < yes); 'casp q6' one question. A coefficient everyone's single category makes 0/0 is printed \
    as undefined, not 1. Labels follow Landis & Koch (1977), judged on the value printed with three decimals. \
    FILTER is a quote filter as in 'quotes where …' (a study filter for casp). Checked against the krippendorff and irrcac Python packages. \
    'screening': the stored screening decisions (import screening FILE) on the records screened by two reviewers or more, with the \
    review's way of reporting (Fleiss' kappa with its 95% CI) and classic Fleiss' kappa as 'kappa fleiss ratings' gives it; on the \
    embedded review, which has no decisions, the published figure, labelled as such. consensus=after lays each recorded consensus over \
    the reviewers' ratings of that unit (settled units count as agreed; docs/agreement.md); consensus=both shows before and after.
    """
    let examples = ["agreement", "agreement screening"]
    let signature = ArgumentSignature(
        positionals: [.optional("subject", .keyword(["domain", "component", "direction", "subtheme", "codes", "casp", "screening", "where"])),
                      .optional("detail", .text)],
        extra: { "unexpected '\($0)'" },
        options: [.init("reviewers", aliases: ["reviewer", "raters"]), .init("level", aliases: ["confidence"], .number),
                  .init("consensus", .keyword(["before", "after", "both"]))],
        rest: .init(.query(.quote), introducedBy: "where"))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let stage = try ConsensusStage(arguments)
        let workspace = context.workspace
        if arguments.positional(0)?.text.lowercased() == "screening" {
            return try stage.run { after, suffix throws(Diagnostic) in try screening(arguments, context, after ? workspace.afterConsensus() : workspace, suffix: suffix) }
        }
        if arguments.positionals.isEmpty, let line = Self.nothingToCompare(workspace) { return .message(line) }
        return try stage.run { after, suffix throws(Diagnostic) in try report(arguments, context, after ? workspace.afterConsensus() : workspace, suffix: suffix) }
    }

    /// The report on the reviewers' codings or appraisals of `workspace`, titles ending in `suffix`.
    private func report(_ arguments: ParsedArguments, _ context: CommandContext, _ workspace: Workspace, suffix: String) throws(Diagnostic) -> CommandResult {
        let reviewers = try ReviewerArguments.reviewers(arguments)
        let level = try Self.level(arguments)
        let word = arguments.positional(0)
        let subject = word?.text.lowercased()
        let detail = arguments.positional(1)
        if subject == "casp" {
            var question: Int?
            if let detail {
                let text = detail.text.lowercased()
                guard text.hasPrefix("q"), let number = Int(text.dropFirst()), (1...10).contains(number) else {
                    throw arguments.error("expected a CASP question q1 … q10", at: detail.span)
                }
                question = number
            }
            let studies = try ReviewerArguments.studies(arguments, in: context)
            let matrix = try statistics(arguments, word) { () throws(StatisticsError) in
                try workspace.ratings(of: .casp(question: question), reviewers: reviewers, studyIDs: studies)
            }
            let report = try statistics(arguments, word) { () throws(StatisticsError) in
                try AgreementReport(matrix, orderedScale: true, confidenceLevel: level)
            }
            let title = question.map { "CASP q\($0): \(CASPQuestion.all[$0 - 1].shortLabel)" } ?? "CASP answers (every question of each study appraised twice)"
            var results = AgreementTables.report(report, title: title + suffix, level: level)
            if question == nil {
                results.append(.table(perQuestion(workspace, reviewers: reviewers, studies: studies, suffix: suffix)))
            }
            return .sequence(results)
        }
        let quotes = try ReviewerArguments.quotes(arguments, in: context)
        guard let subject else { return .table(overview(workspace, reviewers: reviewers, quotes: quotes, suffix: suffix)) }
        if subject == "codes" {
            guard let detail, let field = CodingField(parsing: detail.text) else {
                throw arguments.error("which field's codes? domain, component, direction or subtheme", at: detail?.span ?? word!.span)
            }
            return .table(try perCode(workspace, field: field, reviewers: reviewers, quotes: quotes, arguments: arguments, word: detail, suffix: suffix))
        }
        if let detail { throw arguments.error("unexpected '\(detail.text)'", at: detail.span) }
        guard let field = CodingField(parsing: subject) else {
            throw arguments.error("expected domain, component, direction, subtheme, codes or casp", at: word!.span)
        }
        let matrix = try statistics(arguments, word!) { () throws(StatisticsError) in
            try workspace.ratings(of: .coding(field), reviewers: reviewers, quoteIDs: quotes)
        }
        let report = try statistics(arguments, word!) { () throws(StatisticsError) in try AgreementReport(matrix, confidenceLevel: level) }
        return .sequence(AgreementTables.report(report, title: "coding: \(field.label)" + suffix, level: level))
    }

    /// Runs statistics, turning their error into a diagnostic at a word.
    func statistics<T>(_ arguments: ParsedArguments, _ word: Word?, _ body: () throws(StatisticsError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw arguments.error(error.message, at: word?.span) }
    }

    /// One line per coding field and for CASP: units, percent agreement, Fleiss, Krippendorff, AC1.
    private func overview(_ workspace: Workspace, reviewers: [String]?, quotes: Set<Int>?, suffix: String) -> ResultTable {
        var rows: [[ResultValue]] = []
        var notes: [String] = []
        let subjects: [(String, ReviewerRatingsSubject)] = CodingField.allCases.map { ($0.label, .coding($0)) } + [("casp answers", .casp(question: nil))]
        for (label, subject) in subjects {
            let isCASP = label == "casp answers"
            do throws(StatisticsError) {
                let matrix = try workspace.ratings(of: subject, reviewers: reviewers, quoteIDs: isCASP ? nil : quotes)
                let report = try AgreementReport(matrix, orderedScale: isCASP)
                rows.append(AgreementTables.summaryRow(label, report, metric: isCASP ? .ordinal : .nominal))
            } catch {
                notes.append("\(label): \(error.message)")
            }
        }
        return ResultTable(title: "Agreement between reviewers" + suffix, columns: AgreementTables.summaryColumns("what"), rows: rows,
                           footnotes: notes + AgreementTables.summaryNotes)
    }

    /// One line per code of a field, each a present/absent decision per quote.
    private func perCode(_ workspace: Workspace, field: CodingField, reviewers: [String]?, quotes: Set<Int>?,
                         arguments: ParsedArguments, word: Word, suffix: String) throws(Diagnostic) -> ResultTable {
        var values: [String] = []
        for coding in workspace.reviewerCodings where !coding.isConsensus {
            if let value = coding.value(of: field), !values.contains(value) { values.append(value) }
        }
        var rows: [[ResultValue]] = []
        var notes: [String] = []
        for value in AgreementTables.ordered(values, field: field) {
            let label = AgreementTables.name(of: value, field: field, in: workspace)
            do throws(StatisticsError) {
                let report = try AgreementReport(try workspace.ratings(of: .code(field, value), reviewers: reviewers, quoteIDs: quotes))
                rows.append(AgreementTables.summaryRow(label, report, metric: .nominal))
            } catch {
                notes.append("\(label): \(error.message)")
            }
        }
        guard !rows.isEmpty else { throw arguments.error(notes.first ?? "no reviewer has coded the \(field.label) of a quote", at: word.span) }
        return ResultTable(title: "Agreement per \(field.label) code (present/absent per quote)" + suffix, columns: AgreementTables.summaryColumns("code"),
                           rows: rows, footnotes: notes + AgreementTables.summaryNotes)
    }

    /// One line per CASP question.
    private func perQuestion(_ workspace: Workspace, reviewers: [String]?, studies: Set<String>?, suffix: String) -> ResultTable {
        var rows: [[ResultValue]] = []
        var notes: [String] = []
        for question in CASPQuestion.all {
            do throws(StatisticsError) {
                let report = try AgreementReport(try workspace.ratings(of: .casp(question: question.id), reviewers: reviewers, studyIDs: studies),
                                                 orderedScale: true)
                rows.append(AgreementTables.summaryRow("q\(question.id)", report, metric: .ordinal))
            } catch {
                notes.append("q\(question.id): \(error.message)")
            }
        }
        return ResultTable(title: "per question" + suffix, columns: AgreementTables.summaryColumns("question"), rows: rows,
                           footnotes: notes + AgreementTables.summaryNotes)
    }
}
