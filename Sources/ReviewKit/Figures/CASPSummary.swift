/// The CASP figures a review reports: totals, bands, per-question tallies and summary statistics.
public struct CASPSummary: Sendable {
    /// One study's line of Table 2.
    public struct StudyRow: Sendable, Equatable {
        /// The study.
        public let study: Study
        /// Its appraisal (the first one when several reviewers appraised it).
        public let appraisal: Appraisal
        /// Total in half points; nil when the appraisal is incomplete (it has no total).
        public var totalHalfPoints: Int? { appraisal.completeTotalHalfPoints }
        /// Whether every question is answered.
        public var isComplete: Bool { appraisal.isComplete }
        /// The bands the total falls in (empty: none, or an incomplete appraisal; two: the cut-offs overlap).
        public let bands: [String]
        /// The one band name shown and counted: a band, "high+moderate" when in both, "none" or "incomplete".
        public let bandName: String
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

    /// Studies in one band, in two overlapping bands ("high+moderate"), or in none: every complete
    /// appraisal is counted in exactly one of them, so the counts add up to ``completeCount``.
    public struct BandCount: Sendable, Equatable {
        /// The band's name ("none" for totals in no band, "a+b" for totals in both a and b).
        public let name: String
        /// Its range as written.
        public let range: String
        /// How many studies.
        public let count: Int
        /// Which totals (half points) occur in it.
        public let totals: [Int]
    }

    /// Appraised studies in review order (complete and incomplete appraisals).
    public let rows: [StudyRow]
    /// The appraised studies whose appraisal leaves a question unanswered: no total, no band, not in the statistics.
    public var incomplete: [StudyRow] { rows.filter { !$0.isComplete } }
    /// The number of complete appraisals (those with a total).
    public var completeCount: Int { rows.count - incomplete.count }
    /// Studies without an appraisal.
    public let unappraised: [Study]
    /// One tally per question.
    public let tallies: [QuestionTally]
    /// Study counts per band (each band, then each overlap that occurs, then "none" when any total falls
    /// in no band); incomplete appraisals are left out.
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
            let names = appraisal.completeTotalHalfPoints.map { bands.bands(containing: $0).map(\.name) } ?? []
            rows.append(StudyRow(study: study, appraisal: appraisal, bands: names, bandName: bands.bandName(of: appraisal)))
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
        // One group per band name: a study in two bands is counted once, under "a+b".
        let complete = rows.filter(\.isComplete)
        func group(_ name: String, _ range: String) -> BandCount {
            let totals = complete.filter { $0.bandName == name }.compactMap(\.totalHalfPoints)
            return BandCount(name: name, range: range, count: totals.count, totals: Array(Set(totals)).sorted(by: >))
        }
        var counts = bands.bands.map { group($0.name, $0.rangeText) }
        var seen = Set(bands.bands.map(\.name))
        for row in complete where row.bands.count > 1 && seen.insert(row.bandName).inserted {
            let ranges = bands.bands.filter { row.bands.contains($0.name) }.map(\.rangeText)
            counts.append(group(row.bandName, "in both " + ranges.joined(separator: " and ")))
        }
        if complete.contains(where: { $0.bands.isEmpty }) {
            counts.append(group(QualityBands.noneName, "in no band"))
        }
        bandCounts = counts
        overlapping = rows.filter { $0.bands.count > 1 }.map { ($0.study, $0.bands) }
    }

    /// Totals in half points of the complete appraisals, in review order (an incomplete one has no total).
    public var totals: [Int] { rows.compactMap(\.totalHalfPoints) }

    /// The note every CASP figure carries when an appraisal leaves questions unanswered; nil when none does.
    public var incompleteNote: String? {
        let rows = incomplete
        guard !rows.isEmpty else { return nil }
        let listed = rows.prefix(10).map { "\($0.study.id) (\($0.appraisal.answeredCount) of 10 answered)" }.joined(separator: ", ")
        return "\(rows.count) incomplete appraisal\(rows.count == 1 ? " has" : "s have") no total, so \(rows.count == 1 ? "it is" : "they are") left out of "
            + "band counts and statistics: " + listed + (rows.count > 10 ? " and \(rows.count - 10) more" : "")
    }

    /// How many studies reach the maximum of 10.
    public var fullScoreCount: Int { totals.filter { $0 == 20 }.count }

    /// Descriptive statistics of the totals of the complete appraisals.
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
