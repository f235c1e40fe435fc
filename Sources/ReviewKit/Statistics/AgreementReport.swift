/// Every applicable agreement coefficient for a ratings matrix, with the notes a reader needs: the
/// result of an `agreement` command, as a value for tables and JSON.
public struct AgreementReport: Sendable, Equatable, Codable {
    /// The raters' names, in column order.
    public let raters: [String]
    /// The number of units (subjects) with at least one rating.
    public let units: Int
    /// The number of ratings.
    public let ratings: Int
    /// The categories, in order.
    public let categories: [String]
    /// One estimate per coefficient (and metric), in a fixed order: percent agreement, Cohen's kappa
    /// (two raters; weighted ones on an ordered scale), Fleiss, Conger, Krippendorff (nominal, then
    /// ordinal and interval on an ordered scale), Gwet's AC1, Brennan–Prediger.
    public let estimates: [AgreementEstimate]
    /// What was read, left out or merged, and how units with a single rating were treated.
    public let notes: [RatingsNote]

    /// Computes the coefficients.
    ///
    /// - Parameters:
    ///   - matrix: The ratings.
    ///   - coefficients: Which coefficients; nil for all that apply (Cohen's kappa only with two raters).
    ///   - orderedScale: Whether the categories form a scale (declared order or numbers): adds
    ///     Krippendorff's ordinal alpha (and interval alpha for numbers) and, for two raters, weighted kappa.
    ///   - confidenceLevel: Strictly between 0 and 1.
    /// - Throws: ``StatisticsError`` when Cohen's kappa is asked for with other than two raters, or an
    ///   ordered scale for unordered categories.
    public init(
        _ matrix: RatingsMatrix, coefficients: [AgreementCoefficient]? = nil, orderedScale: Bool = false,
        confidenceLevel: Double = 0.95
    ) throws(StatisticsError) {
        try StatisticsError.validate(confidenceLevel: confidenceLevel)
        if orderedScale && !matrix.categoriesAreOrdered {
            throw StatisticsError(
                "the categories have no order: declare it (e.g. yes, can't tell, no) or use numbers for an ordered scale")
        }
        let twoRaters = matrix.raterCount == 2
        let wanted = coefficients ?? AgreementCoefficient.allCases.filter { $0 != .scottPi && ($0 != .cohenKappa || twoRaters) }
        if wanted.contains(.scottPi) {
            throw StatisticsError("Scott's pi is Fleiss' kappa for two raters; ask for Fleiss' kappa")
        }
        var estimates: [AgreementEstimate] = []
        let level = confidenceLevel
        let data = AgreementCounts(matrix)
        for coefficient in AgreementCoefficient.allCases where wanted.contains(coefficient) {
            switch coefficient {
            case .percentAgreement: estimates.append(matrix.percentAgreement(data, confidenceLevel: level))
            case .cohenKappa:
                estimates.append(try matrix.cohenKappa(confidenceLevel: level))
                if orderedScale {
                    estimates.append(try matrix.cohenKappa(metric: .linear, confidenceLevel: level))
                    estimates.append(try matrix.cohenKappa(metric: .quadratic, confidenceLevel: level))
                }
            case .scottPi: break
            case .fleissKappa: estimates.append(matrix.fleissKappa(data, confidenceLevel: level))
            case .congerKappa: estimates.append(matrix.congerKappa(data, confidenceLevel: level))
            case .krippendorffAlpha:
                let metrics: [AgreementMetric] =
                    orderedScale ? [.nominal, .ordinal] + (matrix.categoryValues != nil ? [.interval] : []) : [.nominal]
                for metric in metrics {
                    let position = try matrix.krippendorffPositions(metric)
                    estimates.append(matrix.krippendorffAlpha(data, metric: metric, position: position, confidenceLevel: level))
                }
            case .gwetAC1: estimates.append(matrix.gwetAC1(data, confidenceLevel: level))
            case .brennanPrediger: estimates.append(matrix.brennanPrediger(data, confidenceLevel: level))
            }
        }
        var notes = matrix.notes
        let single = (0..<matrix.unitCount).filter { data.perUnit[$0] == 1 }
        if !single.isEmpty {
            notes.append(
                RatingsNote(
                    .singleRatingUnits,
                    "\(StatisticsSupport.count(single.count, "unit")) with a single rating ("
                        + RatingsMatrixReader.rowList(single.map { matrix.sourceRows[$0] })
                        + ") cannot show agreement: they count only toward the category shares of Fleiss', "
                        + "Conger's and Gwet's coefficients; percent agreement, Krippendorff's alpha"
                        + (twoRaters ? " and Cohen's kappa" : "") + " leave them out"))
        }
        self.raters = matrix.raterNames
        self.units = matrix.unitCount
        self.ratings = matrix.ratingCount
        self.categories = matrix.categories
        self.estimates = estimates
        self.notes = notes
    }

    /// The estimate of a coefficient with a metric, if computed.
    public func estimate(_ coefficient: AgreementCoefficient, metric: AgreementMetric = .nominal) -> AgreementEstimate? {
        estimates.first { $0.coefficient == coefficient && $0.metric == metric }
    }
}
