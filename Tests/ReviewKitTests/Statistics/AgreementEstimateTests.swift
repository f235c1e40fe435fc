import Foundation
import Testing

@testable import ReviewKit

@Suite("Agreement estimates: undefined cases, requests and JSON")
struct AgreementEstimateTests {
    static func matrix(_ rows: [[String]], categories: [String]? = nil) throws -> RatingsMatrix {
        try RatingsMatrix(header: (1...rows[0].count).map { "rater \($0)" }, rows: rows, categories: categories)
    }

    @Test("everyone using one category: chance-corrected coefficients are undefined, never 1 or NaN")
    func singleCategory() throws {
        let report = try AgreementReport(Self.matrix(Array(repeating: ["include", "include", "include"], count: 5)))
        let pa = try #require(report.estimate(.percentAgreement))
        #expect(pa.value == 1)
        #expect(pa.undefinedReason == nil)
        for coefficient in [AgreementCoefficient.fleissKappa, .congerKappa, .krippendorffAlpha, .gwetAC1, .brennanPrediger] {
            let estimate = try #require(report.estimate(coefficient))
            #expect(estimate.value == nil, "\(coefficient.name)")
            #expect(estimate.standardError == nil && estimate.confidenceInterval == nil)
            #expect(estimate.strength == nil)
            #expect(estimate.undefinedReason?.contains("0/0") == true, "\(estimate.undefinedReason ?? "")")
        }
    }

    @Test("one category used of several declared: Gwet's AC1 and Brennan–Prediger are 1, the kappas undefined")
    func singleUsedOfDeclared() throws {
        let report = try AgreementReport(
            Self.matrix(Array(repeating: ["exclude", "exclude"], count: 6), categories: ["include", "maybe", "exclude"]))
        #expect(report.estimate(.gwetAC1)?.value == 1)
        #expect(report.estimate(.brennanPrediger)?.value == 1)
        #expect(report.estimate(.fleissKappa)?.value == nil)
        #expect(report.estimate(.cohenKappa)?.value == nil)
        #expect(report.estimate(.krippendorffAlpha)?.value == nil)
        #expect(report.notes.contains { $0.kind == .unusedCategories })
    }

    @Test("all values identical but one: nominal alpha is exactly 0")
    func alphaZero() throws {
        var rows = Array(repeating: ["a", "a", "a"], count: 7)
        rows[3][1] = "b"
        let alpha = try Self.matrix(rows).krippendorffAlpha()
        #expect(alpha.value == 0)
        #expect(alpha.strength == .slight)
    }

    @Test("no unit rated twice: every coefficient is undefined; one unit: values without standard errors")
    func tooLittleData() throws {
        let singles = try AgreementReport(Self.matrix([["a", ""], ["", "b"], ["a", ""]]))
        #expect(singles.estimates.allSatisfy { $0.value == nil && $0.undefinedReason != nil })
        #expect(singles.estimate(.cohenKappa)?.undefinedReason == "no subject was rated by both raters")
        let one = try AgreementReport(Self.matrix([["a", "b", "a"]]))
        let fleiss = try #require(one.estimate(.fleissKappa))
        #expect(fleiss.value != nil)
        #expect(fleiss.standardError == nil && fleiss.confidenceInterval == nil)
    }

    @Test("what is asked for must apply: Cohen needs two raters, weights and ordinal alpha need an order")
    func requests() throws {
        let three = try Self.matrix([["a", "b", "a"], ["b", "b", "b"]])
        #expect(throws: StatisticsError.self) { try AgreementReport(three, coefficients: [.cohenKappa]) }
        #expect(throws: StatisticsError(
            "the categories have no order: declare it (e.g. yes, can't tell, no) or use numbers for an ordered scale")
        ) {
            try AgreementReport(three, orderedScale: true)
        }
        #expect(throws: StatisticsError.self) { try three.krippendorffAlpha(metric: .interval) }
        #expect(throws: StatisticsError.self) { try three.krippendorffAlpha(metric: .linear) }
        let two = try Self.matrix([["yes", "no"], ["no", "no"]])
        #expect(throws: StatisticsError.self) { try two.cohenKappa(metric: .quadratic) }
        #expect(throws: StatisticsError.self) { try two.cohenKappa(metric: .ordinal) }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) { try two.fleissKappa(confidenceLevel: 1) }
        let casp = try Self.matrix([["yes", "can't tell"], ["no", "no"], ["yes", "yes"]], categories: ["yes", "can't tell", "no"])
        let report = try AgreementReport(casp, orderedScale: true)
        #expect(report.estimate(.krippendorffAlpha, metric: .ordinal) != nil)
        #expect(report.estimate(.krippendorffAlpha, metric: .interval) == nil, "the CASP labels are not numbers")
        #expect(report.estimate(.cohenKappa, metric: .linear) != nil)
        #expect(report.estimate(.cohenKappa, metric: .quadratic) != nil)
    }

    @Test("estimates encode as snake_case JSON with null for what is undefined, and decode back")
    func json() throws {
        let report = try AgreementReport(Self.matrix(Array(repeating: ["x", "x"], count: 3) + [["x", "y"]]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"coefficient\":\"fleiss_kappa\""))
        #expect(text.contains("\"confidence_interval\":{\"degrees_of_freedom\":3"))
        #expect(text.contains("\"strength\":"))
        #expect(!text.contains(":NaN") && !text.contains(":nan") && !text.contains("inf,"))
        let decoded = try JSONDecoder().decode(AgreementReport.self, from: data)
        #expect(decoded == report)
        let undefined = try AgreementReport(Self.matrix([["x", "x"], ["x", "x"]]))
        let undefinedText = String(decoding: try encoder.encode(undefined.estimate(.fleissKappa)), as: UTF8.self)
        #expect(undefinedText.contains("\"value\":null"))
        #expect(undefinedText.contains("\"undefined_reason\":\"every rating is in one category"))
    }

    @Test("labels of computed estimates follow the printed precision")
    func labels() throws {
        let estimate = AgreementEstimate(
            coefficient: .fleissKappa, metric: .nominal, value: 0.6004, observedAgreement: 0.8, chanceAgreement: 0.5,
            standardError: 0.1, confidenceInterval: nil, units: 10, ratings: 30, method: "test")
        #expect(estimate.label(decimals: 3)?.strength == .moderate, "0.600 is moderate")
        #expect(estimate.label(decimals: 4)?.strength == .substantial, "0.6004 is substantial")
        let infinite = AgreementEstimate(
            coefficient: .fleissKappa, metric: .nominal, value: .infinity, observedAgreement: nil, chanceAgreement: nil,
            standardError: 1, confidenceInterval: nil, units: 1, ratings: 2, method: "test")
        #expect(infinite.value == nil && infinite.standardError == nil && infinite.undefinedReason != nil)
    }
}
