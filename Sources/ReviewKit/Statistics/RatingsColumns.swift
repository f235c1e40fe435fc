/// Which columns of a ratings table hold the subject (unit) identifier and which hold raters.
///
/// By default (``Subject/automatic`` and no rater list) leading identifier columns are recognised
/// and left out: a column whose header names an identifier (id, item, record, key, study, subject,
/// unit, title, Covidence #, …) or whose values are all present, all different and mostly unlike
/// any rating in the columns after it. Every other column is a rater. Either can be chosen instead.
public struct RatingsColumns: Sendable, Equatable {
    /// How the subject column is found.
    public enum Subject: Sendable, Equatable {
        /// Recognise leading identifier columns (the first one names the subjects).
        case automatic
        /// There is no subject column; every column that is not an explicit rater is a rater.
        case none
        /// The column with this header (case-insensitive) or this 1-based number.
        case column(String)
    }

    /// How the subject column is found.
    public var subject: Subject
    /// The rater columns by header (case-insensitive) or 1-based number, in the order given; nil for
    /// every column that is not the subject or an identifier.
    public var raters: [String]?

    /// Chooses the subject column and, optionally, the rater columns.
    public init(subject: Subject = .automatic, raters: [String]? = nil) {
        self.subject = subject
        self.raters = raters
    }

    /// Words that, in a header, mark an identifier column rather than a rater.
    static let identifierWords: Set<String> = [
        "id", "ids", "identifier", "item", "items", "record", "records", "recordid", "key", "study",
        "studies", "studyid", "subject", "subjects", "subjectid", "unit", "units", "unitid", "itemid",
        "covidence", "title", "ref", "refid", "reference", "doi", "pmid", "paper", "article", "quote",
        "quoteid",
    ]

    /// True when a header names an identifier: "record_id", "Study ID", "Covidence #", "Title", "#".
    static func isIdentifierHeader(_ header: String) -> Bool {
        let trimmed = StatisticsSupport.trimmed(header).lowercased()
        if ["#", "no", "no.", "nr", "number", "n°"].contains(trimmed) { return true }
        let words = trimmed.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return words.contains { identifierWords.contains($0) }
    }
}
