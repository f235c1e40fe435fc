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
