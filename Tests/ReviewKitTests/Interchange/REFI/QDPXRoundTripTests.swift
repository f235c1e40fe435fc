import Foundation
import Testing
@testable import ReviewKit

/// A workspace with everything a REFI-QDA export carries: the seed review plus study details, a second coder,
/// free codes, bibliographic records, notes and text that tests positions (emoji, combining accents, CR LF).
enum RichReview {
    static func make() throws -> (Workspace, REFIExportOptions) {
        var workspace = try EmbeddedReview.load().workspace
        var s06 = workspace.study("S06")!
        s06.year = 2017; s06.country = "Czech Republic"; s06.participants = 21; s06.design = "qualitative"; s06.reference = 33
        s06.dataCollection = "interviews"; s06.analysis = "thematic analysis"
        try workspace.apply(.updateStudy(s06))
        try workspace.apply(.setAppraisal(Appraisal(studyID: "S06", reviewer: "AB", answers: [.yes, .no, nil, .cantTell, .yes, .yes, .yes, .yes, .yes, .yes])))
        try workspace.apply(.addStudy(Study(id: "S34", label: "Nguyễn & Janous\u{030C}kova\u{0301} 👩🏽‍⚕️"), at: nil))
        let next = workspace.nextQuoteID
        try workspace.apply(.addQuote(Quote(id: next, text: "First line\r\nsecond line 👩🏽‍⚕️ with e\u{0301} and \u{1F1E8}\u{1F1FF}", direction: .barrier,
                                            component: .socialOpportunity, domain: .socialInfluences, studyID: "S34", reference: 7, page: "p. 12–13")))
        try workspace.apply(.addQuote(Quote(id: next + 1, text: "\u{FEFF}starts with a zero-width no-break space", studyID: "S34")))
        try workspace.apply(.addQuote(Quote(id: next + 2, text: "A quote no study is given for", direction: .facilitator)))
        workspace.metadata["note-key"] = "a value: with a colon"

        let first = workspace.quote(atRow: 0), second = workspace.quote(atRow: 1)
        var codings: [Int: [String: FrameworkCoding]] = [:]
        codings[first.id] = ["review": FrameworkCoding(first), "Laura": FrameworkCoding(direction: .facilitator, component: .reflectiveMotivation, domain: .goals)]
        codings[second.id] = ["Laura": FrameworkCoding(second)]
        let options = REFIExportOptions(
            codings: codings,
            tags: [first.id: ["peer training", "★ memorable"], next: ["peer training"]],
            bibliography: ["S06": BibliographicRecord(authors: ["Janoušková, M.", "Pekara, J."], title: "Experiences of peer support workers",
                                                      year: 2017, journal: "Psychiatric Services", volume: "68", issue: "3", pages: "516-524",
                                                      doi: "10.1176/appi.ps.201600128", keywords: ["peer support", "Czech Republic"])],
            notes: ["First note.", "Second note\nover two lines & <markup>."])
        return (workspace, options)
    }
}

