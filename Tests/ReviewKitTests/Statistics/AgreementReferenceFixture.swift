import Foundation
import Testing

@testable import ReviewKit

/// The expected values written by `reference_agreement.py` (the `irrcac`, `krippendorff`, statsmodels
/// and scipy packages, plus R irrCAC's Krippendorff and percent-agreement formulas coded in numpy) to
/// `Fixtures/agreement-reference.json`.
struct AgreementReference: Decodable {
    struct Table: Decodable {
        let name: String
        let header: [String]
        let rows: [[String]]
        let raters: [String]?
        let categories: [String]?
        let orderedScale: Bool
        let expected: Expected

        enum CodingKeys: String, CodingKey {
            case name, header, rows, raters, categories, expected
            case orderedScale = "ordered_scale"
        }
    }

    struct Expected: Decodable {
        let refusal: String?
        let raterColumns: [Int]?
        let categories: [String]?
        let units: Int?
        let ratings: Int?
        let estimates: [Estimate]?
        let classicFleiss: ClassicFleiss?

        enum CodingKeys: String, CodingKey {
            case refusal, categories, units, ratings, estimates
            case raterColumns = "rater_columns"
            case classicFleiss = "classic_fleiss"
        }
    }

    struct Estimate: Decodable {
        let coefficient: AgreementCoefficient
        let metric: AgreementMetric
        let units: Int
        let ratings: Int
        let value: Double?
        let pa: Double?
        let pe: Double?
        let se: Double?
        let lower: Double?
        let upper: Double?
        let df: Int?
    }

    struct ClassicFleiss: Decodable {
        let subjects: Int
        let dropped: Int
        let ratingsPerSubject: Int
        let kappa: Double?

        enum CodingKeys: String, CodingKey {
            case subjects, dropped, kappa
            case ratingsPerSubject = "ratings_per_subject"
        }
    }

    struct TwoRaterCase: Decodable {
        struct TableEstimate: Decodable {
            let coefficient: AgreementCoefficient
            let value: Double
            let se: Double
            let lower: Double?
            let upper: Double?
        }
        struct Weighted: Decodable {
            let value: Double
            let se: Double
            let se0: Double
        }
        let name: String
        let table: [[Int]]
        let estimates: [TableEstimate]
        let weighted: [String: Weighted]
    }

    struct HugeCounts: Decodable {
        let name: String
        let kind: String
        let counts: [[Int]]
        let kappa: Double
    }

    struct TValues: Decodable {
        struct Quantile: Decodable {
            let df: Double
            let p: Double
            let quantile: Double
        }
        struct CDF: Decodable {
            let df: Double
            let t: Double
            let cdf: Double
        }
        let quantile: [Quantile]
        let cdf: [CDF]
    }

    let seed: Int
    let tables: [Table]
    let twoRaterTables: [TwoRaterCase]
    let hugeCounts: [HugeCounts]
    let tDistribution: TValues

    enum CodingKeys: String, CodingKey {
        case seed, tables
        case twoRaterTables = "two_rater_tables"
        case hugeCounts = "huge_counts"
        case tDistribution = "t_distribution"
    }

    /// The fixture file, found next to this source file.
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/agreement-reference.json")

    static func load() throws -> AgreementReference {
        try JSONDecoder().decode(AgreementReference.self, from: Data(contentsOf: url))
    }

    /// Compares an optional figure: both absent, or both present and close (relative 1e-9, absolute 1e-12,
    /// the latter covering irrCAC's rounding to 15 decimals).
    static func expectClose(
        _ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch (actual, expected) {
        case (nil, nil): return
        case (let a?, let e?):
            KappaReference.expectClose(a, e, what(), absolute: 1e-12, sourceLocation: sourceLocation)
        default:
            Issue.record("\(what()): got \(actual.map { "\($0)" } ?? "nothing"), expected \(expected.map { "\($0)" } ?? "nothing")",
                         sourceLocation: sourceLocation)
        }
    }
}
