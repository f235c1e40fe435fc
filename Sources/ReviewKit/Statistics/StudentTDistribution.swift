import Foundation

/// Student's t distribution with ν degrees of freedom: its CDF, quantile and critical values, as used by
/// the confidence intervals of Gwet's, Fleiss', Conger's, Brennan–Prediger's and Krippendorff's
/// coefficients (R irrCAC builds them as value ± t₁₋α/₂,ν · SE).
///
/// The CDF is the regularized incomplete beta function, P(T ≤ t) for t < 0 being ½·I_x(ν/2, ½) with
/// x = ν/(ν + t²), evaluated by Lentz's continued fraction (Numerical Recipes §6.4) with the
/// log-beta prefactor formed from a Stirling-series difference, so no lgamma cancellation (and no
/// shared `signgam`) is involved. The quantile starts from the Cornish–Fisher expansion around the
/// normal quantile and is polished by safeguarded Newton steps; for ν ≥ 10⁵ the expansion (five terms)
/// is already exact to double precision. ν = 1 and ν = 2 have closed forms.
public enum StudentTDistribution {
    /// P(T ≤ t) for ν > 0 degrees of freedom; NaN for NaN input or ν ≤ 0.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard !t.isNaN, nu > 0, !nu.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        if nu.isInfinite { return NormalDistribution.cdf(t) }
        let tail = lowerTail(-abs(t), nu)
        return t <= 0 ? tail : 1 - tail
    }

    /// The quantile t such that P(T ≤ t) = p; −∞ at 0, +∞ at 1, NaN outside [0, 1] or for ν ≤ 0.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0, p <= 1, nu > 0, !nu.isNaN else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if nu.isInfinite { return NormalDistribution.quantile(p) }
        // Cauchy: tan(π(p − ½)) = −cot(πp), written so that small p does not sit near tan's pole.
        if nu == 1 { return -1 / tan(Double.pi * p) }
        if nu == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }

        let guess = cornishFisher(p, nu)
        if nu >= 1e5 { return guess }
        // Safeguarded Newton on F(t) − p for t < 0, bracketed in [lo, hi].
        var hi = 0.0
        var lo = min(guess, -1)
        while lowerTail(lo, nu) > p {
            hi = lo
            lo *= 2
            if lo < -1e300 { return -.infinity }
        }
        var t = guess < lo || guess > hi ? (lo + hi) / 2 : guess
        for _ in 0..<200 {
            let f = lowerTail(t, nu) - p
            if f > 0 { hi = t } else { lo = t }
            let density = self.density(t, nu)
            var next = density > 0 ? t - f / density : (lo + hi) / 2
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - t) <= 1e-15 * max(1, abs(next)) { return next }
            t = next
        }
        return t
    }

    /// The critical value t₁₋α/₂,ν for a two-sided interval at `confidenceLevel`.
    public static func criticalValue(confidenceLevel: Double, degreesOfFreedom nu: Double) -> Double {
        -quantile((1 - confidenceLevel) / 2, degreesOfFreedom: nu)
    }

    // MARK: Internals

    /// P(T ≤ t) for t ≤ 0: ½·I_x(ν/2, ½), x = ν/(ν + t²).
    static func lowerTail(_ t: Double, _ nu: Double) -> Double {
        if t == 0 { return 0.5 }
        let a = nu / 2
        let b = 0.5
        let r = t * t / nu
        let y = r / (1 + r)  // 1 − x, formed without cancellation
        let x = 1 / (1 + r)
        let logX = -log1p(r)
        let logY = log(y)
        // ln of x^a y^b / B(a, b) with ln B(a, ½) = ½ ln π − D(a).
        let logFront = a * logX + b * logY - 0.5 * log(Double.pi) + logGammaHalfStep(a)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return 0.5 * front * continuedFraction(a, b, x) / a
        }
        return 0.5 * (1 - front * continuedFraction(b, a, y) / b)
    }

    /// The density of t with ν degrees of freedom.
    static func density(_ t: Double, _ nu: Double) -> Double {
        exp(logGammaHalfStep(nu / 2) - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// D(a) = ln Γ(a + ½) − ln Γ(a), from the Stirling series (shifted up to a ≥ 15 by the recurrence).
    static func logGammaHalfStep(_ a: Double) -> Double {
        var shift = 0.0
        var x = a
        while x < 15 {
            shift += log1p(0.5 / x)
            x += 1
        }
        func series(_ z: Double) -> Double {
            let z2 = z * z
            return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * z2)) / z2) / z2) / z2) / z
        }
        let stirling = x * log1p(0.5 / x) + 0.5 * log(x) - 0.5 + (series(x + 0.5) - series(x))
        return stirling - shift
    }

    /// The continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes `betacf`).
    static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The Cornish–Fisher expansion of the t quantile around the normal quantile z = Φ⁻¹(p)
    /// (Abramowitz & Stegun 26.7.5).
    static func cornishFisher(_ p: Double, _ nu: Double) -> Double {
        let z = NormalDistribution.quantile(p)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }
}
