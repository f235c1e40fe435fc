import Foundation
import Testing
@testable import ReviewKit

/// Imports read what spreadsheets write (issue 10, "Files are written safely", last bullets).
@Suite struct CSVImportRobustnessTests {
    let workspace: Workspace = try! EmbeddedReview.load().workspace

    func decode(_ text: String, as kind: CSVTableKind? = nil, options: CSVImportOptions = CSVImportOptions()) throws(FileError) -> CSVImportResult {
        try CSVImport.decode(Array(text.utf8), as: kind, options: options, path: "in.csv", into: workspace)
    }

    func study(_ result: CSVImportResult, _ id: String) throws -> Study {
        var updated = workspace
        try updated.apply(result.change)
        return try #require(updated.study(id))
    }

    @Test func wholeNumbersWrittenAsFloatsAreAccepted() throws {
        let result = try decode("id,label,reference,year,participants\nS40,Pandas,35.0,2020.0,12.00\n")
        let study = try self.study(result, "S40")
        #expect(study.reference == 35 && study.year == 2020 && study.participants == 12)
        let fraction = try #require(throws: FileError.self) { try decode("id,label,participants\nS40,Pandas,35.5\n") }
        #expect(fraction.message.contains("row 2, column 3 (participants): participants must be a whole number (0–2147483647), not a fraction; got '35.5'"), "\(fraction.message)")
        #expect(fraction.line == 2 && fraction.column == 12)
        let quotes = try decode("id,text,reference\n200.0,A quote,(33.0)\n")
        var updated = workspace
        try updated.apply(quotes.change)
        #expect(updated.quote(200)?.reference == 33)
    }

