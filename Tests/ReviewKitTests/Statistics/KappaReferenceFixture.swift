import Foundation
import Testing

/// The expected values written by `reference_kappa.py` (an independent Python/SciPy implementation
/// cross-checked with statsmodels) to `Fixtures/kappa-reference.json`.
struct KappaReference: Decodable {
    struct FleissCase: Decodable {
        let name: String
        let source: String
        let ratings: [[String]]?
        let categoryLabels: [String]?
        let counts: [[Int]]
        let confidenceLevel: Double
        let expected: FleissExpected
    }

    struct FleissExpected: Decodable {
        let subjects: Int
        let raters: Int
        let observedAgreement: Double
        let expectedAgreement: Double
        let kappa: Double
        let standardError: Double
        let z: Double
        let pValue: Double
        let lowerBound: Double
        let upperBound: Double
        let categories: [FleissCategoryExpected]
    }

    /// Per-category values; null in the JSON stands for NaN (a category nobody used).
    struct FleissCategoryExpected: Decodable {
        let proportion: Double
        let kappa: Double?
        let standardError: Double
        let z: Double?
        let pValue: Double?
    }

    struct CohenCase: Decodable {
        let name: String
        let source: String
        let first: [String]?
        let second: [String]?
        let categoryLabels: [String]?
        let table: [[Int]]
        let confidenceLevel: Double
        let expected: CohenExpected
    }

    struct CohenExpected: Decodable {
        let subjects: Int
        let observedAgreement: Double
        let expectedAgreement: Double
        let kappa: Double
        let standardError: Double
        let lowerBound: Double
        let upperBound: Double
        let nullStandardError: Double
        let z: Double
        let pValue: Double
    }

    struct NormalValues: Decodable {
        struct CDF: Decodable {
            let x: Double
            let cdf: Double
            let survival: Double
        }
        struct Quantile: Decodable {
            let p: Double
            let quantile: Double
        }
        let cdf: [CDF]
        let quantile: [Quantile]
    }

    let seed: Int
    let fleiss: [FleissCase]
    let cohen: [CohenCase]
    let normal: NormalValues

    /// The fixture file, found next to this source file.
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kappa-reference.json")

    static func load() throws -> KappaReference {
        try JSONDecoder().decode(KappaReference.self, from: Data(contentsOf: url))
    }

    /// Relative tolerance for every figure compared with the fixture.
    static let relativeTolerance = 1e-9

    /// True when `actual` is within `relative` of `expected` (relative to the larger magnitude),
    /// or within `absolute` for values at or near zero. A nil `expected` means NaN is expected.
    static func isClose(
        _ actual: Double, _ expected: Double?, relative: Double = relativeTolerance,
        absolute: Double = 1e-13
    ) -> Bool {
        guard let expected else { return actual.isNaN }
        guard actual.isFinite, expected.isFinite else { return actual == expected }
        let difference = abs(actual - expected)
        return difference <= max(relative * max(abs(actual), abs(expected)), absolute)
    }

    /// Records a test issue unless `actual` is close to `expected` (see ``isClose(_:_:relative:absolute:)``).
    static func expectClose(
        _ actual: Double, _ expected: Double?, _ what: @autoclosure () -> String,
        relative: Double = relativeTolerance, absolute: Double = 1e-13,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            isClose(actual, expected, relative: relative, absolute: absolute),
            "\(what()): got \(actual), expected \(expected.map { "\($0)" } ?? "NaN")",
            sourceLocation: sourceLocation)
    }
}
