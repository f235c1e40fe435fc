import Foundation
import Testing
@testable import ReviewKit

/// Findings: defaults, validated add/edit/remove with inverses, resolution of typed names, and the data
/// (quotes, sources, words) behind a finding.
@Suite("Synthesis: findings")
struct SynthesisFindingsTests {
    let workspace = SynthesisFixtures.embedded

    @Test("by default every sub-theme is a finding: 46 in the embedded review (18 barriers + 28 facilitators, Tables 3 and 4)")
    func defaults() {
        let findings = Synthesis().findings(in: workspace)
        #expect(findings.count == 46)
        #expect(findings.map(\.id) == workspace.subThemes.map { FindingID.subTheme($0.id) })
        #expect(findings.first?.statement == "Lack of knowledge from other staff members")
        #expect(findings.allSatisfy { $0.subThemeIDs.count == 1 })
    }

    @Test("a written finding replaces the default findings of its sub-themes; undo brings them back")
    func addAndUndo() throws {
        var synthesis = Synthesis()
        let themes = try Synthesis.subThemeIDs("B/Know/1, b/know/2", in: workspace)
        #expect(themes == [1, 2])
        let change = synthesis.addFinding("Staff members lack knowledge of the peer role", subThemes: themes)
        let inverse = try synthesis.apply(change, in: workspace)
        let findings = synthesis.findings(in: workspace)
        #expect(findings.count == 45)
        #expect(findings.first?.id == .written(1))
        #expect(!findings.contains { $0.id == .subTheme(1) || $0.id == .subTheme(2) })
        #expect(synthesis.nextFindingID == .written(2))
        try synthesis.apply(inverse, in: workspace)
        #expect(synthesis == Synthesis())
    }

    @Test("edit and remove return inverses; removing a finding takes its assessment along, and undo restores both")
    func editRemoveInverses() throws {
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("First statement", subThemes: [1, 2]), in: workspace)
        let before = synthesis
        let edit = Finding(id: .written(1), statement: "  Revised statement\n", subThemeIDs: [1])
        let undoEdit = try synthesis.apply(.updateFinding(edit), in: workspace)
        #expect(synthesis.writtenFinding(.written(1))?.statement == "Revised statement")
        #expect(synthesis.findings(in: workspace).contains { $0.id == .subTheme(2) })
        try synthesis.apply(undoEdit, in: workspace)
        #expect(synthesis == before)

