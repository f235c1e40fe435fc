/// The four CSV tables a review can be imported from and exported to, matching a spreadsheet extraction sheet.
///
/// Columns (docs/formats.md, "CSV"): a header row is required, column order is free, header names are
/// matched ignoring case, spaces, hyphens and underscores ("Data collection" = `data_collection`), and an
/// unknown column is left out with a note, or refused with `CSVImportOptions(unknownColumns: .refuse)`.
public enum CSVTableKind: String, CaseIterable, Sendable {
    /// Included studies: `id,label,reference,year,country,design,data_collection,analysis,participants`, then the
    /// reference: `authors,title,journal,volume,issue,pages,doi,url,abstract,keywords` (lists as `CSVListCell`).
    case studies
    /// CASP appraisals: `study,reviewer,q1,…,q10` (answers yes / can't tell / no, or 1 / 0.5 / 0).
    case appraisals
    /// Sub-themes: `id,direction,component,domain,number,label`.
    case subthemes
    /// Coded quotes: `id,text,direction,component,domain,subtheme,study,reference,page,tags` (tags as `CSVListCell`).
    case quotes

    /// The columns, in the order export writes them.
    public var columns: [String] {
        switch self {
        case .studies: ["id", "label", "reference", "year", "country", "design", "data_collection", "analysis", "participants"] + Self.referenceColumns
        case .appraisals: ["study", "reviewer"] + (1...10).map { "q\($0)" }
        case .subthemes: ["id", "direction", "component", "domain", "number", "label"]
        case .quotes: ["id", "text", "direction", "component", "domain", "subtheme", "study", "reference", "page", "tags"]
        }
    }

    /// The studies table's columns for a study's reference.
    public static let referenceColumns = ["authors", "title", "journal", "volume", "issue", "pages", "doi", "url", "abstract", "keywords"]

    /// The columns a file must have.
    public var requiredColumns: [String] {
        switch self {
        case .studies: ["id", "label"]
        case .appraisals: ["study"]
        case .subthemes: ["direction", "component", "domain", "label"]
        case .quotes: ["text"]
        }
    }

    /// The conventional file name ("quotes.csv").
    public var fileName: String { rawValue + ".csv" }

    /// Guesses the table from a header row: `text` means quotes, `q1`…`q10` appraisals, `number` sub-themes, `label` studies.
    public static func detect(header: [String]) -> CSVTableKind? {
        let keys = Set(header.map(columnKey))
        if keys.contains("text") { return .quotes }
        if keys.contains(where: { $0.count >= 2 && $0.first == "q" && Int($0.dropFirst()) != nil }) { return .appraisals }
        if keys.contains("number") || (keys.contains("direction") && keys.contains("label")) { return .subthemes }
        if keys.contains("label") || keys.contains("year") { return .studies }
        return nil
    }

    /// A header name reduced for matching: lowercase, without spaces, hyphens, underscores and a BOM.
    static func columnKey(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" && $0 != "\u{FEFF}" && $0 != "\t" }.map(Character.init))
    }
}
