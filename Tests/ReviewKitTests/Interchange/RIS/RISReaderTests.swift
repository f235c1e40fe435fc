import Foundation
import Testing
@testable import ReviewKit

@Suite struct RISReaderTests {
    @Test func readsAZoteroExport() throws {
        let document = try RISReader.decode(RISFixture.bytes("zotero-like.ris"), path: "zotero.ris")
        #expect(document.encoding == .utf8)
        #expect(document.warnings.isEmpty, "\(document.warnings)")
        #expect(document.entries.map(\.line) == [1, 22, 36])
        let shaw = document.records[0]
        #expect(shaw.type == "JOUR")
        #expect(shaw.authors == ["Shaw, Selina", "Shirley, Louisa", "Janoušková, Marie"])
        #expect(shaw.title == "Barriers and facilitators to lived experience involvement: a “peer” perspective")
        #expect(shaw.journal == "Frontiers in Public Health")
        #expect(shaw.year == 2025 && shaw.date == "2025/11/03")
        #expect(shaw.doi == "10.3389/fpubh.2025.1737709")
        #expect(shaw.pages == "1737709" && shaw.volume == "13")
        #expect(shaw.keywords == ["lived experience", "peer support", "COM-B"])
        #expect(shaw.notes == ["<p>Read for the 2026 update 👩🏽‍⚕️</p>"])
        #expect(shaw.otherFields == [RISField(tag: "SN", value: "2296-2565"), RISField(tag: "Y2", value: "2025/12/01/08:15:04")])
        let benDor = document.records[1]
        #expect(benDor.pages == "516-524", "SP and EP join into a range")
        #expect(benDor.doi == "10.1080/09638237.2019.1608934", "the resolver prefix is dropped")
        #expect(benDor.issue == "5")
        #expect(document.records[2].type == "BOOK" && document.records[2].authors.count == 3)
    }

    @Test func readsAnEndNoteExportWithBOMAndRanges() throws {
        let document = try RISReader.decode(RISFixture.bytes("endnote-like.ris"), path: "endnote.ris")
        #expect(document.encoding == .utf8WithBOM)
        #expect(document.warnings.isEmpty, "\(document.warnings)")
        let record = document.records[0]
        #expect(record.authors == ["Janoušková, M.", "Pekara, J.", "Kučera, M."])
        #expect(record.title == "Experiences of peer support workers in Czech mental health care")
        #expect(record.journal == "Psychiatric Services", "the full journal name wins over the abbreviation")
        #expect(record.otherFields.contains(RISField(tag: "JO", value: "Psychiatr Serv")))
        #expect(record.year == 2017 && record.date == "2017/03/01")
        #expect(record.pages == "516-524")
        #expect(record.abstract == "Peer support workers described role ambiguity\nand unclear boundaries with staff.")
        #expect(record.notes == ["Accession Number: 27842470"])
        let chapter = document.records[1]
        #expect(chapter.type == "CHAP")
        #expect(chapter.authors == ["Gillard, S."], "editors (A2) are not authors")
        #expect(chapter.otherFields == [RISField(tag: "A2", value: "Editor, E.")])
        #expect(chapter.journal == "Handbook of recovery")
    }

    @Test func latin1IsDetectedNamedAndDecoded() throws {
        let document = try RISReader.decode(RISFixture.bytes("endnote-latin1.ris"), path: "old.ris")
        #expect(document.encoding == .latin1)
        #expect(document.records[0].authors == ["Pérez-Corrales, Jorge", "Müller, Jürgen"])
        #expect(document.records[0].title == "Participación de usuarios en salud mental: ¿qué facilita la implicación?")
        let warning = try #require(document.warnings.first)
        #expect(warning.message.contains("not valid utf-8") && warning.message.contains("latin-1"))
        #expect(warning.description.hasPrefix("old.ris:1: "))
        // Bytes 0x80–0x9F mean Windows-1252 (curly quotes), not Latin-1 control codes.
        let windows = Array("TY  - JOUR\r\nTI  - ".utf8) + [0x93, 0x70, 0x65, 0x65, 0x72, 0x94, 0x20, 0x96, 0x20, 0xE9] + Array("\r\nER  - \r\n".utf8)
        let read = try RISReader.decode(windows)
        #expect(read.encoding == .windows1252)
        #expect(read.records[0].title == "“peer” – é")
    }

    @Test func utf16WithByteOrderMarkIsRecognised() throws {
        let text = try String(decoding: RISFixture.bytes("zotero-like.ris"), as: UTF8.self)
        let expected = try RISReader.decode(RISFixture.bytes("zotero-like.ris")).records
        var little: [UInt8] = [0xFF, 0xFE], big: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let le = try RISReader.decode(little), be = try RISReader.decode(big)
        #expect(le.encoding == .utf16LittleEndian && be.encoding == .utf16BigEndian)
        #expect(le.records == expected && be.records == expected)
        #expect(le.warnings.contains { $0.message.contains("utf-16le") })
    }

