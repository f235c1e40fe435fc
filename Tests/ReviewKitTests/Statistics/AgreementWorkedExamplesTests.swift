import Foundation
import Testing

@testable import ReviewKit

/// The published worked examples (sources in docs/agreement.md, "Worked examples"), to the printed digits.
@Suite("Agreement coefficients: published worked examples")
struct AgreementWorkedExamplesTests {
    /// Gwet (2014), *Handbook of Inter-Rater Reliability*, 4th ed., p. 120; R irrCAC `cac.raw4raters`; the
    /// same data as Krippendorff (2011)'s nominal example. 12 units × 4 raters, "" = missing.
    static let fourRaters: [[String]] = [
        ["1", "1", "", "1"], ["2", "2", "3", "2"], ["3", "3", "3", "3"], ["3", "3", "3", "3"],
        ["2", "2", "2", "2"], ["1", "2", "3", "4"], ["4", "4", "4", "4"], ["1", "1", "2", "1"],
        ["2", "2", "2", "2"], ["", "5", "5", "5"], ["", "", "1", "1"], ["", "", "3", ""],
    ]

    static func text(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "undefined"
    }

    static func matrix() throws -> RatingsMatrix {
        try RatingsMatrix(header: ["r1", "r2", "r3", "r4"], rows: fourRaters)
    }

    @Test("4 raters × 12 units with missing ratings: irrCAC's value, pa, pe and SE for every coefficient")
    func fourRatersTwelveUnits() throws {
        let report = try AgreementReport(Self.matrix(), orderedScale: true)
        #expect(report.units == 12)
        #expect(report.ratings == 41)
        #expect(report.notes.contains { $0.kind == .singleRatingUnits && $0.message.hasPrefix("1 unit with a single rating (row 12)") })

        let pa = try #require(report.estimate(.percentAgreement))
        #expect(Self.text(pa.value, 7) == "0.8181818")
        #expect(Self.text(pa.standardError, 5) == "0.12561")

        let ac1 = try #require(report.estimate(.gwetAC1))
        #expect(Self.text(ac1.value, 5) == "0.77544")
        #expect(Self.text(ac1.observedAgreement, 7) == "0.8181818")
        #expect(Self.text(ac1.chanceAgreement, 7) == "0.1903212")
        #expect(Self.text(ac1.standardError, 5) == "0.14295")
        // irrCAC prints the interval (0.46081, 1).
        #expect(Self.text(ac1.confidenceInterval?.lower, 5) == "0.46081")
        #expect(ac1.confidenceInterval?.upper == 1)
        #expect(ac1.confidenceInterval?.degreesOfFreedom == 11)

        let fleiss = try #require(report.estimate(.fleissKappa))
        #expect(Self.text(fleiss.value, 5) == "0.76117")
        #expect(Self.text(fleiss.chanceAgreement, 7) == "0.2387153")
        #expect(Self.text(fleiss.standardError, 5) == "0.15302")
        #expect(Self.text(fleiss.confidenceInterval?.lower, 5) == "0.42438")

        let conger = try #require(report.estimate(.congerKappa))
        #expect(Self.text(conger.value, 5) == "0.76282")
        #expect(Self.text(conger.chanceAgreement, 7) == "0.2334252")
        #expect(Self.text(conger.standardError, 5) == "0.14917")

        let bp = try #require(report.estimate(.brennanPrediger))
        #expect(Self.text(bp.value, 5) == "0.77273")
        #expect(Self.text(bp.chanceAgreement, 1) == "0.2")
        #expect(Self.text(bp.standardError, 5) == "0.14472")

        let alpha = try #require(report.estimate(.krippendorffAlpha))
        #expect(Self.text(alpha.value, 5) == "0.74342")
        #expect(Self.text(alpha.observedAgreement, 3) == "0.805")
        #expect(Self.text(alpha.chanceAgreement, 2) == "0.24")
        #expect(Self.text(alpha.standardError, 5) == "0.14548")
        #expect(alpha.units == 11, "unit 12 has a single rating and is not pairable")
        #expect(alpha.ratings == 40, "40 pairable values")
        // By hand: α = 1 − 39·8/(1600 − 384) = 0.7434.
        let byHand: Double = 1 - 39.0 * 8 / (1600 - 384)
        let alphaValue = try #require(alpha.value)
        #expect(abs(alphaValue - byHand) < 1e-15)
        // Other metrics on the same data (fast-krippendorff's tests): interval 0.849, ordinal 0.815.
        #expect(Self.text(report.estimate(.krippendorffAlpha, metric: .ordinal)?.value, 3) == "0.815")
        #expect(Self.text(report.estimate(.krippendorffAlpha, metric: .interval)?.value, 3) == "0.849")
        #expect(report.estimate(.cohenKappa) == nil, "Cohen's kappa is for two raters")
        for estimate in report.estimates {
            #expect(estimate.undefinedReason == nil)
        }
    }

