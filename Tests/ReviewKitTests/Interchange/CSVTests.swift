import Foundation
import Testing
@testable import ReviewKit

/// The cases `reference_csv.py` wrote with Python's csv module (a second implementation).
struct CSVReference: Decodable {
    struct ParseCase: Decodable { let name: String; let text: String; let bom: Bool; let rows: [[String]] }
    struct WriteCase: Decodable { let name: String; let rows: [[String]]; let text: String }
    let parse: [ParseCase]
    let write: [WriteCase]

    static let shared: CSVReference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/csv-reference.json")
        return try! JSONDecoder().decode(CSVReference.self, from: Data(contentsOf: url))
    }()
}

@Suite struct CSVTests {
    @Test func parsesLikePythonsCSVModule() throws {
        let reference = CSVReference.shared
        #expect(reference.parse.count > 300)
        for item in reference.parse {
            let bytes = (item.bom ? [0xEF, 0xBB, 0xBF] : []) + Array(item.text.utf8)
            #expect(try CSV.rows(bytes) == item.rows, "\(item.name): \(item.text.debugDescription)")
        }
    }

    @Test func writesTheSameBytesAsPython() throws {
        for item in CSVReference.shared.write {
            var writer = CSV.Writer()
            for row in item.rows { writer.row(row) }
            #expect(String(decoding: writer.bytes, as: UTF8.self) == item.text, "\(item.name)")
            #expect(try CSV.rows(writer.bytes) == item.rows, "\(item.name) reads back")
        }
    }

    @Test func malformedCSVIsLocated() throws {
        let cases: [(String, Int, Int, String)] = [
            ("a,b\n1,\"open\n", 2, 3, "never closed"),
            ("a,b\n\"x\"y,2\n", 2, 4, "after a closing quote"),
            ("a,b\n\"multi\nline\" z,2\n", 3, 6, "after a closing quote"),
        ]
        for (text, line, column, expected) in cases {
            let error = try #require(throws: FileError.self) { try CSV.rows(Array(text.utf8), path: "q.csv") }
            #expect(error.message.contains(expected), "\(error)")
            #expect(error.line == line && error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.path == "q.csv")
        }
        let bad = Array("a,b\nc,d".utf8) + [0xC3, 0x28]
        let error = try #require(throws: FileError.self) { try CSV.rows(bad, path: "u.csv") }
        #expect(error.message.contains("invalid UTF-8 byte 0xc3"))
        #expect(error.line == 2 && error.column == 4)
    }

    @Test func shellEntryPoint() throws {
        #expect(try CSVText.rows("a,\"b,c\"\r\nd,e") == [["a", "b,c"], ["d", "e"]])
        #expect(CSVText.text([["a", "b,c"], [""]]) == "a,\"b,c\"\r\n\"\"\r\n")
    }

    // MARK: import

    @Test func exportThenImportGivesTheSameWorkspace() throws {
        var generator = RandomWorkspace(seed: 2025)
        for round in 0..<10 {
            let original = generator.workspace(studies: 2 + round, quotes: 20 * round).workspace
            var rebuilt = Workspace()
            rebuilt.metadata = original.metadata
            for kind in [CSVTableKind.studies, .subthemes, .appraisals, .quotes] {
                let bytes = CSVExport.encode(kind, workspace: original, byteOrderMark: round % 2 == 0)
                let result = try CSVImport.decode(bytes, path: kind.fileName, into: rebuilt)
                #expect(result.kind == kind)
                #expect(result.updated == 0 && result.unchanged == 0)
                try rebuilt.apply(result.change)
                // Importing the same file again changes nothing.
                let again = try CSVImport.decode(bytes, as: kind, path: kind.fileName, into: rebuilt)
                #expect(again.changes.isEmpty, "\(kind): \(again.changes.prefix(2))")
                #expect(again.unchanged == again.rows)
            }
            // studies.csv carries a reference's authors … keywords; its type, date, notes, accession number, Rayyan
            // screening and other RIS fields stay with the study (snapshots and `export ris` carry them).
            var carried = original
            for study in original.studies {
                guard let record = study.bibliography else { continue }
                var kept = study
                kept.bibliography = BibliographicRecord(authors: record.authors, title: record.title, journal: record.journal, volume: record.volume,
                                                        issue: record.issue, pages: record.pages, doi: record.doi, url: record.url,
                                                        abstract: record.abstract, keywords: record.keywords)
                try carried.apply(.updateStudy(kept))
            }
            expectSameWorkspace(rebuilt, carried)
        }
    }

