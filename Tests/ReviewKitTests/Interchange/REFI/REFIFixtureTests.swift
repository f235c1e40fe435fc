import Foundation
import Testing
@testable import ReviewKit

@Suite struct REFIFixtureTests {
    static func guid(_ n: Int) -> String { String(format: "7E57%04X-0000-4000-8000-%012X", n, n) }

    @Test func theFixturesHaveTheBytesTheyClaim() throws {
        let first = try REFIFixture.source("handmade", Self.guid(60) + ".txt")
        #expect(first.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark")
        #expect(first.contains(0x0D), "CR LF line ends")
        let atlas = try REFIFixture.source("atlas-like", Self.guid(220) + ".txt")
        #expect(!atlas.starts(with: [0xEF, 0xBB, 0xBF]) && atlas.contains(0x0D))
    }

    @Test func aHandMadeProjectWithEmojiAccentsCRLFAndABOM() throws {
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("handmade"), path: "handmade.qdpx")
        let plan = REFIImport.plan(archive, into: Workspace())
        #expect(plan.lineEnds == .asWritten)
        #expect(plan.coders == ["Ana Ruiz", "Ben Okafor", "user 7e570003"])

        // Sources became studies; the case's variables set the first one's fields.
        #expect(plan.studies.map(\.sourceName) == ["Janoušková et al.", "Interview 2", "Field notes", "Missing text"])
        var workspace = Workspace()
        try workspace.apply(plan.change)
        #expect(workspace.studies.map(\.label) == ["Janoušková et al.", "Interview 2", "Field notes", "Missing text"])
        let study = workspace.studies[0]
        #expect(study.year == 2017 && study.country == "Czech Republic" && study.participants == 21)
        #expect(plan.studies[0].fields == ["Year", "Country", "Participants", "CASP", "DOI"])
        #expect(workspace.appraisals == [Appraisal(studyID: "S01", answers: [.yes])])
        #expect(plan.bibliography["S01"]?.normalizedDOI == "10.1176/appi.ps.201600128")

