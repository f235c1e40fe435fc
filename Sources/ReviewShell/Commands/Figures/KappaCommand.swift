import ReviewKit

/// `kappa`: inter-rater agreement, Fleiss' kappa for several raters or Cohen's for two, and the Landis & Koch labels.
struct KappaCommand: Command {
    let name = "kappa"
    let group = CommandGroup.figures
    let summary = "inter-rater agreement: Fleiss' kappa (several raters) or Cohen's kappa (two raters)"
    let usage = [
        "kappa fleiss counts \"n11,n12,…; n21,n22,…\" [level=0.95] [categories=\"a,b,…\"]",
        "kappa fleiss counts FILE.csv | kappa fleiss ratings FILE.csv [raters=B,C,D] [subject=COLUMN|none]",
        "kappa cohen counts \"a,b; c,d\" | kappa cohen counts FILE.csv | kappa cohen ratings FILE.csv [raters=A,B] [subject=COLUMN|none]",
        "kappa label K",
    ]
    let details = """
    counts: a subjects × categories table of how many raters chose each category (Fleiss), or the raters' cross table (Cohen: rows rater A, columns rater B); \
    inline rows are separated by ';' and cells by ','; a count is a whole number and all counts together at most 2^53. A counts file has a header row of category names. \
    ratings: one row per subject, one column per rater, each cell a category label (header row of rater names). \
    A leading identifier column (a header such as record_id, id, study, Covidence #, Title, or values that differ on every row) is left out; \
    subject=COLUMN names it (subject=none: there is none) and raters=B,C,D chooses the rater columns by header or number. \
    Labels differing only by case or spaces are one category; an empty cell is a missing rating: Fleiss leaves out subjects with fewer ratings than the others \
    (as R irr), Cohen those not rated by both. The output says which columns were used and every such step. \
    Fleiss' SE is the one under H0 (Fleiss, Nee & Landis 1979), with z, a two-sided p and κ ± z·SE0 as the interval, as R irr and the SPSS extension report; \
    Cohen's SE and interval are the large-sample ones (SAS, statsmodels), z uses the SE under H0. \
    Labels follow Landis & Koch (1977) with κ < 0 poor; 0–0.20 slight; 0.20–0.40 fair; 0.40–0.60 moderate; 0.60–0.80 substantial; above 0.80 almost perfect \
    (upper bounds inclusive), judged on the value as printed; 'kappa label' takes a value in [-1, 1]. \
    sessions/screening.csv is a constructed example (60 made-up records, three made-up reviewers; docs/agreement.md), not the review's data.
    """
    let examples = ["kappa cohen counts \"20,5; 10,15\"", "kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6\"", "kappa label 0.588",
                    "kappa fleiss ratings sessions/screening.csv", "kappa cohen ratings sessions/screening.csv raters=reviewer_A,reviewer_B"]

