import Foundation
import Testing
@testable import ReviewKit

/// GRADE-CERQual: vocabulary (2018 wording), the pre-filled sentences, the rule-of-thumb suggestion,
/// consistency flags, and the evidence assembled for each component.
///
/// Expected wording is typed in from the project's reference facts (synthesis-judgements.md, after
/// Lewin et al. 2018 and iSoQ), not copied from the code.
@Suite("Synthesis: GRADE-CERQual")
struct SynthesisCERQualTests {
    // MARK: vocabulary

    @Test("concern levels: the 2018 wording, short forms, and the older 'substantial' refused with a note")
    func concernLevels() throws {
        #expect(ConcernLevel.allCases.map(\.name) == ["no or very minor concerns", "minor concerns", "moderate concerns", "serious concerns"])
        #expect(try ConcernLevel(parsing: "No or very minor concerns") == .noOrVeryMinor)
        #expect(try ConcernLevel(parsing: "none") == .noOrVeryMinor)
        #expect(try ConcernLevel(parsing: "no-or-very-minor") == .noOrVeryMinor)
        #expect(try ConcernLevel(parsing: "MODERATE concerns") == .moderate)
        #expect(try ConcernLevel(parsing: "serious") == .serious)
        let old = #expect(throws: ReviewError.self) { try ConcernLevel(parsing: "substantial concerns") }
        #expect(old?.message.contains("older CERQual wording") == true)
        #expect(throws: ReviewError.self) { try ConcernLevel(parsing: "high") }
        #expect(ConfidenceLevel.allCases.map(\.name) == ["high", "moderate", "low", "very low"])
        #expect(try ConfidenceLevel(parsing: "Very low confidence") == .veryLow)
        #expect(try ConfidenceLevel(parsing: "very-low") == .veryLow)
        #expect(throws: ReviewError.self) { try ConfidenceLevel(parsing: "serious") }
        #expect(ConfidenceLevel.high.meaning.hasPrefix("It is highly likely that the review finding is a reasonable representation of the phenomenon of interest"))
        #expect(ConfidenceLevel.veryLow.meaning.hasPrefix("It is not clear whether the review finding is a reasonable representation"))
        #expect(try CERQualComponent.resolve("Methodological limitations") == .methodologicalLimitations)
        #expect(try CERQualComponent.resolve("adeq") == .adequacy)
        #expect(CERQualComponent.allCases.map(\.key) == ["methodological_limitations", "coherence", "adequacy", "relevance"])
    }

    // MARK: wording

