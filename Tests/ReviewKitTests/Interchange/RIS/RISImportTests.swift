import Foundation
import Testing
@testable import ReviewKit

@Suite struct RISImportTests {
    @Test func newRecordsBecomeStudiesAndDuplicatesAreReported() throws {
        let document = try RISReader.decode(RISFixture.bytes("rayyan-like.ris"), path: "rayyan.ris")
        var workspace = Workspace()
        let plan = RISImport.plan(document, into: workspace)
        #expect(plan.items.map(\.outcome) == [
            .new(studyID: "S01"), .new(studyID: "S02"),
            .duplicate(ofRecord: 0, reason: .sameTitleAndYear), .new(studyID: "S03"),
        ])
        #expect(plan.report == ["record at line 22 (Ben-Dor) repeats the record at line 1 (same title and year); not imported twice"])
        try workspace.apply(plan.change)
        #expect(workspace.studies.map(\.label) == ["Ben-Dor and Petrakis", "Doe", "Roe"])
        #expect(workspace.studies.map(\.year) == [2019, 2018, 2021])
        #expect(plan.bibliography["S01"]?.doi == "10.1080/09638237.2019.1608934")
        #expect(plan.screening["S01"]?.decisions.count == 2)
        #expect(plan.screening["S02"]?.exclusionReasons == ["wrong study design", "wrong population"])

        // Importing the same file again matches every study: nothing is doubled.
        let again = RISImport.plan(document, into: workspace, bibliography: plan.bibliography)
        #expect(again.items.map(\.outcome) == [
            .matched(studyID: "S01", reason: .sameDOI), .matched(studyID: "S02", reason: .sameTitleAndYear),
            .duplicate(ofRecord: 0, reason: .sameTitleAndYear), .matched(studyID: "S03", reason: .sameTitleAndYear),
        ])
        #expect(again.changes.isEmpty)
    }

    @Test func matchingAgainstTheSeedLabelsIsUncertainUntilAsked() throws {
        let seed = try EmbeddedReview.load().workspace
        let record = BibliographicRecord(authors: ["Janoušková, M."], title: "Experiences of peer support workers", year: 2017)
        let gillard = BibliographicRecord(authors: ["Gillard, S."], title: "Peer support", year: 2019)
        let document = RISDocument(entries: [.init(record: record, line: 1), .init(record: gillard, line: 9)])
        let cautious = RISImport.plan(document, into: seed)
        #expect(cautious.items.map(\.outcome) == [
            .uncertain(candidates: ["S06"], reason: .authorAndLabel),
            .uncertain(candidates: ["S12", "S32"], reason: .authorAndLabel),
        ])
        #expect(cautious.changes.isEmpty)
        #expect(cautious.report[1].contains("may be study S12 or S32"))
        let attach = RISImport.plan(document, into: seed, uncertain: .attachWhenSingle)
        #expect(attach.items[0].outcome == .matched(studyID: "S06", reason: .authorAndLabel))
        #expect(attach.changes == [.updateStudy(Study(id: "S06", label: "Janoušková et al.", year: 2017))])
        #expect(attach.items[1].outcome == .uncertain(candidates: ["S12", "S32"], reason: .authorAndLabel))
        let add = RISImport.plan(document, into: seed, uncertain: .addAsNew)
        #expect(add.items.map(\.outcome) == [.new(studyID: "S34"), .new(studyID: "S35")])
    }

    @Test func matchedRecordsFillTheExistingOne() {
        let existing = BibliographicRecord(authors: ["A, B"], title: "T", doi: "10.1/x", keywords: ["k"])
        let incoming = BibliographicRecord(authors: ["Other"], title: "T2", year: 2020, journal: "J", keywords: ["k", "m"])
        let merged = existing.filling(from: incoming)
        #expect(merged.authors == ["A, B"] && merged.title == "T" && merged.year == 2020 && merged.journal == "J")
        #expect(merged.keywords == ["k", "m"])
    }
}

@Suite struct RISExportTests {
    @Test func everyStudyIsWrittenAndReadsBackMatched() throws {
        let seed = try EmbeddedReview.load().workspace
        let record = BibliographicRecord(authors: ["Janoušková, M."], title: "Experiences of peer support workers", year: 2017, doi: "10.1176/appi.ps.201600128")
        let records = RISExport.records(of: seed, bibliography: ["S06": record])
        #expect(records.count == seed.studies.count)
        #expect(records[5] == record)
        #expect(records[0].title == "Ben-Dor I et al." && records[0].notes == ["review study S01 (Ben-Dor I et al.); no bibliographic record yet"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString).ris")
        defer { try? FileManager.default.removeItem(at: url) }
        try RISExport.write(seed, bibliography: ["S06": record], to: url)
        let read = try RISReader.read(from: url)
        #expect(read.records == records)
        let plan = RISImport.plan(read, into: seed, bibliography: Dictionary(uniqueKeysWithValues: zip(seed.studies.map(\.id), records)))
        // Re-importing the export adds no study: S06 matches by DOI (and gains its year); the minimal records,
        // titled with a label and without a year, are only possible matches, listed and left out.
        #expect(plan.changes == [.updateStudy(Study(id: "S06", label: "Janoušková et al.", year: 2017))])
        #expect(plan.items[5].outcome == .matched(studyID: "S06", reason: .sameDOI))
        #expect(plan.leftOut.count == 32)
        #expect(plan.items[0].outcome == .uncertain(candidates: ["S01"], reason: .sameTitleYearMissing))
        #expect(plan.items[31].outcome == .uncertain(candidates: ["S12", "S32"], reason: .sameTitleYearMissing))
    }
}
