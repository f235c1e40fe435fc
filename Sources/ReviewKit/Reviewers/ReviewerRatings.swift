/// What reviewers rated, for an agreement coefficient: a coding field, one code as present/absent, or
/// CASP answers.
public enum ReviewerRatingsSubject: Sendable, Equatable {
    /// The value each reviewer gave a coding field, per quote.
    case coding(CodingField)
    /// Whether each reviewer gave a quote one code (a domain, component, direction or sub-theme), per quote:
    /// `present` or `absent`; missing where the reviewer did not code that field of the quote.
    case code(CodingField, String)
    /// CASP answers: one question's per study, or (nil) every question's, each study-question pair a unit.
    case casp(question: Int?)

    /// The CASP answer categories in rank order (no < can't tell < yes), as the ratings name them.
    public static let caspCategories = ["no", "cant-tell", "yes"]
    /// The categories of a present/absent decision.
    public static let presence = ["absent", "present"]
}

extension Workspace {
    /// The reviewers who rated something of a subject (not the consensus), in order of first appearance.
    public func reviewers(rating subject: ReviewerRatingsSubject) -> [String] {
        switch subject {
        case .coding, .code:
            let field: CodingField
            switch subject { case .coding(let f), .code(let f, _): field = f; default: return [] }
            var seen = Set<String>()
            return reviewerCodings.filter { !$0.isConsensus && $0.value(of: field) != nil && seen.insert($0.reviewer).inserted }.map(\.reviewer)
        case .casp:
            var seen = Set<String>()
            // An unnamed appraisal (the seed's) is nobody's in particular: it is not a reviewer's rating.
            return appraisals.filter { !$0.reviewer.isEmpty && $0.reviewer != ReviewerCoding.consensus && seen.insert($0.reviewer).inserted }
                .map(\.reviewer)
        }
    }

    /// The reviewers' ratings of a subject as a units × reviewers matrix, ready for ``AgreementReport``.
    ///
    /// Units are the quotes any chosen reviewer coded, and for CASP each question of the studies appraised by
    /// at least two of them. A unit rated once stays in, as the coefficients define it (Gwet 2014; irrCAC): it
    /// counts toward the category shares of Fleiss', Conger's and Gwet's coefficients and is left out of
    /// percent agreement and Krippendorff's alpha (the report says so); at least one unit must be rated twice.
    ///
    /// - Parameters:
    ///   - subject: What was rated.
    ///   - reviewers: Whose ratings (nil: everyone who rated the subject); at least two.
    ///   - quoteIDs: The quotes to use (nil: all), for coding subjects.
    ///   - studyIDs: The studies to use (nil: all), for CASP.
    /// - Throws: ``StatisticsError`` when fewer than two reviewers are chosen or no unit was rated twice.
    public func ratings(of subject: ReviewerRatingsSubject, reviewers chosen: [String]? = nil,
                        quoteIDs: Set<Int>? = nil, studyIDs: Set<String>? = nil) throws(StatisticsError) -> RatingsMatrix {
        let available = reviewers(rating: subject)
        let raters = chosen ?? available
        for name in raters where !available.contains(name) {
            throw StatisticsError("'\(name)' rated nothing here; reviewers: \(available.isEmpty ? "none" : available.joined(separator: ", "))")
        }
        guard raters.count >= 2 else {
            throw StatisticsError("agreement needs two reviewers or more; \(raters.isEmpty ? "none has" : "only \(raters[0]) has") rated this"
                                  + " (code or appraise as a reviewer: set reviewer INITIALS)")
        }
        var rows: [[String]] = []
        var declared: [String]?
        switch subject {
        case .coding(let field), .code(let field, _):
            var code: String?
            if case .code(_, let value) = subject { code = value; declared = ReviewerRatingsSubject.presence }
            var byQuote: [Int: [String: String]] = [:]
            for coding in reviewerCodings where !coding.isConsensus && raters.contains(coding.reviewer) {
                guard quoteIDs?.contains(coding.quoteID) ?? true, let value = coding.value(of: field) else { continue }
                byQuote[coding.quoteID, default: [:]][coding.reviewer] = code.map { value == $0 ? "present" : "absent" } ?? value
            }
            for id in byQuote.keys.sorted() {
                rows.append(["Q\(id)"] + raters.map { byQuote[id]![$0] ?? "" })
            }
        case .casp(let question):
            declared = ReviewerRatingsSubject.caspCategories
            let questions = question.map { [$0] } ?? Array(1...10)
            for study in studies where studyIDs?.contains(study.id) ?? true {
                let byReviewer = Dictionary(appraisals.filter { $0.studyID == study.id && raters.contains($0.reviewer) }.map { ($0.reviewer, $0) },
                                            uniquingKeysWith: { first, _ in first })
                guard byReviewer.count >= 2 else { continue }
                for q in questions {
                    let answers = raters.map { byReviewer[$0]?.answers[q - 1]?.slug ?? "" }
                    guard answers.contains(where: { !$0.isEmpty }) else { continue }
                    rows.append([question == nil ? "\(study.id) q\(q)" : study.id] + answers)
                }
            }
        }
        guard rows.contains(where: { $0.dropFirst().filter { !$0.isEmpty }.count >= 2 }) else {
            throw StatisticsError("no unit was rated by two of \(raters.joined(separator: ", ")): nothing to compare")
        }
        return try RatingsMatrix(header: ["unit"] + raters, rows: rows, columns: RatingsColumns(subject: .column("unit"), raters: raters),
                                 categories: declared, foldCase: false)
    }
}