    @Test func theEmbeddedReviewRoundTrips() throws {
        let original = try EmbeddedReview.load().workspace
        var rebuilt = Workspace()
        rebuilt.metadata = original.metadata
        for kind in [CSVTableKind.studies, .subthemes, .appraisals, .quotes] {
            try rebuilt.apply(try CSVImport.decode(CSVExport.encode(kind, workspace: original), into: rebuilt).change)
        }
        expectSameWorkspace(rebuilt, original)
    }

    func workspaceWithThemes() throws -> Workspace {
        var workspace = try EmbeddedReview.load().workspace
        try workspace.apply(.removeQuote(id: 1))
        return workspace
    }

    @Test func quotesAcceptAliasesCodesAndLabels() throws {
        let workspace = try workspaceWithThemes()
        let csv = """
        Text,Direction,Component,Domain,Sub-theme,Study,Reference,Page\r
        "“A new quote, with a comma”",barrier,Physical opportunity,ECR,B/ECR/2,S05,(33),p. 4\r
        Another one,F,psych,skills,,Tang et al.,,\r
        Third,,,,Utilising life skills,,,\r
        ,,,,,,,\r
        """
        let result = try CSVImport.decode(Array(csv.utf8), path: "quotes.csv", into: workspace)
        #expect(result.kind == .quotes)
        #expect(result.added == 3)
        var updated = workspace
        try updated.apply(result.change)
        let first = try #require(updated.quote(47))
        #expect(first.text == "“A new quote, with a comma”")
        #expect(first.component == .physicalOpportunity && first.domain == .environmentalContextAndResources && first.direction == .barrier)
        #expect(updated.subTheme(first.subTheme!)?.code == "B/ECR/2")
        #expect(first.studyID == "S05" && first.reference == 33 && first.page == "p. 4")
        let second = try #require(updated.quote(48))
        #expect(second.direction == .facilitator && second.component == .psychologicalCapability && second.domain == .skills)
        #expect(second.studyID == "S14" && second.subTheme == nil)
        let third = try #require(updated.quote(49))
        #expect(third.direction == .facilitator && third.domain == .skills && third.subTheme != nil)
    }

