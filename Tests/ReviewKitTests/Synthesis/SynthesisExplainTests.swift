import Foundation
import Testing
@testable import ReviewKit

/// `explain cerqual`: the same kind of `Explanation` value as the other topics, with the workspace's own
/// findings as examples and the common misuse spelled out.
@Suite("Synthesis: explain cerqual")
struct SynthesisExplainTests {
    let explanation = CERQualExplainer(workspace: SynthesisFixtures.embedded).explanation()

    func section(_ prefix: String) -> Explanation.Section? { explanation.sections.first { $0.heading.hasPrefix(prefix) } }

    @Test("sections in teaching order, titled for the embedded review")
    func structure() {
        #expect(explanation.title == "GRADE-CERQual: confidence in review findings")
        #expect(explanation.sections.map(\.heading) == [
            "What it assesses", "The four components", "Levels of concern", "Levels of confidence",
            "From the components to the overall confidence",
            "Methodological limitations in Shaw et al. 2025", "Coherence in Shaw et al. 2025", "Adequacy in Shaw et al. 2025",
            "Relevance in Shaw et al. 2025", "A common misuse", "In this tool",
        ])
        #expect(section("The four components")?.items.count == 4)
        #expect(section("Levels of concern")?.items == ["no or very minor concerns", "minor concerns", "moderate concerns", "serious concerns"])
        #expect(section("What it assesses")?.paragraphs.last == "In Shaw et al. 2025 there are 46 findings in force: every sub-theme stands as a finding of its own.")
    }

    @Test("each component is illustrated from the review's own data")
    func examples() throws {
        let ml = try #require(section("Methodological limitations"))
        // 31 of the 46 sub-themes have a quote cited by reference number (hand count: 46 quotes, 15 uncited).
        #expect(ml.paragraphs.contains("31 of the 46 findings draw on quotes that carry only a reference number, which no study in the workspace records, so their contributing studies cannot be matched to their appraisals. Until the reference numbers are added to the studies, judge this component from the study reports."))
        #expect(ml.example?.label == "Q1" && ml.example?.citation == "(35), p. 7")
        #expect(ml.items.last?.contains("17 of 33 studies: no on Q6 reflexivity") == true)

        let coherence = try #require(section("Coherence"))
        // Domains with both barrier and facilitator sub-themes (Tables 3 and 4): Knowledge, ECR, Social influences, SPRI.
        #expect(coherence.paragraphs[1].hasPrefix("4 domains hold both barrier and facilitator sub-themes (Knowledge, Social/Professional Role and Identity, Environmental Context and Resources, Social Influences)."))
        #expect(coherence.paragraphs[1].contains("B/Know/1") && coherence.paragraphs[1].contains("F/Know/1"))
        #expect(coherence.example?.label == "Q22")

        let adequacy = try #require(section("Adequacy"))
        #expect(adequacy.items[0] == "quotes per finding: 1\u{2013}1")
        #expect(adequacy.items[2] == "findings resting on a single source: 31 of 46")
        #expect(adequacy.items[3] == "findings with no traceable source: 15 of 46")
        #expect(adequacy.notes.first?.contains("one illustrative quote per sub-theme") == true)
        // The shortest quote in Tables 3 and 4: "I'm a peer support worker, I've got my shiny badge; I've been trained." (13 words).
        #expect(adequacy.example?.label == "Q41")

        let relevance = try #require(section("Relevance"))
        #expect(relevance.items.first == "country recorded for 0 of 33 studies")
    }

    @Test("the misuse section says CERQual is not a score for single studies, with its source")
    func misuse() throws {
        let misuse = try #require(section("A common misuse"))
        #expect(misuse.paragraphs[0].hasPrefix("CERQual is not a quality score for single studies."))
        #expect(misuse.paragraphs[0].contains("97 (41.6%)"))
        #expect(misuse.notes.contains { $0.contains("doi:10.1186/s12961-023-00999-3") })
    }

    @Test("renders as text and markdown, for any workspace, without trapping")
    func rendering() {
        for workspace in [SynthesisFixtures.embedded, SynthesisFixtures.small, Workspace()] {
            let explanation = CERQualExplainer(workspace: workspace).explanation()
            let text = explanation.plainText(width: 60)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 60 || !$0.contains(" ") })
            #expect(explanation.markdown().hasPrefix("# GRADE-CERQual"))
        }
        let small = CERQualExplainer(workspace: SynthesisFixtures.small).explanation()
        #expect(small.sections.first { $0.heading.hasPrefix("Methodological") }?.paragraphs.contains("2 of the 3 findings have at least one contributing study with a CASP appraisal; `cerqual` lists each one's total, band and the questions where it falls short.") == true)
    }
}
