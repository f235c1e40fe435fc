import Foundation
import Testing

@testable import ReviewKit

@Suite("Student's t distribution")
struct StudentTDistributionTests {
    @Test("familiar critical values (mpmath, 30 digits)")
    func familiar() {
        // t₀.₉₇₅ with 1, 11, 29 and 99 degrees of freedom.
        let cases: [(Double, Double)] = [(1, 12.706204736174705), (11, 2.2009851600916399), (29, 2.0452296421327043), (99, 1.9842169515864175)]
        for (df, expected) in cases {
            KappaReference.expectClose(
                StudentTDistribution.criticalValue(confidenceLevel: 0.95, degreesOfFreedom: df), expected,
                "t(0.975, \(df))", relative: 1e-13, absolute: 0)
        }
    }

    @Test("the quantile inverts the CDF and is odd")
    func roundTrip() {
        for df in [1.0, 2, 3, 4.5, 10, 57, 1000, 50_000] {
            for p in stride(from: 0.01, through: 0.99, by: 0.049) {
                let t = StudentTDistribution.quantile(p, degreesOfFreedom: df)
                #expect(abs(StudentTDistribution.cdf(t, degreesOfFreedom: df) - p) < 1e-14, "df \(df), p \(p)")
                #expect(abs(StudentTDistribution.quantile(1 - p, degreesOfFreedom: df) + t) < 1e-12 * max(1, abs(t)))
            }
        }
    }

    @Test("many degrees of freedom approach the normal distribution")
    func normalLimit() {
        let z = NormalDistribution.criticalValue(confidenceLevel: 0.95)
        let t = StudentTDistribution.criticalValue(confidenceLevel: 0.95, degreesOfFreedom: 1e9)
        #expect(abs(t - z) < 1e-8)
        #expect(StudentTDistribution.quantile(0.3, degreesOfFreedom: .infinity) == NormalDistribution.quantile(0.3))
    }

    @Test("edges: 0, 1, NaN and invalid degrees of freedom")
    func edges() {
        #expect(StudentTDistribution.quantile(0, degreesOfFreedom: 5) == -.infinity)
        #expect(StudentTDistribution.quantile(1, degreesOfFreedom: 5) == .infinity)
        #expect(StudentTDistribution.quantile(0.5, degreesOfFreedom: 5) == 0)
        #expect(StudentTDistribution.quantile(1.5, degreesOfFreedom: 5).isNaN)
        #expect(StudentTDistribution.quantile(0.3, degreesOfFreedom: 0).isNaN)
        #expect(StudentTDistribution.quantile(.nan, degreesOfFreedom: 3).isNaN)
        #expect(StudentTDistribution.cdf(.nan, degreesOfFreedom: 3).isNaN)
        #expect(StudentTDistribution.cdf(-.infinity, degreesOfFreedom: 3) == 0)
        #expect(StudentTDistribution.cdf(.infinity, degreesOfFreedom: 3) == 1)
        #expect(StudentTDistribution.cdf(0, degreesOfFreedom: 3) == 0.5)
    }
}
