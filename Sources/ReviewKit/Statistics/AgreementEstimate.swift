/// An agreement coefficient (the kind of statistic, not its value).
public enum AgreementCoefficient: String, Sendable, Codable, CaseIterable {
    /// The share of agreeing rater pairs; not corrected for chance.
    case percentAgreement = "percent_agreement"
    /// Cohen (1960): two raters, chance from each rater's own marginals.
    case cohenKappa = "cohen_kappa"
    /// Scott (1955): two raters, chance from the pooled marginals (Fleiss' kappa for two raters).
    case scottPi = "scott_pi"
    /// Fleiss (1971), generalised to missing ratings by Gwet (2014): chance from the pooled marginals.
    case fleissKappa = "fleiss_kappa"
    /// Conger (1980): Cohen's kappa for several raters, chance from each rater's own marginals.
    case congerKappa = "conger_kappa"
    /// Krippendorff (1970, 2011): disagreement observed vs expected, with a small-sample correction.
    case krippendorffAlpha = "krippendorff_alpha"
    /// Gwet (2008): chance agreement limited to hard-to-rate units; resists the "kappa paradox".
    case gwetAC1 = "gwet_ac1"
    /// Brennan & Prediger (1981): chance agreement 1/q, every category equally likely.
    case brennanPrediger = "brennan_prediger"

    /// The display name, e.g. "Fleiss' kappa".
    public var name: String {
        switch self {
        case .percentAgreement: "percent agreement"
        case .cohenKappa: "Cohen's kappa"
        case .scottPi: "Scott's pi"
        case .fleissKappa: "Fleiss' kappa"
        case .congerKappa: "Conger's kappa"
        case .krippendorffAlpha: "Krippendorff's alpha"
        case .gwetAC1: "Gwet's AC1"
        case .brennanPrediger: "Brennan–Prediger"
        }
    }

    /// Whether the coefficient corrects for chance (all but percent agreement); only those get a
    /// Landis & Koch label.
    public var isChanceCorrected: Bool { self != .percentAgreement }
}

/// How disagreements between categories are weighted.
public enum AgreementMetric: String, Sendable, Codable, CaseIterable {
    /// Categories are unordered: any two different categories disagree fully.
    case nominal
    /// Krippendorff's ordinal metric: the distance between two ranks grows with the number of values
    /// that lie between them (CASP: yes > can't tell > no).
    case ordinal
    /// Krippendorff's interval metric: squared differences of numeric values.
    case interval
    /// Linear weights for two raters' kappa: 1 − |i − j| / (q − 1) (irrCAC `linear.weights`).
    case linear
    /// Quadratic weights for two raters' kappa: 1 − (i − j)² / (q − 1)² (irrCAC `quadratic.weights`).
    case quadratic
}

/// A confidence interval.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The degrees of freedom of the t quantile used, or nil for a normal quantile.
    public let degreesOfFreedom: Int?

    /// Creates an interval.
    public init(level: Double, lower: Double, upper: Double, degreesOfFreedom: Int?) {
        self.level = level
        self.lower = lower
        self.upper = upper
        self.degreesOfFreedom = degreesOfFreedom
    }

    enum CodingKeys: String, CodingKey {
        case level, lower, upper
        case degreesOfFreedom = "degrees_of_freedom"
    }
}

/// One agreement coefficient computed on some ratings: its value, precision and what it was computed from.
///
/// Every figure is finite or absent: an undefined coefficient (for instance a chance-corrected one when
/// everyone used a single category, 0/0) has no ``value`` and gives the reason in ``undefinedReason``;
/// a standard error the method does not define (one unit) is nil. Values are not rounded; print them
/// with ``label(decimals:)`` or ``AgreementLabel/format(_:decimals:)`` so that a negative value stays
/// visibly negative and the Landis & Koch band agrees with the printed digits.
public struct AgreementEstimate: Sendable, Equatable, Codable {
    /// Which coefficient.
    public let coefficient: AgreementCoefficient
    /// How disagreements are weighted.
    public let metric: AgreementMetric
    /// The coefficient, or nil when it is undefined.
    public let value: Double?
    /// Why the coefficient is undefined, when it is.
    public let undefinedReason: String?
    /// pa, the observed (weighted) agreement the coefficient starts from.
    public let observedAgreement: Double?
    /// pe, the agreement expected by chance under the coefficient's model (0 for percent agreement).
    public let chanceAgreement: Double?
    /// The standard error, when the method defines one for these data.
    public let standardError: Double?
    /// The confidence interval, when there is a standard error.
    public let confidenceInterval: ConfidenceInterval?
    /// The number of units (subjects) the coefficient used.
    public let units: Int
    /// The number of ratings the coefficient used.
    public let ratings: Int
    /// How the standard error and interval were obtained, for a footnote.
    public let method: String

