import ReviewKit

/// `kappa`: inter-rater agreement, Fleiss' kappa for several raters or Cohen's for two, and the Landis & Koch labels.
struct KappaCommand: Command {
    let name = "kappa"
    let group = CommandGroup.figures
    let summary = "inter-rater agreement: Fleiss' kappa (several raters) or Cohen's kappa (two raters)"
    let usage = [
        "kappa fleiss counts \"n11,n12,…; n21,n22,…\" [level=0.95] [categories=\"a,b,…\"]",
        "kappa fleiss counts FILE.csv | kappa fleiss ratings FILE.csv",
        "kappa cohen counts \"a,b; c,d\" | kappa cohen counts FILE.csv | kappa cohen ratings FILE.csv",
        "kappa label K",
    ]
    let details = """
    counts: a subjects × categories table of how many raters chose each category (Fleiss), or the raters' cross table (Cohen: rows rater A, columns rater B); \
    inline rows are separated by ';' and cells by ','. A counts file has a header row of category names. \
    ratings: one row per subject, one column per rater, each cell a category label (header row of rater names; empty cells are missing ratings; \
    Cohen takes exactly two columns). \
    Fleiss' SE is the one under H0 (Fleiss, Nee & Landis 1979), with z, a two-sided p and κ ± z·SE0 as the interval, as R irr and the SPSS extension report; \
    Cohen's SE and interval are the large-sample ones (SAS, statsmodels), z uses the SE under H0. \
    Labels follow Landis & Koch (1977) with κ < 0 poor; 0–0.20 slight; 0.20–0.40 fair; 0.40–0.60 moderate; 0.60–0.80 substantial; above 0.80 almost perfect (upper bounds inclusive).
    """
    let examples = ["kappa cohen counts \"20,5; 10,15\"", "kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6\"", "kappa label 0.588", "kappa fleiss ratings sessions/screening.csv"]

    var signature: ArgumentSignature {
        let data = ArgumentSignature(positionals: [.optional("data", .keyword(["counts", "ratings"])), .optional("source", .file)],
                                     extra: { "unexpected '\($0)'" },
                                     options: [.init("level", aliases: ["confidence"], .number), .init("categories", aliases: ["labels"])])
        return .subcommands([.init("fleiss", data), .init("cohen", data),
                             .init("label", aliases: ["strength"], ArgumentSignature(positionals: [.optional("kappa", .number)]))],
                            missing: "which statistic? 'kappa fleiss …', 'kappa cohen …' or 'kappa label K'",
                            unknown: { "unknown statistic '\($0)'" }, notes: ["expected fleiss, cohen or label"])
    }

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let (method, methodWord) = arguments.subcommand else { return .empty }
        if method == "label" {
            guard let word = arguments.positional(0), let value = Double(word.text) else {
                throw arguments.missing("'kappa label' needs a kappa value, e.g. 'kappa label 0.588'")
            }
            let strength = AgreementStrength(kappa: value)
            return .record(ResultRecord(title: "Landis & Koch (1977)",
                                        fields: [.init("kappa", .number(value, decimals: 3)), .init("strength", .text(strength.label)), .init("range", .text(strength.range))],
                                        footnotes: ["convention: κ < 0 poor; 0 ≤ κ ≤ 0.20 slight; then fair, moderate, substantial up to 0.40, 0.60, 0.80 inclusive; above 0.80 almost perfect"]))
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
        let rows = try input(source, arguments, context)
        do {
            if method == "fleiss" {
                let result: FleissKappa
                if kind == "counts" {
                    result = try FleissKappa(counts: try integers(rows.body, source, arguments), categoryLabels: rows.header ?? labels, confidenceLevel: level)
                } else {
                    result = try FleissKappa(ratings: try RatingsTable(ratings: rows.body), confidenceLevel: level)
                }
                return fleissResult(result)
            }
            let result: CohenKappa
            if kind == "counts" {
                result = try CohenKappa(table: try integers(rows.body, source, arguments), categoryLabels: rows.header ?? labels, confidenceLevel: level)
            } else {
                guard rows.body.allSatisfy({ $0.count == 2 }) else {
                    throw arguments.error("Cohen's kappa needs exactly two columns of ratings (one per rater)", at: source.span)
                }
                result = try CohenKappa(first: rows.body.map { $0[0] }, second: rows.body.map { $0[1] }, confidenceLevel: level)
            }
            return cohenResult(result)
        } catch let error as StatisticsError {
            throw arguments.error(error.message, at: source.span)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw arguments.error("\(error)", at: source.span)
        }
    }

