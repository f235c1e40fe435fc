import Foundation
import Testing
@testable import ReviewKit

/// sessions/cerqual-illustration.review, step by step through the ReviewKit API, so its `expect` lines
/// are known to hold before the shell commands are wired. Keep the two in step.
@Suite("Synthesis: the CERQual illustration script")
struct SynthesisIllustrationTests {
    static let script: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions/cerqual-illustration.review")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The quoted arguments of the script's lines that start with `prefix`, in order.
    static func quoted(_ prefix: String) -> [String] {
        script.split(separator: "\n").filter { $0.hasPrefix(prefix) }.compactMap { line in
            guard let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }

    static func judge(_ synthesis: inout Synthesis, _ id: FindingID, _ component: CERQualComponent, _ level: ConcernLevel, in workspace: Workspace) throws {
        let prefix = "cerqual \(id) \(component.slug) \(level.slug)"
        let explanation = quoted(prefix).first ?? ""
        #expect(script.contains(prefix), "the script no longer has '\(prefix)'")
        try synthesis.apply(synthesis.judging(id, component, .init(level, explanation: explanation)), in: workspace)
    }

    @Test("the script's findings, judgements, tables and ranking give the figures its expect lines pin")
    func script() throws {
        try #require(!Self.script.isEmpty, "sessions/cerqual-illustration.review not found")
        #expect(Self.script.hasPrefix("# ILLUSTRATION ONLY"))
        let workspace = SynthesisFixtures.embedded
        var synthesis = Synthesis()
        var tables: CERQualTables { CERQualTables(workspace: workspace, synthesis: synthesis) }
        #expect(tables.findingList().rows.count == 46)

        let adds = Self.script.split(separator: "\n").filter { $0.hasPrefix("finding add ") }
        #expect(adds.count == 3)
        for line in adds {
            let statement = Self.quoted(String(line)).first!
            let themes = String(line[line.range(of: "themes=")!.upperBound...])
            try synthesis.apply(synthesis.addFinding(statement, subThemes: try Synthesis.subThemeIDs(themes, in: workspace)), in: workspace)
        }
        let list = tables.findingList()
        #expect(list.rows.count == 40)
        func listed(_ key: String, _ finding: Int) -> SynthesisTable.Value? { list.value(row: finding - 1, key) }
        #expect(listed("sources", 1) == .integer(2) && listed("quotes", 1) == .integer(2) && listed("words", 1) == .integer(110))
        #expect(listed("studies_contributing", 1) == .text("ref 35; ref 36"))
        #expect(listed("sources", 2) == .integer(2) && listed("quotes", 2) == .integer(4) && listed("words", 2) == .integer(134))
        #expect(listed("studies_contributing", 2) == .text("ref 36; ref 51 (+ 1 quote without a source)"))
        #expect(listed("sources", 3) == .integer(2) && listed("quotes", 3) == .integer(3) && listed("words", 3) == .integer(121))

        let f1 = FindingID.written(1), f2 = FindingID.written(2), f3 = FindingID.written(3)
        try Self.judge(&synthesis, f1, .methodologicalLimitations, .moderate, in: workspace)
        try Self.judge(&synthesis, f1, .coherence, .noOrVeryMinor, in: workspace)
        try Self.judge(&synthesis, f1, .adequacy, .moderate, in: workspace)
        try Self.judge(&synthesis, f1, .relevance, .minor, in: workspace)
        let f1Sheet = try tables.sheet(for: f1)
        #expect(f1Sheet.notes.contains("suggestion from the rule of thumb, not a judgement: high (no component has serious concerns); the minor or moderate concerns about methodological limitations, adequacy and relevance may together justify moderate"))
        try synthesis.apply(synthesis.judging(f1, overall: .init(.moderate, explanation: Self.quoted("cerqual F1 overall moderate").first!)), in: workspace)
        #expect(try tables.sheet(for: f1).value(row: 1, "level") == .text("no or very minor concerns"))
        #expect(try tables.sheet(for: f1).value(row: 2, "level") == .text("moderate concerns"))
        #expect(try tables.sheet(for: f1).value(row: 4, "level") == .text("moderate confidence"))

        try Self.judge(&synthesis, f2, .methodologicalLimitations, .moderate, in: workspace)
        try Self.judge(&synthesis, f2, .coherence, .minor, in: workspace)
        try Self.judge(&synthesis, f2, .adequacy, .moderate, in: workspace)
        try Self.judge(&synthesis, f2, .relevance, .minor, in: workspace)
        try synthesis.apply(synthesis.judging(f2, overall: .init(.moderate, explanation: Self.quoted("cerqual F2 overall moderate").first!)), in: workspace)
        #expect(try tables.sheet(for: f2).value(row: 1, "level") == .text("minor concerns"))

        try Self.judge(&synthesis, f3, .methodologicalLimitations, .moderate, in: workspace)
        try Self.judge(&synthesis, f3, .coherence, .minor, in: workspace)
        try Self.judge(&synthesis, f3, .adequacy, .serious, in: workspace)
        try Self.judge(&synthesis, f3, .relevance, .minor, in: workspace)
        try synthesis.apply(synthesis.judging(f3, overall: .init(.high, explanation: "placeholder")), in: workspace)
        let checks = tables.checks()
        #expect(checks.rows.count == 14)
        #expect(checks.value(row: 0, "finding") == .text("F3") && checks.value(row: 0, "check") == .text("serious-with-high-confidence"))
        #expect(try tables.sheet(for: f3).notes.contains("suggestion from the rule of thumb, not a judgement: moderate (one level down for serious concerns about adequacy); the minor or moderate concerns about methodological limitations, coherence and relevance may together justify low"))
        try synthesis.apply(synthesis.judging(f3, overall: .init(.low, explanation: Self.quoted("cerqual F3 overall low").first!)), in: workspace)
        #expect(try tables.sheet(for: f3).value(row: 4, "level") == .text("low confidence"))
        #expect(tables.checks().rows.count == 13)
        #expect(tables.checks().values("check").allSatisfy { $0 == .text("no-contributing-study") })

        let soqf = tables.summaryOfFindings()
        #expect(soqf.rows.count == 3)
        #expect(soqf.value(row: 0, "confidence") == .text("moderate") && soqf.value(row: 2, "confidence") == .text("low"))
        #expect(soqf.value(row: 2, "studies_contributing") == .text("ref 33; ref 41 (+ 1 quote without a source)"))
        let profile = tables.evidenceProfile()
        #expect(profile.value(row: 2, "adequacy") == .text("serious concerns"))
        let pinned = Self.quoted("expect \"explanation[F1]\"").first.map { text in
            String(text[text.range(of: "= \"")!.upperBound...])
        }
        #expect(profile.value(row: 0, "explanation").map { "\($0)" } == pinned)

        let ranking = try DomainImportance(workspace: workspace).table
        #expect(ranking.rows.count == 14)
        func rank(_ domain: String, _ key: String = "rank") -> String? {
            guard let row = ranking.values("domain").firstIndex(of: .text(domain)) else { return nil }
            return ranking.value(row: row, key)?.description
        }
        #expect(rank("Environmental Context and Resources") == "1st" && rank("Environmental Context and Resources", "studies") == "5")
        #expect(rank("Environmental Context and Resources", "studies_percent") == "15.2" && rank("Environmental Context and Resources", "subthemes") == "11")
        #expect(rank("Social/Professional Role and Identity") == "2nd" && rank("Social Influences") == "3rd")
        #expect(rank("Knowledge") == "joint 4th\u{2013}5th" && rank("Beliefs about Capabilities") == "joint 4th\u{2013}5th")
        #expect(rank("Skills") == "joint 6th\u{2013}7th" && rank("Emotion") == "joint 8th\u{2013}10th")
        #expect(rank("Memory, Attention and Decision Processes") == "11th")
        #expect(rank("Knowledge", "conflicting") == "yes" && rank("Emotion", "conflicting") == "no")
        #expect(["Optimism", "Intentions", "Behavioural Regulation"].allSatisfy { rank($0, "has_data") == "no" })
        let byElaboration = try DomainImportance(workspace: workspace, criteria: DomainImportance.Criterion.parseList("elaboration,studies"))
        #expect(byElaboration.row(.socialInfluences)?.rank.text == "3rd")

        // Every pinned rank in the script is one of the values checked above.
        for line in Self.script.split(separator: "\n") where line.hasPrefix("expect \"rank[") {
            let domain = String(line[line.range(of: "rank[")!.upperBound..<line.range(of: "]")!.lowerBound])
            let value = line.split(separator: "=")[1].split(separator: " from")[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            if line.hasSuffix("by=elaboration,studies") { continue }
            #expect(rank(domain) == value, "\(line)")
        }
    }
}