@Suite struct QDPXRoundTripTests {
    @Test func exportThenImportGivesTheSameReview() throws {
        let (workspace, options) = try RichReview.make()
        let result = QDPXExport.export(workspace, options: options)
        #expect(result.report.isEmpty, "\(result.report)")
        let bytes = try result.archive.encoded()
        let archive = try QDPXArchive(bytes: bytes, path: "review.qdpx")
        #expect(archive == result.archive, "the archive reads back as written")

        let plan = REFIImport.plan(archive, into: Workspace())
        #expect(plan.unmapped.isEmpty, "\(plan.unmapped)")
        var imported = Workspace()
        try imported.apply(plan.change)
        imported.metadata = plan.metadata
        #expect(imported.studies == workspace.studies)
        #expect(imported.subThemes == workspace.subThemes)
        #expect(imported.appraisals.sorted { ($0.studyID, $0.reviewer) < ($1.studyID, $1.reviewer) }
                == workspace.appraisals.sorted { ($0.studyID, $0.reviewer) < ($1.studyID, $1.reviewer) })
        #expect(imported.metadata == workspace.metadata)
        #expect(imported.quotes.count == workspace.quotes.count)
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            let other = imported.quote(quote.id)
            if options.codings[quote.id]?.count ?? 1 > 1 {
                #expect(other.map { FrameworkCoding($0).isEmpty } == true, "coders disagree: the workspace coding is left empty")
                #expect(other.map { Quote(id: $0.id, text: $0.text, studyID: $0.studyID, reference: $0.reference, page: $0.page) }
                        == Quote(id: quote.id, text: quote.text, studyID: quote.studyID, reference: quote.reference, page: quote.page))
            } else {
                #expect(other == quote, "Q\(quote.id)")
            }
        }
        // What the workspace cannot hold yet comes back in the plan.
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            let expected = (options.codings[quote.id] ?? ["review": FrameworkCoding(quote)]).filter { !$0.value.isEmpty }
            #expect((plan.codings[quote.id] ?? [:]) == expected, "\(quote.label)")
        }
        #expect(plan.tags == options.tags)
        #expect(plan.coders == ["Laura", "review"])
        #expect(plan.projectNotes == options.notes)
        let record = try #require(plan.bibliography["S06"])
        let original = options.bibliography["S06"]!
        #expect(record == original)
        #expect(plan.studies.allSatisfy { $0.match == .new || $0.match == .none })
        #expect(plan.lineEnds == .asWritten)
    }

    @Test func sameReviewSameBytes() throws {
        let (workspace, options) = try RichReview.make()
        let a = try QDPXExport.export(workspace, options: options).archive.encoded()
        let b = try QDPXExport.export(workspace, options: options).archive.encoded()
        #expect(a == b)
        var dated = options
        dated.date = Date(timeIntervalSince1970: 1_764_583_200)
        let project = QDPXExport.export(workspace, options: dated).archive.project
        #expect(project.creationDateTime == "2025-12-01T10:00:00Z")
    }

    @Test func importingIntoTheSameWorkspaceMatchesEverything() throws {
        let (workspace, options) = try RichReview.make()
        let archive = try QDPXArchive(bytes: QDPXExport.export(workspace, options: options).archive.encoded())
        let plan = REFIImport.plan(archive, into: workspace)
        #expect(plan.changes.isEmpty, "\(plan.changes.prefix(3))")
        let allExisting = plan.quotes.allSatisfy { $0.isExisting }
        #expect(allExisting)
        #expect(plan.studies.filter { $0.studyID != nil }.allSatisfy { $0.match == .byID })
        #expect(plan.notices.contains { $0.contains("matched quotes the workspace already holds") })
        #expect(plan.unmapped.isEmpty, "\(plan.unmapped)")
    }

    @Test func positionsAreCodePointsEndExclusive() throws {
        let (workspace, options) = try RichReview.make()
        let archive = QDPXExport.export(workspace, options: options).archive
        let name = "Nguyễn & Janous\u{030C}kova\u{0301} 👩🏽‍⚕️"
        let source = try #require(archive.project.sources.first { $0.name == name })
        let text = String(decoding: archive.sources[QDPXArchive.internalFile(source.plainTextPath)!]!, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        #expect(scalars.first == "F", "no byte-order mark is written")
        let first = source.selections[0], second = source.selections[1]
        #expect(first.start == 0)
        // "First line\r\nsecond line 👩🏽‍⚕️ with e\u{0301} and 🇨🇿": CR LF two positions, the emoji five, e + accent two, the flag two.
        #expect(first.end == 10 + 2 + 12 + 5 + 6 + 2 + 5 + 2)
        #expect(second.start == first.end + 2)
        #expect(String(String.UnicodeScalarView(scalars[second.start..<second.end])) == "\u{FEFF}starts with a zero-width no-break space")
        #expect(first.name == workspace.quote(atRow: workspace.quotes.count - 3).label)
        #expect(first.description == "reference: 7\npage: p. 12–13")
    }
}
