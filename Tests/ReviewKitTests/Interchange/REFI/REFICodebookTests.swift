import Foundation
import Testing
@testable import ReviewKit

/// The values `reference_refi.py` wrote with Python's hashlib and uuid modules.
struct GUIDReference: Decodable {
    struct Digest: Decodable { let message: String; let hex: String }
    struct Name: Decodable { let name: String; let guid: String }
    let namespace: String
    let sha1: [Digest]
    let uuid5: [Name]

    static func load() throws -> GUIDReference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/guid-reference.json")
        return try JSONDecoder().decode(GUIDReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct REFICodebookTests {
    @Test func guidsAreThoseOfPythonsUUID5() throws {
        let reference = try GUIDReference.load()
        for digest in reference.sha1 {
            let hex = SHA1.hash(Array(digest.message.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(hex == digest.hex, "sha1 of \(digest.message.prefix(20))")
        }
        #expect(REFIGUID.format(REFIGUID.namespace) == reference.namespace)
        for name in reference.uuid5 { #expect(REFIGUID.make(name.name) == name.guid, "\(name.name)") }
        #expect(REFIGUID.isValid("1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294") && REFIGUID.isValid("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}"))
        #expect(!REFIGUID.isValid("1FF58B12-6F6F-4B0C-8BE5-BBDC91F5529") && !REFIGUID.isValid("{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"))
        #expect(REFIGUID.key("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}") == "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294")
    }

    @Test func theSeedReviewAsACodebook() throws {
        let seed = try EmbeddedReview.load().workspace
        let review = ReviewCodebook(workspace: seed)
        let codes = review.codebook.codes
        #expect(codes.map(\.name) == COMBComponent.allCases.map(\.name))
        #expect(codes.map(\.color) == COMBComponent.allCases.map { ReviewCodebook.color(of: $0) })
        #expect(codes[0].description?.contains("Michie S, van Stralen MM, West R") == true)
        // The seed mapping puts Skills under both capabilities.
        #expect(codes[0].children.map(\.name).contains("Skills") && codes[1].children.map(\.name) == ["Skills"])
        #expect(codes[1].children[0].description?.contains("physical skills") == true)
        let knowledge = try #require(codes[0].children.first { $0.name == "Knowledge" })
        #expect(knowledge.description?.hasPrefix("TDF domain 1: An awareness of the existence of something.") == true)
        #expect(knowledge.description?.contains("Cane J, O'Connor D, Michie S") == true)
        #expect(knowledge.children.map(\.name) == ["Barrier", "Facilitator"])
        let all = review.codebook.allCodes
        #expect(all.allSatisfy { $0.code.isCodable && REFIGUID.isValid($0.code.guid) })
        #expect(Set(all.map(\.code.guid)).count == all.count, "guids are distinct")
        for (code, path) in all {
            let component = try #require(COMBComponent.allCases.first { $0.name == (path.first ?? code.name) })
            #expect(code.color == ReviewCodebook.color(of: component), "descendants take their component's colour")
        }
        let themes = all.filter { $0.path.count == 3 }
        #expect(themes.count == seed.subThemes.count)
        for theme in seed.subThemes {
            let guid = try #require(review.code(for: FrameworkCoding(direction: theme.direction, component: theme.component, domain: theme.domain, subTheme: theme.id)))
            let code = try #require(all.first { $0.code.guid == guid })
            #expect(code.code.name == "\(theme.number). \(theme.label)")
            #expect(code.path == [theme.component.name, theme.domain.name, theme.direction.name])
        }
        // Same review, same codebook, byte for byte; the framework's guids do not depend on the review.
        #expect(ReviewCodebook(workspace: seed).codebook.qdcText == review.codebook.qdcText)
        #expect(ReviewCodebook(workspace: Workspace()).code(for: FrameworkCoding(component: .socialOpportunity)) == review.code(for: FrameworkCoding(component: .socialOpportunity)))
        #expect(review.codes(for: FrameworkCoding(direction: .barrier)).isEmpty, "no top-level direction code unless a partial coding needs one")
        // Partial codings get top-level codes, one Coding per part.
        let partial = ReviewCodebook(workspace: seed, codings: [FrameworkCoding(direction: .barrier, domain: .goals),
                                                                FrameworkCoding(direction: .facilitator, component: .socialOpportunity)])
        #expect(partial.codebook.codes.map(\.name).suffix(3) == ["Barrier", "Facilitator", "Goals"])
        #expect(partial.codes(for: FrameworkCoding(direction: .barrier, domain: .goals)).count == 2)
        #expect(partial.codes(for: FrameworkCoding(direction: .facilitator, component: .socialOpportunity))
                == [partial.code(for: FrameworkCoding(component: .socialOpportunity))!, partial.codebook.codes[7].guid])
    }

    @Test func qdcTextReadsBack() throws {
        let seed = try EmbeddedReview.load().workspace
        let review = ReviewCodebook(workspace: seed, mapping: .standard, tags: ["peer training", "★ memorable & <odd> \"quote\""])
        let text = review.codebook.qdcText
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"review (REFI-QDA 1.5 export)\">"))
        let read = try REFICodebook(qdc: Array(text.utf8), path: "c.qdc")
        #expect(read == review.codebook)
        #expect(read.codes.last?.name == "★ memorable & <odd> \"quote\"")
        // The standard mapping puts Optimism under both motivations.
        #expect(read.codes[5].children.map(\.name).contains("Optimism"))
    }

    @Test func importingTheReviewsOwnCodebookResolvesEveryCode() throws {
        let seed = try EmbeddedReview.load().workspace
        let codebook = ReviewCodebook(workspace: seed, tags: ["peer training"]).codebook
        let plan = REFICodebookImport.plan(codebook, into: seed)
        #expect(plan.newSubThemes.isEmpty)
        #expect(plan.freeCodes == ["peer training"])
        #expect(plan.report == ["code 'peer training' is not part of the framework; kept as free code 'peer training'"])
        for (code, path) in codebook.allCodes {
            let resolved = try #require(plan.code(code.guid))
            switch path.count {
            case 0 where resolved.freeCode == nil: #expect(resolved.coding == FrameworkCoding(component: COMBComponent.allCases.first { $0.name == code.name }))
            case 1: #expect(resolved.coding.domain?.name == code.name && resolved.coding.direction == nil)
            case 2: #expect(resolved.coding.direction?.name == code.name && resolved.coding.subTheme == nil)
            case 3:
                guard case .existingSubTheme(let id) = resolved.meaning else { Issue.record("\(path) \(code.name)"); continue }
                let theme = try #require(seed.subTheme(id))
                #expect(resolved.coding == FrameworkCoding(direction: theme.direction, component: theme.component, domain: theme.domain, subTheme: id))
            default: break
            }
        }
        // Into an empty workspace, the sub-themes come back with their ids, numbers and order.
        let fresh = REFICodebookImport.plan(codebook, into: Workspace())
        #expect(fresh.newSubThemes == seed.subThemes)
        var workspace = Workspace()
        try workspace.apply(.batch(fresh.changes))
        #expect(workspace.subThemes == seed.subThemes)
    }

    @Test func foreignCodesResolveByNameAliasAndHierarchy() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
          <Codes>
            <Code guid="00000000-0000-0000-0000-000000000001" name="Barrier: Knowledge" isCodable="true" color="#46AA00"/>
            <Code guid="00000000-0000-0000-0000-000000000002" name="B - ECR" isCodable="true"/>
            <Code guid="00000000-0000-0000-0000-000000000003" name="Capability" isCodable="false">
              <Code guid="00000000-0000-0000-0000-000000000004" name="Psychological" isCodable="true">
                <Code guid="00000000-0000-0000-0000-000000000005" name="Know-how" isCodable="true"/>
              </Code>
            </Code>
            <Code guid="00000000-0000-0000-0000-000000000006" name="EMOTIONS" isCodable="true"/>
            <Code guid="{00000000-0000-0000-0000-000000000007}" name="Facilitators" isCodable="false">
              <Code guid="00000000-0000-0000-0000-000000000008" name="Social influences" isCodable="true">
                <Code guid="00000000-0000-0000-0000-000000000009" name="Peer mentoring" isCodable="true">
                  <Code guid="00000000-0000-0000-0000-00000000000A" name="in prisons" isCodable="true"/>
                </Code>
                <Code guid="00000000-0000-0000-0000-00000000000B" name="Barrier" isCodable="true"/>
              </Code>
            </Code>
            <Code guid="00000000-0000-0000-0000-00000000000C" name="★ memorable quote" isCodable="true"/>
            <Code guid="00000000-0000-0000-0000-00000000000D" name="Janous\u{030C}kova\u{0301}'s point" isCodable="true"/>
          </Codes>
          <Sets>
            <Set guid="00000000-0000-0000-0000-0000000000FF" name="code group 1"><MemberCode guid="00000000-0000-0000-0000-000000000001"/></Set>
          </Sets>
        </CodeBook>
        """
        let codebook = try REFICodebook(qdc: Array(xml.utf8), path: "atlas.qdc")
        #expect(codebook.sets.first?.memberCodes == ["00000000-0000-0000-0000-000000000001"])
        let plan = REFICodebookImport.plan(codebook, into: Workspace())
        func coding(_ last: String) -> FrameworkCoding? { plan.code("00000000-0000-0000-0000-0000000000" + last)?.coding }
        #expect(coding("01") == FrameworkCoding(direction: .barrier, component: .psychologicalCapability, domain: .knowledge))
        #expect(coding("02") == FrameworkCoding(direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources))
        #expect(coding("03") == FrameworkCoding())
        #expect(coding("04") == FrameworkCoding(component: .psychologicalCapability), "'Psychological' under 'Capability'")
        #expect(plan.code("00000000-0000-0000-0000-000000000005")?.meaning == .freeCode("Know-how"), "no prefix matching: Know-how is not Knowledge")
        #expect(coding("05") == FrameworkCoding(component: .psychologicalCapability))
        #expect(coding("06") == FrameworkCoding(component: .automaticMotivation, domain: .emotion))
        #expect(plan.code("{00000000-0000-0000-0000-000000000007}")?.coding == FrameworkCoding(direction: .facilitator))
        let peer = try #require(plan.code("00000000-0000-0000-0000-000000000009"))
        #expect(peer.meaning == .newSubTheme(id: 1))
        #expect(plan.newSubThemes == [SubTheme(id: 1, direction: .facilitator, component: .socialOpportunity, domain: .socialInfluences, number: 1, label: "Peer mentoring")])
        #expect(peer.coding == FrameworkCoding(direction: .facilitator, component: .socialOpportunity, domain: .socialInfluences, subTheme: 1))
        let prisons = try #require(plan.code("00000000-0000-0000-0000-00000000000A"))
        #expect(prisons.meaning == .freeCode("in prisons") && prisons.coding == peer.coding, "below a sub-theme: a free code keeping the coding")
        let contradiction = try #require(plan.code("00000000-0000-0000-0000-00000000000B"))
        #expect(contradiction.meaning == .freeCode("Barrier") && contradiction.note?.contains("contradicts") == true)
        #expect(plan.freeCodes == ["Know-how", "in prisons", "Barrier", "★ memorable quote", "Janous\u{030C}kova\u{0301}'s point"])
        #expect(plan.report.count == 5)
        #expect(plan.report[2] == "code 'Facilitators > Social influences > Barrier' is not part of the framework; kept as free code 'Barrier' ('Barrier' contradicts the code above it (facilitator / Social opportunity / Social Influences))")
        // Existing sub-themes are found by label in their group, numbered or not.
        var workspace = Workspace()
        try workspace.apply(.batch(plan.changes))
        let again = REFICodebookImport.plan(codebook, into: workspace)
        #expect(again.newSubThemes.isEmpty && again.code("00000000-0000-0000-0000-000000000009")?.meaning == .existingSubTheme(id: 1))
    }

    @Test func numberedNamesAndPreferredIDs() {
        typealias R = REFICodebookImport.Resolver
        #expect(R.numberedLabel("2. Lack of training") == (2, "Lack of training"))
        #expect(R.numberedLabel("12) Stigma") == (12, "Stigma"))
        #expect(R.numberedLabel("B/ECR/3 Time pressure") == (3, "Time pressure"))
        #expect(R.numberedLabel("2020 vision") == (nil, "2020 vision"))
        #expect(R.numberedLabel("99999999999. x") == (nil, "99999999999. x"))
        #expect(R.preferredID("review sub-theme 14 (B/ECR/2): x") == 14)
        #expect(R.preferredID("review sub-theme 99999999999 (x)") == nil)
        #expect(R.preferredID("a sub-theme") == nil)
    }

    @Test func malformedCodebooksFailLocated() throws {
        let cases: [(String, Int, Int, String)] = [
            ("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n  <Code name=\"x\" isCodable=\"true\"/></Codes></CodeBook>", 2, 3, "Code needs a 'guid' attribute"),
            ("<CodeBook><Codes>\n<Code guid=\"a\" name=\"x\" isCodable=\"maybe\"/></Codes></CodeBook>", 2, 1, "isCodable of code 'x' must be true or false; got 'maybe'"),
            ("<CodeBook/>", 1, 1, "the codebook has no Codes element"),
            ("<Project name=\"p\"/>", 1, 1, "(this is a project file: use import qdpx)"),
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n<!ENTITY a \"aaaa\">]>\n<CodeBook/>", 3, 1, "xml entity declarations are not supported"),
            ("<CodeBook><Codes>\n<Code guid=\"a\" name=\"Janoušková\" isCodable=\"true\"></Codex></Codes></CodeBook>", 2, 0, "end tag does not match"),
            ("", 1, 1, "the file is empty"),
            ("<CodeBook><Codes>\n<!-- <Code> in a comment -->\n<![CDATA[<x>]]>\n  <Code guid=\"a\" name=\"Janoušková\" isCodable=\"no\"/></Codes></CodeBook>", 4, 3, "isCodable of code 'Janoušková'"),
        ]
        for (text, line, column, message) in cases {
            let error = try #require(throws: FileError.self) { try REFICodebook(qdc: Array(text.utf8), path: "c.qdc") }
            #expect(error.message.contains(message), "\(text): \(error)")
            #expect(error.path == "c.qdc")
            #expect(error.line == line, "\(text): \(error)")
            if column > 0 { #expect(error.column == column, "\(text): \(error)") }
            #expect(error.column != nil && (text.isEmpty || error.lineText != nil), "\(text): \(error)")
        }
        // Not UTF-8: refused before the parser sees it (FoundationXML would trap on such a name).
        let latin = Array("<CodeBook><Codes>\n<Code guid".utf8) + [0xE9] + Array("=\"a\" name=\"x\" isCodable=\"true\"/></Codes></CodeBook>".utf8)
        let error = try #require(throws: FileError.self) { try REFICodebook(qdc: latin, path: "l.qdc") }
        #expect(error.description == "l.qdc:2:11: invalid utf-8 byte 0xe9; refi-qda files are utf-8")
    }
}
