import ReviewKit

/// `agreement screening`, `consensus=before|after|both`, and the one line for a workspace with nothing to compare.
extension AgreementCommand {
    /// The one line `agreement` prints when no reviewer has coded or appraised anything (nil when some have).
    static func nothingToCompare(_ workspace: Workspace) -> String? {
        guard workspace.reviewerCodings.isEmpty, workspace.reviewers(rating: .casp(question: nil)).isEmpty else { return nil }
        return "no reviewer's codings or appraisals to compare: code as a reviewer ('set reviewer GT'), bring a coder's file in ('merge FILE', "
            + "'import qdpx FILE')" + (workspace.screening.isEmpty ? "" : ", or see 'agreement screening' for the screening decisions")
    }

    /// Agreement on the stored screening decisions, reported as the review reports it and in full.
    func screening(_ arguments: ParsedArguments, _ context: CommandContext, _ workspace: Workspace, suffix: String) throws(Diagnostic) -> CommandResult {
        if let detail = arguments.positional(1) { throw arguments.error("unexpected '\(detail.text)'", at: detail.span) }
        if arguments.rest != nil { throw arguments.error("'agreement screening' takes no filter; it uses every double-screened record") }
        let word = arguments.positional(0)
        let level = try Self.level(arguments)
        if workspace.screening.isEmpty, let published = Self.published(workspace) { return .record(published) }
        let reviewers = try ReviewerArguments.reviewers(arguments)
        let (matrix, once) = try statistics(arguments, word) { () throws(StatisticsError) in try workspace.screeningRatings(reviewers: reviewers) }
        let report = try statistics(arguments, word) { () throws(StatisticsError) in try AgreementReport(matrix, confidenceLevel: level) }
        let percent = ResultValue.format(level * 100, decimals: level * 100 == (level * 100).rounded() ? 0 : 1)
        var fields: [ResultRecord.Field] = [
            .init("reviewers", .labelled(.list(report.raters.map(ResultValue.text)), display: report.raters.joined(separator: ", "))),
            .init("records", "double-screened records", .integer(report.units)),
            .init("decisions", .integer(report.ratings)),
            .init("screened_once", "records screened once (left out)", .integer(once)),
        ]
        if let fleiss = report.estimate(.fleissKappa), let value = fleiss.value {
            var line = "Fleiss' kappa \(AgreementLabel.format(value, decimals: 3))"
            if let ci = fleiss.confidenceInterval {
                line += ", \(percent)% CI \(AgreementLabel.format(ci.lower, decimals: 3))–\(AgreementLabel.format(ci.upper, decimals: 3))"
            }
            if let strength = fleiss.strength { line += " (\(strength.label))" }
            // The sentence is for people; machines get its parts as numbers and a slug.
            fields.append(ResultRecord.Field("as_reported", "as the review reports it", .text(line)).onlyForTables())
            fields.append(ResultRecord.Field("fleiss_kappa", .number(value, decimals: 3)).onlyForMachines())
            fields.append(ResultRecord.Field("ci_lower", fleiss.confidenceInterval.map { .number($0.lower, decimals: 3) } ?? .missing).onlyForMachines())
            fields.append(ResultRecord.Field("ci_upper", fleiss.confidenceInterval.map { .number($0.upper, decimals: 3) } ?? .missing).onlyForMachines())
            fields.append(ResultRecord.Field("confidence_level", .number(level, decimals: 3)).onlyForMachines())
            fields.append(ResultRecord.Field("strength", fleiss.strength.map { .strength($0) } ?? .missing).onlyForMachines())
        }
        var notes = ["units: the records at least two of the chosen reviewers screened, as the review reports its screening agreement "
                     + "(a random share double-screened); the interval is Gwet's (irrCAC), which uses every double-screened record"]
        // Classic Fleiss' kappa, as 'kappa fleiss ratings' and the SPSS extension give it: records screened by all.
        do throws(StatisticsError) {
            let table = try RatingsTable(matrix)
            let classic = try FleissKappa(ratings: table, confidenceLevel: level)
            let p = classic.pValue < 0.001 ? "p < 0.001" : "p = \(AgreementLabel.format(classic.pValue, decimals: 3))"
            fields.append(ResultRecord.Field("classic", "classic Fleiss' kappa",
                                .text("\(AgreementLabel.format(classic.kappa, decimals: 3)), \(percent)% CI \(AgreementLabel.format(classic.lowerBound, decimals: 3))–"
                                      + "\(AgreementLabel.format(classic.upperBound, decimals: 3)), \(p), on \(table.subjects) record\(table.subjects == 1 ? "" : "s")")).onlyForTables())
            fields += [
                ResultRecord.Field("classic_kappa", .number(classic.kappa, decimals: 3)).onlyForMachines(),
                ResultRecord.Field("classic_ci_lower", .number(classic.lowerBound, decimals: 3)).onlyForMachines(),
                ResultRecord.Field("classic_ci_upper", .number(classic.upperBound, decimals: 3)).onlyForMachines(),
                ResultRecord.Field("classic_p_value", .number(classic.pValue, decimals: 3)).onlyForMachines(),
                ResultRecord.Field("classic_records", .integer(table.subjects)).onlyForMachines(),
            ]
            notes.append("classic Fleiss' kappa: records screened by \(matrix.raterCount == 2 ? "both" : "all \(matrix.raterCount)") reviewers only (\(table.droppedSubjects) left out), "
                         + "SE under H0 and κ ± z·SE0 (Fleiss, Nee & Landis 1979) as 'kappa fleiss ratings', R irr and the SPSS extension report it")
        } catch {
            notes.append("classic Fleiss' kappa: \(error.message)")
        }
        if let published = workspace.metadata["reported.fleiss-kappa"] {
            notes.append("published by the review (from its own decisions; not recomputed here): Fleiss' kappa \(published)")
        }
        let record = ResultRecord(title: "Screening agreement" + suffix, fields: fields, footnotes: notes)
        return .sequence([.record(record)] + AgreementTables.report(report, title: "screening decisions" + suffix, level: level))
    }

