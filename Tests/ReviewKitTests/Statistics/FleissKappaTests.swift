import Foundation
import Testing

@testable import ReviewKit

@Suite("Fleiss' kappa")
struct FleissKappaTests {
    /// Fleiss (1971) psychiatric diagnoses: 30 patients, 6 diagnoses each, categories 1–5
    /// (Depression, Personality Disorder, Schizophrenia, Neurosis, Other); R irr `diagnoses`.
    static let diagnoses: [[String]] = """
        4 4 4 4 4 4
        2 2 2 5 5 5
        2 3 3 3 3 5
        5 5 5 5 5 5
        2 2 2 4 4 4
        1 1 3 3 3 3
        3 3 3 3 5 5
        1 1 3 3 3 4
        1 1 4 4 4 4
        5 5 5 5 5 5
        1 4 4 4 4 4
        1 2 4 4 4 4
        2 2 2 3 3 3
        1 4 4 4 4 4
        2 2 4 4 4 5
        3 3 3 3 3 5
        1 1 1 4 5 5
        1 1 1 1 1 2
        2 2 4 4 4 4
        1 3 3 5 5 5
        5 5 5 5 5 5
        2 4 4 4 4 4
        2 2 4 5 5 5
        1 1 4 4 4 4
        1 4 4 4 4 5
        2 2 2 2 2 4
        1 1 1 1 5 5
        2 2 4 4 4 4
        1 3 3 3 3 3
        5 5 5 5 5 5
        """.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }

    /// The Wikipedia "Fleiss' kappa" example: 10 subjects, 14 raters, 5 categories.
    static let wikipedia: [[Int]] = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    static func rounded(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    // MARK: Published figures

    @Test("Fleiss 1971: kappa .430 and category kappas .245 .245 .520 .471 .566")
    func fleiss1971Published() throws {
        let result = try FleissKappa(ratings: RatingsTable(ratings: Self.diagnoses))
        #expect(result.subjects == 30)
        #expect(result.raters == 6)
        #expect(Self.rounded(result.kappa, 3) == "0.430")
        #expect(result.categories.map(\.label) == ["1", "2", "3", "4", "5"])
        #expect(result.categories.map { Self.rounded($0.kappa, 3) } == ["0.245", "0.245", "0.520", "0.471", "0.566"])
        // irr::kappam.fleiss prints "Kappa = 0.43, z = 17.7, p-value = 0".
        #expect(Self.rounded(result.z, 1) == "17.7")
        #expect(result.pValue < 1e-60)
        #expect(result.strength == .moderate)
        // Recomputed figures in the reference notes (section 3.2).
        #expect(Self.rounded(result.observedAgreement, 6) == "0.555556")
        #expect(Self.rounded(result.expectedAgreement, 6) == "0.219938")
        #expect(Self.rounded(result.standardError, 6) == "0.024374")
        #expect(Self.rounded(result.lowerBound, 4) == "0.3825")
        #expect(Self.rounded(result.upperBound, 4) == "0.4780")
        #expect(result.categories.allSatisfy { Self.rounded($0.standardError, 6) == "0.047140" })
        #expect(result.categories.map { Self.rounded($0.z, 3) } == ["5.192", "5.192", "11.031", "9.994", "12.009"])
    }

    @Test("Fleiss 1971, raters 1–3: irr prints Kappa = 0.534, z = 9.89")
    func fleiss1971FirstThreeRaters() throws {
        let ratings = Self.diagnoses.map { Array($0.prefix(3)) }
        let result = try FleissKappa(ratings: RatingsTable(ratings: ratings))
        #expect(result.raters == 3)
        #expect(Self.rounded(result.kappa, 3) == "0.534")
        #expect(Self.rounded(result.z, 2) == "9.89")
    }

    @Test("Fleiss 1971, first 15 patients: kappa 0.41393 (irrCAC distrib.6raters)")
    func fleiss1971FirstFifteen() throws {
        let result = try FleissKappa(ratings: RatingsTable(ratings: Array(Self.diagnoses.prefix(15))))
        #expect(Self.rounded(result.kappa, 5) == "0.41393")
        #expect(Self.rounded(result.observedAgreement, 6) == "0.551111")
        #expect(Self.rounded(result.expectedAgreement, 6) == "0.234074")
        #expect(Self.rounded(result.standardError, 6) == "0.035280")
        #expect(Self.rounded(result.z, 2) == "11.73")
    }

    @Test("Wikipedia example: P̄ 0.378, P̄e 0.213, kappa 0.210")
    func wikipediaPublished() throws {
        let result = try FleissKappa(counts: Self.wikipedia)
        #expect(result.subjects == 10)
        #expect(result.raters == 14)
        #expect(Self.rounded(result.observedAgreement, 3) == "0.378")
        #expect(Self.rounded(result.expectedAgreement, 3) == "0.213")
        #expect(Self.rounded(result.kappa, 3) == "0.210")
        #expect(result.categories.map { Self.rounded($0.proportion, 3) } == ["0.143", "0.200", "0.279", "0.150", "0.229"])
        #expect(result.categories.map(\.label) == ["1", "2", "3", "4", "5"])
        #expect(result.strength == .fair)
        // Recomputed figures in the reference notes (section 3.3).
        #expect(Self.rounded(result.standardError, 6) == "0.016965")
        #expect(Self.rounded(result.lowerBound, 4) == "0.1767")
        #expect(Self.rounded(result.upperBound, 4) == "0.2432")
        #expect(result.categories.map { Self.rounded($0.kappa, 4) } == ["0.2013", "0.0797", "0.1716", "0.0304", "0.5077"])
    }

    // MARK: Reference values from reference_kappa.py

    @Test("every figure matches the independent Python reference to 1e-9")
    func matchesPythonReference() throws {
        let reference = try KappaReference.load()
        #expect(reference.fleiss.count >= 17)
        #expect(reference.fleiss.filter { $0.name.hasPrefix("random") }.count >= 12)
        for test in reference.fleiss {
            let fromCounts = try FleissKappa(
                counts: test.counts, categoryLabels: test.categoryLabels,
                confidenceLevel: test.confidenceLevel)
            try check(fromCounts, test, via: "counts")
            if let ratings = test.ratings {
                let table = try RatingsTable(ratings: ratings)
                #expect(table.counts == test.counts, "\(test.name): counted table")
                #expect(table.categoryLabels == test.categoryLabels, "\(test.name): labels")
                let fromRatings = try FleissKappa(ratings: table, confidenceLevel: test.confidenceLevel)
                try check(fromRatings, test, via: "ratings")
                #expect(fromRatings == fromCounts, "\(test.name): raw ratings and counts agree")
            }
        }
    }

    private func check(_ result: FleissKappa, _ test: KappaReference.FleissCase, via: String) throws {
        let e = test.expected
        let name = "\(test.name) [\(via)]"
        #expect(result.subjects == e.subjects, "\(name): subjects")
        #expect(result.raters == e.raters, "\(name): raters")
        #expect(result.confidenceLevel == test.confidenceLevel)
        KappaReference.expectClose(result.observedAgreement, e.observedAgreement, "\(name): P̄")
        KappaReference.expectClose(result.expectedAgreement, e.expectedAgreement, "\(name): P̄e")
        KappaReference.expectClose(result.kappa, e.kappa, "\(name): kappa")
        KappaReference.expectClose(result.standardError, e.standardError, "\(name): SE0")
        KappaReference.expectClose(result.z, e.z, "\(name): z")
        KappaReference.expectClose(result.pValue, e.pValue, "\(name): p", absolute: 0)
        KappaReference.expectClose(result.lowerBound, e.lowerBound, "\(name): lower bound")
        KappaReference.expectClose(result.upperBound, e.upperBound, "\(name): upper bound")
        try #require(result.categories.count == e.categories.count, "\(name): category count")
        let labels = test.categoryLabels ?? (1...e.categories.count).map(String.init)
        #expect(result.categories.map(\.label) == labels, "\(name): category labels")
        for (j, (category, expected)) in zip(result.categories, e.categories).enumerated() {
            let what = "\(name): category \(j + 1)"
            KappaReference.expectClose(category.proportion, expected.proportion, "\(what) p_j")
            KappaReference.expectClose(category.kappa, expected.kappa, "\(what) kappa_j")
            KappaReference.expectClose(category.standardError, expected.standardError, "\(what) SE0")
            KappaReference.expectClose(category.z, expected.z, "\(what) z")
            KappaReference.expectClose(category.pValue, expected.pValue, "\(what) p", absolute: 0)
        }
    }

    // MARK: Properties

    @Test("overall kappa is the p_j q_j-weighted mean of the category kappas")
    func weightedMeanOfCategoryKappas() throws {
        let result = try FleissKappa(counts: Self.wikipedia)
        let pq = result.categories.map { $0.proportion * (1 - $0.proportion) }
        let weighted = zip(pq, result.categories).reduce(0) { $0 + $1.0 * $1.1.kappa } / pq.reduce(0, +)
        #expect(abs(weighted - result.kappa) < 1e-12)
    }

    @Test("the interval is kappa ± z·SE0 and widens with the confidence level")
    func confidenceInterval() throws {
        let r95 = try FleissKappa(counts: Self.wikipedia)
        let r99 = try FleissKappa(counts: Self.wikipedia, confidenceLevel: 0.99)
        #expect(r95.confidenceLevel == 0.95)
        #expect(abs((r95.upperBound - r95.kappa) - 1.959963984540054 * r95.standardError) < 1e-14)
        #expect(abs((r99.kappa - r99.lowerBound) - 2.5758293035489004 * r99.standardError) < 1e-14)
        #expect(r99.lowerBound < r95.lowerBound && r99.upperBound > r95.upperBound)
        #expect(r99.kappa == r95.kappa)
        #expect(r99 != r95)
        #expect(try FleissKappa(counts: Self.wikipedia) == r95)
    }

    @Test("a category nobody used has an undefined (NaN) kappa and leaves the overall kappa unchanged")
    func unusedCategory() throws {
        let withZeros = Self.wikipedia.map { $0 + [0] }
        let result = try FleissKappa(counts: withZeros, categoryLabels: ["a", "b", "c", "d", "e", "unused"])
        let plain = try FleissKappa(counts: Self.wikipedia)
        let unused = try #require(result.categories.last)
        #expect(unused.label == "unused")
        #expect(unused.proportion == 0)
        #expect(unused.kappa.isNaN)
        #expect(unused.z.isNaN)
        #expect(unused.pValue.isNaN)
        #expect(unused.standardError == plain.categories[0].standardError)
        #expect(abs(result.kappa - plain.kappa) < 1e-15)
        #expect(abs(result.standardError - plain.standardError) < 1e-15)
        #expect(result == result, "NaN figures still compare equal to themselves")
    }

    @Test("perfect agreement spread over categories gives kappa 1")
    func perfectAgreement() throws {
        let result = try FleissKappa(counts: [[3, 0], [0, 3], [3, 0], [0, 3]])
        #expect(result.kappa == 1)
        #expect(result.observedAgreement == 1)
        #expect(result.strength == .almostPerfect)
        #expect(result.categories.allSatisfy { $0.kappa == 1 })
    }

    @Test("with two raters, Fleiss' kappa equals Scott's pi")
    func twoRatersIsScottsPi() throws {
        // Grant example as subjects: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
        let counts = Array(repeating: [2, 0], count: 20) + Array(repeating: [1, 1], count: 15)
            + Array(repeating: [0, 2], count: 15)
        let result = try FleissKappa(counts: counts)
        // Scott's pi: p_o = 0.7, pooled yes = 55/100, p_e = 0.55² + 0.45² = 0.505.
        #expect(abs(result.kappa - (0.7 - 0.505) / (1 - 0.505)) < 1e-12)
    }

    // MARK: Errors

    @Test("every rating in one category: kappa is undefined")
    func singleCategory() {
        #expect(throws: StatisticsError("kappa is undefined: every rating falls in one category")) {
            try FleissKappa(counts: [[4, 0], [4, 0], [4, 0]])
        }
        #expect(throws: StatisticsError("kappa is undefined: every rating falls in one category")) {
            try FleissKappa(ratings: RatingsTable(ratings: [["x", "x"], ["x", "x"]]))
        }
    }

    @Test("rows with different sums are rejected, naming the 1-based subject")
    func unequalRowSums() {
        #expect(throws: StatisticsError(
            "subject 3 has 5 ratings; expected 6 (every subject needs the same number of raters)")
        ) {
            try FleissKappa(counts: [[3, 3], [6, 0], [2, 3], [1, 5]])
        }
        #expect(throws: StatisticsError(
            "subject 1 has 1 rating; expected 2 (every subject needs the same number of raters)")
        ) {
            try FleissKappa(counts: [[1, 0], [1, 1], [2, 0]])
        }
    }

    @Test("invalid tables are rejected with clear messages")
    func invalidTables() {
        #expect(throws: StatisticsError("no subjects")) { try FleissKappa(counts: []) }
        #expect(throws: StatisticsError("at least two categories are needed")) {
            try FleissKappa(counts: [[3], [3]])
        }
        #expect(throws: StatisticsError("subject 2 has 3 category counts; expected 2")) {
            try FleissKappa(counts: [[1, 1], [1, 1, 0]])
        }
        #expect(throws: StatisticsError("subject 2 has a negative count (-1) in category \"b\"")) {
            try FleissKappa(counts: [[1, 1], [3, -1]], categoryLabels: ["a", "b"])
        }
        #expect(throws: StatisticsError("at least two raters are needed per subject; each subject has 1 rating")) {
            try FleissKappa(counts: [[1, 0], [0, 1]])
        }
        #expect(throws: StatisticsError("no ratings: every count is zero")) {
            try FleissKappa(counts: [[0, 0], [0, 0]])
        }
        #expect(throws: StatisticsError("expected 2 category labels; got 3")) {
            try FleissKappa(counts: [[1, 1], [2, 0]], categoryLabels: ["a", "b", "c"])
        }
        #expect(throws: StatisticsError("category labels must be unique; \"a\" appears more than once")) {
            try FleissKappa(counts: [[1, 1], [2, 0]], categoryLabels: ["a", "a"])
        }
        for level in [0, 1, -0.5, 95, Double.nan] {
            #expect(throws: StatisticsError.invalidConfidenceLevel(level)) {
                try FleissKappa(counts: [[1, 1], [2, 0]], confidenceLevel: level)
            }
        }
    }

    @Test("one rating per subject after dropping missing ones is rejected")
    func tooFewRatersFromRatings() throws {
        #expect(throws: StatisticsError("at least two raters are needed per subject; each subject has 1 rating")) {
            try FleissKappa(ratings: RatingsTable(ratings: [["a", ""], ["", "b"]]))
        }
    }
}
