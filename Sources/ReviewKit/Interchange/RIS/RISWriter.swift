/// Writes records as RIS that Zotero, EndNote, Rayyan and `RISReader` read back to the same records.
///
/// Fields in a fixed order (TY, AU…, TI, T2, PY, DA, VL, IS, SP, EP, DO, UR, AB, KW…, N1…, AN, other
/// fields, ER), one record after another with a blank line between. A page range is split into SP and EP;
/// Rayyan's screening state is written back as its `N1` note. A value with line breaks is written over several
/// lines; a continuation line that would read as a tag line is indented by one space (the reader trims it).
public enum RISWriter {
    /// The line end to write.
    public enum LineEnding: String, Sendable {
        /// CR LF, as the RIS specification and EndNote use.
        case crlf = "\r\n"
        /// LF.
        case lf = "\n"
    }

    /// The RIS text of some records.
    public static func text(_ records: [BibliographicRecord], lineEnding: LineEnding = .crlf) -> String {
        var out = ""
        let end = lineEnding.rawValue
        func line(_ tag: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            var first = true
            for part in value.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                if first {
                    out += tag + "  - " + text + end
                    first = false
                } else {
                    out += (RISReader.tagLine(Substring(text)) != nil ? " " : "") + text + end
                }
            }
        }
        for (index, record) in records.enumerated() {
            if index > 0 { out += end }
            out += "TY  - " + (record.type.isEmpty ? "GEN" : record.type) + end
            for author in record.authors { line("AU", author) }
            line("TI", record.title)
            line("T2", record.journal)
            line("PY", record.year.map(String.init))
            line("DA", record.date)
            line("VL", record.volume)
            line("IS", record.issue)
            if let pages = record.pages {
                let parts = pages.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
                if parts.count == 2 {
                    line("SP", parts[0].isEmpty ? nil : String(parts[0]))
                    line("EP", String(parts[1]))
                } else {
                    line("SP", pages)
                }
            }
            line("DO", record.doi)
            line("UR", record.url)
            line("AB", record.abstract)
            for keyword in record.keywords { line("KW", keyword) }
            for note in record.notes { line("N1", note) }
            if let screening = record.screening { line("N1", screening.noteText) }
            line("AN", record.accessionNumber)
            for field in record.otherFields { line(field.tag, field.value) }
            out += "ER  - " + end
        }
        return out
    }

    /// The RIS bytes (UTF-8; `byteOrderMark` adds the BOM some Windows tools want).
    public static func encode(_ records: [BibliographicRecord], lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false) -> [UInt8] {
        (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text(records, lineEnding: lineEnding).utf8)
    }
}
