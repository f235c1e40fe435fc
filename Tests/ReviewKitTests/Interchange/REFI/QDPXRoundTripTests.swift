import Foundation
import Testing
@testable import ReviewKit

/// A workspace with everything a REFI-QDA export carries: the seed review plus study details, reviewers' codings
/// (agreeing, differing with and without a consensus, a reviewer named like the export's own user, a quote whose
/// own coding was changed after its reviewers coded it), free codes, bibliographic records, notes and text that
/// tests positions (emoji, combining accents, CR LF).
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

        let first = workspace.quote(atRow: 0), second = workspace.quote(atRow: 1), third = workspace.quote(atRow: 2), fourth = workspace.quote(atRow: 3)
        let zoe = "Zoë Ångström 👩🏽‍⚕️"
        // First quote: Laura and AB differ, a consensus settles it. Second: Laura, Zoë and a reviewer called "review" agree.
        try workspace.apply(.setReviewerCoding(ReviewerCoding(first, reviewer: "AB")))
        try workspace.apply(.setReviewerCoding(ReviewerCoding(quoteID: first.id, reviewer: "Laura", direction: .facilitator,
                                                              component: .reflectiveMotivation, domain: .goals)))
        try workspace.apply(.setReviewerCoding(ReviewerCoding(first, reviewer: ReviewerCoding.consensus)))
        for name in ["Laura", zoe, "review"] { try workspace.apply(.setReviewerCoding(ReviewerCoding(second, reviewer: name))) }
        // Third: AB and Laura differ on the component and domain with no consensus (the quote keeps the direction only).
        try workspace.apply(.setReviewerCoding(ReviewerCoding(quoteID: third.id, reviewer: "AB", direction: .barrier,
                                                              component: .psychologicalCapability, domain: .knowledge)))
        try workspace.apply(.setReviewerCoding(ReviewerCoding(quoteID: third.id, reviewer: "Laura", direction: .barrier,
                                                              component: .physicalOpportunity, domain: .environmentalContextAndResources)))
        // Fourth: coded by Laura alone (a domain only), then the quote's own coding changed without a reviewer.
        try workspace.apply(.setReviewerCoding(ReviewerCoding(quoteID: fourth.id, reviewer: "Laura", domain: .emotion)))
        var recoded = workspace.quote(fourth.id)!
        (recoded.direction, recoded.component, recoded.domain, recoded.subTheme) = (.facilitator, .socialOpportunity, .socialInfluences, nil)
        try workspace.apply(.updateQuote(recoded))
        let options = REFIExportOptions(
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
        var tagged = Workspace()
        try tagged.apply(plan.workspaceChange(for: Workspace()).change)
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            #expect(imported.quote(quote.id) == quote, "Q\(quote.id)")
            var withTags = quote
            withTags.tags = options.tags[quote.id] ?? []
            #expect(tagged.quote(quote.id) == withTags, "Q\(quote.id) with its free codes")
        }
        // The reviewers' codings and the consensus come back as they were; the quotes' own coding too, even where it
        // was changed after the reviewers coded (the fourth quote), and the unresolved quote stays unresolved.
        #expect(imported.reviewerCodings == workspace.reviewerCodings)
        #expect(imported.reviewers == workspace.reviewers)
        #expect(imported.unresolvedCodings.map(\.quoteID) == workspace.unresolvedCodings.map(\.quoteID))
        #expect(!workspace.unresolvedCodings.isEmpty)
        #expect(plan.tags == options.tags)
        #expect(plan.coders == ["AB", "Laura", "Zoë Ångström 👩🏽‍⚕️", "review"], "in the export's order: by name, as Swift orders strings")
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
