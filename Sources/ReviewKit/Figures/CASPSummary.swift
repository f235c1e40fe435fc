/// The CASP figures a review reports: totals, bands, per-question tallies and summary statistics.
public struct CASPSummary: Sendable {
    /// One study's line of Table 2.
    public struct StudyRow: Sendable, Equatable {
        /// The study.
        public let study: Study
        /// Its appraisal (the first one when several reviewers appraised it).
        public let appraisal: Appraisal
        /// Total in half points.
        public var totalHalfPoints: Int { appraisal.totalHalfPoints }
        /// The bands the total falls in (empty: none; two: the cut-offs overlap).
        public let bands: [String]
    }

    /// Yes / can't tell / no counts for one question.
    public struct QuestionTally: Sendable, Equatable {
        /// The question.
        public let question: CASPQuestion
        /// Studies answered yes.
        public let yes: Int
        /// Studies answered can't tell.
        public let cantTell: Int
        /// Studies answered no.
        public let no: Int
        /// Studies with no answer.
        public let unanswered: Int
        /// Mean score over answered studies (nil when none).
        public var meanScore: Double? {
            let answered = yes + cantTell + no
            return answered == 0 ? nil : (Double(yes) + Double(cantTell) / 2) / Double(answered)
        }
    }

    /// Studies in one band.
    public struct BandCount: Sendable, Equatable {
        /// The band's name ("none" for totals in no band).
        public let name: String
        /// Its range as written.
        public let range: String
        /// How many studies.
        public let count: Int
        /// Which totals (half points) occur in it.
        public let totals: [Int]
    }

    /// Appraised studies in review order.
    public let rows: [StudyRow]
    /// Studies without an appraisal.
    public let unappraised: [Study]
    /// One tally per question.
    public let tallies: [QuestionTally]
    /// Study counts per band, then "none" when any total falls in no band.
    public let bandCounts: [BandCount]
    /// Studies whose total falls in more than one band (overlapping cut-offs), with the band names.
    public let overlapping: [(study: Study, bands: [String])]
    /// The cut-offs used.
    public let bands: QualityBands

    /// Computes the summary for a workspace under the given cut-offs.
    public init(workspace: Workspace, bands: QualityBands) {
        self.bands = bands
        var rows: [StudyRow] = []
        var unappraised: [Study] = []
        for study in workspace.studies {
            guard let appraisal = workspace.appraisal(of: study.id) else { unappraised.append(study); continue }
            rows.append(StudyRow(study: study, appraisal: appraisal, bands: bands.bands(containing: appraisal.totalHalfPoints).map(\.name)))
        }
        self.rows = rows
        self.unappraised = unappraised
        tallies = CASPQuestion.all.map { question in
            let answers = rows.map { $0.appraisal.answers[question.id - 1] }
            return QuestionTally(question: question, yes: answers.filter { $0 == .yes }.count,
                                 cantTell: answers.filter { $0 == .cantTell }.count,
                                 no: answers.filter { $0 == .no }.count,
                                 unanswered: answers.filter { $0 == nil }.count)
        }
        var counts = bands.bands.map { band in
            let totals = rows.map(\.totalHalfPoints).filter { band.contains(halfPoints: $0) }
            return BandCount(name: band.name, range: band.rangeText, count: totals.count, totals: Array(Set(totals)).sorted(by: >))
        }
        let outside = rows.map(\.totalHalfPoints).filter { bands.bands(containing: $0).isEmpty }
        if !outside.isEmpty {
            counts.append(BandCount(name: "none", range: "in no band", count: outside.count, totals: Array(Set(outside)).sorted(by: >)))
        }
        bandCounts = counts
        overlapping = rows.filter { $0.bands.count > 1 }.map { ($0.study, $0.bands) }
    }

    /// Totals in half points, in review order.
    public var totals: [Int] { rows.map(\.totalHalfPoints) }

    /// How many studies reach the maximum of 10.
    public var fullScoreCount: Int { totals.filter { $0 == 20 }.count }

    /// Descriptive statistics of the totals.
    public var statistics: SummaryStatistics { SummaryStatistics(totals.map { Double($0) / 2 }) }
}

/// n, mean, standard deviation, median, quartiles, minimum and maximum of a sample.
public struct SummaryStatistics: Sendable, Equatable {
    /// Sample size.
    public let count: Int
    /// Arithmetic mean (nil for an empty sample).
    public let mean: Double?
    /// Sample standard deviation (n − 1; nil below two values).
    public let standardDeviation: Double?
    /// Median (nil for an empty sample).
    public let median: Double?
    /// First and third quartiles (type 7, as R's default quantile), nil for an empty sample.
    public let lowerQuartile: Double?, upperQuartile: Double?
    /// Smallest and largest values.
    public let minimum: Double?, maximum: Double?

    /// Computes the statistics.
    public init(_ values: [Double]) {
        count = values.count
        let sorted = values.sorted()
        minimum = sorted.first
        maximum = sorted.last
        guard !values.isEmpty else {
            mean = nil; standardDeviation = nil; median = nil; lowerQuartile = nil; upperQuartile = nil
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        standardDeviation = values.count < 2 ? nil
            : (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let low = Int(h.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
        }
        median = quantile(0.5)
        lowerQuartile = quantile(0.25)
        upperQuartile = quantile(0.75)
    }
}
