import Foundation
import Testing
@testable import ReviewKit

/// Agreement over reviewers' codings and appraisals, from the workspace to the coefficients, against
/// the `krippendorff` and `irrcac` Python packages (Fixtures/reviewers-reference.json, written by
/// reference_reviewers.py beside this file).
@Suite struct ReviewerAgreementTests {
    struct Reference: Decodable {
        struct Estimate: Decodable { let value: Double; let se: Double }
        struct Figures: Decodable {
            let units: Int, ratings: Int, percent: Double
            let fleiss: Estimate, conger: Estimate, gwet: Estimate, bp: Estimate
            let alpha_nominal: Double
            let alpha_ordinal: Double?
        }
        struct Case: Decodable {
            let codings: [[Value]]
            let appraisals: [[Value]]
            let domain: Figures, knowledge: Figures, casp: Figures, casp_q6: Figures
        }
        enum Value: Decodable {
            case int(Int), text(String), answers([String?])
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let i = try? c.decode(Int.self) { self = .int(i) } else if let s = try? c.decode(String.self) { self = .text(s) }
                else { self = .answers(try c.decode([String?].self)) }
            }
            var int: Int { if case .int(let i) = self { i } else { -1 } }
            var text: String { if case .text(let s) = self { s } else { "" } }
            var answers: [String?] { if case .answers(let a) = self { a } else { [] } }
        }
        let cases: [Case]
    }

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reviewers-reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    /// A workspace holding a case's studies, quotes, codings and appraisals, built through `apply`.
    static func workspace(_ c: Reference.Case) throws -> Workspace {
        var w = Workspace()
        let studies = Set(c.appraisals.map { $0[0].text }).sorted()
        for id in studies { try w.apply(.addStudy(Study(id: id, label: id), at: nil)) }
        for id in Set(c.codings.map { $0[0].int }).sorted() { try w.apply(.addQuote(Quote(id: id, text: "quote \(id)"))) }
        for row in c.codings {
            let domain = try #require(TDFDomain.allCases.first { $0.slug == row[2].text })
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: row[0].int, reviewer: row[1].text, domain: domain)))
        }
        for row in c.appraisals {
            let answers = row[2].answers.map { slug in slug.flatMap { s in CASPAnswer.allCases.first { $0.slug == s } } }
            try w.apply(.setAppraisal(Appraisal(studyID: row[0].text, reviewer: row[1].text, answers: answers)))
        }
        return w
    }

    static func check(_ report: AgreementReport, _ expected: Reference.Figures, _ what: String, ordinal: Bool = false) {
        func close(_ a: Double?, _ b: Double, _ name: String) {
            #expect(a != nil && abs(a! - b) <= 1e-9 * max(1, abs(b)) + 1e-12, "\(what) \(name): \(String(describing: a)) vs \(b)")
        }
        #expect(report.units == expected.units && report.ratings == expected.ratings, "\(what) units/ratings")
        close(report.estimate(.percentAgreement)?.value, expected.percent, "percent")
        close(report.estimate(.fleissKappa)?.value, expected.fleiss.value, "fleiss")
        close(report.estimate(.fleissKappa)?.standardError, expected.fleiss.se, "fleiss se")
        close(report.estimate(.congerKappa)?.value, expected.conger.value, "conger")
        close(report.estimate(.congerKappa)?.standardError, expected.conger.se, "conger se")
        close(report.estimate(.gwetAC1)?.value, expected.gwet.value, "gwet")
        close(report.estimate(.gwetAC1)?.standardError, expected.gwet.se, "gwet se")
        close(report.estimate(.brennanPrediger)?.value, expected.bp.value, "bp")
        close(report.estimate(.brennanPrediger)?.standardError, expected.bp.se, "bp se")
        close(report.estimate(.krippendorffAlpha)?.value, expected.alpha_nominal, "alpha nominal")
        if ordinal, let alpha = expected.alpha_ordinal {
            close(report.estimate(.krippendorffAlpha, metric: .ordinal)?.value, alpha, "alpha ordinal")
        }
    }

    @Test func codingAndCASPAgreementMatchKrippendorffAndIrrCAC() throws {
        for (index, c) in try Self.load().cases.enumerated() {
            let w = try Self.workspace(c)
            Self.check(try AgreementReport(w.ratings(of: .coding(.domain))), c.domain, "case \(index) domain")
            Self.check(try AgreementReport(w.ratings(of: .code(.domain, "knowledge"))), c.knowledge, "case \(index) knowledge")
            Self.check(try AgreementReport(w.ratings(of: .casp(question: nil)), orderedScale: true), c.casp, "case \(index) casp", ordinal: true)
            Self.check(try AgreementReport(w.ratings(of: .casp(question: 6)), orderedScale: true), c.casp_q6, "case \(index) casp q6", ordinal: true)
        }
    }

    /// Gwet (2014) p. 120 / irrCAC `cac.raw4raters` (the data of Krippendorff 2011's nominal example): four raters,
    /// twelve units, missing ratings; here four reviewers coding the TDF domain of twelve quotes, categories 1–5 as
    /// five domains. Expected values and irrCAC standard errors as the reference prints them (docs/agreement.md).
    @Test func gwetsFourRaterExampleThroughTheWorkspace() throws {
        let table: [[Int?]] = [[1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4],
                               [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, nil, 3, nil]]
        let domains: [TDFDomain] = [.knowledge, .skills, .emotion, .goals, .intentions]
        var w = Workspace()
        for (unit, row) in table.enumerated() {
            try w.apply(.addQuote(Quote(id: unit + 1, text: "quote \(unit + 1)")))
            for (rater, value) in row.enumerated() {
                guard let value else { continue }
                try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: unit + 1, reviewer: "R\(rater + 1)", domain: domains[value - 1])))
            }
        }
        let report = try AgreementReport(w.ratings(of: .coding(.domain)))
        #expect(report.units == 12 && report.ratings == 41)
        let expected: [(AgreementCoefficient, Double, Double, Int)] = [
            (.percentAgreement, 0.8181818, 0.12561, 7), (.gwetAC1, 0.77544, 0.14295, 5), (.fleissKappa, 0.76117, 0.15302, 5),
            (.congerKappa, 0.76282, 0.14917, 5), (.brennanPrediger, 0.77273, 0.14472, 5), (.krippendorffAlpha, 0.74342, 0.14548, 5),
        ]
        for (coefficient, value, se, digits) in expected {
            let estimate = try #require(report.estimate(coefficient))
            let half = 0.5 * pow(10, -Double(digits))
            #expect(abs(estimate.value! - value) <= half, "\(coefficient) \(estimate.value!)")
            #expect(abs(estimate.standardError! - se) <= 0.5e-5, "\(coefficient) SE \(estimate.standardError!)")
        }
    }

    @Test func subsetsAndRefusals() throws {
        let c = try Self.load().cases[0]
        let w = try Self.workspace(c)
        let pair = try w.ratings(of: .coding(.domain), reviewers: ["GT", "KW"])
        #expect(pair.raterNames == ["GT", "KW"])
        // Every unit of the pair is rated by one of them at least.
        #expect((0..<pair.unitCount).allSatisfy { pair.rating(unit: $0, rater: 0) != nil || pair.rating(unit: $0, rater: 1) != nil })
        let few = try w.ratings(of: .coding(.domain), quoteIDs: [1, 2, 3, 4, 5, 6])
        #expect(few.unitIDs.allSatisfy { ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"].contains($0) })
        #expect(throws: StatisticsError.self) { try w.ratings(of: .coding(.domain), reviewers: ["GT"]) }
        #expect(throws: StatisticsError("'XX' rated nothing here; reviewers: \(w.reviewers(rating: .coding(.domain)).joined(separator: ", "))")) {
            try w.ratings(of: .coding(.domain), reviewers: ["GT", "XX"])
        }
        #expect(throws: StatisticsError.self) { try Workspace().ratings(of: .casp(question: nil)) }
    }

    @Test func aSingleCategoryUsedByEveryoneIsUndefinedNotOne() throws {
        var w = try ReviewerCodingTests.workspace()
        for (q, r) in [(1, "GT"), (1, "KW"), (2, "GT"), (2, "KW")] {
            try w.apply(.setReviewerCoding(ReviewerCoding(quoteID: q, reviewer: r, direction: .barrier)))
        }
        let report = try AgreementReport(w.ratings(of: .coding(.direction)))
        #expect(report.estimate(.percentAgreement)?.value == 1)
        #expect(report.estimate(.krippendorffAlpha)?.value == nil && report.estimate(.krippendorffAlpha)?.undefinedReason != nil)
        #expect(report.estimate(.cohenKappa)?.value == nil)
    }
}
