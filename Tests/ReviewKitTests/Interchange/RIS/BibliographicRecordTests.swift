import Testing
@testable import ReviewKit

@Suite struct BibliographicRecordTests {
    @Test func doisNormaliseToOneForm() {
        let forms = [
            "10.1186/s12913-018-3778-2", "10.1186/S12913-018-3778-2", " doi:10.1186/s12913-018-3778-2 ",
            "DOI: 10.1186/s12913-018-3778-2.", "https://doi.org/10.1186/s12913-018-3778-2",
            "http://dx.doi.org/10.1186/S12913-018-3778-2", "https://doi.org/10.1186%2Fs12913-018-3778-2",
            "doi 10.1186/s12913-018-3778-2;",
        ]
        for form in forms { #expect(DOI.normalized(form) == "10.1186/s12913-018-3778-2", "\(form)") }
        for bad in ["", "10.1186", "11.1186/x", "10./x", "10.abc/x", "https://example.org/10.1/x", "10.1/", "10.1/a b"] {
            #expect(DOI.normalized(bad) == nil, "\(bad)")
        }
    }

    @Test func titlesFoldCaseAccentsPunctuationAndMarkup() {
        let a = BibliographicMatching.titleKey("Peer support: a “lived experience” study—Janoušková's <i>view</i>.")
        let b = BibliographicMatching.titleKey("PEER SUPPORT A LIVED EXPERIENCE STUDY JANOUSKOVA S VIEW")
        #expect(a == b)
        #expect(a == "peer support a lived experience study janouskova s view")
        // Decomposed accents fold like precomposed ones.
        #expect(BibliographicMatching.titleKey("Janous\u{030C}kova\u{0301}") == BibliographicMatching.titleKey("Janoušková"))
        #expect(BibliographicMatching.titleKey("  ...  ") == "")
    }

    @Test func matchingByDOIThenTitleAndYear() {
        let base = BibliographicRecord(title: "Barriers to involvement", year: 2020, doi: "10.1/ABC")
        #expect(BibliographicMatching.reason(base, matches: BibliographicRecord(title: "Other", year: 1999, doi: "https://doi.org/10.1/abc")) == .sameDOI)
        #expect(BibliographicMatching.reason(base, matches: BibliographicRecord(title: "Barriers to involvement", year: 2020, doi: "10.1/other")) == nil,
                "different dois are different works even with the same title")
        let noDOI = BibliographicRecord(title: "barriers to INVOLVEMENT.", year: 2020)
        #expect(BibliographicMatching.reason(base, matches: noDOI) == .sameTitleAndYear)
        #expect(BibliographicMatching.reason(base, matches: BibliographicRecord(title: "Barriers to involvement", year: 2021)) == nil)
        #expect(BibliographicMatching.reason(base, matches: BibliographicRecord(title: "Barriers to involvement")) == .sameTitleYearMissing)
        #expect(BibliographicMatching.Reason.sameTitleYearMissing.isCertain == false)
        #expect(BibliographicMatching.reason(BibliographicRecord(), matches: BibliographicRecord()) == nil, "no title, no doi: no match")
    }

    @Test func duplicatesAreGroupedAndReported() {
        let records = [
            BibliographicRecord(title: "A study", year: 2020, doi: "10.1/a"),      // 0
            BibliographicRecord(title: "Something else", year: 2019),              // 1
            BibliographicRecord(title: "A STUDY.", year: 2020),                    // 2: title+year with 0
            BibliographicRecord(title: "Unrelated", doi: "https://doi.org/10.1/A"), // 3: doi with 0
            BibliographicRecord(title: "Something else"),                          // 4: possible with 1
            BibliographicRecord(title: "Something else", year: 2018),              // 5: joined to 1 only through 4
            BibliographicRecord(title: "Alone", year: 2020),                       // 6
        ]
        let groups = BibliographicMatching.duplicates(in: records)
        #expect(groups.count == 2)
        #expect(groups[0] == .init(indices: [0, 2, 3], reason: .sameTitleAndYear))
        #expect(groups[1] == .init(indices: [1, 4, 5], reason: .sameTitleYearMissing))
        #expect(BibliographicMatching.duplicates(in: []).isEmpty)
    }

    @Test func manyIdenticalTitlesStayLinear() {
        let records = (0..<20_000).map { BibliographicRecord(title: "Same title", year: 2000 + $0 % 3) }
        let groups = BibliographicMatching.duplicates(in: records)
        #expect(groups.count == 3)
        #expect(groups.map(\.indices.count) == [6667, 6667, 6666])
    }

    @Test func labelsAndAuthors() {
        #expect(BibliographicRecord(authors: ["Ben-Dor, Irit"]).studyLabel == "Ben-Dor")
        #expect(BibliographicRecord(authors: ["Irit Ben-Dor", "Petrakis, M."]).studyLabel == "Ben-Dor and Petrakis")
        #expect(BibliographicRecord(authors: ["Janoušková, M.", "B", "C"]).studyLabel == "Janoušková et al.")
        #expect(BibliographicRecord(title: "  A title  ").studyLabel == "A title")
        #expect(BibliographicRecord().studyLabel == nil)
        let record = BibliographicRecord(authors: ["Janous\u{030C}kova\u{0301}, Marie"])
        #expect(BibliographicMatching.firstAuthor(of: record, startsLabel: "Janoušková et al."))
        #expect(!BibliographicMatching.firstAuthor(of: record, startsLabel: "Janouskovaa et al."))
        #expect(BibliographicMatching.firstAuthor(of: BibliographicRecord(authors: ["Reeves, S"]), startsLabel: "Reeves, et al."))
    }
}