    /// Creates an estimate; a non-finite value, error or bound is stored as absent.
    public init(
        coefficient: AgreementCoefficient, metric: AgreementMetric, value: Double?, undefinedReason: String? = nil,
        observedAgreement: Double?, chanceAgreement: Double?, standardError: Double?,
        confidenceInterval: ConfidenceInterval?, units: Int, ratings: Int, method: String
    ) {
        self.coefficient = coefficient
        self.metric = metric
        let finite = value.flatMap { $0.isFinite ? $0 : nil }
        self.value = finite
        self.undefinedReason = finite == nil ? (undefinedReason ?? "the coefficient is undefined for these ratings") : nil
        self.observedAgreement = observedAgreement.flatMap { $0.isFinite ? $0 : nil }
        self.chanceAgreement = chanceAgreement.flatMap { $0.isFinite ? $0 : nil }
        let error = finite == nil ? nil : standardError.flatMap { $0.isFinite ? $0 : nil }
        self.standardError = error
        self.confidenceInterval =
            error == nil ? nil : confidenceInterval.flatMap { $0.lower.isFinite && $0.upper.isFinite ? $0 : nil }
        self.units = units
        self.ratings = ratings
        self.method = method
    }

    /// The value printed at `decimals` with its Landis & Koch band; nil when undefined or for percent
    /// agreement (which is not chance-corrected, so the bands do not apply).
    public func label(decimals: Int = AgreementLabel.defaultDecimals) -> AgreementLabel? {
        guard coefficient.isChanceCorrected, let value else { return nil }
        return AgreementLabel(coefficient: value, decimals: decimals)
    }

    /// The Landis & Koch band of the value printed with three decimals (see ``label(decimals:)``).
    public var strength: AgreementStrength? { label()?.strength }

    enum CodingKeys: String, CodingKey {
        case coefficient, metric, value
        case undefinedReason = "undefined_reason"
        case observedAgreement = "observed_agreement"
        case chanceAgreement = "chance_agreement"
        case standardError = "standard_error"
        case confidenceInterval = "confidence_interval"
        case units, ratings, method, strength
    }

    /// Writes the estimate with snake_case keys; absent figures are null; `strength` is the band at
    /// three decimals (null when undefined or not chance-corrected).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(coefficient, forKey: .coefficient)
        try container.encode(metric, forKey: .metric)
        try container.encode(value, forKey: .value)
        try container.encode(undefinedReason, forKey: .undefinedReason)
        try container.encode(observedAgreement, forKey: .observedAgreement)
        try container.encode(chanceAgreement, forKey: .chanceAgreement)
        try container.encode(standardError, forKey: .standardError)
        try container.encode(confidenceInterval, forKey: .confidenceInterval)
        try container.encode(units, forKey: .units)
        try container.encode(ratings, forKey: .ratings)
        try container.encode(method, forKey: .method)
        try container.encode(strength, forKey: .strength)
    }

    /// Reads an estimate written by ``encode(to:)`` (the `strength` key is recomputed, not read).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            coefficient: try container.decode(AgreementCoefficient.self, forKey: .coefficient),
            metric: try container.decode(AgreementMetric.self, forKey: .metric),
            value: try container.decodeIfPresent(Double.self, forKey: .value),
            undefinedReason: try container.decodeIfPresent(String.self, forKey: .undefinedReason),
            observedAgreement: try container.decodeIfPresent(Double.self, forKey: .observedAgreement),
            chanceAgreement: try container.decodeIfPresent(Double.self, forKey: .chanceAgreement),
            standardError: try container.decodeIfPresent(Double.self, forKey: .standardError),
            confidenceInterval: try container.decodeIfPresent(ConfidenceInterval.self, forKey: .confidenceInterval),
            units: try container.decode(Int.self, forKey: .units),
            ratings: try container.decode(Int.self, forKey: .ratings),
            method: try container.decode(String.self, forKey: .method))
    }
}
