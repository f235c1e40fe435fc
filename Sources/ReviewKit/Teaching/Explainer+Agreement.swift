/// `explain agreement` and `explain krippendorff`: what each coefficient assumes and when they part, with the
/// "kappa paradox" computed on two small tables.
extension Explainer {
    /// Two raters' ratings of 20 units as rows of a ratings matrix: `yesYes` units both said yes, and so on.
    static func paradoxTable(yesYes: Int, noNo: Int, yesNo: Int, noYes: Int) -> [[String]] {
        Array(repeating: ["yes", "yes"], count: yesYes) + Array(repeating: ["no", "no"], count: noNo)
            + Array(repeating: ["yes", "no"], count: yesNo) + Array(repeating: ["no", "yes"], count: noYes)
    }

    /// The coefficients of a table as one line: "percent 0.900, Cohen's κ 0.800, …".
    static func paradoxLine(_ rows: [[String]]) -> String {
        guard let matrix = try? RatingsMatrix(ratings: rows), let report = try? AgreementReport(matrix) else { return "" }
        let shown: [(AgreementCoefficient, String)] = [(.percentAgreement, "percent agreement"), (.cohenKappa, "Cohen's \u{3BA}"),
                                                       (.fleissKappa, "Fleiss' \u{3BA} (Scott's \u{3C0})"), (.krippendorffAlpha, "Krippendorff's \u{3B1}"),
                                                       (.gwetAC1, "Gwet's AC1"), (.brennanPrediger, "Brennan\u{2013}Prediger")]
        return shown.map { coefficient, name in
            "\(name) " + (report.estimate(coefficient)?.value.map { AgreementLabel.format($0, decimals: 3) } ?? "undefined")
        }.joined(separator: "; ")
    }

    /// `explain agreement`.
    func agreement() -> Explanation {
        let balanced = Self.paradoxTable(yesYes: 9, noNo: 9, yesNo: 1, noYes: 1)
        let skewed = Self.paradoxTable(yesYes: 18, noNo: 0, yesNo: 1, noYes: 1)
        return Explanation(
            title: "Agreement between several reviewers",
            summary: "Gwet 2014 (Handbook of Inter-Rater Reliability); Krippendorff 2011; Landis & Koch 1977",
            sections: [
                Explanation.Section(heading: "One form, different chance models", paragraphs: [
                    "Every chance-corrected coefficient has the form (p\u{2090} \u{2212} p\u{2091}) / (1 \u{2212} p\u{2091}): p\u{2090} the share of agreeing pairs of ratings, p\u{2091} what chance would give. They differ in p\u{2091}, that is in what they assume about how raters choose.",
                ], items: [
                    "percent agreement: no correction at all; easy to read, inflated when one category dominates.",
                    "Cohen's \u{3BA} (two raters) and Conger's \u{3BA} (several): chance from each rater's own category shares; raters may differ in their habits.",
                    "Fleiss' \u{3BA} (Scott's \u{3C0} for two): chance from the pooled shares; raters are interchangeable.",
                    "Krippendorff's \u{3B1}: like Fleiss' but on disagreements, with a small-sample correction; takes missing ratings, and ordinal or interval distances (CASP: no < can't tell < yes).",
                    "Gwet's AC1: chance only for hard-to-rate units, p\u{2091} = \u{3A3} \u{3C0}\u{2096}(1 \u{2212} \u{3C0}\u{2096})/(q \u{2212} 1); stable when one category dominates.",
                    "Brennan\u{2013}Prediger: p\u{2091} = 1/q, every category equally likely; depends on how many categories are offered.",
                ]),
                Explanation.Section(heading: "The kappa paradox", paragraphs: [
                    "High agreement can come with a low, even negative, kappa when one category dominates (Feinstein & Cicchetti 1990): chance agreement p\u{2091} is then close to 1, and a few disagreements weigh heavily. Two reviewers screening 20 records, each disagreeing on 2:",
                ], items: [
                    "balanced (9 both yes, 9 both no, 2 split): " + Self.paradoxLine(balanced),
                    "skewed (18 both yes, 0 both no, 2 split): " + Self.paradoxLine(skewed),
                ], notes: [
                    "the same 90% agreement gives \u{3BA} near 0.8 in one table and below 0 in the other; AC1 and Brennan\u{2013}Prediger move much less. Report percent agreement and the category shares beside any kappa, and more than one coefficient when the shares are skewed.",
                    "if every reviewer uses a single category throughout, p\u{2091} = 1 and every chance-corrected coefficient is 0/0: 'agreement' prints undefined, not 1.",
                ]),
                Explanation.Section(heading: "In this tool", items: [
                    "set reviewer GT (or review --reviewer GT): code and appraise as a reviewer; set blind on hides the others' work.",
                    "agreement: every field at once; agreement domain: every coefficient with SE and CI; agreement codes domain: per code, present/absent; agreement casp: CASP answers, ordinal \u{3B1}.",
                    "disagreements, then consensus Q12 domain=\u{2026} / consensus S06 q6=no; merge FILE brings in another reviewer's snapshot.",
                ]),
            ],
            seeAlso: ["explain krippendorff", "explain kappa", "agreement"])
    }

    /// `explain krippendorff`.
    func krippendorff() -> Explanation {
        Explanation(
            title: "Krippendorff's alpha",
            summary: "Krippendorff 2011, Computing Krippendorff's Alpha-Reliability (Annenberg School, University of Pennsylvania)",
            sections: [
                Explanation.Section(heading: "What it measures", paragraphs: [
                    "\u{3B1} = 1 \u{2212} D\u{2092}/D\u{2091}: the disagreement observed between the values given to the same unit, over the disagreement expected if the values were paired at random. \u{3B1} = 1 is perfect reliability, 0 is chance, below 0 is systematic disagreement.",
                    "Only units with two values or more are pairable; a unit one reviewer coded adds nothing. Any number of reviewers, and missing ratings, are allowed.",
                ]),
                Explanation.Section(heading: "Metrics", items: [
                    "nominal: any two different categories disagree fully (TDF domain, direction).",
                    "ordinal: the distance between two ranks grows with the values between them; CASP answers are ordinal, no < can't tell < yes.",
                    "interval: squared differences of numbers.",
                ]),
                Explanation.Section(heading: "Worked example", paragraphs: [
                    "Krippendorff's (2011) nominal example, four raters and twelve units with missing values (Gwet 2014 p. 120): 40 pairable values, category totals 9, 13, 10, 5, 3, off-diagonal coincidences 8, so \u{3B1} = 1 \u{2212} 39\u{B7}8/(1600 \u{2212} 384) = 0.743; the standard error follows Gwet (irrCAC krippen.alpha.raw).",
                ], notes: [
                    "Krippendorff suggests relying on \u{3B1} \u{2265} 0.800 and drawing tentative conclusions only from 0.667 up; this tool labels every coefficient with the Landis & Koch bands instead, so results are comparable with kappa.",
                    "all values identical: D\u{2091} = 0 and \u{3B1} is undefined, printed as such.",
                ]),
            ],
            seeAlso: ["explain agreement", "agreement domain", "agreement casp"])
    }
}
