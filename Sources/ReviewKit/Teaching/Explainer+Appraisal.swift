extension Explainer {
    // MARK: - CASP

    /// The CASP qualitative checklist: structure, the ten questions (quoted), scoring, and the review's tallies.
    func casp() -> Explanation {
        let summary = CASPSummary(workspace: workspace, bands: bands)
        var scoring = Explanation.Section(heading: "Scoring and quality bands", paragraphs: [
            "CASP itself suggests no scoring system: the checklists are teaching tools for reading a study critically. Many reviews score them anyway. This tool, like the seed review, counts yes as 1, can't tell as 0.5 and no as 0, adds the ten scores (0\u{2013}10) and sorts totals into quality bands.",
            "Cut-offs in use: \(bands.description).",
        ])
        if !bands.gaps.isEmpty {
            scoring.notes.append("totals of \(Self.joined(bands.gaps.map(QualityBands.format))) fall in no band under these cut-offs; the tool reports them instead of guessing a band")
        }
        var review = Explanation.Section(heading: "In \(ReviewFindings.name(of: workspace))")
        if summary.rows.isEmpty {
            review.paragraphs = ["No study has been appraised yet."]
        } else {
            let missing = summary.unappraised.isEmpty ? "" : " (\(ReviewFindings.plural(summary.unappraised.count, "study")) not yet)"
            let mean = summary.statistics.mean.map { ", mean total \(Self.fixed($0, 2))" } ?? ""
            review.paragraphs = ["\(ReviewFindings.plural(summary.rows.count, "study")) appraised\(missing)\(mean). Answers per question:"]
            if let incomplete = summary.incompleteNote { review.notes.append(incomplete) }
            review.items = summary.tallies.map { Self.tallyLine($0) }
            if let weakest = weakestQuestion(summary) {
                review.notes.append("Q\(weakest.question.id) (\(weakest.question.shortLabel)) has the lowest mean score; see 'explain casp q\(weakest.question.id)'")
            }
        }
        return Explanation(
            title: "CASP Qualitative Checklist",
            summary: CASPQuestion.source,
            sections: [
                Explanation.Section(heading: "The checklist", paragraphs: [
                    "Ten questions help a reviewer judge a qualitative study. Section A (Q1\u{2013}6) asks whether the results are valid, section B (Q7\u{2013}9) what the results are, and section C (Q10) whether they will help locally. Q1 and Q2 screen: if a study does not clearly pass them, it may not be worth appraising further.",
                    "Most questions are answered yes, can't tell or no, and the form prints hints under each question to prompt the reviewer.",
                ]),
                Explanation.Section(
                    heading: "The ten questions",
                    paragraphs: ["Headline wording of the 2018 form, quoted from the Critical Appraisal Skills Programme (2018, licence CC BY-NC-SA)."],
                    items: CASPQuestion.all.map { question in
                        "Q\(question.id) \(question.shortLabel) (section \(question.section)\(question.isScreening ? ", screening" : "")): \u{201C}\(question.text)\u{201D}"
                    }),
                scoring,
                review,
            ],
            seeAlso: ["casp", "casp questions", "explain casp q6", "bands", "studies where casp >= 8.5"])
    }

    /// The question with the lowest mean score (ties: the lower number).
    func weakestQuestion(_ summary: CASPSummary) -> CASPSummary.QuestionTally? {
        summary.tallies.filter { $0.meanScore != nil }.min { ($0.meanScore!, $0.question.id) < ($1.meanScore!, $1.question.id) }
    }

    /// "Q6 reflexivity: 12 yes, 4 can't tell, 17 no".
    static func tallyLine(_ tally: CASPSummary.QuestionTally) -> String {
        var line = "Q\(tally.question.id) \(tally.question.shortLabel): \(tally.yes) yes, \(tally.cantTell) can't tell, \(tally.no) no"
        if tally.unanswered > 0 { line += ", \(tally.unanswered) unanswered" }
        return line
    }

    /// One CASP question: its wording and hint (quoted where checked), what to look for, and the review's answers.
    func caspQuestion(_ number: Int) -> Explanation {
        let question = CASPQuestion.all[number - 1]
        let summary = CASPSummary(workspace: workspace, bands: bands)
        let sectionMeaning: String
        switch question.section {
        case "A": sectionMeaning = "section A, which asks whether the results are valid"
        case "B": sectionMeaning = "section B, which asks what the results are"
        default: sectionMeaning = "section C, which asks whether the results will help locally"
        }
        var wording = Explanation.Section(
            heading: "The question",
            quotation: .init(text: question.text, source: CASPQuestion.source),
            paragraphs: ["Q\(number) belongs to \(sectionMeaning)." + (question.isScreening ? " It is one of the two screening questions: a study that does not clearly pass Q1 and Q2 may not be worth appraising further." : "")])
        if let hint = question.hint {
            wording.paragraphs.append("The form's hint: \u{201C}\(hint)\u{201D}")
        } else {
            wording.notes.append("the form's hint for this question is not reproduced here: it could not be checked against the 2018 form")
        }
        var review = Explanation.Section(heading: "In \(ReviewFindings.name(of: workspace))")
        let tally = summary.tallies[number - 1]
        if summary.rows.isEmpty {
            review.paragraphs = ["No study has been appraised yet."]
        } else {
            review.paragraphs = [Self.tallyLine(tally) + "."]
            for answer in [CASPAnswer.no, .cantTell] {
                let studies = summary.rows.filter { $0.appraisal.answers[number - 1] == answer }.map { "\($0.study.id) \($0.study.label)" }
                if !studies.isEmpty { review.items.append("\(answer.name.prefix(1).uppercased() + answer.name.dropFirst()): " + studies.joined(separator: "; ")) }
            }
            let mostNo = summary.tallies.max { ($0.no, -$0.question.id) < ($1.no, -$1.question.id) }
            if let mostNo, mostNo.no > 0, mostNo.question.id == number {
                review.notes.append("this is the question the review most often answered no")
            }
        }
        return Explanation(
            title: "CASP Q\(number): \(question.shortLabel)",
            summary: "Section \(question.section)\(question.isScreening ? ", screening question" : "")",
            sections: [
                wording,
                Explanation.Section(heading: "What to look for in the study report", items: CodingGuidance.caspAdvice(number)),
                review,
            ],
            seeAlso: (number > 1 ? ["explain casp q\(number - 1)"] : []) + (number < 10 ? ["explain casp q\(number + 1)"] : [])
                + ["casp questions", "studies where q\(number) = no"])
    }

    // MARK: - Agreement

    /// Which kappa an agreement explanation leads with.
    enum KappaFocus { case fleiss, cohen }

    /// Kappa: what the number means, the Landis & Koch bands, Cohen's and Fleiss' versions with worked examples,
    /// and any kappa the review reports.
    func kappa(focus: KappaFocus?) -> Explanation {
        let meaning = Explanation.Section(heading: "What the number means", paragraphs: [
            "Kappa measures how far raters agree beyond what chance alone would give. It compares the observed agreement p\u{2092} with the agreement p\u{2091} expected if each rater assigned categories at random in their own proportions: \u{3BA}\u{A0}=\u{A0}(p\u{2092}\u{A0}\u{2212}\u{A0}p\u{2091})\u{A0}/\u{A0}(1\u{A0}\u{2212}\u{A0}p\u{2091}).",
            "\u{3BA} = 1 is perfect agreement, \u{3BA} = 0 is no better than chance, and a negative \u{3BA} is worse than chance. It is not a percentage: two raters who agree on 70% of items can have \u{3BA} = 0.40 if half of that agreement was expected anyway.",
        ])
        var bandsSection = Explanation.Section(
            heading: "Landis & Koch bands",
            paragraphs: ["Landis and Koch (1977) proposed words for ranges of \u{3BA} (Biometrics 33:159\u{2013}174):"],
            items: AgreementStrength.allCases.map { "\($0.range): \($0.label)" })
        bandsSection.notes = [
            "the published ranges leave gaps (0.20 to 0.21, for example). This tool closes them with upper-inclusive bands: \u{3BA} < 0 poor, 0 \u{2264} \u{3BA} \u{2264} 0.20 slight, 0.20 < \u{3BA} \u{2264} 0.40 fair, and so on, so exactly 0.20 is slight. Other software can put a boundary value one band away.",
            "the labels are a convention for describing size, not a significance test; Fleiss (1981) proposed coarser bands (below 0.40 poor, 0.40\u{2013}0.75 intermediate to good, above 0.75 excellent).",
        ]
        let cohen = cohenSection()
        let fleiss = fleissSection()
        var sections = [meaning]
        switch focus {
        case .cohen: sections += [cohen, bandsSection, fleiss]
        case .fleiss: sections += [fleiss, bandsSection, cohen]
        case nil: sections += [bandsSection, cohen, fleiss]
        }
        if let reported = reportedSection() { sections.append(reported) }
        let title: String
        switch focus {
        case .cohen: title = "Cohen's kappa"
        case .fleiss: title = "Fleiss' kappa"
        case nil: title = "Kappa: agreement beyond chance"
        }
        return Explanation(
            title: title,
            summary: "Cohen 1960 (two raters); Fleiss 1971 (many raters); bands from Landis & Koch 1977",
            sections: sections,
            seeAlso: [Self.cohenCommand, Self.fleissCommand] + (focus == nil ? ["explain fleiss", "explain cohen"] : ["explain kappa"]))
    }

    /// The Cohen worked example as a shell command.
    static let cohenCommand = "kappa cohen counts \"20,5; 10,15\""
    /// The Fleiss worked example (14 raters, 10 subjects, 5 categories) as a shell command.
    static let fleissCommand = "kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6; 0,3,9,2,0; 2,2,8,1,1; 7,7,0,0,0; 3,2,6,3,0; 2,5,3,2,2; 6,5,2,1,0; 0,2,2,3,7\""
    /// The Fleiss worked example's counts.
    static let fleissExample: [[Int]] = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                                         [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]

    func cohenSection() -> Explanation.Section {
        var section = Explanation.Section(heading: "Cohen's kappa: two raters", paragraphs: [
            "Cohen (1960, Educational and Psychological Measurement 20:37\u{2013}46) compares two raters who classify the same subjects into the same categories. The data are a square table: rows for the first rater's category, columns for the second's. p\u{2092} is the share of subjects on the diagonal; p\u{2091} multiplies the two raters' marginal proportions for each category and adds them up.",
        ])
        if let worked = try? CohenKappa(table: [[20, 5], [10, 15]]) {
            section.paragraphs.append("Worked example: 50 proposals, two readers, yes/no; they agree on 20 + 15 = 35. p\u{2092} = \(Self.fixed(worked.observedAgreement, 2)), p\u{2091} = 0.5 \u{00D7} 0.6 + 0.5 \u{00D7} 0.4 = \(Self.fixed(worked.expectedAgreement, 2)), so \u{3BA} = \(Self.fixed(worked.kappa, 2)) (\(worked.strength.label)).")
        }
        if let a = try? CohenKappa(table: [[45, 15], [25, 15]]), let b = try? CohenKappa(table: [[25, 35], [5, 35]]) {
            section.paragraphs.append("Kappa depends on how the categories are used, not only on agreement: the tables 45,15; 25,15 and 25,35; 5,35 both show 60% agreement, yet give \u{3BA} = \(Self.fixed(a.kappa, 2)) and \u{3BA} = \(Self.fixed(b.kappa, 2)).")
        }
        return section
    }

    func fleissSection() -> Explanation.Section {
        var section = Explanation.Section(heading: "Fleiss' kappa: many raters", paragraphs: [
            "Fleiss (1971, Psychological Bulletin 76:378\u{2013}382) extends the idea to any number of raters. Each subject is rated the same number of times n, though not necessarily by the same people. The data are a subjects \u{00D7} categories table of counts; P\u{0304} is the mean share of agreeing rater pairs per subject and P\u{0304}\u{2091} the sum of the squared overall category proportions.",
            "With two raters Fleiss' kappa is not Cohen's kappa (it equals Scott's pi), so use Cohen's for a fixed pair of raters.",
        ])
        if let worked = try? FleissKappa(counts: Self.fleissExample) {
            section.paragraphs.append("Worked example: 10 subjects, 14 ratings each, 5 categories: P\u{0304} = \(Self.fixed(worked.observedAgreement, 3)), P\u{0304}\u{2091} = \(Self.fixed(worked.expectedAgreement, 3)), \u{3BA} = \(Self.fixed(worked.kappa, 3)) (\(worked.strength.label)).")
        }
        section.notes = ["the tool's z test uses the standard error under \u{3BA} = 0 (Fleiss, Nee & Landis 1979); packages differ in how they build a confidence interval, so compare like with like"]
        return section
    }

    /// The kappa values the workspace's metadata reports (keys "reported.*" mentioning kappa), with their bands.
    func reportedSection() -> Explanation.Section? {
        let reported = workspace.metadata.keys.sorted().filter { $0.hasPrefix("reported.") && $0.contains("kappa") }
        guard !reported.isEmpty else { return nil }
        return Explanation.Section(heading: "In \(ReviewFindings.name(of: workspace))", items: reported.map { key in
            let value = workspace.metadata[key]!
            let name = String(key.dropFirst("reported.".count).map { $0 == "-" ? " " : $0 })
            guard let kappa = Self.leadingNumber(value) else { return "\(name): \(value)" }
            return "\(name): \(value). On the Landis & Koch scale \(Self.fixed(kappa, 3)) is \(AgreementStrength(kappa: kappa).label)."
        })
    }

    /// The first decimal number in a text ("0.588 (95% CI …)" → 0.588).
    static func leadingNumber(_ text: String) -> Double? {
        var digits = ""
        for character in text {
            if character.isASCII && (character.isNumber || character == "." || (character == "-" && digits.isEmpty)) { digits.append(character) }
            else if !digits.isEmpty { break }
        }
        return Double(digits)
    }

    /// A number with a fixed count of decimals, without locale ("0.40", "-0.13").
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fractionText)"
    }
}
