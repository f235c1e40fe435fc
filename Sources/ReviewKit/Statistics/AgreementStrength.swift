/// The strength of agreement that a kappa value indicates, in the bands of Landis & Koch (1977).
///
/// Landis JR, Koch GG. The measurement of observer agreement for categorical data.
/// *Biometrics* 1977;33:159–174. The published table gives the bands as < 0.00, 0.00–0.20,
/// 0.21–0.40, 0.41–0.60, 0.61–0.80 and 0.81–1.00, which leaves the values between the printed
/// bounds unassigned. This type closes those gaps with upper-inclusive intervals:
///
/// | κ                 | strength       |
/// |-------------------|----------------|
/// | κ < 0             | poor           |
/// | 0 ≤ κ ≤ 0.20      | slight         |
/// | 0.20 < κ ≤ 0.40   | fair           |
/// | 0.40 < κ ≤ 0.60   | moderate       |
/// | 0.60 < κ ≤ 0.80   | substantial    |
/// | κ > 0.80          | almost perfect |
///
/// So exactly 0 is slight (not poor) and exactly 0.20 is slight (not fair). Other software differs
/// at the boundaries (irrCAC counts 0 as poor), so values that sit on a boundary can be labelled
/// one band apart elsewhere. The labels describe the size of κ only; they are a convention, not a test.
///
/// A printed value and its band must agree: 0.405 printed as "0.41" lies in "0.41–0.60", but
/// 0.2004 printed as "0.200" must be slight, not fair. So when a value is shown, classify it with
/// ``init(value:decimals:)`` (the value as rounded for display) and show ``range(decimals:)`` at the
/// same precision, or use ``AgreementLabel``, which does both and also refuses κ outside [−1, 1].
public enum AgreementStrength: String, Sendable, CaseIterable {
    /// κ < 0: agreement below what chance alone would give.
    case poor
    /// 0 ≤ κ ≤ 0.20.
    case slight
    /// 0.20 < κ ≤ 0.40.
    case fair
    /// 0.40 < κ ≤ 0.60.
    case moderate
    /// 0.60 < κ ≤ 0.80.
    case substantial
    /// κ > 0.80.
    case almostPerfect

    /// The band that contains `kappa`, using the boundary convention documented on the type.
    ///
    /// A NaN kappa (undefined) is classed as ``poor``, the band that claims the least agreement.
    public init(kappa: Double) {
        switch kappa {
        case _ where kappa.isNaN || kappa < 0: self = .poor
        case ...0.20: self = .slight
        case ...0.40: self = .fair
        case ...0.60: self = .moderate
        case ...0.80: self = .substantial
        default: self = .almostPerfect
        }
    }

    /// The band of `value` as it is shown with `decimals` decimals, so that the printed value always
    /// lies in ``range(decimals:)``.
    ///
    /// A negative value is always poor (it is printed with its sign, see ``AgreementLabel``); any
    /// other value is classified after rounding to `decimals` (clamped to 1…6). NaN is poor.
    public init(value: Double, decimals: Int) {
        guard !(value < 0), !value.isNaN else {
            self = .poor
            return
        }
        let places = AgreementLabel.clampedDecimals(decimals)
        let shown = Double(AgreementLabel.fixed(value, places)) ?? value
        self.init(kappa: shown)
    }

    /// The band's range printed with `decimals` decimals (clamped to 1…6), such that every value
    /// printed at that precision falls in exactly one band: with 2 decimals "0.41–0.60" (Landis &
    /// Koch's own table), with 3 decimals "0.401–0.600", for poor "< 0.00" or "< 0.000".
    public func range(decimals: Int) -> String {
        let places = AgreementLabel.clampedDecimals(decimals)
        let step = 1 / pow10(places)
        func text(_ x: Double) -> String { AgreementLabel.fixed(x, places) }
        switch self {
        case .poor: return "< " + text(0)
        case .slight: return text(0) + "–" + text(0.20)
        case .fair: return text(0.20 + step) + "–" + text(0.40)
        case .moderate: return text(0.40 + step) + "–" + text(0.60)
        case .substantial: return text(0.60 + step) + "–" + text(0.80)
        case .almostPerfect: return text(0.80 + step) + "–" + text(1)
        }
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 10 } }

    /// The lowercase display name, e.g. "almost perfect".
    public var label: String {
        switch self {
        case .poor: "poor"
        case .slight: "slight"
        case .fair: "fair"
        case .moderate: "moderate"
        case .substantial: "substantial"
        case .almostPerfect: "almost perfect"
        }
    }

    /// The band's range as Landis & Koch print it, e.g. "0.81–1.00" (an en dash), for display only.
    public var range: String {
        switch self {
        case .poor: "< 0.00"
        case .slight: "0.00–0.20"
        case .fair: "0.21–0.40"
        case .moderate: "0.41–0.60"
        case .substantial: "0.61–0.80"
        case .almostPerfect: "0.81–1.00"
        }
    }
}