    @Test func everyWholeNumberColumnReadsFloats() throws {
        // Sub-theme ids and numbers, as pandas writes them when a column has gaps.
        let themes = try decode("id,direction,component,domain,number,label\n900.0,barrier,O-phy,ECR,7.0,Floats\n")
        var updated = workspace
        try updated.apply(themes.change)
        let theme = try #require(updated.subThemes.first { $0.id == 900 })
        #expect(theme.number == 7 && theme.label == "Floats")
        let fraction = try #require(throws: FileError.self) {
            try decode("direction,component,domain,number,label\nbarrier,O-phy,ECR,7.5,Half\n")
        }
        #expect(fraction.message.contains("(number): ") && fraction.message.contains("not a fraction; got '7.5'"), "\(fraction.message)")
    }

    @Test func theBulkQuotePathReadsWhatSpreadsheetsWrite() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let next = workspace.nextQuoteID
        // Floats for the id and reference, semicolons, a notes column, padding cells: still one bulk append.
        let url = directory.appendingPathComponent("pandas.csv")
        try Data("id;text;reference;Reviewer notes;;\n\(next).0;Semi, colon;(33.0);check;;\n".utf8).write(to: url)
        let result = try CSVImport.readForAppend(from: url, into: workspace)
        let appended = try #require(result.appended)
        #expect(appended.count == 1 && result.changes.isEmpty)
        #expect(result.notes.contains("cells are separated by semicolons (;), as the header shows"))
        #expect(result.notes.contains { $0.hasPrefix("ignored a column not in the quotes table: 'Reviewer notes' (column 4)") })
        var updated = workspace
        try updated.apply(result.change)
        let quote = try #require(updated.quote(next))
        #expect(quote.text == "Semi, colon" && quote.reference == 33)
        // UTF-16 goes the ordinary way and still imports.
        let wide = directory.appendingPathComponent("wide.csv")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "text,study\r\nJanoušková 🙂,S01\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: wide)
        let decoded = try CSVImport.readForAppend(from: wide, into: workspace)
        #expect(decoded.notes == ["read wide.csv as UTF-16 (little-endian), as its byte order mark says"])
        var withWide = workspace
        try withWide.apply(decoded.change)
        #expect(withWide.quote(next)?.text == "Janoušková 🙂")
    }

    @Test func aWindows1252FileIsNamedAsSuch() throws {
        // "Janoušková" as Excel's plain "CSV (Comma delimited)" writes it on Windows: š is 0x9A, á is 0xE1.
        let bytes = Array("id,label\r\nS40,Janou".utf8) + [0x9A] + Array("kov".utf8) + [0xE1] + Array("\r\n".utf8)
        let error = try #require(throws: FileError.self) { try CSVImport.decode(bytes, path: "excel.csv", into: workspace) }
        #expect(error.message == "invalid UTF-8 byte 0x9a: the file looks like Windows-1252 (Latin-1) text, where this byte is 'š'; save the file as UTF-8 (\"CSV UTF-8\" in Excel)")
        #expect(error.line == 2 && error.column == 10)
        // Broken UTF-8 after real UTF-8 is not called Windows-1252.
        let mixed = Array("id,label\nS40,Česko ".utf8) + [0xE1, 0x28]
        let broken = try #require(throws: FileError.self) { try CSVImport.decode(mixed, path: "mixed.csv", into: workspace) }
        #expect(broken.message == "invalid UTF-8 byte 0xe1; save the file as UTF-8 (\"CSV UTF-8\" in Excel)")
    }

    @Test func oneRuleForReferences() throws {
        // Study reference 0 was accepted while quote reference 0 was refused: both refuse it now.
        let study = try #require(throws: FileError.self) { try decode("id,label,reference\nS40,Zero,0\n") }
        #expect(study.message.contains("reference must be a whole number from 1 to 2147483647"))
        let quote = try #require(throws: FileError.self) { try decode("text,reference\nx,0\n") }
        #expect(quote.message.contains("reference must be a whole number from 1 to 2147483647"))
        #expect(throws: FileError.self) { try decode("id,label,participants\nS40,Big,9223372036854775807\n") }
        #expect(throws: FileError.self) { try decode("direction,component,domain,number,label\nbarrier,O-phy,ECR,2147483648,x\n") }
    }

    @Test func semicolonsAndTabsAreDetectedOrChosen() throws {
        let semicolons = try decode("id;label;country\nS40;Semi, colon;France\n")
        #expect(semicolons.notes.contains { $0.contains("semicolons") })
        #expect(try study(semicolons, "S40").label == "Semi, colon")
        let tabs = try decode("id\tlabel\nS41\tTabbed\n")
        #expect(try study(tabs, "S41").label == "Tabbed")
        // Chosen explicitly: no note, and a comma header read with ';' is one column.
        let chosen = try decode("id;label\nS42;Chosen\n", options: CSVImportOptions(delimiter: 59))
        #expect(chosen.notes.isEmpty)
        #expect(try study(chosen, "S42").label == "Chosen")
        // A quoted header cell with semicolons inside does not fool the detector.
        let quoted = try decode("id,label,\"notes; more; even more\",year\nS43,Comma,x,2001\n")
        #expect(quoted.notes.contains { $0.contains("notes; more") })
        #expect(try study(quoted, "S43").year == 2001)
    }

    @Test func utf16WithAByteOrderMarkIsDecoded() throws {
        let text = "id,label,country\r\nS40,Janoušková 🙂,Česko\r\n"
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let result = try CSVImport.decode(bytes, path: "excel.csv", into: workspace)
            #expect(result.notes.contains("read excel.csv as UTF-16 (\(bigEndian ? "big" : "little")-endian), as its byte order mark says"))
            let study = try self.study(result, "S40")
            #expect(study.label == "Janoušková 🙂" && study.country == "Česko")
        }
        var broken: [UInt8] = [0xFF, 0xFE]
        for unit in "id,label\nS40,x".utf16 { broken += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        broken += [0x00, 0xD8, 0x41, 0x00]  // a high surrogate followed by 'A'
        let error = try #require(throws: FileError.self) { try CSVImport.decode(broken, path: "bad.csv", into: workspace) }
        #expect(error.message.contains("unpaired surrogate") && error.line == 2 && error.column == 6, "\(error)")
        var unmarked: [UInt8] = []
        for unit in "id,label\nS40,x\n".utf16 { unmarked += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let named = try #require(throws: FileError.self) { try CSVImport.decode(unmarked, path: "u.csv", into: workspace) }
        #expect(named.message == "u.csv looks like UTF-16 text without a byte order mark; save it as UTF-8 (\"CSV UTF-8\" in Excel)")
        let utf32 = try #require(throws: FileError.self) { try CSVImport.decode([0xFF, 0xFE, 0, 0, 0x69, 0, 0, 0], path: "w.csv", into: workspace) }
        #expect(utf32.message.contains("UTF-32"))
    }

    @Test func unknownColumnsAreIgnoredWithANoteOrRefusedOnRequest() throws {
        let text = "id,label,Reviewer notes,year\nS40,Extra,check later,2001\n"
        let result = try decode(text)
        #expect(result.notes == ["ignored a column not in the studies table: 'Reviewer notes' (column 3); its columns are id, label, reference, year, country, design, data_collection, analysis, participants, authors, title, journal, volume, issue, pages, doi, url, abstract, keywords"])
        #expect(try study(result, "S40").year == 2001)
        let refused = try #require(throws: FileError.self) { try decode(text, options: CSVImportOptions(unknownColumns: .refuse)) }
        #expect(refused.message.hasPrefix("unknown column 'Reviewer notes' in in.csv (column 3); studies columns are:"))
        #expect(refused.line == 1 && refused.column == 10)
    }

    @Test func trailingEmptyHeaderCellsAreIgnored() throws {
        let result = try decode("id,label,,, \nS40,Padded,,,\nS41,Short\n")
        #expect(result.added == 2)
        #expect(result.notes.isEmpty)
        let stray = try #require(throws: FileError.self) { try decode("id,label,,\nS40,Padded,,oops\n") }
        #expect(stray.message == "row 2, column 4 has a value, but that column has no name in the header")
        #expect(stray.line == 2 && stray.column == 13)
    }

    @Test func errorsInLongRowsPointAtTheCell() throws {
        let long = String(repeating: "Nobody told me what the role was. ", count: 3000)  // ~100 KB in one cell
        let text = "id,text,direction\nQ300,\"\(long)\",sideways\n"
        let error = try #require(throws: FileError.self) { try decode(text) }
        #expect(error.message.contains("unknown direction 'sideways'"))
        let lineText = try #require(error.lineText)
        let column = try #require(error.column)
        #expect(Array(lineText).dropFirst(column - 1).starts(with: Array("sideways")))
        let excerpt = try #require(error.excerpt(width: 80))
        #expect(excerpt.text.count <= 80)
        #expect(Array(excerpt.text).dropFirst(excerpt.caretColumn - 1).starts(with: Array("sideways")), "\(excerpt)")
        #expect(excerpt.text.hasPrefix("…"))
    }

    @Test func messagesDoNotCutWords() throws {
        let label = "A very long study label that somebody typed into the study column of the quotes sheet by mistake"
        let error = try #require(throws: FileError.self) { try decode("text,study\nx,\(label)\n") }
        let quoted = try #require(error.message.split(separator: "'").dropFirst().first)
        #expect(quoted.hasSuffix("…"))
        #expect(label.hasPrefix(String(quoted.dropLast())))
        #expect(label[label.index(label.startIndex, offsetBy: quoted.count - 1)] == " ", "cut at a space: \(quoted)")
    }

    @Test func reimportingManyStudiesAndAppraisalsMatchesEveryRow() throws {
        // Existing studies and appraisals are found through dictionaries built once per import (they were
        // linear searches per row). The scaling itself is a review-bench case, not a timed test.
        var big = Workspace()
        var studies = "id,label\n", appraisals = "study,reviewer,q1\n"
        for index in 0..<2000 {
            studies += "B\(index),Study \(index)\n"
            appraisals += "B\(index),R,yes\n"
        }
        try big.apply(try CSVImport.decode(Array(studies.utf8), into: big).change)
        try big.apply(try CSVImport.decode(Array(appraisals.utf8), into: big).change)
        let again = try CSVImport.decode(Array(appraisals.utf8), into: big)
        #expect(again.unchanged == 2000 && again.changes.isEmpty)
        let renamed = try CSVImport.decode(Array(studies.replacingOccurrences(of: "Study ", with: "Renamed ").utf8), into: big)
        #expect(renamed.updated == 2000)
    }
}
