import Foundation
import Testing

@testable import ReviewKit

/// sessions/screening.csv, the CONSTRUCTED three-reviewer screening example (not the review's data),
/// and the figures docs/agreement.md quotes for it and for the kappa paradox.
@Suite("The shipped screening example and the kappa paradox")
struct ScreeningExampleTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions/screening.csv")

    static func rows() throws -> [[String]] {
        try CSV.rows(Array(Data(contentsOf: file)), path: "sessions/screening.csv")
    }

    static func text(_ value: Double?, _ digits: Int = 3) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "undefined"
    }

    @Test("the file is the one the Python reference checked, and reads as three reviewers with record ids")
    func readsAsScreening() throws {
        let rows = try Self.rows()
        let reference = try AgreementReference.load()
        let checked = try #require(reference.tables.first { $0.name.hasPrefix("sessions/screening.csv") })
        #expect([checked.header] + checked.rows == rows, "regenerate the fixture after editing the example")
        #expect((41...81).contains(rows.count))

        let matrix = try RatingsMatrix(header: rows[0], rows: Array(rows.dropFirst()))
        #expect(matrix.raterNames == ["reviewer_A", "reviewer_B", "reviewer_C"])
        #expect(matrix.subjectColumn?.name == "record_id")
        #expect(matrix.categories == ["exclude", "include", "maybe"])
        #expect(matrix.notes.map(\.message) == [
            "raters: 'reviewer_A', 'reviewer_B' and 'reviewer_C'; subjects: 'record_id'",
            "left out column 'record_id': an identifier, not a rater (its header names an identifier)",
            "labels that differ only by case were merged: 'Exclude' and 'exclude' as 'exclude'; 'Include' and 'include' as 'include'; 'MAYBE' and 'maybe' as 'maybe'",
        ])
    }

    @Test("the figures docs/agreement.md quotes for the example")
    func documentedFigures() throws {
        let rows = try Self.rows()
        let matrix = try RatingsMatrix(header: rows[0], rows: Array(rows.dropFirst()))
        let classic = try RatingsTable(matrix)
        #expect(classic.subjects == 56)
        #expect(classic.droppedSubjects == 4)
        let fleiss = try FleissKappa(ratings: classic)
        #expect(Self.text(fleiss.kappa) == "0.460")
        #expect(Self.text(fleiss.lowerBound) == "0.348" && Self.text(fleiss.upperBound) == "0.571")  // κ ± 1.96·SE0, SE0 0.0567

        let report = try AgreementReport(matrix)
        #expect(report.units == 60 && report.ratings == 176)
        let quoted: [(AgreementCoefficient, String, String, String)] = [
            (.percentAgreement, "0.689", "0.590", "0.788"),
            (.fleissKappa, "0.471", "0.310", "0.631"),
            (.congerKappa, "0.471", "0.310", "0.631"),
            (.krippendorffAlpha, "0.470", "0.309", "0.632"),
            (.gwetAC1, "0.559", "0.411", "0.708"),
            (.brennanPrediger, "0.533", "0.385", "0.682"),
        ]
        for (coefficient, value, lower, upper) in quoted {
            let estimate = try #require(report.estimate(coefficient))
            #expect(Self.text(estimate.value) == value, "\(coefficient.name)")
            #expect(Self.text(estimate.confidenceInterval?.lower) == lower, "\(coefficient.name) lower")
            #expect(Self.text(estimate.confidenceInterval?.upper) == upper, "\(coefficient.name) upper")
        }
        #expect(report.estimate(.fleissKappa)?.strength == .moderate)
        #expect(report.estimate(.percentAgreement)?.strength == nil, "percent agreement gets no Landis & Koch label")
    }

    @Test("kappa paradox: 90% agreement gives kappa 0.444 on a skewed table and 0.800 on a balanced one")
    func kappaParadox() throws {
        let skewed = try TwoRaterAgreement(table: [[85, 5], [5, 5]], categoryLabels: ["exclude", "include"])
        let balanced = try TwoRaterAgreement(table: [[45, 5], [5, 45]], categoryLabels: ["exclude", "include"])
        let expected: [(AgreementCoefficient, String, String)] = [
            (.percentAgreement, "0.900", "0.900"),
            (.cohenKappa, "0.444", "0.800"),
            (.scottPi, "0.444", "0.800"),
            (.krippendorffAlpha, "0.447", "0.801"),
            (.gwetAC1, "0.878", "0.800"),
            (.brennanPrediger, "0.800", "0.800"),
        ]
        for (coefficient, skewedValue, balancedValue) in expected {
            #expect(Self.text(skewed[coefficient]?.value) == skewedValue, "\(coefficient.name), skewed")
            #expect(Self.text(balanced[coefficient]?.value) == balancedValue, "\(coefficient.name), balanced")
        }
        #expect(Self.text(skewed[.cohenKappa]?.chanceAgreement) == "0.820")
        #expect(Self.text(balanced[.cohenKappa]?.chanceAgreement) == "0.500")
        #expect(skewed[.cohenKappa]?.strength == .moderate)
        #expect(balanced[.cohenKappa]?.strength == .substantial)
    }
}
