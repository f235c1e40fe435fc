import ReviewKit

/// How agreement reports are shown: one full table per report, or one summary line per field, code or question.
enum AgreementTables {
    /// A report in full: what was rated, then every coefficient with SE, interval, units, ratings and label.
    static func report(_ report: AgreementReport, title: String, level: Double) -> [CommandResult] {
        let percent = ResultValue.format(level * 100, decimals: level * 100 == (level * 100).rounded() ? 0 : 1)
        let record = ResultRecord(title: "Agreement: \(title)", fields: [
            .init("reviewers", .list(report.raters.map(ResultValue.text))), .init("units", .integer(report.units)),
            .init("ratings", .integer(report.ratings)), .init("categories", .list(report.categories.map(ResultValue.text))),
        ])
        let rows: [[ResultValue]] = report.estimates.map { e in
            // Machines get the coefficient's key and its metric as two slugs; people the name with the metric.
            [.labelled(.text(e.coefficient.rawValue),
                       display: e.coefficient.name + (e.metric == .nominal || e.coefficient == .percentAgreement ? "" : " (\(e.metric.rawValue))")),
             .text(e.metric.rawValue),
             shown(e),
             e.standardError.map { .number($0, decimals: 4) } ?? .missing,
             e.confidenceInterval.map { .number($0.lower, decimals: 3) } ?? .missing,
             e.confidenceInterval.map { .number($0.upper, decimals: 3) } ?? .missing,
             .integer(e.units), .integer(e.ratings),
             strength(e)]
        }
        let undefined = report.estimates.compactMap { e in e.undefinedReason.map { "\(e.coefficient.name): undefined, \($0)" } }
        let table = ResultTable(title: "coefficients", columns: [
            .init("coefficient"), ResultColumn("metric").onlyForMachines(), .init("value", type: .number), .init("se", "SE", type: .number),
            .init("ci_lower", "\(percent)% CI lower", type: .number), .init("ci_upper", "\(percent)% CI upper", type: .number),
            .init("units", type: .integer), .init("ratings", type: .integer), .init("strength"),
        ], rows: rows, footnotes: report.notes.map(\.message) + undefined + methodNotes(report))
        return [.record(record), .table(table)]
    }

    /// An estimate's value, printed as its label judges it: a small negative value stays visibly negative
    /// ("-0.0001", not "0.000" beside "poor"); machine output gets the number at full precision.
    static func shown(_ e: AgreementEstimate) -> ResultValue {
        guard let value = e.value else { return .absent("undefined") }
        guard let label = e.label(decimals: 3) else { return .number(value, decimals: 3) }
        return .labelled(.number(value, decimals: 3), display: label.text)
    }

    /// The Landis & Koch label of an estimate as printed (none for percent agreement, "undefined" without a value).
    static func strength(_ e: AgreementEstimate) -> ResultValue {
        guard e.value != nil else { return .absent("undefined") }
        return e.label(decimals: 3).map { .strength($0.strength) } ?? .missing
    }

    /// Where each SE and interval comes from, once per method.
    static func methodNotes(_ report: AgreementReport) -> [String] {
        var seen = Set<String>()
        return report.estimates.compactMap { e in
            guard !e.method.isEmpty, seen.insert(e.method).inserted else { return nil }
            return "\(e.coefficient.name): \(e.method)"
        }
    }

    /// The columns of a summary line.
    static func summaryColumns(_ first: String) -> [ResultTable.Column] {
        [.init(first), .init("units", type: .integer), .init("ratings", type: .integer), .init("percent_agreement", "% agree", type: .number),
         .init("fleiss_kappa", "Fleiss κ", type: .number), .init("krippendorff_alpha", "Kripp. α", type: .number),
         ResultColumn("alpha_ci", "α 95% CI").onlyForTables(), ResultColumn("alpha_ci_lower", type: .number).onlyForMachines(),
         ResultColumn("alpha_ci_upper", type: .number).onlyForMachines(), .init("gwet_ac1", "AC1", type: .number), .init("strength", "α strength")]
    }

