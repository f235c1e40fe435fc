/// One reviewer's CASP appraisal of one study.
public struct Appraisal: Sendable, Equatable, Codable {
    /// The appraised study's id.
    public var studyID: String
    /// Who appraised it (initials or a name; the seed gives none, so "" is allowed).
    public var reviewer: String
    /// The answers to Q1–Q10; `nil` where a question was not answered.
    public var answers: [CASPAnswer?]

    /// Creates an appraisal; `answers` is padded or cut to ten.
    public init(studyID: String, reviewer: String = "", answers: [CASPAnswer?]) {
        self.studyID = studyID
        self.reviewer = reviewer
        var padded = Array(answers.prefix(10))
        while padded.count < 10 { padded.append(nil) }
        self.answers = padded
    }

    /// The total in half points (0–20); unanswered questions add nothing.
    public var totalHalfPoints: Int { answers.reduce(0) { $0 + ($1?.halfPoints ?? 0) } }

    /// The total score (0–10), as Table 2 prints it.
    public var total: Double { Double(totalHalfPoints) / 2 }

    /// Whether every question has an answer.
    public var isComplete: Bool { !answers.contains(nil) }

    /// How many of the ten questions have an answer.
    public var answeredCount: Int { answers.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The total in half points when every question is answered; nil for an incomplete appraisal,
    /// which has no total (unanswered questions are not "no": 2.5 from four answers is not a score out of 10).
    public var completeTotalHalfPoints: Int? { isComplete ? totalHalfPoints : nil }

    /// The total as printed: "8.5", or "incomplete (4 of 10)" when questions are unanswered.
    public var totalText: String {
        isComplete ? QualityBands.format(totalHalfPoints) : "incomplete (\(answeredCount) of 10)"
    }
}