    /// The review's published screening agreement, for a workspace that has no decisions (the embedded review).
    static func published(_ workspace: Workspace) -> ResultRecord? {
        guard let text = workspace.metadata["reported.fleiss-kappa"] else { return nil }
        // The published sentence is for people; machines get the figures it starts with ("0.588 (95% CI 0.536 to 0.640), …").
        var fields: [ResultRecord.Field] = [ResultRecord.Field("published", "Fleiss' kappa (published)", .text(text)).onlyForTables()]
        let numbers = publishedFigures(text)
        fields.append(ResultRecord.Field("fleiss_kappa", numbers.kappa.map { .number($0, decimals: 3) } ?? .missing).onlyForMachines())
        fields.append(ResultRecord.Field("ci_lower", numbers.interval.map { .number($0.lower, decimals: 3) } ?? .missing).onlyForMachines())
        fields.append(ResultRecord.Field("ci_upper", numbers.interval.map { .number($0.upper, decimals: 3) } ?? .missing).onlyForMachines())
        fields.append(ResultRecord.Field("source", .text("published")).onlyForMachines())
        let number = String(text.prefix { $0.isNumber || $0 == "." || $0 == "-" })
        if let label = try? AgreementLabel(parsing: number) {
            fields.append(.init("strength", .labelled(.text(label.strength.slug), display: label.strength.label + " (Landis & Koch 1977)")))
        }
        return ResultRecord(title: "Screening agreement (as published)", fields: fields, footnotes: [
            "the review publishes this figure only; its screening decisions are not available, so it is shown as published, not computed",
            "import decisions ('import screening FILE': a table, a Rayyan export or Covidence votes) and 'agreement screening' computes it from them",
        ])
    }

    /// The kappa a published sentence starts with and its interval, when written "K (95% CI L to U)" or "K (L–U)";
    /// nil parts when the sentence does not say them that way (never guessed).
    static func publishedFigures(_ text: String) -> (kappa: Double?, interval: (lower: Double, upper: Double)?) {
        let numbers = text.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") && $0 != "\u{2212}" })
            .map { $0.replacingOccurrences(of: "\u{2212}", with: "-") }
            .filter { $0.contains(".") }
            .compactMap(Double.init)
        let lead = String(text.prefix { $0.isNumber || $0 == "." || $0 == "-" })
        guard let kappa = Double(lead) else { return (nil, nil) }
        guard text.contains("CI") || text.contains("–"), numbers.count >= 3, numbers[0] == kappa, numbers[1] <= kappa, kappa <= numbers[2] else {
            return (kappa, nil)
        }
        return (kappa, (numbers[1], numbers[2]))
    }

    /// The confidence level option (0.95 by default).
    static func level(_ arguments: ParsedArguments) throws(Diagnostic) -> Double {
        guard let option = arguments.option("level") else { return 0.95 }
        guard let value = Double(option.value), value > 0, value < 1 else {
            throw arguments.error("level must be a confidence level between 0 and 1, e.g. level=0.95", at: option.valueSpan)
        }
        return value
    }
}

/// `consensus=before|after|both`: agreement on the reviewers' own ratings, on the ratings with each recorded
/// consensus laid over them (`Workspace.afterConsensus()`), or both reports one after the other.
struct ConsensusStage {
    var before = true
    var after = false

    init(_ arguments: ParsedArguments) throws(Diagnostic) {
        guard let option = arguments.option("consensus") else { return }
        switch option.value.lowercased() {
        case "before": break
        case "after": (before, after) = (false, true)
        case "both": after = true
        default: throw arguments.error("consensus= takes before, after or both", at: option.valueSpan)
        }
    }

    /// Runs `body(after, titleSuffix)` for each stage asked for.
    func run(_ body: (Bool, String) throws(Diagnostic) -> CommandResult) throws(Diagnostic) -> CommandResult {
        guard before && after else { return try body(after, after ? " (after consensus)" : "") }
        var results: [CommandResult] = []
        for (stage, suffix) in [(false, " (before consensus)"), (true, " (after consensus)")] {
            let result = try body(stage, suffix)
            if case .sequence(let parts) = result { results += parts } else { results.append(result) }
        }
        return .sequence(results)
    }
}
