import Foundation

/// The optional version-3 sections `@bibliography` (the studies' references) and `@tags` (the quotes' free
/// codes), docs/formats.md. Both are written only when there is something in them, so a workspace without
/// references or tags saves as before, and files without them load unchanged.
///
/// `@bibliography` has one line per value: `study<TAB>field<TAB>value`. Repeated fields (author, keyword, note
/// and the RIS fields kept as `ris:XX`) keep their order; `screening` holds Rayyan's decisions as JSON.
/// `@tags` has one line per tag: `Q12<TAB>peer training`, in each quote's order.
enum SnapshotReferences {
    static let bibliographySection = "bibliography"
    static let tagsSection = "tags"
    static let bibliographyHeader = "# study\tfield\tvalue (author, keyword, note and ris:XX repeat in order; the year is the study's)"
    static let tagsHeader = "# quote\ttag"

    /// The single-valued fields, in the order written.
    static let singleFields = ["type", "title", "date", "journal", "volume", "issue", "pages", "doi", "url", "abstract", "accession"]

    /// The lines of one study's record.
    static func lines(of studyID: String, _ record: BibliographicRecord) -> [[String]] {
        var lines: [[String]] = [[studyID, "type", record.type]]
        for author in record.authors { lines.append([studyID, "author", author]) }
        let singles: [(String, String?)] = [("title", record.title), ("date", record.date), ("journal", record.journal),
                                            ("volume", record.volume), ("issue", record.issue), ("pages", record.pages), ("doi", record.doi),
                                            ("url", record.url), ("abstract", record.abstract), ("accession", record.accessionNumber)]
        for (name, value) in singles { if let value { lines.append([studyID, name, value]) } }
        for keyword in record.keywords { lines.append([studyID, "keyword", keyword]) }
        for note in record.notes { lines.append([studyID, "note", note]) }
        if let screening = record.screening { lines.append([studyID, "screening", json(screening)]) }
        for field in record.otherFields { lines.append([studyID, "ris:" + field.tag, field.value]) }
        return lines
    }

    static func json(_ screening: RayyanScreening) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(screening)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// What is wrong with a line: the message (lowercase) and whether it is about the value (else the field name).
    struct Problem {
        var message: String
        var isAboutValue: Bool
        static func value(_ message: String) -> Problem { Problem(message: message, isAboutValue: true) }
        static func field(_ message: String) -> Problem { Problem(message: message, isAboutValue: false) }
    }

    /// Sets one field of a record being read; returns the problem when the line is wrong.
    static func set(_ field: String, _ value: String, on record: inout BibliographicRecord, seen: inout Set<String>) -> Problem? {
        guard !ValueRules.isBlank(value) else { return .value("\(field) is blank; leave the line out instead") }
        switch field {
        case "author": record.authors.append(value); return nil
        case "keyword": record.keywords.append(value); return nil
        case "note": record.notes.append(value); return nil
        default: break
        }
        if field.hasPrefix("ris:") {
            let tag = String(field.dropFirst(4))
            guard tag.count == 2, tag.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isUppercase || ("0"..."9").contains($0)) }) else {
                return .field("'\(FileError.shortened(field))' is not a ris field; ris fields are written ris:XX with a two-character tag")
            }
            record.otherFields.append(RISField(tag: tag, value: value))
            return nil
        }
        guard singleFields.contains(field) || field == "screening" else {
            return .field("unknown bibliography field '\(FileError.shortened(field))'; expected one of: author, keyword, note, screening, ris:XX, "
                          + singleFields.joined(separator: ", "))
        }
        guard seen.insert(field).inserted else { return .field("\(field) appears twice for this study") }
        switch field {
        case "type": record.type = value
        case "title": record.title = value
        case "date": record.date = value
        case "journal": record.journal = value
        case "volume": record.volume = value
        case "issue": record.issue = value
        case "pages": record.pages = value
        case "doi":
            guard DOI.normalized(value) != nil else { return .value("'\(FileError.shortened(value))' is not a doi") }
            record.doi = value
        case "url": record.url = value
        case "abstract": record.abstract = value
        case "accession": record.accessionNumber = value
        default:
            guard let screening = try? JSONDecoder().decode(RayyanScreening.self, from: Data(value.utf8)) else {
                return .value("screening must be the json the writer writes")
            }
            record.screening = screening
        }
        return nil
    }
}