        var assessment = CERQualAssessment()
        assessment[.coherence] = .init(.minor, explanation: "one quote is ambiguous")
        try synthesis.apply(.setAssessment(.written(1), assessment), in: workspace)
        let withAssessment = synthesis
        let undoRemove = try synthesis.apply(.removeFinding(id: .written(1)), in: workspace)
        #expect(synthesis.writtenFindings.isEmpty)
        #expect(synthesis.assessment(of: .written(1)) == nil)
        try synthesis.apply(undoRemove, in: workspace)
        #expect(synthesis == withAssessment)
    }

    @Test("invalid findings are refused and leave the synthesis unchanged")
    func validation() throws {
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("Kept", subThemes: [3]), in: workspace)
        let before = synthesis
        func refused(_ change: SynthesisChange, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            var copy = synthesis
            do {
                try copy.apply(change, in: workspace)
                Issue.record("accepted; expected an error containing '\(fragment)'", sourceLocation: sourceLocation)
            } catch {
                #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
            }
            #expect(copy == before, sourceLocation: sourceLocation)
        }
        refused(.addFinding(Finding(id: .written(2), statement: "   ", subThemeIDs: [1]), at: nil), "needs a statement")
        refused(.addFinding(Finding(id: .written(2), statement: "x", subThemeIDs: []), at: nil), "at least one supporting sub-theme")
        refused(.addFinding(Finding(id: .written(2), statement: "x", subThemeIDs: [999]), at: nil), "sub-theme 999 does not exist")
        refused(.addFinding(Finding(id: .written(2), statement: "x", subThemeIDs: [1, 1]), at: nil), "listed twice")
        refused(.addFinding(Finding(id: .written(1), statement: "x", subThemeIDs: [1]), at: nil), "already in use")
        refused(.addFinding(Finding(id: .subTheme(1), statement: "x", subThemeIDs: [1]), at: nil), "sub-theme's own finding")
        refused(.addFinding(Finding(id: .written(2), statement: String(repeating: "a", count: 2001), subThemeIDs: [1]), at: nil), "at most 2000")
        refused(.updateFinding(Finding(id: .subTheme(4), statement: "x", subThemeIDs: [4])), "only written findings")
        refused(.removeFinding(id: .written(9)), "no finding F9")
        refused(.setAssessment(.subTheme(3), CERQualAssessment(overall: .init(.low))), "part of F1")
        refused(.batch([.removeFinding(id: .written(1)), .removeFinding(id: .written(1))]), "no finding F1")
    }

    @Test("a written finding may not swallow a default finding that has an assessment")
    func absorbingAnAssessedDefaultIsRefused() throws {
        var synthesis = Synthesis()
        try synthesis.apply(.setAssessment(.subTheme(2), CERQualAssessment(overall: .init(.moderate, explanation: "x"))), in: workspace)
        let error = #expect(throws: ReviewError.self) { try synthesis.apply(synthesis.addFinding("Both", subThemes: [1, 2]), in: workspace) }
        #expect(error?.message == "sub-theme B/Know/2 stands as finding T2, which has a cerqual assessment")
        #expect(error?.notes.first?.contains("cerqual clear T2") == true)
        try synthesis.apply(.setAssessment(.subTheme(2), nil), in: workspace)
        try synthesis.apply(synthesis.addFinding("Both", subThemes: [1, 2]), in: workspace)
    }

    @Test("typed names: finding ids, sub-theme codes in any case, and did-you-mean")
    func resolution() throws {
        var synthesis = Synthesis()
        #expect(try synthesis.findingID("b/know/1", in: workspace) == .subTheme(1))
        #expect(try synthesis.findingID("T46", in: workspace) == .subTheme(46))
        try synthesis.apply(synthesis.addFinding("Knowledge", subThemes: [1, 2]), in: workspace)
        #expect(try synthesis.findingID("B/Know/2", in: workspace) == .written(1))
        #expect(try synthesis.findingID("f1", in: workspace) == .written(1))
        #expect(throws: ReviewError.self) { try synthesis.findingID("T1", in: workspace) }
        #expect(throws: ReviewError.self) { try synthesis.findingID("T47", in: workspace) }
        let error = #expect(throws: ReviewError.self) { try Synthesis.subThemeID("B/Knw/1", in: workspace) }
        #expect(error?.message == "no sub-theme 'B/Knw/1'")
        #expect(error?.notes.first?.contains("'B/Know/1'") == true)
        #expect(FindingID("F0") == nil && FindingID("X3") == nil && FindingID("F") == nil && FindingID("F99999999999") == nil)
        #expect(FindingID(" f12 ") == .written(12))
    }

    @Test("the data behind a default finding of the embedded review: one quote, cited as a reference number")
    func embeddedFindingData() throws {
        let synthesis = Synthesis()
        // F/Skil/3 "Skill development": Q21, cited "(34), p. 354" in section 3.2.1.1.1.
        let id = try synthesis.findingID("F/Skil/3", in: workspace)
        let data = FindingData(synthesis.finding(id, in: workspace)!, in: workspace)
        #expect(data.quotes.map(\.id) == [21])
        #expect(data.sources == [.reference(34)])
        #expect(data.sourcesText(in: workspace) == "ref 34")
        // Counted by hand: "Listening is a really important skill to have, before I was always used to
        // throwing out advice, and I really needed to get better at that." has 26 words.
        #expect(data.words == 26)
        // B/ECR/3 "Lack of change within the organisational culture": its quote has no citation in the text.
        let uncited = FindingData(synthesis.finding(try synthesis.findingID("B/ECR/3", in: workspace), in: workspace)!, in: workspace)
        #expect(uncited.sources.isEmpty && uncited.unattributedQuotes == 1)
        #expect(uncited.sourcesText(in: workspace) == "1 quote without a source")
    }

    @Test("sources: a study, a study found through its reference number, a bare reference number, none")
    func sources() throws {
        let small = SynthesisFixtures.small
        let data = FindingData(Finding(id: .written(1), statement: "Support", subThemeIDs: [2, 1]), in: small)
        #expect(data.sources == [.study("S01"), .study("S02"), .study("S03"), .study("S04"), .reference(9)])
        #expect(data.sourcesText(in: small) == "Alpha et al.; Beta; Gamma et al.; Delta; ref 9")
        #expect(data.quotes.map(\.id) == [1, 2, 3, 4, 6, 7])
        let burnout = FindingData(Synthesis.defaultFinding(small.subTheme(3)!), in: small)
        #expect(burnout.sourcesText(in: small) == "1 quote without a source")
        // Two embedded studies share the label "Debyser et al.": the label carries the id.
        #expect(ContributingSource.study("S25").label(in: workspace) == "Debyser et al. (S25)")
        #expect(ContributingSource.study("S01").label(in: workspace) == "Ben-Dor I et al.")
    }

    @Test("words are whitespace-separated tokens holding a letter or digit", arguments: [
        ("", 0), ("   ", 0), ("one", 1), ("— … –", 0), ("peer-led work", 2), ("Janoušková’s team 🙂", 2),
        ("“just get on with it”.", 5), ("tabs\tand\nnewlines", 3), ("2024 was 🙂🙂 hard", 3), ("a\u{00A0}b", 2),
    ])
    func words(text: String, expected: Int) {
        #expect(WordCount.words(in: text) == expected)
    }
}