        // Selections became quotes, sliced by code points after the BOM; CR LF counts two.
        let texts = plan.quotes.map(\.quote.text)
        #expect(texts == [
            "nobody told us what a peer worker was meant to do",
            "Janous\u{030C}kova\u{0301} said the staff “just didn’t get it”.\r\nParticipant: The peer",
            "The peer mentoring sessions helped me feel I belonged.",
            "We had no time for supervision \u{1F1E8}\u{1F1FF}.",
            "Café meetings with other peers kept me going.",
            "I was scared they would see me as a patient again.",
        ])
        #expect(plan.quotes.map(\.quote.id) == [1, 2, 3, 4, 5, 6])
        #expect(plan.quotes.map(\.quote.studyID) == ["S01", "S01", "S01", "S02", "S02", "S03"])

        // Codes resolved through the hierarchy; new sub-themes; free codes kept as tags.
        #expect(workspace.subThemes.map(\.code) == ["B/Know/1", "F/SocI/1"])
        #expect(workspace.subThemes.map(\.label) == ["Not knowing what peer work is", "Peer mentoring"])
        let q1 = plan.quotes[0]
        #expect(q1.codings.keys.sorted() == ["Ana Ruiz", "Ben Okafor"] && !q1.coderDisagreement)
        #expect(q1.quote.subTheme == 1 && q1.quote.domain == .knowledge && q1.quote.component == .psychologicalCapability && q1.quote.direction == .barrier)
        let q2 = plan.quotes[1]
        #expect(q2.codings["Ana Ruiz"] == FrameworkCoding(direction: .barrier, component: .psychologicalCapability, domain: .knowledge))
        #expect(q2.codings["Ben Okafor"] == FrameworkCoding(component: .socialOpportunity, domain: .socialInfluences))
        // Ana and Ben differ on the domain and component: those stay uncoded; only Ana gave a direction, so it stands.
        #expect(q2.coderDisagreement && q2.unresolved == [.domain, .component])
        #expect(FrameworkCoding(q2.quote) == FrameworkCoding(direction: .barrier))
        #expect(workspace.reviewerCoding(of: 2, by: "Ana Ruiz")?.domain == .knowledge && workspace.reviewerCoding(of: 2, by: "Ben Okafor")?.domain == .socialInfluences)
        #expect(workspace.quote(2)?.direction == .barrier && workspace.quote(2)?.domain == nil)
        #expect(workspace.reviewerCoding(of: 5, by: "user 7e570003")?.domain == .socialInfluences, "a user the project does not list is a reviewer too")
        #expect(q2.tags == ["👩🏽‍⚕️ staff views"])
        #expect(plan.quotes[2].tags == ["Peer training"] && plan.quotes[2].quote.subTheme == 2)
        #expect(plan.quotes[3].quote.direction == .barrier && plan.quotes[3].quote.component == .physicalOpportunity
                && plan.quotes[3].quote.domain == .environmentalContextAndResources)
        #expect(plan.quotes[4].codings.keys.sorted() == ["user 7e570003"])
        #expect(plan.quotes[5].quote.component == .automaticMotivation && plan.quotes[5].quote.domain == .emotion, "a lone domain gets its only component")
        #expect(plan.codebook.freeCodes == ["Peer training", "👩🏽‍⚕️ staff views"])

        // Notes keep their attachment.
        #expect(plan.notes.map(\.target) == [.quote(1), .project])
        #expect(plan.projectNotes == ["Coded independently by Ana and Ben, then compared."])

        // Everything not mapped is listed.
        let expected = [
            "PDFSource 'Protocol.pdf' is not plain text",
            "case 'Group B' names no source",
            "'Janoušková et al.' is coded as a whole with 'Peer training'",
            "names code guid \(Self.guid(99))",
            "selection 'beyond the end' of 'Janoušková et al.'",
            "the text of 'Missing text' (sources/\(Self.guid(63)).txt) is missing from the archive; its 1 selection",
            "variable 'Setting' (1 value) matches no study field",
            "codings name 1 user the project does not list; kept as reviewer 'user 7e570003'",
        ]
        #expect(plan.unmapped.count == expected.count, "\(plan.unmapped)")
        for line in expected { #expect(plan.unmapped.contains { $0.contains(line) }, "\(line) in \(plan.unmapped)") }
        #expect(plan.unmapped.allSatisfy { $0.first?.isUppercase != true || $0.hasPrefix("PDFSource") }, "lines start lowercase except a quoted element name")
        #expect(plan.notices.contains { $0.contains("1 quote coded differently by different coders with no consensus: Q2 (domain, component)") })

        // The primary coder's coding is taken when asked: recorded as the consensus of the quote the coders dispute.
        let ana = REFIImport.plan(archive, into: Workspace(), options: REFIImportOptions(primaryCoder: "Ana Ruiz"))
        #expect(FrameworkCoding(ana.quotes[1].quote) == q2.codings["Ana Ruiz"])
        #expect(ana.consensusChosen == [2])
    }

    @Test func theHandMadeProjectMeetsTheSeedReview() throws {
        let seed = try EmbeddedReview.load().workspace
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("handmade"))
        let plan = REFIImport.plan(archive, into: seed)
        #expect(plan.studies[0].studyID == "S06" && plan.studies[0].match == .byName)
        #expect(plan.unmapped.contains { $0.contains("the casp answers on 'Janoušková et al.' differ from study S06's appraisal; kept the study's") })
        var workspace = seed
        try workspace.apply(plan.change)
        #expect(workspace.study("S06")?.year == 2017 && workspace.studies.count == seed.studies.count + 3)
        #expect(workspace.quotes.count == seed.quotes.count + 6)
        #expect(plan.quotes.map(\.quote.id) == Array(seed.nextQuoteID..<(seed.nextQuoteID + 6)))
    }

    @Test func aProjectShapedLikeAnATLASExport() throws {
        let archive = try QDPXArchive(bytes: REFIFixture.qdpx("atlas-like"), path: "atlas.qdpx")
        #expect(archive.project.origin == "ATLAS.ti Windows 23.4.0.29360")
        let plan = REFIImport.plan(archive, into: Workspace())
        #expect(plan.lineEnds == .crlfAsOne)
        #expect(plan.quotes.map(\.quote.text) == [
            "I didn't know what I was allowed to do on the ward.",
            "There was never time to meet my supervisor.",
            "Other peer workers showed me the ropes – that was the best training.",
            "I still get anxious before team meetings.",
        ])
        #expect(plan.studies.map(\.studyID) == ["S01", "S02"])
        var workspace = Workspace()
        try workspace.apply(plan.change)
        #expect(workspace.studies.map(\.label) == ["Doc 1 Interview P1", "Doc 2 Interview P2"])
        let codings = plan.quotes.map { FrameworkCoding($0.quote) }
        #expect(codings == [
            FrameworkCoding(direction: .barrier, component: .psychologicalCapability, domain: .knowledge),
            FrameworkCoding(direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources),
            FrameworkCoding(direction: .facilitator, component: .socialOpportunity, domain: .socialInfluences),
            FrameworkCoding(direction: .barrier, component: .automaticMotivation, domain: .emotion),
        ])
        #expect(plan.quotes.map(\.tags) == [[], ["ECR::lack of time"], ["peer training"], []])
        #expect(plan.coders == ["Maria"] && plan.quotes.allSatisfy { $0.codings.keys.sorted() == ["Maria"] })
        #expect(plan.unmapped == ["2 sets (code or document groups) not imported: 'Barriers', 'Included studies'"])

        // Counting CR LF as two positions would slice the wrong text: the origin decides.
        let wrong = REFIImport.plan(archive, into: Workspace(), options: REFIImportOptions(lineEnds: .asWritten))
        #expect(wrong.quotes[1].quote.text != plan.quotes[1].quote.text)
    }

    @Test func damagedArchivesFailWithAClearError() throws {
        let notZip = try #require(throws: FileError.self) { try QDPXArchive(bytes: Array("not a zip".utf8), path: "x.qdpx") }
        #expect(notZip.message == "cannot read x.qdpx: it is not a zip archive (a .qdpx is a zip holding project.qde and sources/)")
        let noProject = try QDPXArchive.zip([("sources/a.txt", Array("text".utf8))])
        let missing = try #require(throws: FileError.self) { try QDPXArchive(bytes: noProject, path: "y.qdpx") }
        #expect(missing.message == "y.qdpx holds no project.qde; is it a refi-qda project export?")
        // An archive whose project.qde is not a project.
        let codebookBytes = Array(ReviewCodebook(workspace: Workspace()).codebook.qdcText.utf8)
        let wrongRoot = try #require(throws: FileError.self) { try REFIProject(qde: codebookBytes, path: "x.qdpx:project.qde") }
        #expect(wrongRoot.message.hasSuffix("(this is a codebook: use import codebook)"))
        #expect(wrongRoot.line == 2 && wrongRoot.column == 1)
        let badPosition = "<Project name=\"p\"><Sources><TextSource guid=\"a\">\n  <PlainTextSelection guid=\"b\" startPosition=\"x\" endPosition=\"2\"/></TextSource></Sources></Project>"
        let error = try #require(throws: FileError.self) { try REFIProject(qde: Array(badPosition.utf8), path: "p.qde") }
        #expect(error.description == "p.qde:2:3: startPosition of selection 'b' must be a whole number; got 'x'")
    }
}
