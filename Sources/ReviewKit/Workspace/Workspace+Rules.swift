/// The workspace's rules, in one place, each with one message: what a study, a quote, a sub-theme and an
/// appraisal must be. `apply(_:)` (one change) and the bulk loaders (many at once) both check them here;
/// the sub-theme coding rule is `SubTheme+Coding.swift`.
extension Workspace {
    /// A study's id is letters, digits, '-' or '_'; it has a label; its year and participants are plausible.
    static func check(_ study: Study) throws(ReviewError) {
        guard !study.id.isEmpty, study.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ReviewError(.invalidRecord, "study id '\(study.id)' must be letters, digits, '-' or '_'")
        }
        guard !study.label.allSatisfy(\.isWhitespace) else { throw ReviewError(.invalidRecord, "study \(study.id) needs a label") }
        if let year = study.year, year < 1800 || year > 2200 {
            throw ReviewError(.invalidRecord, "year \(year) of study \(study.id) is out of range (1800–2200)")
        }
        if let participants = study.participants, participants < 0 {
            throw ReviewError(.invalidRecord, "participants of study \(study.id) cannot be negative")
        }
        // The one rule per number (ValueRules) the snapshot reader and import enforce: what an edit accepts is
        // what a saved snapshot loads again (a reference of 0 or 2147483648, 2^63 participants are refused).
        do throws(ReviewError) { try ValueRules.check(study) } catch { throw ReviewError(.invalidRecord, error.message) }
        if let record = study.bibliography { try BibliographicRules.check(record, studyID: study.id) }
    }

    /// A sub-theme has a label, and a positive number and id.
    static func check(_ subTheme: SubTheme) throws(ReviewError) {
        guard !subTheme.label.allSatisfy(\.isWhitespace) else { throw ReviewError(.invalidRecord, "a sub-theme needs a label") }
        guard subTheme.number > 0 else { throw ReviewError(.invalidRecord, "sub-theme number must be positive; got \(subTheme.number)") }
        guard subTheme.id > 0 else { throw ReviewError(.invalidRecord, "sub-theme id must be positive; got \(subTheme.id)") }
        do throws(ReviewError) { try ValueRules.check(subTheme) } catch { throw ReviewError(.invalidRecord, error.message) }
    }

    /// A quote's id is a positive number the store can hold.
    static func checkQuoteID(_ id: Int) throws(ReviewError) {
        guard id > 0 && id <= Int(Int32.max) else { throw ReviewError(.invalidRecord, "quote id must be a positive number") }
    }

    /// A quote has its verbatim text (`isBlank` tells whether the text is only white space).
    static func checkQuoteText(isBlank: Bool) throws(ReviewError) {
        guard !isBlank else { throw ReviewError(.invalidRecord, "a quote needs its verbatim text; it is empty") }
    }

    /// A citation's reference number is positive and fits the store.
    static func checkReference(_ reference: Int?) throws(ReviewError) {
        if let reference, reference <= 0 || reference > Int(Int32.max) {
            throw ReviewError(.invalidRecord, "reference number must be positive; got \(reference)")
        }
    }

    /// An appraisal answers the ten CASP questions (each may be unanswered).
    static func check(_ appraisal: Appraisal) throws(ReviewError) {
        guard appraisal.answers.count == 10 else {
            throw ReviewError(.invalidRecord, "an appraisal needs ten answers (q1–q10); got \(appraisal.answers.count)")
        }
    }

    /// An id that is already taken ("study id 'S01'", "quote id Q12", "sub-theme id 3").
    static func duplicate(_ what: String) -> ReviewError { ReviewError(.duplicate, "\(what) is already in use") }

    /// No study has this id; the nearest ids are suggested.
    func unknownStudy(_ id: String) -> ReviewError {
        let suggestions = EditDistance.nearest(to: id, in: studies.map(\.id))
        return ReviewError(.notFound, "no study with id '\(id)'", notes: suggestions.isEmpty ? [] : ["did you mean \(suggestions.joined(separator: ", "))?"])
    }

    /// No sub-theme has this id.
    static func unknownSubTheme(_ id: Int) -> ReviewError { ReviewError(.notFound, "no sub-theme with id \(id)") }

    /// No quote has this id.
    static func unknownQuote(_ id: Int) -> ReviewError { ReviewError(.notFound, "no quote Q\(id)") }
}
