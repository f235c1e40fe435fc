import Testing
@testable import ReviewKit

/// Framework names resolve through aliases and prefixes; what cannot be resolved says what was meant.
@Suite struct FrameworkNamesTests {
    @Test func aliasesAndPrefixesResolve() throws {
        #expect(try Framework.domains.value(for: "MADP", what: "TDF domain", at: nil) == .memoryAttentionAndDecisionProcesses)
        #expect(try Framework.domains.value(for: "Emotions", what: "TDF domain", at: nil) == .emotion)
        #expect(try Framework.directions.value(for: "enablers", what: "direction", at: nil) == .facilitator)
        #expect(try Framework.components.value(for: "reflective", what: "COM-B component", at: nil) == .reflectiveMotivation)
    }

    @Test func unknownAndAmbiguousNamesAreErrorsOfTheirKind() {
        do {
            _ = try Framework.domains.value(for: "knowlege", what: "TDF domain", at: 4..<12)
            Issue.record("a misspelt domain resolved")
        } catch {
            #expect(error.kind == .unknownName && error.span == 4..<12)
            #expect(error.message == "unknown TDF domain 'knowlege'")
            #expect(error.notes.first == "did you mean 'Knowledge'?")
        }
        do {
            _ = try Framework.components.value(for: "physical", what: "COM-B component", at: nil)
            Issue.record("an ambiguous component resolved")
        } catch {
            #expect(error.kind == .ambiguousName)
        }
    }

    @Test func vocabulariesMapEveryStoredCodeToOneCategory() throws {
        let sources = CodeVocabulary.sources
        for component in COMBComponent.allCases {
            let category = Int(sources.categoryOfCode[Int(component.rawValue)])
            #expect(sources.names[category - 1] == component.source.name)
        }
        #expect(sources.categoryOfCode[0] == 0, "code 0 is not coded")
        let motivation = try CodeVocabulary.components.allowedCodes(["motivation"], spans: [0..<10])
        #expect((0..<256).filter { motivation[$0] } == [5, 6])
    }
}
