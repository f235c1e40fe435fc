import Foundation
import Testing

@testable import ReviewKit

@Suite("Cohen's kappa")
struct CohenKappaTests {
    /// Wikipedia grant-proposal example: 50 proposals, reader A (rows) × reader B (columns), Yes/No.
    static let grant = [[20, 5], [10, 15]]

    static func rounded(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    // MARK: Published figures

    @Test("grant example: kappa 0.40, ASE 0.1270, 95% CI 0.1511–0.6489 (statsmodels/SAS)")
    func grantPublished() throws {
        let result = try CohenKappa(table: Self.grant, categoryLabels: ["Yes", "No"])
        #expect(result.subjects == 50)
        #expect(Self.rounded(result.observedAgreement, 2) == "0.70")
        #expect(Self.rounded(result.expectedAgreement, 2) == "0.50")
        #expect(Self.rounded(result.kappa, 2) == "0.40")
        #expect(Self.rounded(result.standardError, 4) == "0.1270")
        #expect(Self.rounded(result.lowerBound, 4) == "0.1511")
        #expect(Self.rounded(result.upperBound, 4) == "0.6489")
        #expect(Self.rounded(result.nullStandardError, 4) == "0.1386")
        #expect(Self.rounded(result.z, 4) == "2.8868")
        #expect(Self.rounded(result.pValue, 4) == "0.0039")
        #expect(result.categoryLabels == ["Yes", "No"])
        #expect(result.table == Self.grant)
        #expect(result.strength == .fair)
    }

    @Test("same p_o = 0.60 with different marginals: kappa 0.1304 and 0.2593")
    func sameObservedAgreement() throws {
        let first = try CohenKappa(table: [[45, 15], [25, 15]])
        let second = try CohenKappa(table: [[25, 35], [5, 35]])
        #expect(first.observedAgreement == 0.6)
        #expect(second.observedAgreement == 0.6)
        #expect(Self.rounded(first.kappa, 4) == "0.1304")
        #expect(Self.rounded(second.kappa, 4) == "0.2593")
        #expect(first.categoryLabels == ["1", "2"])
    }

    // MARK: Reference values from reference_kappa.py

    @Test("every figure matches the independent Python reference to 1e-9")
    func matchesPythonReference() throws {
        let reference = try KappaReference.load()
        #expect(reference.cohen.count >= 14)
        #expect(reference.cohen.filter { $0.name.hasPrefix("random") }.count >= 10)
        for test in reference.cohen {
            let fromTable = try CohenKappa(
                table: test.table, categoryLabels: test.categoryLabels,
                confidenceLevel: test.confidenceLevel)
            check(fromTable, test, via: "table")
            if let first = test.first, let second = test.second {
                let fromLabels = try CohenKappa(
                    first: first, second: second, confidenceLevel: test.confidenceLevel)
                check(fromLabels, test, via: "labels")
                #expect(fromLabels == fromTable, "\(test.name): labels and table agree")
            }
        }
    }

    private func check(_ result: CohenKappa, _ test: KappaReference.CohenCase, via: String) {
        let e = test.expected
        let name = "\(test.name) [\(via)]"
        let k = test.table.count
        #expect(result.subjects == e.subjects, "\(name): subjects")
        #expect(result.table == test.table, "\(name): table")
        #expect(result.categoryLabels == (test.categoryLabels ?? (1...k).map(String.init)), "\(name): labels")
        #expect(result.confidenceLevel == test.confidenceLevel)
        KappaReference.expectClose(result.observedAgreement, e.observedAgreement, "\(name): p_o")
        KappaReference.expectClose(result.expectedAgreement, e.expectedAgreement, "\(name): p_e")
        KappaReference.expectClose(result.kappa, e.kappa, "\(name): kappa")
        KappaReference.expectClose(result.standardError, e.standardError, "\(name): ASE")
        KappaReference.expectClose(result.lowerBound, e.lowerBound, "\(name): lower bound")
        KappaReference.expectClose(result.upperBound, e.upperBound, "\(name): upper bound")
        KappaReference.expectClose(result.nullStandardError, e.nullStandardError, "\(name): ASE0")
        KappaReference.expectClose(result.z, e.z, "\(name): z")
        KappaReference.expectClose(result.pValue, e.pValue, "\(name): p", absolute: 0)
    }

    // MARK: Properties

    @Test("transposing the table (swapping the raters) leaves every figure unchanged")
    func symmetricInRaters() throws {
        let table = [[12, 3, 1], [2, 9, 4], [0, 5, 14]]
        let transposed = (0..<3).map { i in (0..<3).map { j in table[j][i] } }
        let a = try CohenKappa(table: table)
        let b = try CohenKappa(table: transposed)
        #expect(abs(a.kappa - b.kappa) < 1e-15)
        #expect(abs(a.standardError - b.standardError) < 1e-15)
        #expect(abs(a.nullStandardError - b.nullStandardError) < 1e-15)
    }

    @Test("perfect agreement: kappa 1 with a zero ASE")
    func perfectAgreement() throws {
        let result = try CohenKappa(table: [[10, 0], [0, 10]])
        #expect(result.kappa == 1)
        #expect(result.standardError < 1e-9)
        #expect(abs(result.lowerBound - 1) < 1e-8)
        #expect(result.nullStandardError > 0)
        #expect(result.strength == .almostPerfect)
    }

    @Test("one rater using a single category: kappa 0 and an undefined (NaN) test")
    func oneRaterSingleCategory() throws {
        let result = try CohenKappa(table: [[5, 5], [0, 0]])
        #expect(result.kappa == 0)
        #expect(result.nullStandardError == 0)
        #expect(result.z.isNaN)
        #expect(result.pValue.isNaN)
        #expect(result == result, "NaN figures still compare equal to themselves")
        #expect(try result != CohenKappa(table: [[5, 5], [0, 0]], confidenceLevel: 0.9))
    }

    @Test("raw labels: missing ratings skip the subject and labels sort numerically")
    func fromLabels() throws {
        let first = ["10", "9", "9", " 10 ", "", "2", "10"]
        let second = ["10", "9", "10", "10", "9", "2", ""]
        let table = try TwoRaterTable(first: first, second: second)
        #expect(table.categoryLabels == ["2", "9", "10"])
        #expect(table.counts == [[1, 0, 0], [0, 1, 1], [0, 0, 2]])
        #expect(table.skippedSubjects == 2)
        #expect(table.subjects == 5)
        let result = try CohenKappa(first: first, second: second)
        #expect(result.table == table.counts)
        #expect(result.categoryLabels == table.categoryLabels)
        #expect(result.subjects == 5)
    }

    // MARK: Errors

    @Test("invalid tables are rejected with clear messages")
    func invalidTables() {
        #expect(throws: StatisticsError("the table must be square: it has 2 rows but row 2 has 3 columns")) {
            try CohenKappa(table: [[1, 2], [3, 4, 5]])
        }
        #expect(throws: StatisticsError("at least two categories are needed")) { try CohenKappa(table: []) }
        #expect(throws: StatisticsError("at least two categories are needed")) { try CohenKappa(table: [[7]]) }
        #expect(throws: StatisticsError("no subjects")) { try CohenKappa(table: [[0, 0], [0, 0]]) }
        #expect(throws: StatisticsError("row 2, column 1 has a negative count (-2)")) {
            try CohenKappa(table: [[3, 1], [-2, 4]])
        }
        #expect(throws: StatisticsError("kappa is undefined: every rating falls in one category")) {
            try CohenKappa(table: [[9, 0], [0, 0]])
        }
        #expect(throws: StatisticsError("expected 2 category labels; got 1")) {
            try CohenKappa(table: Self.grant, categoryLabels: ["Yes"])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1.5)) {
            try CohenKappa(table: Self.grant, confidenceLevel: 1.5)
        }
    }

    @Test("invalid label lists are rejected with clear messages")
    func invalidLabels() {
        #expect(throws: StatisticsError(
            "the two raters must rate the same subjects: the first has 3 ratings and the second 2")
        ) {
            try CohenKappa(first: ["a", "b", "a"], second: ["a", "b"])
        }
        #expect(throws: StatisticsError("no subjects: no subject was rated by both raters")) {
            try CohenKappa(first: ["a", ""], second: ["", "b"])
        }
        #expect(throws: StatisticsError("kappa is undefined: every rating falls in one category")) {
            try CohenKappa(first: ["a", "a"], second: ["a", "a"])
        }
    }
}
