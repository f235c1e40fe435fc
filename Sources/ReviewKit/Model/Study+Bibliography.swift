/// A study's reference: the bibliographic record it holds, with the study's own year.
///
/// A study has one year (`Study.year`, an extraction field the review has always had). The record a study holds
/// therefore never carries a year of its own: `attaching(_:)` moves a record's year to the study, and the
/// workspace refuses a study whose record still has one, so the two can never disagree.
extension Study {
    /// The study's reference as a full record (the study's year filled in), or nil when it has none.
    public var bibliographicRecord: BibliographicRecord? {
        guard var record = bibliography else { return nil }
        record.year = year
        return record
    }

    /// This study holding `record` (nil removes it): the record's year fills the study's year when the study has
    /// none and the year is a plausible one (`ValueRules.year`); an empty record is no record.
    public func attaching(_ record: BibliographicRecord?) -> Study {
        var study = self
        guard var record else { study.bibliography = nil; return study }
        if let year = record.year {
            if study.year == nil, ValueRules.year.allows(year) { study.year = year }
            // A year no study can hold (1066, 2500) is kept as the record's date rather than lost.
            else if !ValueRules.year.allows(year), record.date == nil { record.date = String(year) }
        }
        record.year = nil
        study.bibliography = record.isEmpty ? nil : record
        return study
    }

    /// The authors, in order (empty without a reference).
    public var authors: [String] { bibliography?.authors ?? [] }
    /// The title of the reference.
    public var title: String? { bibliography?.title }
    /// The journal or book.
    public var journal: String? { bibliography?.journal }
    /// The DOI as recorded.
    public var doi: String? { bibliography?.doi }
    /// The keywords, in order.
    public var keywords: [String] { bibliography?.keywords ?? [] }
}

extension BibliographicRecord {
    /// Whether the record holds nothing at all (no field, note, screening state or other RIS field).
    public var isEmpty: Bool {
        authors.isEmpty && title == nil && year == nil && date == nil && journal == nil && volume == nil && issue == nil
            && pages == nil && doi == nil && url == nil && abstract == nil && keywords.isEmpty && notes.isEmpty
            && accessionNumber == nil && screening == nil && otherFields.isEmpty
    }
}

extension Workspace {
    /// Every study's reference by study id (with the study's year), for matching imported references.
    public var bibliography: [String: BibliographicRecord] {
        var records: [String: BibliographicRecord] = [:]
        for study in studies { if let record = study.bibliographicRecord { records[study.id] = record } }
        return records
    }
}