    var signature: ArgumentSignature {
        let data = ArgumentSignature(positionals: [.optional("data", .keyword(["counts", "ratings"])), .optional("source", .file)],
                                     extra: { "unexpected '\($0)'" },
                                     options: [.init("level", aliases: ["confidence"], .number), .init("categories", aliases: ["labels"]),
                                               .init("raters", aliases: ["rater"]), .init("subject", aliases: ["id"])])
        return .subcommands([.init("fleiss", data), .init("cohen", data),
                             .init("label", aliases: ["strength"], ArgumentSignature(positionals: [.optional("kappa", .number)]))],
                            missing: "which statistic? 'kappa fleiss …', 'kappa cohen …' or 'kappa label K'",
                            unknown: { "unknown statistic '\($0)'" }, notes: ["expected fleiss, cohen or label"])
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let (method, methodWord) = arguments.subcommand else { return .empty }
        if method == "label" {
            guard let word = arguments.positional(0) else {
                throw arguments.missing("'kappa label' needs a kappa value, e.g. 'kappa label 0.588'")
            }
            let label: AgreementLabel
            do { label = try AgreementLabel(parsing: word.text) } catch { throw located(error, word, arguments) }
            return .record(ResultRecord(title: "Landis & Koch (1977)",
                                        fields: [.init("kappa", .number(label.value, decimals: label.decimals)), .init("strength", .strength(label.strength)),
                                                 ResultRecord.Field("range", .text(label.range)).onlyForTables()] + Self.rangeBounds(label.range),
                                        footnotes: ["convention: κ < 0 poor; 0 ≤ κ ≤ 0.20 slight; then fair, moderate, substantial up to 0.40, 0.60, 0.80 inclusive; above 0.80 almost perfect; "
                                                    + "judged on the value as printed, at the precision it was typed"]))
        }
        var level = 0.95
        if let option = arguments.option("level") {
            guard let value = Double(option.value), value > 0, value < 1 else {
                throw arguments.error("level must be a confidence level between 0 and 1, e.g. level=0.95", at: option.valueSpan)
            }
            level = value
        }
        let labels = arguments.option("categories").map { $0.value.split(separator: ",").map { String($0).trimmingSpaces } }
        guard let kind = arguments.positional(0)?.text.lowercased(), ["counts", "ratings"].contains(kind) else {
            throw arguments.error("say what the data are: 'counts' (a table of counts) or 'ratings' (one column per rater)",
                                  at: arguments.positional(0)?.span ?? methodWord.span)
        }
        guard let source = arguments.positional(1) else { throw arguments.missing("give the \(kind) inline in quotes or as a CSV file") }
        if kind == "counts" {
            for key in ["raters", "subject"] {
                if let option = arguments.option(key) {
                    throw arguments.error("\(key)= chooses columns of a ratings table; counts have none", at: option.span)
                }
            }
        }
        var input = try input(source, arguments, context)
        // Stopped by Ctrl-C, the rows (millions, perhaps) are freed in the background: the prompt comes back at once.
        defer { if context.cancellation.isCancelled { Discard.inBackground(&input.body, leaving: []) } }
        let columns = try columns(arguments)
        do throws(StatisticsError) {
            if kind == "counts" {
                let counts: CountsTable
                if let header = input.header {
                    counts = try CountsTable(cells: input.body)
                    return try result(method, counts.counts, labels: header, level: level, notes: [])
                }
                counts = try CountsTable(parsing: source.text)
                return try result(method, counts.counts, labels: labels, level: level, notes: [])
            }
            let stop = context.cancellation
            let matrix = try RatingsMatrix(header: input.header, rows: input.body, columns: columns, categories: labels, cancellation: stop)
            if method == "fleiss" {
                var table: RatingsTable? = try RatingsTable(matrix, cancellation: stop)
                defer { if stop.isCancelled { Discard.inBackground(&table, leaving: nil) } }
                return fleissResult(try FleissKappa(ratings: table!, confidenceLevel: level, cancellation: stop), notes: table!.notes.map(\.message))
            }
            let table = try TwoRaterTable(matrix, cancellation: stop)
            return try result(method, table.counts, labels: table.categoryLabels, level: level, notes: table.notes.map(\.message))
        } catch {
            throw located(error, source, arguments, file: input.header == nil ? nil : source.text)
        }
    }

    /// Kappa from a table of counts, with the notes on how it was read.
    private func result(_ method: String, _ counts: [[Int]], labels: [String]?, level: Double, notes: [String]) throws(StatisticsError) -> CommandResult {
        if method == "fleiss" {
            return fleissResult(try FleissKappa(counts: counts, categoryLabels: labels, confidenceLevel: level), notes: notes)
        }
        return cohenResult(try CohenKappa(table: counts, categoryLabels: labels, confidenceLevel: level), notes: notes)
    }

