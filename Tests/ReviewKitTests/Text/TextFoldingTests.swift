import Foundation
import Testing
@testable import ReviewKit

/// Folding: case, accents, typographic punctuation; checked against literal expectations and, where the
/// two agree by design, against Foundation's own case- and diacritic-insensitive folding.
@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Janoušková", "janouskova"),
        ("Kivistö", "kivisto"),
        ("Pérez-Corrales", "perez-corrales"),
        ("I’m", "i'm"),
        ("‘peer’", "'peer'"),
        ("“quoted”", "\"quoted\""),
        ("self–disclose — now", "self-disclose - now"),
        ("wait…", "wait."),
        ("non\u{00A0}breaking", "non breaking"),
        ("Nguyễn", "nguyen"),
        ("Ångström", "angstrom"),
        ("cafe\u{0301}", "cafe"),
        ("ŁÓDŹ", "lodz"),
        ("Søren", "soren"),
        ("\u{212A}elvin", "kelvin"),       // KELVIN SIGN
        ("\u{212B}ngstrom", "angstrom"),   // ANGSTROM SIGN
        ("STIGMA", "stigma"),
        ("ΣΟΦΙΑ", "σοφια"),
    ])
    func foldsToPlainLowercase(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
        #expect(TextFolding.foldedScalars(input) == expected.unicodeScalars.map(\.value))
    }

    @Test func agreesWithFoundationOnLettersWithMarks() {
        // Latin letters with canonical decompositions: our table must give Foundation's answer.
        var checked = 0
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let text = String(Character(scalar))
            let decomposed = text.decomposedStringWithCanonicalMapping
            guard decomposed.unicodeScalars.count > 1 else { continue }  // no decomposition: stroke letters etc.
            let foundation = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            guard foundation.unicodeScalars.count == 1 else { continue }   // multi-letter case folding is not made
            #expect(TextFolding.fold(text) == foundation, "U+\(String(value, radix: 16, uppercase: true)) \(text)")
            checked += 1
        }
        #expect(checked > 200)
        for value in UInt32(0x1E00)...0x1EFF {
            let text = String(Character(Unicode.Scalar(value)!))
            let foundation = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            guard foundation.unicodeScalars.count == 1 else { continue }
            #expect(TextFolding.fold(text) == foundation, "U+\(String(value, radix: 16, uppercase: true)) \(text)")
        }
    }

    @Test func nameKeysNormaliseSeparators() {
        #expect(TextFolding.nameKey("Social/professional role/identity") == "social/professional role/identity")
        #expect(TextFolding.nameKey("  environmental   context & resources ") == "environmental context and resources")
        #expect(TextFolding.nameKey("decision-making") == "decision making")
        #expect(TextFolding.nameKey("Reinforcing_Behaviour") == "reinforcing behaviour")
    }

    @Test func combiningMarksOutsideTheBasicBlockFoldAway() {
        #expect(TextFolding.fold("a\u{1DC4}b\u{20D7}c\u{FE20}") == "abc")
        #expect(TextFolding.fold(0x0301) == nil)
    }
}

/// Name resolution through `Framework`'s matchers, with the spellings the seed review uses.
@Suite struct NameMatcherTests {
    @Test(arguments: [
        ("Emotions", TDFDomain.emotion),
        ("Social influence", .socialInfluences),
        ("memory, attention, and decision-making processes", .memoryAttentionAndDecisionProcesses),
        ("Social/professional role/identity", .socialProfessionalRoleAndIdentity),
        ("Reinforcing behaviour", .reinforcement),
        ("ENVIRONMENTAL CONTEXT", .environmentalContextAndResources),
        ("beliefs about capabilities", .beliefsAboutCapabilities),
        ("Beliefs about consequences", .beliefsAboutConsequences),
        ("knowledge", .knowledge),
        ("emot", .emotion),
    ])
    func resolvesDomainAliases(_ typed: String, _ expected: TDFDomain) {
        #expect(Framework.domains.resolve(typed) == .found(expected))
    }

    @Test func ambiguousPrefixListsTheCandidates() {
        guard case .ambiguous(let names) = Framework.domains.resolve("social") else {
            Issue.record("'social' should be ambiguous")
            return
        }
        #expect(Set(names) == ["Social/Professional Role and Identity", "Social Influences"])
    }

    @Test func unknownNameSuggestsTheNearest() {
        guard case .unknown(let suggestions) = Framework.domains.resolve("knowlege") else {
            Issue.record("'knowlege' should be unknown")
            return
        }
        #expect(suggestions.first == "Knowledge")
    }

    @Test func editDistance() {
        #expect(EditDistance.between("domian", "domain") == 2)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.nearest(to: "domian", in: Field.names(for: .quote)).first == "domain")
    }
}