    @Test("the pre-filled sentences in the published wording")
    func wording() {
        #expect(CERQualWording.sentence(.coherence, .init(.moderate, explanation: "two quotes pull the other way")) ==
                "Moderate concerns regarding coherence because two quotes pull the other way")
        #expect(CERQualWording.sentence(.relevance, .init(.noOrVeryMinor)) == "No or very minor concerns regarding relevance")
        let assessment = CERQualAssessment(components: [
            .methodologicalLimitations: .init(.noOrVeryMinor), .coherence: .init(.minor, explanation: "a"),
            .adequacy: .init(.moderate, explanation: "b"), .relevance: .init(.serious, explanation: "c"),
        ], overall: .init(.low, explanation: "Rated down for relevance"))
        #expect(CERQualWording.summary(assessment) ==
                "No or very minor concerns regarding methodological limitations, minor concerns regarding coherence, moderate concerns regarding adequacy, and serious concerns regarding relevance")
        #expect(CERQualWording.explanation(assessment) ==
                "No or very minor concerns regarding methodological limitations, minor concerns regarding coherence, moderate concerns regarding adequacy, and serious concerns regarding relevance. Rated down for relevance.")
        #expect(CERQualWording.summary(CERQualAssessment(components: [.coherence: .init(.minor)])) == nil)
    }

    // MARK: suggestion

    static func assessment(_ levels: [ConcernLevel]) -> CERQualAssessment {
        CERQualAssessment(components: Dictionary(uniqueKeysWithValues: zip(CERQualComponent.allCases, levels.map { CERQualAssessment.Judgement($0, explanation: "x") })))
    }

    @Test("the rule of thumb: one level down per serious concern; several minor or moderate concerns may justify one more", arguments: [
        ([ConcernLevel.noOrVeryMinor, .noOrVeryMinor, .noOrVeryMinor, .noOrVeryMinor], ConfidenceLevel.high, nil as ConfidenceLevel?),
        ([.minor, .noOrVeryMinor, .noOrVeryMinor, .noOrVeryMinor], .high, nil),
        ([.moderate, .noOrVeryMinor, .moderate, .noOrVeryMinor], .high, .moderate),
        ([.minor, .moderate, .noOrVeryMinor, .noOrVeryMinor], .high, .moderate),
        ([.serious, .noOrVeryMinor, .noOrVeryMinor, .noOrVeryMinor], .moderate, nil),
        ([.serious, .minor, .minor, .noOrVeryMinor], .moderate, .low),
        ([.serious, .serious, .noOrVeryMinor, .moderate], .low, nil),
        ([.serious, .serious, .serious, .noOrVeryMinor], .veryLow, nil),
        ([.serious, .serious, .serious, .serious], .veryLow, nil),
        ([.serious, .serious, .minor, .moderate], .low, .veryLow),
    ])
    func suggestion(levels: [ConcernLevel], expected: ConfidenceLevel, alternative: ConfidenceLevel?) throws {
        let suggestion = try #require(CERQualSuggestion(Self.assessment(levels)))
        #expect(suggestion.level == expected)
        #expect(suggestion.lowerAlternative == alternative)
        #expect(suggestion.text.hasPrefix("suggestion from the rule of thumb, not a judgement: \(expected.name)"))
    }

    @Test("no suggestion until all four components are judged")
    func noSuggestionWhenIncomplete() {
        #expect(CERQualSuggestion(CERQualAssessment(components: [.coherence: .init(.serious, explanation: "x")])) == nil)
        let suggestion = CERQualSuggestion(Self.assessment([.serious, .minor, .minor, .noOrVeryMinor]))
        #expect(suggestion?.text == "suggestion from the rule of thumb, not a judgement: moderate (one level down for serious concerns about methodological limitations); the minor or moderate concerns about coherence and adequacy may together justify low")
    }

    // MARK: checks

    @Test("checks flag serious-with-high, missing explanations, overall before components, and findings without a source")
    func checks() throws {
        let workspace = SynthesisFixtures.small
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("Training and support", subThemes: [1, 2]), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), .methodologicalLimitations, .init(.serious)), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), .coherence, .init(.noOrVeryMinor)), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), overall: .init(.high)), in: workspace)
        let before = synthesis
        let flags = CERQualCheck.run(synthesis, in: workspace)
        #expect(synthesis == before)
        #expect(flags.map(\.kind) == [.missingExplanation, .seriousWithHighConfidence, .overallWithoutExplanation, .overallBeforeComponents, .noContributingStudy])
        #expect(flags.map(\.finding) == [.written(1), .written(1), .written(1), .written(1), .subTheme(3)])
        #expect(flags[0].message == "serious concerns regarding methodological limitations without an explanation")
        #expect(flags[1].message == "high confidence despite serious concerns regarding methodological limitations")
        #expect(flags[3].message == "overall confidence set before adequacy and relevance are judged")
        #expect(flags[4].message == "no contributing study: none of its 1 quote has a study or a reference number")
        #expect(flags.allSatisfy { $0.message.first?.isUppercase == false })

        let complete = CERQualAssessment(components: Self.assessment([.minor, .noOrVeryMinor, .moderate, .noOrVeryMinor]).components,
                                         overall: .init(.moderate, explanation: "two moderate-ish concerns"))
        #expect(CERQualCheck.check(complete, .written(1)).isEmpty)
    }

    @Test("checks flag findings naming removed sub-themes and assessments left without a finding")
    func orphans() throws {
        var workspace = SynthesisFixtures.small
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("Burnout and training", subThemes: [3, 1]), in: workspace)
        try synthesis.apply(.setAssessment(.subTheme(2), CERQualAssessment(overall: .init(.low, explanation: "x"))), in: workspace)
        try workspace.apply(.batch([.removeQuote(id: 5), .removeSubTheme(id: 3), .removeQuote(id: 3), .removeQuote(id: 4),
                                    .removeQuote(id: 6), .removeQuote(id: 7), .removeSubTheme(id: 2)]))
        let flags = CERQualCheck.run(synthesis, in: workspace)
        #expect(flags.map(\.kind) == [.missingSubThemes, .orphanedAssessment])
        #expect(flags[0].message == "names sub-theme 3, which no longer exists")
        // The sections still write and read back: nothing saved is lost.
        let lines = { (rows: [[String]]) in rows.enumerated().map { Synthesis.SnapshotLine(line: $0.offset + 1, fields: $0.element) } }
        #expect(try Synthesis(findingLines: lines(synthesis.findingRows), cerqualLines: lines(synthesis.cerqualRows), path: nil) == synthesis)
    }

    // MARK: evidence

    @Test("methodological limitations: each contributing study's CASP total, band and shortfalls, and what cannot be matched")
    func methodologicalEvidence() {
        let workspace = SynthesisFixtures.small
        let evidence = CERQualEvidence(Finding(id: .written(1), statement: "x", subThemeIDs: [1, 2]), in: workspace)
        let ml = evidence.methodologicalLimitations
        #expect(ml.studies.map(\.studyID) == ["S01", "S02", "S04"])
        // By hand: S01 8 yes + can't tell = 8.5 (high, > 8); S02 7 yes + can't tell = 7.5 (in no band under the
        // seed's cut-offs); S04 all yes = 10.
        #expect(ml.studies.map(\.totalHalfPoints) == [17, 15, 20])
        #expect(ml.studies.map(\.band) == ["high", "none", "high"])
        #expect(ml.unappraised == ["Gamma et al."])
        #expect(ml.unmatchedReferences == [9])
        #expect(evidence.lines(for: .methodologicalLimitations) == [
            "3 contributing studies are appraised:",
            "  Alpha et al.: CASP 8.5 (high); no on Q6 reflexivity; can't tell on Q7 ethics",
            "  Beta: CASP 7.5 (no band); no on Q6 reflexivity, Q7 ethics; can't tell on Q3 design",
            "  Delta: CASP 10 (high)",
            "bands: 2 high, 1 in no band",
            "1 of 3 studies: can't tell on Q3 design",
            "2 of 3 studies: no on Q6 reflexivity",
            "1 of 3 studies: no on Q7 ethics",
            "1 of 3 studies: can't tell on Q7 ethics",
            "not appraised: Gamma et al.",
            "1 source known only by reference number (ref 9): no study in the workspace carries that number, so its CASP appraisal cannot be matched",
        ])
    }

    @Test("adequacy, coherence and relevance evidence for a finding over two sub-themes")
    func otherEvidence() {
        let workspace = SynthesisFixtures.small
        let evidence = CERQualEvidence(Finding(id: .written(1), statement: "x", subThemeIDs: [1, 2]), in: workspace)
        // Words counted by hand: 7 + 10 + 8 + 7 + 3 + 4 (dashes, the ellipsis and the emoji are not words).
        #expect(evidence.adequacy.words == 39)
        #expect(evidence.lines(for: .adequacy) == [
            "5 sources (4 studies, 1 known by reference number only), 6 quotes, 39 words",
            "participants: 20 in the 2 of 4 contributing studies that record a number",
        ])
        #expect(evidence.coherence.mixesDirections)
        #expect(evidence.lines(for: .coherence) == [
            "2 supporting sub-themes: 1 barrier (B/ECR/1), 1 facilitator (F/ECR/1)",
            "the supporting sub-themes mix barriers and facilitators: check that the statement accounts for both, or split the finding",
            "TDF domain: Environmental Context and Resources",
        ])
        #expect(evidence.lines(for: .relevance) == [
            "country recorded for 2 of 4: Australia, UK",
            "design recorded for 2 of 4: qualitative (2)",
            "data collection recorded for 2 of 4: focus groups, interviews",
            "published 2019–2021 (2 of 4 record a year)",
            "1 source known only by reference number: the workspace records nothing about its context",
            "the workspace does not record the perspective, population or setting each study reports; judge relevance to the review question from the study reports",
        ])
        let single = CERQualEvidence(Synthesis.defaultFinding(workspace.subTheme(3)!), in: workspace)
        #expect(single.adequacy.singleSource == nil)
        #expect(single.lines(for: .adequacy).contains("1 quote has no study or reference number, so it adds no source to the count"))
        #expect(single.lines(for: .methodologicalLimitations).first == "no contributing study: there is no appraisal to draw on")
    }

    @Test("the embedded review: a finding's sources are reference numbers, so CASP cannot be matched; review-wide context is labelled")
    func embeddedEvidence() throws {
        let workspace = SynthesisFixtures.embedded
        let synthesis = Synthesis()
        let finding = try #require(synthesis.finding(try synthesis.findingID("B/Know/1", in: workspace), in: workspace))
        let evidence = CERQualEvidence(finding, in: workspace)
        #expect(evidence.adequacy.singleSource == "ref 35")
        // Review-wide Q6 "no" answers, counted by hand in Table 2 (Q6 = 0.0): Brenisin, Simpson, Janoušková,
        // Storm, Chisholm and Petrakis, Oborn, Griffiths and Hancock-Johnson, Cleary, Rebeiro Gruhl, Beveridge,
        // Wyder, Cabral, Moran, Hancock, Gray, Gillard (2nd), G. = 17 of 33. Q7 = 0.0: Griffiths and
        // Hancock-Johnson, Holley, Gillard (2nd) = 3. Q3 = 0.0: Janoušková = 1 (Q4 and Q8 also 1; Q3 comes first).
        #expect(evidence.lines(for: .methodologicalLimitations) == [
            "1 source known only by reference number (ref 35): no study in the workspace carries that number, so its CASP appraisal cannot be matched",
            "review-wide, for context only (not this finding's studies): 17 of 33 studies: no on Q6 reflexivity; 3 of 33 studies: no on Q7 ethics; 1 of 33 studies: no on Q3 design",
        ])
        #expect(evidence.lines(for: .adequacy).first == "1 source (1 known by reference number only), 1 quote, \(WordCount.words(in: workspace.quote(1)!.text)) words")
        #expect(evidence.lines(for: .relevance).first == "1 source known only by reference number: the workspace records nothing about its context")
    }

    @Test("huge participant counts are refused as a sum, not wrapped; a study id is not a finding")
    func edges() throws {
        var workspace = SynthesisFixtures.small
        // Editing refuses such a count now (ValueRules: at most 2147483647, issue 16); the sum still guards
        // against a workspace built some other way.
        #expect(throws: ReviewError.self) { try workspace.apply(.updateStudy(Study(id: "S01", label: "Alpha et al.", participants: Int.max))) }
        let index = try #require(workspace.studyIndex(of: "S01"))
        workspace.studies[index] = Study(id: "S01", label: "Alpha et al.", participants: Int.max)
        let evidence = CERQualEvidence(Finding(id: .written(1), statement: "x", subThemeIDs: [1]), in: workspace)
        #expect(evidence.adequacy.participants == nil)
        #expect(evidence.lines(for: .adequacy).contains("participants: the recorded numbers are too large to add up; check the studies' participant counts"))
        let error = #expect(throws: ReviewError.self) { try Synthesis().findingID("S01", in: SynthesisFixtures.embedded) }
        #expect(error?.message == "no finding 'S01'")
    }

    // MARK: tables

    @Test("Summary of Qualitative Findings and Evidence Profile: keys, labels, one row per assessed finding")
    func tables() throws {
        let workspace = SynthesisFixtures.small
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("Training and support shape involvement", subThemes: [1, 2]), in: workspace)
        try synthesis.apply(.setAssessment(.written(1), CERQualAssessment(
            components: Self.assessment([.minor, .moderate, .noOrVeryMinor, .noOrVeryMinor]).components,
            overall: .init(.moderate, explanation: "Minor and moderate concerns together"))), in: workspace)
        let tables = CERQualTables(workspace: workspace, synthesis: synthesis)
        let soqf = tables.summaryOfFindings()
        #expect(soqf.columns.map(\.key) == ["number", "finding", "statement", "studies_contributing", "studies", "references", "unattributed_quotes",
                                            "sources", "confidence", "explanation"])
        #expect(soqf.columns.filter { !$0.machineOnly }.map(\.label) == ["#", "finding", "summary of review finding", "studies contributing", "sources",
                                                                         "CERQual assessment of confidence", "explanation of CERQual assessment"])
        #expect(soqf.columns.filter(\.tableOnly).map(\.key) == ["studies_contributing"])
        #expect(soqf.rows.count == 1)
        #expect(soqf.value(row: 0, "studies_contributing") == .text("Alpha et al.; Beta; Gamma et al.; Delta; ref 9"))
        #expect(soqf.value(row: 0, "references") == .list([.integer(9)]))
        #expect(soqf.value(row: 0, "studies").map { if case .list(let items) = $0 { items.count } else { 0 } } == 4)
        #expect(soqf.value(row: 0, "sources") == .integer(5))
        #expect(soqf.value(row: 0, "confidence") == .labelled(.text("moderate"), display: "moderate"))
        #expect(soqf.value(row: 0, "explanation") == .text("Minor concerns regarding methodological limitations, moderate concerns regarding coherence, no or very minor concerns regarding adequacy, and no or very minor concerns regarding relevance. Minor and moderate concerns together."))
        #expect(tables.summaryOfFindings(assessedOnly: false).rows.count == 2)

        let profile = tables.evidenceProfile()
        #expect(profile.columns.map(\.key) == ["finding", "statement", "studies_contributing", "studies", "references", "unattributed_quotes",
                                               "methodological_limitations", "methodological_limitations_explanation", "coherence", "coherence_explanation",
                                               "adequacy", "adequacy_explanation", "relevance", "relevance_explanation", "confidence", "explanation"])
        #expect(profile.value(row: 0, "coherence") == .labelled(.text("moderate"), display: "moderate concerns"))
        #expect(profile.value(row: 0, "coherence")?.description == "moderate concerns")
        #expect(profile.value(row: 0, "coherence_explanation") == .text("Moderate concerns regarding coherence because x"))
        #expect(profile.columns.allSatisfy { $0.key == $0.key.lowercased() && !$0.key.contains("-") && !$0.key.contains(" ") })

        let sheet = try tables.sheet(for: .written(1))
        #expect(sheet.values("component") == ["methodological-limitations", "coherence", "adequacy", "relevance", "overall"].map { .text($0) })
        #expect(sheet.notes.contains("suggestion from the rule of thumb, not a judgement: high (no component has serious concerns); the minor or moderate concerns about methodological limitations and coherence may together justify moderate"))
        #expect(sheet.notes.contains { $0.hasPrefix("pre-filled explanation: Minor concerns regarding methodological limitations,") })
        #expect(throws: ReviewError.self) { try tables.sheet(for: .written(7)) }

        let list = tables.findingList()
        #expect(list.values("finding") == [.text("F1"), .text("T3")])
        #expect(list.values("written") == [.boolean(true), .boolean(false)])
        #expect(list.value(row: 0, "quotes") == .integer(6) && list.value(row: 0, "words") == .integer(39))
    }
}