    /// The subject and rater columns chosen with `subject=` and `raters=`.
    private func columns(_ arguments: ParsedArguments) throws(Diagnostic) -> RatingsColumns {
        var columns = RatingsColumns()
        if let option = arguments.option("subject") {
            let value = option.value.trimmingSpaces
            guard !value.isEmpty else { throw arguments.error("subject= needs a column (its header or number) or 'none'", at: option.valueSpan) }
            columns.subject = value.lowercased() == "none" ? .none : .column(value)
        }
        if let option = arguments.option("raters") {
            let names = option.value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw arguments.error("raters= needs column names or numbers, e.g. raters=B,C,D", at: option.valueSpan) }
            columns.raters = names
        }
        return columns
    }

    /// A statistics error as a diagnostic: a caret inside the typed text for inline data, the file's line for a CSV cell.
    private func located(_ error: StatisticsError, _ word: Word, _ arguments: ParsedArguments, file: String? = nil) -> Diagnostic {
        if error.isInterruption { return .interrupted }
        switch error.location {
        case .span(let span)?:
            if let start = innerStart(of: word, in: arguments.invocation), span.upperBound <= word.text.count {
                return arguments.error(error.message, at: (start + span.lowerBound)..<(start + span.upperBound))
            }
        case .cell(let row, _)? where file != nil:
            var diagnostic = arguments.error(error.message, at: word.span)
            diagnostic.notes.append("in \(file!), line \(row + 1) (data row \(row) after the header)")
            return diagnostic
        default: break
        }
        return arguments.error(error.message, at: word.span)
    }

    /// Where the word's text starts in the command line, when it was typed as is (bare, or in one pair of quotes without escapes).
    private func innerStart(of word: Word, in invocation: Invocation) -> Int? {
        let line = Array(invocation.text)
        guard word.span.upperBound <= line.count else { return nil }
        let raw = line[word.span]
        if String(raw) == word.text { return word.span.lowerBound }
        if raw.count == word.text.count + 2, String(raw.dropFirst().dropLast()) == word.text { return word.span.lowerBound + 1 }
        return nil
    }

    /// The rows of kappa input, from an inline "a,b; c,d" string (no header) or a CSV file (whose first row is a header).
    private func input(_ word: Word, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> (header: [String]?, body: [[String]]) {
        let text = word.text
        if text.contains(",") || text.contains(";") || word.quoted && !text.lowercased().hasSuffix(".csv") {
            let rows = text.split(separator: ";").map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } }
            return (nil, rows)
        }
        let rows = try context.files.readCSV(text, named: word.span, in: arguments.invocation, cancellation: context.cancellation,
                                             progress: context.output.progress("reading \(text)"))
        guard let header = rows.first, rows.count > 1 else { throw arguments.error("'\(text)' is empty; expected a header row and data rows", at: word.span) }
        return (header, Array(rows.dropFirst()))
    }

    /// The Landis & Koch strength of a coefficient as printed with three decimals.
    private func strength(_ kappa: Double) -> String {
        AgreementLabel(coefficient: kappa, decimals: 3)?.strength.label ?? "undefined"
    }

    private func fleissResult(_ k: FleissKappa, notes: [String]) -> CommandResult {
        let percent = ResultValue.format(k.confidenceLevel * 100, decimals: k.confidenceLevel * 100 == (k.confidenceLevel * 100).rounded() ? 0 : 1)
        let record = ResultRecord(title: "Fleiss' kappa", fields: [
            .init("subjects", .integer(k.subjects)), .init("raters", "raters per subject", .integer(k.raters)),
            .init("categories", .integer(k.categories.count)),
            .init("observed_agreement", "observed agreement", .number(k.observedAgreement, decimals: 4)),
            .init("expected_agreement", "expected agreement", .number(k.expectedAgreement, decimals: 4)),
            .init("kappa", .number(k.kappa, decimals: 3)), .init("se_h0", "SE (H0)", .number(k.standardError, decimals: 4)),
            .init("z", .number(k.z, decimals: 2)), .init("p", .pValue(k.pValue)),
            .init("ci_lower", "\(percent)% CI lower", .number(k.lowerBound, decimals: 3)),
            .init("ci_upper", "\(percent)% CI upper", .number(k.upperBound, decimals: 3)),
            .init("strength", .text(strength(k.kappa))),
        ], footnotes: notes + ["Fleiss (1971); SE under H0 from Fleiss, Nee & Landis (1979); CI = κ ± z·SE0; strength per Landis & Koch (1977)"])
        let table = ResultTable(title: "per category", columns: [.init("category"), .init("proportion", type: .number), .init("kappa", type: .number),
                                                                 .init("se", "SE", type: .number), .init("z", type: .number), .init("p", type: .pValue)],
                                rows: k.categories.map { c in
                                    [.text(c.label), .number(c.proportion, decimals: 4), .number(c.kappa, decimals: 3), .number(c.standardError, decimals: 4),
                                     .number(c.z, decimals: 2), .pValue(c.pValue)]
                                })
        return .sequence([.record(record), .table(table)])
    }

    private func cohenResult(_ k: CohenKappa, notes: [String]) -> CommandResult {
        let percent = ResultValue.format(k.confidenceLevel * 100, decimals: 0)
        return .record(ResultRecord(title: "Cohen's kappa", fields: [
            .init("subjects", .integer(k.subjects)), .init("categories", .integer(k.categoryLabels.count)),
            .init("observed_agreement", "observed agreement", .number(k.observedAgreement, decimals: 4)),
            .init("expected_agreement", "expected agreement", .number(k.expectedAgreement, decimals: 4)),
            .init("kappa", .number(k.kappa, decimals: 3)), .init("se", "SE", .number(k.standardError, decimals: 4)),
            .init("ci_lower", "\(percent)% CI lower", .number(k.lowerBound, decimals: 3)),
            .init("ci_upper", "\(percent)% CI upper", .number(k.upperBound, decimals: 3)),
            .init("se_h0", "SE (H0)", .number(k.nullStandardError, decimals: 4)), .init("z", .number(k.z, decimals: 2)), .init("p", .pValue(k.pValue)),
            .init("strength", .text(strength(k.kappa))),
        ], footnotes: notes + ["Cohen (1960); SE and CI as SAS/statsmodels; z with the SE under H0; strength per Landis & Koch (1977)"]))
    }

    /// A Landis & Koch range ("0.41–0.60", "< 0.00") as machine-only bounds: `range_min` and `range_max` (null when open).
    static func rangeBounds(_ range: String) -> [ResultRecord.Field] {
        let parts = range.split(separator: "–").map { Double(String($0.filter { $0 != " " && $0 != "<" })) }
        let lower = parts.count == 2 ? parts[0] : nil, upper = parts.count == 2 ? parts[1] : parts.first ?? nil
        return [ResultRecord.Field("range_min", lower.map { .number($0, decimals: 2) } ?? .missing).onlyForMachines(),
                ResultRecord.Field("range_max", upper.map { .number($0, decimals: 2) } ?? .missing).onlyForMachines()]
    }
}
