import Testing
@testable import ReviewKit

/// The field catalogue: every field declared once, findable by name and alias, documented and keyed.
@Suite struct FieldCatalogueTests {
    @Test(arguments: [Field.Subject.quote, .study])
    func namesAndAliasesAreUniqueWithinASubject(_ subject: Field.Subject) {
        let names = Field.fields(of: subject).flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count, "a name or alias is declared twice: \(names)")
    }

    @Test(arguments: [Field.Subject.quote, .study])
    func everyFieldIsFoundByEachOfItsNamesInAnyCase(_ subject: Field.Subject) {
        for field in Field.fields(of: subject) {
            for name in [field.name] + field.aliases {
                #expect(Field.named(name.uppercased(), for: subject)?.field == field, "\(name)")
            }
        }
    }

    @Test func quoteQueriesReachStudyFieldsThroughTheStudy() {
        let casp = Field.named("study.total", for: .quote)
        #expect(casp?.field.name == "casp")
        #expect(casp?.viaStudy == true)
        #expect(casp?.name == "study.casp")
        #expect(casp?.key == "study_casp")
        #expect(Field.named("study.casp", for: .study) == nil, "studies have no study.FIELD")
    }

    @Test func keysAreSnakeCase() {
        for field in Field.quoteFields + Field.studyFields {
            #expect(field.key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(field.key)")
        }
    }

    @Test func helpListsEveryFieldWithItsSummary() {
        let help = Field.helpText
        for field in Field.quoteFields + Field.studyFields {
            #expect(help.contains(field.name + " ") && help.contains(field.summary), "\(field.name)")
        }
    }

    @Test func freeTextCannotBeGroupedAndSaysWhere() {
        #expect(throws: ReviewError.self) { try QueryParser.parse("group by text", for: .quote) }
        do {
            _ = try QueryParser.parse("group by domain, text", for: .quote, offset: 7)
        } catch {
            #expect(error.span == 24..<28)
            #expect(error.kind == .invalidValue)
        }
    }

    @Test func operatorsFollowTheValueType() {
        #expect(FieldType.code.operatorSpellings == ["=", "!=", "in"])
        #expect(FieldType.text.operatorSpellings == ["=", "!=", "contains", "~", "in"])
        #expect(FieldType.integer.operatorSpellings == ["=", "!=", "<", "<=", ">", ">=", "in"])
        #expect(FilterOperator(spelling: "~") == .contains)
        #expect(FilterOperator(spelling: "==") == .equal)
        #expect(FilterOperator(spelling: "IN") == .oneOf)
        #expect(FilterOperator(spelling: "=~") == nil)
    }

    @Test func completionComesFromTheDeclaration() throws {
        let context = QueryContext(workspace: try EmbeddedReview.load().workspace)
        #expect(Field.named("direction", for: .quote)?.field.completion.values(in: context) == ["barrier", "facilitator"])
        #expect(Field.named("band", for: .study)?.field.completion.values(in: context) == ["high", "moderate", "low", "none", "incomplete"])
        #expect(Field.named("study", for: .quote)?.field.completion.values(in: context).contains("S06") == true)
        #expect(Field.named("page", for: .quote)?.field.completion.values(in: context) == [])
    }

    @Test func valuesOrderNumbersThenNamesThenTextThenUnknown() {
        let values: [FieldValue] = [.missing, .text("Zoë"), .text("zoe"), .ordered("Barrier", rank: 1), .ordered("Knowledge", rank: 0), .number(2), .number(-1)]
        let ranked = QueryEngine.ranked(values)
        #expect(ranked.values == [.number(-1), .number(2), .ordered("Knowledge", rank: 0), .ordered("Barrier", rank: 1), .text("Zoë"), .text("zoe"), .missing])
        #expect(ranked.ranks == [6, 4, 5, 3, 2, 1, 0])
    }
}