    @Test func lineEndsDoNotMatter() throws {
        let crlf = try RISFixture.bytes("zotero-like.ris")
        let text = String(decoding: crlf, as: UTF8.self)
        let lf = Array(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let cr = Array(text.replacingOccurrences(of: "\r\n", with: "\r").utf8)
        let expected = try RISReader.decode(crlf).records
        #expect(try RISReader.decode(lf).records == expected)
        #expect(try RISReader.decode(cr).records == expected)
    }

    @Test func rayyanNotesBecomeDecisionsLabelsAndReasons() throws {
        let document = try RISReader.decode(RISFixture.bytes("rayyan-like.ris"), path: "rayyan.ris")
        let first = document.records[0]
        #expect(first.accessionNumber == "rayyan-229697632")
        #expect(first.notes.isEmpty)
        let screening = try #require(first.screening)
        #expect(screening.decisions == [.init(reviewer: "Matt", decision: .included), .init(reviewer: "Laura", decision: .included)])
        #expect(screening.labels == ["lol", "rofl"])
        #expect(screening.decision(of: "laura") == .included)
        let second = try #require(document.records[1].screening)
        #expect(second.decisions.map(\.decision) == [.excluded, .maybe])
        #expect(second.exclusionReasons == ["wrong study design", "wrong population"])
        #expect(second.reviewerNotes == [.init(reviewer: "Laura", notes: ["check the \"methods\" section", "ask Matt"])])
        // A damaged note is kept verbatim, located, and the record's other note survives.
        let damaged = document.records[3]
        #expect(damaged.screening?.decisions.isEmpty == true)
        #expect(damaged.screening?.otherParts == ["RAYYAN-INCLUSION: {\"Matt\"=>\"Included\", \"Laura\"="])
        #expect(damaged.notes == ["Imported from PubMed"])
        let warning = try #require(document.warnings.first)
        #expect(warning.line == 34 && warning.column == 53, "\(warning)")
        #expect(warning.message == "rayyan note: in RAYYAN-INCLUSION: expected '=>' after \"Laura\"; the part was kept as text")
    }

    @Test func rayyanNoteParsingEdges() {
        let (empty, none) = RayyanScreening.parse("RAYYAN-INCLUSION: {}")
        #expect(empty.decisions.isEmpty && none.isEmpty)
        let (odd, problems) = RayyanScreening.parse("RAYYAN-INCLUSION: {\"Ana | Lu\"=>\"Conflict\"} | RAYYAN-LABELS: a|b, c")
        #expect(problems.isEmpty)
        #expect(odd.decisions == [.init(reviewer: "Ana | Lu", decision: .other("Conflict"))])
        #expect(odd.labels == ["a|b", "c"], "a pipe not followed by a part name stays in the label")
        #expect(RayyanScreening.Decision.other("Conflict").slug == "conflict")
        let (_, trailing) = RayyanScreening.parse("RAYYAN-INCLUSION: {\"A\"=>\"Included\"} junk")
        #expect(trailing.first?.message.contains("after '}'") == true)
        // The written note reads back to the same state.
        let state = RayyanScreening(decisions: [.init(reviewer: "Zoë \"Z\"", decision: .maybe)], labels: ["x"], exclusionReasons: ["wrong outcome"],
                                    reviewerNotes: [.init(reviewer: "Zoë \"Z\"", notes: ["a\\b"])], otherParts: ["SOMETHING: else"])
        #expect(RayyanScreening.parse(state.noteText).screening == state)
    }

    @Test func errorsAreLocatedAndLowercase() throws {
        let outside = Array("\r\nAU  - Shaw, S\r\nTY  - JOUR\r\nER  - \r\n".utf8)
        let error = try #require(throws: FileError.self) { try RISReader.decode(outside, path: "x.ris") }
        #expect(error.line == 2 && error.column == 1)
        #expect(error.message == "'AU' is outside any record; a record starts with 'TY  - ' and ends with 'ER  -'")
        #expect(error.lineText == "AU  - Shaw, S")
        #expect(error.description == "x.ris:2:1: " + error.message)
        let notRIS = try #require(throws: FileError.self) { try RISReader.decode(Array("title,author\nA,B\n".utf8), path: "refs.csv") }
        #expect(notRIS.message.hasPrefix("no records found"))
        #expect(throws: FileError.self) { try RISReader.decode([]) }
        for error in [error, notRIS] { #expect(error.message == error.message.lowercased() || error.message.contains("'")) }
    }

    @Test func tolerantReadingIsReported() throws {
        let text = "Provider: Example\nTY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\nPY  - sometime\nDO  - not a doi\n"
        let document = try RISReader.decode(Array(text.utf8), path: "t.ris")
        #expect(document.records.map(\.title) == ["One", "Two"])
        #expect(document.records[1].date == "sometime" && document.records[1].year == nil)
        #expect(document.records[1].otherFields == [RISField(tag: "DO", value: "not a doi")])
        let messages = document.warnings.map { "\($0.line ?? 0): \($0.message)" }
        #expect(messages.count == 5, "\(messages)")
        #expect(messages[0].hasPrefix("1: line outside any record ignored"))
        #expect(messages[1].hasPrefix("2: the record starting here has no 'ER  -' line"))
        #expect(messages[2].hasPrefix("6: no four-digit year"))
        #expect(messages[3].hasPrefix("7: 'not a doi' is not a doi"))
        #expect(messages[4].hasPrefix("4: the file ends inside the record"))
    }
}
