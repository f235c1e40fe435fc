import Foundation

/// The standard normal distribution N(0, 1): its CDF, upper tail, quantile function and two-sided p-values.
///
/// The CDF uses `erfc` from the C library, which keeps full relative accuracy far into both tails.
/// The quantile starts from Acklam's rational approximation (relative error below 1.15e-9) and
/// applies one Halley step, which brings it to within a few units in the last place.
public enum NormalDistribution {
    /// The cumulative probability Φ(x) = P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The upper-tail probability 1 − Φ(x) = P(Z > x), computed without cancellation.
    public static func survival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The two-sided p-value 2·(1 − Φ(|z|)) for a standard normal test statistic; NaN for NaN.
    public static func twoSidedPValue(z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// The critical value z₁₋α/₂ for a two-sided interval, e.g. 1.959964 for a confidence level of 0.95.
    public static func criticalValue(confidenceLevel: Double) -> Double {
        -quantile((1 - confidenceLevel) / 2)
    }

    /// The quantile (inverse CDF) Φ⁻¹(p): −∞ at 0, +∞ at 1, and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Φ⁻¹(p) = −Φ⁻¹(1 − p), and 1 − p is exact for p in [0.5, 1], so only the
        // lower half is computed; that keeps the refinement accurate near 1.
        if p > 0.5 { return -quantile(1 - p) }

        var x = acklam(p)
        // One Halley step on f(x) = Φ(x) − p.
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Acklam's initial approximation for 0 < p ≤ 0.5.
    private static func acklam(_ p: Double) -> Double {
        let a = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
        let b = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01)
        let c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549671010336780e+00, 4.374664141464968e+00, 2.938163982698783e+00)
        let d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00)
        let lowerRegion = 0.02425

        if p < lowerRegion {
            let q = (-2 * log(p)).squareRoot()
            let numerator = ((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5
            let denominator = (((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1
            return numerator / denominator
        }
        let q = p - 0.5
        let r = q * q
        let numerator = (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
        let denominator = ((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1
        return numerator / denominator
    }
}
