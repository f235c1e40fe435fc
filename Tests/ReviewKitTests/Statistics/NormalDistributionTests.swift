import Foundation
import Testing

@testable import ReviewKit

@Suite("Standard normal distribution")
struct NormalDistributionTests {
    @Test("familiar quantiles match scipy.stats.norm.ppf")
    func familiarQuantiles() {
        // scipy 1.17.1 norm.ppf
        let cases: [(Double, Double)] = [
            (0.975, 1.959963984540054), (0.995, 2.5758293035489004), (0.95, 1.6448536269514722),
            (0.9, 1.2815515655446004), (0.5, 0), (0.025, -1.959963984540054),
        ]
        for (p, expected) in cases {
            KappaReference.expectClose(
                NormalDistribution.quantile(p), expected, "quantile(\(p))", relative: 1e-14, absolute: 0)
        }
        KappaReference.expectClose(
            NormalDistribution.criticalValue(confidenceLevel: 0.95), 1.959963984540054, "critical 95%",
            relative: 1e-14, absolute: 0)
    }

    @Test("CDF, upper tail and quantile match scipy over both tails")
    func matchesScipy() throws {
        let reference = try KappaReference.load()
        #expect(reference.normal.cdf.count >= 10)
        #expect(reference.normal.quantile.count >= 10)
        for value in reference.normal.cdf {
            // Far in a tail the tail probability's relative condition number is about x², so the
            // rounding of x/√2 alone moves it by ~x²·1e-16 (both libraries are ~1e-13 off at x = −37).
            let tolerance = max(1e-14, 4e-16 * value.x * value.x)
            KappaReference.expectClose(
                NormalDistribution.cdf(value.x), value.cdf, "cdf(\(value.x))", relative: tolerance, absolute: 0)
            KappaReference.expectClose(
                NormalDistribution.survival(value.x), value.survival, "survival(\(value.x))",
                relative: tolerance, absolute: 0)
        }
        for value in reference.normal.quantile {
            KappaReference.expectClose(
                NormalDistribution.quantile(value.p), value.quantile, "quantile(\(value.p))",
                relative: 1e-13, absolute: 1e-300)
        }
    }

    @Test("the quantile inverts the CDF across the range")
    func roundTrip() {
        for exponent in stride(from: -300.0, through: -1, by: 7) {
            let p = pow(10, exponent)
            let x = NormalDistribution.quantile(p)
            // One ulp of x moves Φ(x)/p by about x²·2.2e-16, and erfc has the same conditioning.
            #expect(abs(NormalDistribution.cdf(x) / p - 1) < 1e-15 * max(x * x, 1), "p = \(p)")
        }
        for p in stride(from: 0.01, through: 0.99, by: 0.01) {
            let x = NormalDistribution.quantile(p)
            #expect(abs(NormalDistribution.cdf(x) - p) < 1e-16 * 8, "p = \(p)")
            #expect(abs(NormalDistribution.quantile(1 - p) + x) < 1e-14, "symmetry at p = \(p)")
        }
    }

    @Test("edge values")
    func edges() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
        #expect(NormalDistribution.quantile(1.1).isNaN)
        #expect(NormalDistribution.quantile(.nan).isNaN)
        #expect(NormalDistribution.cdf(0) == 0.5)
        #expect(NormalDistribution.cdf(-.infinity) == 0)
        #expect(NormalDistribution.cdf(.infinity) == 1)
    }

    @Test("two-sided p-values")
    func twoSided() {
        #expect(NormalDistribution.twoSidedPValue(z: 0) == 1)
        KappaReference.expectClose(
            NormalDistribution.twoSidedPValue(z: 1.959963984540054), 0.05, "p(1.96)", relative: 1e-14, absolute: 0)
        #expect(NormalDistribution.twoSidedPValue(z: -2.5) == NormalDistribution.twoSidedPValue(z: 2.5))
        // mpmath (30 digits): 2·Φ(−10) = 1.5239706048321052e-23; scipy 2·norm.sf(10) gives …094e-23.
        KappaReference.expectClose(
            NormalDistribution.twoSidedPValue(z: 10), 1.523970604832105e-23, "p(10)", relative: 1e-13, absolute: 0)
        #expect(NormalDistribution.twoSidedPValue(z: .nan).isNaN)
    }
}
