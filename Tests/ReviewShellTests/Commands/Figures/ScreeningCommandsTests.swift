import Foundation
import Testing
import ReviewKit
@testable import ReviewShell

/// `import screening`, `agreement screening`, `disagreements screening`, `consensus=`, the one line of `agreement`
/// with nothing to compare, and `edit theme` moving reviewers' codings. Figures are those the Python reference
/// gives for sessions/screening.csv (ScreeningImportTests checks them to 1e-9; here the printed digits).
@Suite struct ScreeningCommandsTests {
    static let sessions = ReproduceScriptTests.root.appendingPathComponent("sessions").path

    /// The text a value shows (a labelled value's display text).
    static func text(_ value: ResultValue?) -> String? {
        if case .text(let text)? = value { return text }
        if case .labelled(_, let display)? = value { return display }
        return nil
    }

    @Test func theEmbeddedReviewShowsThePublishedFigureAsPublished() throws {
        let h = try CommandHarness()
        let record = try h.record("agreement screening")
        #expect(record.title == "Screening agreement (as published)")
        #expect(Self.text(record["published"])?.hasPrefix("0.588 (95% CI 0.536 to 0.640), three screeners") == true)
        #expect(Self.text(record["strength"]) == "moderate (Landis & Koch 1977)")
        // The review's own figures (Shaw et al. 2025, section 2.3), as numbers for machines.
        #expect(record["fleiss_kappa"] == .number(0.588, decimals: 3) && record["ci_lower"] == .number(0.536, decimals: 3)
                && record["ci_upper"] == .number(0.640, decimals: 3) && record["source"] == .text("published"))
        #expect(AgreementCommand.publishedFigures("0.5 (an estimate)").interval == nil)
        #expect(AgreementCommand.publishedFigures("about half").kappa == nil)
        #expect(record.footnotes.contains { $0.contains("not computed") })
        #expect(h.failure("disagreements screening")?.message.contains("import screening FILE") == true)
    }

    @Test func agreementWithoutReviewersSaysSoInOneLine() throws {
        let h = try CommandHarness()
        let line = try h.message("agreement")
        #expect(!line.contains("\n") && line.contains("set reviewer GT") && line.contains("merge FILE") && line.contains("import qdpx"))
    }

    @Test func importedDecisionsGiveTheReferenceFiguresAndUndoTakesThemBack() throws {
        let h = try CommandHarness()
        let message = try h.message("import screening \(Self.sessions)/screening.csv")
        #expect(message.contains("176 decisions on 60 records by reviewer_A, reviewer_B, reviewer_C; 60 new, 0 updated, 0 unchanged"))
        #expect(h.output.errors.contains("folded 3 decisions to include / maybe / exclude: 'Include' → include (1), 'Exclude' → exclude (1), 'MAYBE' → maybe (1)"))
        guard case .sequence(let parts) = try h.result("agreement screening"), case .record(let record) = parts.first else {
            Issue.record("no report"); return
        }
        #expect(Self.text(record["as_reported"]) == "Fleiss' kappa 0.471, 95% CI 0.310–0.631 (moderate)")
        #expect(Self.text(record["classic"]) == "0.460, 95% CI 0.348–0.571, p < 0.001, on 56 records")
        #expect(record["records"] == .integer(60) && record["decisions"] == .integer(176) && record["screened_once"] == .integer(0))
        // Machines get the same figures as numbers and slugs, not the sentences above.
        func rounded(_ key: String) -> String? {
            if case .number(let value, _)? = record[key]?.machineValue { return String(format: "%.3f", value) }
            return nil
        }
        #expect(rounded("fleiss_kappa") == "0.471" && rounded("ci_lower") == "0.310" && rounded("ci_upper") == "0.631")
        #expect(rounded("classic_kappa") == "0.460" && rounded("classic_ci_lower") == "0.348" && rounded("classic_ci_upper") == "0.571")
        #expect(record["classic_records"] == .integer(56) && Self.text(record["strength"]?.machineValue) == "moderate")
        #expect(record.footnotes.contains { $0.hasPrefix("published by the review (from its own decisions; not recomputed here): Fleiss' kappa 0.588") })
        // Reviewers A and B alone: Cohen's kappa comes in (58 records both screened; 0.541 as 'kappa cohen ratings').
        guard case .sequence(let pair) = try h.result("agreement screening reviewers=reviewer_A,reviewer_B"),
              case .table(let coefficients) = pair.last else { Issue.record("no table"); return }
        let cohen = try #require(coefficients.rows.first { Self.text($0[0]) == "Cohen's kappa" })
        #expect(Self.text(cohen[0].machineValue) == "cohen_kappa" && Self.text(cohen[1]) == "nominal")
        let value = try #require(coefficients.columns.firstIndex { $0.key == "value" })
        if case .number(let value, _) = cohen[value].machineValue { #expect(String(format: "%.3f", value) == "0.541") } else { Issue.record("no kappa") }
        _ = try h.result("undo")
        #expect(h.session.document.workspace.screening.isEmpty)
    }

    @Test func conflictsAreGroupedAsCovidenceListsThem() throws {
        let h = try CommandHarness()
        _ = try h.result("import screening \(Self.sessions)/screening.csv")
        let table = try h.table("disagreements screening")
        let kinds = h.column(table, "conflict").compactMap(Self.text)
        #expect(!kinds.isEmpty)
        let order = ScreeningConflict.allCases.map(\.label)
        #expect(kinds.map { order.firstIndex(of: $0)! } == kinds.map { order.firstIndex(of: $0)! }.sorted())
        #expect(table.columns.map(\.key) == ["conflict", "record", "decision_reviewer_a", "decision_reviewer_b", "decision_reviewer_c", "consensus", "status"])
        // Every listed record differs; every record not listed agrees (or was screened once).
        let workspace = h.session.document.workspace
        let listed = Set(h.column(table, "record").compactMap(Self.text))
        for record in workspace.screening.records {
            let decisions = Set(record.reviewerVotes.map(\.decision))
            #expect(listed.contains(record.id) == (decisions.count > 1), "\(record.id)")
        }
        #expect(table.footnotes[0].hasPrefix("\(listed.count) conflicts among 60 records screened by two of reviewer_A, reviewer_B, reviewer_C or more: "))
    }

    @Test func anUnknownDecisionIsLocatedAndNothingIsImported() throws {
        let h = try CommandHarness()
        try "id,GT,KW\nR1,include,exclude\nR2,Perhaps,no\n".write(to: h.directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let error = try #require(h.failure("import screening bad.csv"))
        #expect(error.file == "bad.csv" && error.line == 3 && error.column == 4 && error.lineText == "R2,Perhaps,no")
        #expect(error.message.hasPrefix("'Perhaps' is not a screening decision"))
        #expect(h.session.document.workspace.screening.isEmpty)
    }

    @Test func consensusBothReportsBeforeAndAfter() throws {
        let h = try CommandHarness()
        _ = try h.result("import screening \(Self.sessions)/screening-covidence.csv stage=\"Title and abstract screening\"")
        guard case .sequence(let parts) = try h.result("agreement screening consensus=both") else { Issue.record("no sequence"); return }
        let records = parts.compactMap { if case .record(let r) = $0, r.title?.hasPrefix("Screening agreement") == true { return r } else { return nil } }
        #expect(records.map(\.title) == ["Screening agreement (before consensus)", "Screening agreement (after consensus)"])
        #expect(Self.text(records[0]["as_reported"]) == "Fleiss' kappa 0.471, 95% CI 0.310–0.631 (moderate)")
        #expect(Self.text(records[1]["as_reported"]) != Self.text(records[0]["as_reported"]))
        #expect(h.failure("agreement screening consensus=later") != nil)
    }

    @Test func importRISStoresRayyanDecisions() throws {
        let h = try CommandHarness()
        _ = try h.result("import ris \(Self.sessions)/screening-rayyan.ris")
        #expect(h.session.document.workspace.screening.count == 60)
        #expect(h.output.errors.contains("rayyan decisions: 176 on 60 records by Ana, Ben, Cleo stored as screening decisions"))
        let record = try h.record("agreement screening")
        #expect(Self.text(record["as_reported"]) == "Fleiss' kappa 0.471, 95% CI 0.310–0.631 (moderate)")
        _ = try h.result("undo")
        #expect(h.session.document.workspace.screening.isEmpty)
    }

    @Test func editThemeMovesTheReviewersCodingsAndUndoMovesThemBack() throws {
        let h = try CommandHarness()
        let workspace = h.session.document.workspace
        let quote = try #require((0..<workspace.quotes.count).map { workspace.quote(atRow: $0) }.first { $0.subTheme != nil })
        let theme = try #require(workspace.subTheme(quote.subTheme!))
        _ = try h.result("set reviewer GT")
        _ = try h.result("code Q\(quote.id) subtheme=\(theme.code)")
        let target: TDFDomain = theme.domain == .knowledge ? .skills : .knowledge
        _ = try h.result("edit theme \(theme.code) domain=\(target.slug) component=psychological-capability")
        let moved = h.session.document.workspace
        #expect(moved.reviewerCoding(of: quote.id, by: "GT")?.domain == target && moved.quote(quote.id)?.domain == target)
        #expect(moved.quote(quote.id)?.subTheme == theme.id)
        _ = try h.result("undo")
        let back = h.session.document.workspace
        #expect(back.reviewerCoding(of: quote.id, by: "GT")?.domain == theme.domain && back.subTheme(theme.id) == theme)
    }
}
