import Foundation
import Testing
@testable import ReviewKit

/// Free codes on quotes: the one tag rule, undo through the change's inverse, and journal compatibility.
@Suite struct QuoteTagsTests {
    @Test(arguments: [("", "a tag needs a name"), ("   ", "a tag needs a name"), ("two\tparts", "holds a tab"), (" lead", "starts or ends with a space"),
                      (String(repeating: "é", count: 201), "at most 200 characters")])
    func badTagsAreRefused(_ tag: String, _ message: String) {
        #expect(throws: ReviewError.self) { try QuoteTags.check(tag) }
        do { try QuoteTags.check(tag) } catch { #expect(error.message.contains(message), "\(error.message)") }
    }

    @Test func tagsCompareWithoutCaseOrAccents() {
        #expect(QuoteTags.adding("Peer Training", to: ["peer training"]) == nil)
        #expect(QuoteTags.adding("Janoušková", to: ["janouskova"]) == nil)
        #expect(QuoteTags.removing("PEER training", from: ["peer training", "cost"]) == ["cost"])
        #expect(QuoteTags.normalized("  peer \n training ") == "peer training")
        #expect(QuoteTags.normalized("a \u{0301}b") == "a \u{0301}b", "a combining mark after a space is kept")
        #expect(QuoteTags.adding(String(repeating: "x", count: 200), to: []) != nil)
    }

    @Test func aTagIsUndoneByTheInverse() throws {
        var workspace = try EmbeddedReview.load().workspace
        let before = workspace.quote(1)!
        var tagged = before
        tagged.tags = ["peer training", "★ memorable 👩🏽‍⚕️"]
        let inverse = try workspace.apply(.updateQuote(tagged))
        #expect(workspace.quote(1)?.tags == tagged.tags)
        #expect(QuoteTagCounts(workspace.quotes).entries.map(\.tag) == ["peer training", "★ memorable 👩🏽‍⚕️"])
        try workspace.apply(inverse)
        #expect(workspace.quote(1) == before)
        var twice = before
        twice.tags = ["a", "A"]
        #expect(throws: ReviewError.self) { try workspace.apply(.updateQuote(twice)) }
        #expect(workspace.quote(1) == before, "a refused change changes nothing")
    }

    @Test func journaledChangesReadBackAndOldJournalsStillRead() throws {
        var quote = Quote(id: 3, text: "text", studyID: "S01", tags: ["peer training"])
        let change = WorkspaceChange.updateQuote(quote)
        let bytes = Journal.encode(change)
        #expect(try JSONDecoder().decode(WorkspaceChange.self, from: Data(bytes)) == change)
        // A quote journaled before tags existed has no "tags" key; it reads as untagged.
        quote.tags = []
        let old = String(decoding: Journal.encode(WorkspaceChange.updateQuote(quote)), as: UTF8.self)
        #expect(!old.contains("tags"))
        #expect(try JSONDecoder().decode(WorkspaceChange.self, from: Data(old.utf8)) == .updateQuote(quote))
        // A study's reference is optional in the same way.
        let study = Study(id: "S01", label: "A").attaching(BibliographicRecord(authors: ["A, B."], doi: "10.1000/x"))
        #expect(try JSONDecoder().decode(WorkspaceChange.self, from: Data(Journal.encode(WorkspaceChange.updateStudy(study)))) == .updateStudy(study))
    }

    @Test func aStudysReferenceTakesItsYearFromTheStudy() throws {
        var workspace = Workspace()
        let study = Study(id: "S01", label: "A").attaching(BibliographicRecord(title: "T", year: 2019, doi: "10.1000/X"))
        #expect(study.year == 2019 && study.bibliography?.year == nil && study.bibliographicRecord?.year == 2019)
        try workspace.apply(.addStudy(study, at: nil))
        var wrong = study
        wrong.bibliography?.year = 2020
        #expect(throws: ReviewError.self) { try workspace.apply(.updateStudy(wrong)) }
        var badDOI = study
        badDOI.bibliography?.doi = "n/a"
        #expect(throws: ReviewError.self) { try workspace.apply(.updateStudy(badDOI)) }
        #expect(Study(id: "S02", label: "B").attaching(BibliographicRecord(year: 1066)).bibliography?.date == "1066", "a year no study holds is kept as the date")
    }
}