    /// What a summary line shows.
    static let summaryNotes = ["units: quotes (studies × questions for CASP) rated by two reviewers or more; α ordinal for CASP answers "
                               + "(no < can't tell < yes), nominal otherwise; strength per Landis & Koch (1977) on α as printed; "
                               + "'agreement FIELD' shows every coefficient with its SE"]

    /// A summary line: units, ratings, percent agreement, Fleiss' kappa, Krippendorff's alpha with its interval, AC1, label.
    static func summaryRow(_ label: String, _ report: AgreementReport, metric: AgreementMetric) -> [ResultValue] {
        func value(_ e: AgreementEstimate?) -> ResultValue { e.map(shown) ?? .absent("undefined") }
        let alpha = report.estimate(.krippendorffAlpha, metric: metric)
        let ci = alpha?.confidenceInterval.map { ResultValue.text(AgreementLabel.format($0.lower, decimals: 3) + " – " + AgreementLabel.format($0.upper, decimals: 3)) } ?? .missing
        return [.text(label), .integer(report.units), .integer(report.ratings), value(report.estimate(.percentAgreement)),
                value(report.estimate(.fleissKappa)), value(alpha), ci,
                alpha?.confidenceInterval.map { .number($0.lower, decimals: 3) } ?? .missing, alpha?.confidenceInterval.map { .number($0.upper, decimals: 3) } ?? .missing,
                value(report.estimate(.gwetAC1)), alpha.map(strength) ?? .missing]
    }

    /// Codes in the framework's order (sub-themes by id).
    static func ordered(_ values: [String], field: CodingField) -> [String] {
        switch field {
        case .domain: TDFDomain.allCases.map(\.slug).filter(values.contains)
        case .component: COMBComponent.allCases.map(\.slug).filter(values.contains)
        case .direction: Direction.allCases.map(\.slug).filter(values.contains)
        case .subTheme: values.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        }
    }

    /// The display name of a code.
    static func name(of value: String, field: CodingField, in workspace: Workspace) -> String {
        switch field {
        case .domain: TDFDomain.allCases.first { $0.slug == value }?.name ?? value
        case .component: COMBComponent.allCases.first { $0.slug == value }?.name ?? value
        case .direction: value
        case .subTheme: Int(value).flatMap { workspace.subTheme($0) }?.code ?? value
        }
    }
}

/// The arguments the reviewer commands share: `reviewers=`, and the `where` filter as quote ids or study ids.
enum ReviewerArguments {
    /// The reviewers chosen with `reviewers=A,B,C` (nil: all).
    static func reviewers(_ arguments: ParsedArguments) throws(Diagnostic) -> [String]? {
        guard let option = arguments.option("reviewers") else { return nil }
        let names = option.value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw arguments.error("reviewers= needs initials separated by commas, e.g. reviewers=GT,KW", at: option.valueSpan) }
        return names
    }

    /// The quotes a `where` filter keeps (nil: no filter).
    static func quotes(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> Set<Int>? {
        guard arguments.rest != nil else { return nil }
        let plan = try arguments.query(for: .quote)
        let rows = try arguments.invocation.engine { () throws(ReviewError) in try QueryEngine(context.queryContext).quoteRows(matching: plan.filter) }
        let ids = context.workspace.quotes.ids
        return Set((0..<rows.count).filter(rows.contains).map { Int(ids[$0]) })
    }

    /// The studies a `where` filter keeps (nil: no filter).
    static func studies(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> Set<String>? {
        guard arguments.rest != nil else { return nil }
        let plan = try arguments.query(for: .study)
        let matches = try arguments.invocation.engine { () throws(ReviewError) in try QueryEngine(context.queryContext).studyMatches(plan.filter) }
        return Set(context.workspace.studies.indices.filter { matches[$0] }.map { context.workspace.studies[$0].id })
    }
}