    /// The rows of kappa input, from an inline "a,b; c,d" string or a CSV file (whose first row is a header).
    private func input(_ word: Word, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> (header: [String]?, body: [[String]]) {
        let text = word.text
        if text.contains(",") || text.contains(";") || word.quoted && !text.lowercased().hasSuffix(".csv") {
            let rows = text.split(separator: ";").map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } }
            guard !rows.isEmpty else { throw arguments.error("no rows given", at: word.span) }
            return (nil, rows)
        }
        let rows = try context.files.readCSV(text, named: word.span, in: arguments.invocation)
        guard let header = rows.first else { throw arguments.error("'\(text)' is empty; expected a header row and data rows", at: word.span) }
        return (header, Array(rows.dropFirst()))
    }

    private func integers(_ rows: [[String]], _ word: Word, _ arguments: ParsedArguments) throws(Diagnostic) -> [[Int]] {
        var result: [[Int]] = []
        for (r, row) in rows.enumerated() {
            var values: [Int] = []
            for (c, cell) in row.enumerated() {
                guard let value = Int(cell) else {
                    throw arguments.error("row \(r + 1), column \(c + 1): '\(cell)' is not a whole number of ratings", at: word.span)
                }
                values.append(value)
            }
            result.append(values)
        }
        return result
    }

    private func fleissResult(_ k: FleissKappa) -> CommandResult {
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
            .init("strength", .text(k.strength.label)),
        ], footnotes: ["Fleiss (1971); SE under H0 from Fleiss, Nee & Landis (1979); CI = κ ± z·SE0; strength per Landis & Koch (1977)"])
        let table = ResultTable(title: "per category", columns: [.init("category"), .init("proportion", type: .number), .init("kappa", type: .number),
                                                                 .init("se", "SE", type: .number), .init("z", type: .number), .init("p", type: .pValue)],
                                rows: k.categories.map { c in
                                    [.text(c.label), .number(c.proportion, decimals: 4), .number(c.kappa, decimals: 3), .number(c.standardError, decimals: 4),
                                     .number(c.z, decimals: 2), .pValue(c.pValue)]
                                })
        return .sequence([.record(record), .table(table)])
    }

    private func cohenResult(_ k: CohenKappa) -> CommandResult {
        let percent = ResultValue.format(k.confidenceLevel * 100, decimals: 0)
        return .record(ResultRecord(title: "Cohen's kappa", fields: [
            .init("subjects", .integer(k.subjects)), .init("categories", .integer(k.categoryLabels.count)),
            .init("observed_agreement", "observed agreement", .number(k.observedAgreement, decimals: 4)),
            .init("expected_agreement", "expected agreement", .number(k.expectedAgreement, decimals: 4)),
            .init("kappa", .number(k.kappa, decimals: 3)), .init("se", "SE", .number(k.standardError, decimals: 4)),
            .init("ci_lower", "\(percent)% CI lower", .number(k.lowerBound, decimals: 3)),
            .init("ci_upper", "\(percent)% CI upper", .number(k.upperBound, decimals: 3)),
            .init("se_h0", "SE (H0)", .number(k.nullStandardError, decimals: 4)), .init("z", .number(k.z, decimals: 2)), .init("p", .pValue(k.pValue)),
            .init("strength", .text(k.strength.label)),
        ], footnotes: ["Cohen (1960); SE and CI as SAS/statsmodels; z with the SE under H0; strength per Landis & Koch (1977)"]))
    }
}
