/// Agreement after consensus: the reviewers' ratings with the team's agreed answers laid over them.
extension Workspace {
    /// The workspace as it stands *after consensus*: wherever the team recorded a consensus on a unit, each
    /// reviewer's rating of that unit is replaced by it, so agreement computed on this view counts settled
    /// units as agreed.
    ///
    /// A consensus replaces only ratings that exist: a field a reviewer did not code, a CASP question they did not
    /// answer and a record they did not screen stay missing, so the units and ratings counted are the same before
    /// and after, and only the values change. Per unit and field: a quote's consensus domain replaces each
    /// reviewer's domain (and likewise component, direction, sub-theme); a study's consensus answer to q6 replaces
    /// each reviewer's q6; a record's consensus decision replaces each reviewer's decision. Units without a
    /// consensus keep the reviewers' own ratings. This view is for agreement only; nothing is re-resolved.
    public func afterConsensus() -> Workspace {
        var view = self
        for index in view.reviewerCodings.indices where !view.reviewerCodings[index].isConsensus {
            guard let agreed = consensusCoding(of: view.reviewerCodings[index].quoteID) else { continue }
            var coding = view.reviewerCodings[index]
            if coding.direction != nil, let value = agreed.direction { coding.direction = value }
            if coding.component != nil, let value = agreed.component { coding.component = value }
            if coding.domain != nil, let value = agreed.domain { coding.domain = value }
            if coding.subTheme != nil, let value = agreed.subTheme { coding.subTheme = value }
            view.reviewerCodings[index] = coding
        }
        for index in view.appraisals.indices {
            let own = view.appraisals[index]
            guard !own.reviewer.isEmpty, own.reviewer != ReviewerCoding.consensus,
                  let agreed = appraisal(of: own.studyID, reviewer: ReviewerCoding.consensus) else { continue }
            for question in 0..<10 where own.answers[question] != nil {
                if let answer = agreed.answers[question] { view.appraisals[index].answers[question] = answer }
            }
        }
        var settled: [ScreeningRecord] = []
        for record in screening.records {
            guard let agreed = record.consensus else { continue }
            var copy = record
            for index in copy.votes.indices where copy.votes[index].reviewer != ReviewerCoding.consensus {
                copy.votes[index].decision = agreed
            }
            settled.append(copy)
        }
        view.screening.store(settled)
        return view
    }
}
