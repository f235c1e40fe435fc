import Foundation

/// One reference as reference managers and screening tools hold it: the fields RIS carries, with
/// authors in order and Rayyan's screening decisions kept.
///
/// The record is a value the RIS reader and writer, the REFI-QDA case variables and (once the workspace
/// stores them) a study's bibliographic fields all share. Unknown RIS tags are kept in `otherFields`, in
/// order, so that reading and writing a file loses nothing.
public struct BibliographicRecord: Sendable, Equatable, Hashable, Codable {
    /// The RIS reference type ("JOUR", "BOOK", "CHAP", "THES", "RPRT", "GEN"…).
    public var type: String
    /// The authors in the order given, each as the source wrote it ("Shaw, Selina" or "Selina Shaw").
    public var authors: [String]
    /// The title.
    public var title: String?
    /// The year of publication.
    public var year: Int?
    /// The full date when the source gave more than the year ("2017/03/01/").
    public var date: String?
    /// The journal or book title.
    public var journal: String?
    /// The volume.
    public var volume: String?
    /// The issue.
    public var issue: String?
    /// The pages, as a range ("516-524") or a single page or article number ("e0231").
    public var pages: String?
    /// The DOI without a resolver prefix ("10.3389/fpubh.2025.1737709").
    public var doi: String?
    /// A URL for the reference.
    public var url: String?
    /// The abstract.
    public var abstract: String?
    /// The keywords, in order.
    public var keywords: [String]
    /// Free-text notes (RIS N1), other than the screening decisions held in `screening`.
    public var notes: [String]
    /// The accession number (RIS AN; Rayyan writes "rayyan-229697632").
    public var accessionNumber: String?
    /// The screening decisions, labels and exclusion reasons Rayyan wrote into the notes.
    public var screening: RayyanScreening?
    /// Fields this type has no property for, in the order read (written back unchanged).
    public var otherFields: [RISField]

    /// Creates a record.
    public init(type: String = "JOUR", authors: [String] = [], title: String? = nil, year: Int? = nil, date: String? = nil,
                journal: String? = nil, volume: String? = nil, issue: String? = nil, pages: String? = nil, doi: String? = nil,
                url: String? = nil, abstract: String? = nil, keywords: [String] = [], notes: [String] = [],
                accessionNumber: String? = nil, screening: RayyanScreening? = nil, otherFields: [RISField] = []) {
        self.type = type
        self.authors = authors
        self.title = title
        self.year = year
        self.date = date
        self.journal = journal
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.doi = doi
        self.url = url
        self.abstract = abstract
        self.keywords = keywords
        self.notes = notes
        self.accessionNumber = accessionNumber
        self.screening = screening
        self.otherFields = otherFields
    }

    /// The DOI in the form used for matching (lowercase, no resolver prefix), or nil when there is none.
    public var normalizedDOI: String? { doi.flatMap(DOI.normalized) }

    /// The title folded for matching (case, accents, punctuation and spacing ignored); "" when there is none.
    public var titleKey: String { title.map(BibliographicMatching.titleKey) ?? "" }

    /// The first author's family name ("Ben-Dor" from "Ben-Dor, Irit" or "Irit Ben-Dor"), when there is an author.
    public var firstAuthorFamilyName: String? { authors.first.map { AuthorName($0).family }.flatMap { $0.isEmpty ? nil : $0 } }

    /// A study label in the style reviews print: "Shaw", "Shaw and Shirley", "Shaw et al."; the title's start
    /// when there are no authors; nil when there is neither.
    public var studyLabel: String? {
        let families = authors.map { AuthorName($0).family }.filter { !$0.isEmpty }
        switch families.count {
        case 0:
            guard let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else { return nil }
            return title.count <= 60 ? title : String(title.prefix(59)) + "…"
        case 1: return families[0]
        case 2: return "\(families[0]) and \(families[1])"
        default: return "\(families[0]) et al."
        }
    }
}

/// One tagged RIS line kept verbatim: a two-character tag and its value.
public struct RISField: Sendable, Equatable, Hashable, Codable {
    /// The tag ("M3", "CY", "SN"…).
    public var tag: String
    /// The value, without the "  - " separator.
    public var value: String

    /// Creates a field.
    public init(tag: String, value: String) {
        self.tag = tag
        self.value = value
    }
}

/// An author name split into family and given parts, whichever order the source used.
struct AuthorName {
    var family: String
    var given: String

    /// Splits "Family, Given" at the comma; otherwise takes the last word as the family name ("Selina Shaw").
    init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let comma = trimmed.firstIndex(of: ",") {
            family = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            given = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        } else if let space = trimmed.lastIndex(of: " ") {
            family = String(trimmed[trimmed.index(after: space)...])
            given = trimmed[..<space].trimmingCharacters(in: .whitespaces)
        } else {
            family = trimmed
            given = ""
        }
    }
}
