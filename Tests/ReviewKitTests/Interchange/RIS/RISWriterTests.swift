import Foundation
import Testing
@testable import ReviewKit

@Suite struct RISWriterTests {
    @Test func fixturesRoundTrip() throws {
        for name in ["zotero-like.ris", "endnote-like.ris", "endnote-latin1.ris", "rayyan-like.ris"] {
            let original = try RISReader.decode(RISFixture.bytes(name))
            let records = original.records
            // Only a damaged Rayyan note is still reported after writing (it is written back verbatim).
            let noteWarnings = original.warnings.filter { $0.message.hasPrefix("rayyan note") }.map(\.message)
            for ending in [RISWriter.LineEnding.crlf, .lf] {
                let written = RISWriter.encode(records, lineEnding: ending)
                let read = try RISReader.decode(written)
                #expect(read.records == records, "\(name)")
                #expect(read.warnings.map(\.message) == noteWarnings, "\(name): \(read.warnings)")
                #expect(RISWriter.encode(read.records, lineEnding: ending) == written, "\(name): writing is stable")
            }
        }
    }

    @Test func writesTheTagsReferenceManagersExpect() {
        let record = BibliographicRecord(type: "JOUR", authors: ["Shaw, Selina", "Shirley, Louisa"], title: "A title", year: 2017, date: "2017/03/01",
                                         journal: "J", volume: "3", issue: "2", pages: "516–524", doi: "10.1/x", keywords: ["a", "b"],
                                         screening: RayyanScreening(decisions: [.init(reviewer: "Matt", decision: .included)]))
        let text = RISWriter.text([record], lineEnding: .lf)
        #expect(text == """
        TY  - JOUR
        AU  - Shaw, Selina
        AU  - Shirley, Louisa
        TI  - A title
        T2  - J
        PY  - 2017
        DA  - 2017/03/01
        VL  - 3
        IS  - 2
        SP  - 516
        EP  - 524
        DO  - 10.1/x
        KW  - a
        KW  - b
        N1  - RAYYAN-INCLUSION: {"Matt"=>"Included"}
        ER  - \n
        """)
        #expect(RISWriter.encode([record], byteOrderMark: true).starts(with: [0xEF, 0xBB, 0xBF, 0x54, 0x59]))
    }

    @Test func multiLineValuesSurviveEvenWhenALineLooksLikeATag() throws {
        let record = BibliographicRecord(title: "T", abstract: "First paragraph.\nAU  - not an author\nLast.")
        let read = try RISReader.decode(RISWriter.encode([record]))
        #expect(read.records == [record])
    }

    @Test func randomRecordsRoundTrip() throws {
        var rng = SplitMix64(seed: 12)
        let alphabet = Array("abcé ü–—“”'🙂👩🏽‍⚕️ṅ̃xyz0123-,:;/") + ["\u{301}"]
        func word(_ maximum: Int = 12) -> String {
            let length = 1 + rng.next(below: maximum)
            var text = String((0..<length).map { _ in alphabet[rng.next(below: alphabet.count)] })
            text = text.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? "w" : text
        }
        func maybe(_ make: () -> String) -> String? { rng.next(below: 3) == 0 ? nil : make() }
        var records: [BibliographicRecord] = []
        for _ in 0..<300 {
            var record = BibliographicRecord(type: ["JOUR", "BOOK", "CHAP"][rng.next(below: 3)])
            record.authors = (0..<rng.next(below: 4)).map { _ in word() + ", " + word(4) }
            record.title = maybe { word(40) }
            record.year = rng.next(below: 4) == 0 ? nil : 1900 + rng.next(below: 130)
            record.journal = maybe { word(20) }
            record.volume = maybe { String(rng.next(below: 100)) }
            record.pages = maybe { rng.next(below: 2) == 0 ? "\(rng.next(below: 900))-\(rng.next(below: 900))" : "e\(rng.next(below: 9999))" }
            record.doi = maybe { "10.\(1000 + rng.next(below: 9000))/\(word(8).filter { !$0.isWhitespace && $0 != "," })x" }
            record.abstract = maybe { word(60) + "\n" + word(60) }
            record.keywords = (0..<rng.next(below: 3)).map { _ in word() }
            record.notes = (0..<rng.next(below: 2)).map { _ in word() }
            if rng.next(below: 4) == 0 {
                record.screening = RayyanScreening(decisions: [.init(reviewer: word(6), decision: [.included, .excluded, .maybe][rng.next(below: 3)])],
                                                   labels: [word(6).replacingOccurrences(of: ",", with: "")].filter { !$0.isEmpty })
            }
            records.append(record)
        }
        let read = try RISReader.decode(RISWriter.encode(records))
        for (a, b) in zip(read.records, records) where a != b { Issue.record("\(a) != \(b)") }
        #expect(read.records.count == records.count)
    }
}