    @Test func badCellsAreNamedByFileRowAndColumn() throws {
        let workspace = try workspaceWithThemes()
        let header = "id,text,direction,component,domain,subtheme,study,reference,page\n"
        let cases: [(String, Int, Int, String)] = [
            (header + "Q100,text,barrier,Capabilty physical,,,,,\n", 2, 19, "row 2, column 4 (component): unknown component 'Capabilty physical'; expected one of: psychological capability"),
            (header + "Q100,text,sideways,,,,,,\n", 2, 11, "row 2, column 3 (direction): unknown direction 'sideways'; expected one of: barrier, facilitator"),
            (header + "Q100,text,,,,,,,\nQ101,\"two\nlines\",,,knowlege-ish,,,,\n", 4, 10, "row 3, column 5 (domain): unknown domain"),
            (header + "Q100,text,,,,B/XYZ/9,,,\n", 2, 14, "unknown sub-theme 'B/XYZ/9'; give its id, a code such as B/ECR/2 or a label; valid codes: B/Know/1"),
            (header + "Q100,text,facilitator,,,B/ECR/2,,,\n", 2, 11, "does not match sub-theme B/ECR/2"),
            (header + "Q100,text,,,,,S99,,\n", 2, 15, "unknown study 'S99'"),
            (header + "Q100,text,,,,,Debyser et al.,,\n", 2, 15, "shared by S25, S29"),
            (header + "Q100,text,,,,,,-3,\n", 2, 16, "reference must be a whole number"),
            (header + "Q100,   ,,,,,,,\n", 2, 6, "needs its verbatim text"),
            (header + "Q100,a,,,,,,,\nQ100,b,,,,,,,\n", 3, 1, "appears twice"),
            (header + "x12,a,,,,,,,\n", 2, 1, "quote id must be a positive number"),
            (header + "Q100,a,,,,,,\n", 2, 1, "row 2 has 8 fields but the header has 9"),
            ("id,text,TEXT\n", 1, 9, "appears twice"),
            ("id,direction\n", 1, 1, "cannot tell which table"),
        ]
        let unknown = ("id,text,colour\n1,a,red\n", 1, 9, "unknown column 'colour' in quotes.csv (column 3); quotes columns are: id, text")
        for (text, line, column, expected) in cases + [unknown] {
            let options = CSVImportOptions(unknownColumns: .refuse)
            let error = try #require(throws: FileError.self, "\(expected)") {
                try CSVImport.decode(Array(text.utf8), options: options, path: "quotes.csv", into: workspace)
            }
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.line == line, "\(expected): line \(String(describing: error.line))")
            #expect(error.column == column, "\(expected): column \(String(describing: error.column))")
            #expect(error.path == "quotes.csv")
            #expect(error.lineText != nil)
        }
        let missing = try #require(throws: FileError.self) { try CSVImport.decode(Array("id,page\n".utf8), as: .quotes, path: "x.csv", into: workspace) }
        #expect(missing.message.contains("has no text column"))
        let empty = try #require(throws: FileError.self) { try CSVImport.decode([], path: "e.csv", into: workspace) }
        #expect(empty.message.contains("is empty"))
    }

    @Test func appraisalsAcceptWordsAndScores() throws {
        let workspace = try EmbeddedReview.load().workspace
        let csv = "study,reviewer,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10\nS01,LS,yes,1,1.0,can't tell,0.5,no,0,,Y,N\nS02,LS,yes,yes,yes,yes,yes,yes,yes,yes,yes,maybe\n"
        let error = try #require(throws: FileError.self) { try CSVImport.decode(Array(csv.utf8), path: "appraisals.csv", into: workspace) }
        #expect(error.message.contains("row 3, column 12 (q10): answer 'maybe' to q10 is not one of: yes, can't tell, no (or 1, 0.5, 0)"))
        let good = String(csv.split(separator: "\n").prefix(2).joined(separator: "\n"))
        let result = try CSVImport.decode(Array(good.utf8), path: "appraisals.csv", into: workspace)
        #expect(result.added == 1)
        guard case .setAppraisal(let appraisal) = result.changes.first else { Issue.record("no appraisal"); return }
        #expect(appraisal.reviewer == "LS")
        #expect(appraisal.answers == [.yes, .yes, .yes, .cantTell, .cantTell, .no, .no, nil, .yes, .no])
    }

    @Test func importIsAllOrNothingAndUpdatesMerge() throws {
        let workspace = try EmbeddedReview.load().workspace
        // Row 3 is bad: nothing from row 2 comes back either.
        let bad = "id,label,year\nS01,Renamed,2020\nS02,Other,1492\n"
        #expect(throws: FileError.self) { try CSVImport.decode(Array(bad.utf8), path: "studies.csv", into: workspace) }
        let good = "id,label,year\nS01,Ben-Dor I et al.,2020\nS34,New study,\n"
        let result = try CSVImport.decode(Array(good.utf8), path: "studies.csv", into: workspace)
        #expect(result.updated == 1 && result.added == 1)
        var updated = workspace
        try updated.apply(result.change)
        #expect(updated.study("S01")?.year == 2020)
        #expect(updated.study("S01")?.label == "Ben-Dor I et al.")
        #expect(updated.studies.last?.id == "S34")
    }
}