    /// R irrCAC `cont3x3abstractors`: rows rater A, columns rater B; Ectopic, AIU, NIU.
    static let abstractors = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]

    @Test("two raters, 3 × 3 table: irrCAC's table values and standard errors")
    func threeByThree() throws {
        let result = try TwoRaterAgreement(table: Self.abstractors, categoryLabels: ["Ectopic", "AIU", "NIU"])
        let expected: [(AgreementCoefficient, String, String)] = [
            (.cohenKappa, "0.7964094", "0.05891072"), (.scottPi, "0.7962397", "0.05905473"),
            (.gwetAC1, "0.8493305", "0.04321747"), (.brennanPrediger, "0.8350000", "0.04693346"),
            (.krippendorffAlpha, "0.7972585", "0.05905473"), (.percentAgreement, "0.8900000", "0.03128898"),
        ]
        for (coefficient, value, error) in expected {
            let estimate = try #require(result[coefficient])
            #expect(Self.text(estimate.value, 7) == value, "\(coefficient.name)")
            #expect(Self.text(estimate.standardError, 8) == error, "\(coefficient.name) SE")
        }
        let quadratic = try WeightedKappa(table: Self.abstractors, weighting: .quadratic)
        #expect(Self.text(quadratic.kappa, 7) == "0.8921569")
        #expect(try WeightedKappa(table: Self.abstractors, weighting: .linear).kappa < quadratic.kappa)
    }

    @Test("the same 100 subjects as raw ratings: equal values, SE larger by √(n/(n − 1))")
    func threeByThreeRaw() throws {
        var rows: [[String]] = []
        let labels = ["Ectopic", "AIU", "NIU"]
        for (i, row) in Self.abstractors.enumerated() {
            for (j, count) in row.enumerated() {
                rows += Array(repeating: [labels[i], labels[j]], count: count)
            }
        }
        let matrix = try RatingsMatrix(header: ["A", "B"], rows: rows, categories: labels)
        let report = try AgreementReport(matrix)
        let table = try TwoRaterAgreement(table: Self.abstractors, categoryLabels: labels)
        let pairs: [(AgreementCoefficient, AgreementCoefficient)] = [
            (.percentAgreement, .percentAgreement), (.fleissKappa, .scottPi), (.congerKappa, .cohenKappa),
            (.gwetAC1, .gwetAC1), (.brennanPrediger, .brennanPrediger), (.krippendorffAlpha, .krippendorffAlpha),
        ]
        for (raw, tabled) in pairs {
            let r = try #require(report.estimate(raw))
            let t = try #require(table[tabled])
            let rawValue: Double = try #require(r.value)
            let tableValue: Double = try #require(t.value)
            #expect(abs(rawValue - tableValue) < 1e-12, "\(raw.name)")
            if raw != .congerKappa && raw != .krippendorffAlpha {
                // Conger's and Krippendorff's raw-ratings variances are not the table ones rescaled.
                let rawError: Double = try #require(r.standardError)
                let tableError: Double = try #require(t.standardError)
                #expect(abs(rawError * (99.0 / 100).squareRoot() - tableError) < 1e-12, "\(raw.name) SE")
            }
        }
        let cohen = try #require(report.estimate(.cohenKappa))
        #expect(Self.text(cohen.value, 7) == "0.7964094")
        #expect(Self.text(cohen.standardError, 8) == "0.05891072")
    }

    @Test("Fleiss (1971), 15 patients × 6 raters (irrCAC distrib.6raters): AC1, Fleiss, alpha, Brennan–Prediger")
    func fleissFifteen() throws {
        let rows = Array(FleissKappaTests.diagnoses.prefix(15))
        let matrix = try RatingsMatrix(ratings: rows)
        let report = try AgreementReport(matrix)
        #expect(Self.text(report.estimate(.gwetAC1)?.value, 7) == "0.4448007")
        #expect(Self.text(report.estimate(.fleissKappa)?.value, 7) == "0.4139265")
        #expect(Self.text(report.estimate(.krippendorffAlpha)?.value, 7) == "0.4204384")
        #expect(Self.text(report.estimate(.brennanPrediger)?.value, 7) == "0.4388889")
        // Gwet's SE and t interval for Fleiss' kappa (framework facts §3.2): 0.081193, 0.2398–0.5881.
        let fleiss = try #require(report.estimate(.fleissKappa))
        #expect(Self.text(fleiss.standardError, 6) == "0.081193")
        #expect(Self.text(fleiss.confidenceInterval?.lower, 4) == "0.2398")
        #expect(Self.text(fleiss.confidenceInterval?.upper, 4) == "0.5881")
    }

    @Test("Fleiss (1971) all 30 patients and the Wikipedia 14-rater table: Gwet's SE and t interval")
    func fleissGwetErrors() throws {
        let thirty = try AgreementReport(RatingsMatrix(ratings: FleissKappaTests.diagnoses), coefficients: [.fleissKappa])
        let all = try #require(thirty.estimate(.fleissKappa))
        #expect(Self.text(all.value, 6) == "0.430245")
        #expect(Self.text(all.standardError, 6) == "0.054199")
        #expect(Self.text(all.confidenceInterval?.lower, 4) == "0.3194")
        #expect(Self.text(all.confidenceInterval?.upper, 4) == "0.5411")
        // Wikipedia's counts as raw ratings: subject i has n_ij ratings of category j.
        let rows = FleissKappaTests.wikipedia.map { counts in
            counts.enumerated().flatMap { category, n in Array(repeating: String(category + 1), count: n) }
        }
        let wikipedia = try #require(try AgreementReport(RatingsMatrix(ratings: rows), coefficients: [.fleissKappa]).estimate(.fleissKappa))
        #expect(Self.text(wikipedia.value, 6) == "0.209931")
        #expect(Self.text(wikipedia.standardError, 6) == "0.092371")
        #expect(Self.text(wikipedia.confidenceInterval?.lower, 4) == "0.0010")
        #expect(Self.text(wikipedia.confidenceInterval?.upper, 4) == "0.4189")
    }
}
