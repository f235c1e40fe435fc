/// The rules a study's reference must keep, in one place: what `edit study … doi=…`, the workspace, the
/// snapshot reader and the importers check.
///
/// - The record has no year: the study's year is the one year (`Study+Bibliography.swift`).
/// - A DOI is a DOI: "10." + registrant + "/" + suffix, with or without a resolver prefix (`DOI.normalized`).
/// - No text field, author, keyword or note is blank (an unknown field is absent, not empty).
public enum BibliographicRules {
    /// Throws the first rule the record of study `studyID` breaks.
    public static func check(_ record: BibliographicRecord, studyID: String) throws(ReviewError) {
        guard record.year == nil else {
            throw ReviewError(.invalidRecord, "the reference of study \(studyID) carries a year of its own; the study's year is its year")
        }
        if let doi = record.doi { try checkDOI(doi, studyID: studyID) }
        let fields: [(String, String?)] = [("type", record.type), ("title", record.title), ("date", record.date), ("journal", record.journal),
                                           ("volume", record.volume), ("issue", record.issue), ("pages", record.pages), ("url", record.url),
                                           ("abstract", record.abstract), ("accession number", record.accessionNumber)]
        for (name, value) in fields {
            if let value, ValueRules.isBlank(value) { throw ReviewError(.invalidRecord, "the \(name) of study \(studyID)'s reference is blank; leave it unknown instead") }
        }
        for (name, list) in [("author", record.authors), ("keyword", record.keywords), ("note", record.notes)] where list.contains(where: ValueRules.isBlank) {
            throw ReviewError(.invalidRecord, "study \(studyID)'s reference has a blank \(name)")
        }
    }

    /// Throws unless `text` is a DOI ("10.1186/s12913-018-3778-2", also written "https://doi.org/…" or "doi:…").
    public static func checkDOI(_ text: String, studyID: String? = nil) throws(ReviewError) {
        guard DOI.normalized(text) != nil else {
            throw ReviewError(.invalidValue, "'\(FileError.shortened(text))' is not a DOI" + (studyID.map { " (study \($0))" } ?? "")
                              + "; a DOI looks like 10.1186/s12913-018-3778-2")
        }
    }

    /// The record as a study can hold it: blank values dropped, and a DOI that is not one kept as the RIS
    /// field `DO` among the other fields (so nothing is lost and a RIS export writes it back). Returns the
    /// record and one lowercase line per value moved or dropped.
    public static func sanitized(_ record: BibliographicRecord) -> (record: BibliographicRecord, notes: [String]) {
        var record = record
        var notes: [String] = []
        func clean(_ value: String?) -> String? { value.flatMap { ValueRules.isBlank($0) ? nil : $0 } }
        record.title = clean(record.title); record.date = clean(record.date); record.journal = clean(record.journal)
        record.volume = clean(record.volume); record.issue = clean(record.issue); record.pages = clean(record.pages)
        record.url = clean(record.url); record.abstract = clean(record.abstract); record.accessionNumber = clean(record.accessionNumber)
        record.authors = record.authors.filter { !ValueRules.isBlank($0) }
        record.keywords = record.keywords.filter { !ValueRules.isBlank($0) }
        record.notes = record.notes.filter { !ValueRules.isBlank($0) }
        if ValueRules.isBlank(record.type) { record.type = "GEN" }
        if let doi = clean(record.doi), DOI.normalized(doi) == nil {
            notes.append("'\(FileError.shortened(doi))' is not a doi; kept as the ris field DO, not as the doi")
            record.otherFields.append(RISField(tag: "DO", value: doi))
            record.doi = nil
        } else {
            record.doi = clean(record.doi)
        }
        return (record, notes)
    }
}
