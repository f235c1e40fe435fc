import Foundation
import Testing

@testable import ReviewKit

/// `import screening`: the plain table, Rayyan's RIS and CSV exports and Covidence-style votes read into
/// the same decisions, synonyms folded and counted, unknown words refused at their cell; and the stored-decision
/// path gives the figures the Python reference (irrcac, krippendorff) computed for sessions/screening.csv.
@Suite struct ScreeningImportTests {
    static let sessions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions")

    static func read(_ name: String, format: ScreeningImport.Format? = nil, stage: String? = nil) throws -> ScreeningImport {
        try ScreeningImport.read(from: sessions.appendingPathComponent(name), format: format, stage: stage)
    }

    static func workspace(_ read: ScreeningImport) throws -> Workspace {
        var w = Workspace()
        let change = try #require(read.change(for: w).change)
        try w.apply(change)
        return w
    }

    static func decode(_ text: String, format: ScreeningImport.Format? = nil) throws(FileError) -> ScreeningImport {
        try ScreeningImport.decode(Array(text.utf8), path: "t.csv", format: format)
    }

    /// The decisions as record → reviewer → decision, reviewers renamed as the constructed fixtures rename them.
    static func grid(_ w: Workspace, renaming names: [String: String] = [:], ids: (String) -> String = { $0 }) -> [String: [String: ScreeningDecision]] {
        var grid: [String: [String: ScreeningDecision]] = [:]
        for record in w.screening.records {
            for vote in record.reviewerVotes { grid[ids(record.id), default: [:]][names[vote.reviewer] ?? vote.reviewer] = vote.decision }
        }
        return grid
    }

    @Test("the plain table: three reviewers, 60 records, 176 decisions, three spellings folded")
    func plainTable() throws {
        let read = try Self.read("screening.csv")
        #expect(read.format == .plain)
        #expect(read.reviewers == ["reviewer_A", "reviewer_B", "reviewer_C"])
        #expect(read.records.count == 60 && read.decisionCount == 176)
        #expect(read.foldings == [.init(spelling: "Include", decision: .include, count: 1), .init(spelling: "Exclude", decision: .exclude, count: 1),
                                  .init(spelling: "MAYBE", decision: .maybe, count: 1)])
        #expect(read.records[0] == ScreeningRecord(id: "EX-01", votes: [.init(reviewer: "reviewer_A", decision: .exclude),
                                                                        .init(reviewer: "reviewer_B", decision: .exclude),
                                                                        .init(reviewer: "reviewer_C", decision: .include)]))
    }

    @Test("stored decisions give the Python reference's figures for sessions/screening.csv, and classic Fleiss as 'kappa fleiss ratings'")
    func figuresMatchTheReference() throws {
        let w = try Self.workspace(try Self.read("screening.csv"))
        let (matrix, once) = try w.screeningRatings()
        #expect(once == 0 && matrix.unitCount == 60 && matrix.ratingCount == 176)
        #expect(matrix.categories == ["include", "maybe", "exclude"])
        let report = try AgreementReport(matrix)
        let reference = try AgreementReference.load()
        let expected = try #require(reference.tables.first { $0.name.hasPrefix("sessions/screening.csv") }?.expected)
        #expect(report.units == expected.units && report.ratings == expected.ratings)
        let estimates = try #require(expected.estimates)
        #expect(!estimates.isEmpty)
        for wanted in estimates {
            let got = try #require(report.estimate(wanted.coefficient, metric: wanted.metric), "\(wanted.coefficient)")
            AgreementReference.expectClose(got.value, wanted.value, "\(wanted.coefficient) value")
            AgreementReference.expectClose(got.standardError, wanted.se, "\(wanted.coefficient) se")
            AgreementReference.expectClose(got.confidenceInterval?.lower, wanted.lower, "\(wanted.coefficient) lower")
            AgreementReference.expectClose(got.confidenceInterval?.upper, wanted.upper, "\(wanted.coefficient) upper")
        }
        // The same table read as ratings (what 'kappa fleiss ratings sessions/screening.csv' computes).
        let rows = try CSV.rows(Array(Data(contentsOf: Self.sessions.appendingPathComponent("screening.csv"))))
        let ratings = try RatingsMatrix(header: rows[0], rows: Array(rows.dropFirst()))
        let viaRatings = try FleissKappa(ratings: try RatingsTable(ratings))
        let stored = try FleissKappa(ratings: try RatingsTable(matrix))
        #expect(stored.subjects == 56 && stored.subjects == viaRatings.subjects)
        AgreementReference.expectClose(stored.kappa, viaRatings.kappa, "classic kappa")
        AgreementReference.expectClose(stored.kappa, expected.classicFleiss?.kappa, "classic kappa vs python")
        AgreementReference.expectClose(stored.lowerBound, viaRatings.lowerBound, "classic lower")
        AgreementReference.expectClose(stored.upperBound, viaRatings.upperBound, "classic upper")
    }

    @Test("Rayyan RIS, Rayyan CSV and Covidence votes carry the same decisions as the plain table")
    func everyLayoutReadsTheSameDecisions() throws {
        let names = ["reviewer_A": "Ana", "reviewer_B": "Ben", "reviewer_C": "Cleo"]
        let plain = try Self.workspace(try Self.read("screening.csv"))
        let expected = Self.grid(plain, renaming: names, ids: { String(Int($0.dropFirst(3)) ?? 0) })

        let ris = try Self.read("screening-rayyan.ris")
        #expect(ris.format == .rayyanRIS && ris.records.count == 60 && ris.decisionCount == 176)
        #expect(ris.records[0].id == "rayyan-900001" && ris.records[0].title == "Constructed example EX-01")
        #expect(Set(ris.foldings.map(\.spelling)) == ["Included", "Maybe", "Excluded"])
        #expect(ris.foldings.reduce(0) { $0 + $1.count } == 176)
        #expect(Self.grid(try Self.workspace(ris), ids: { String(Int($0.dropFirst(7))! - 900000) }) == expected)

        let csv = try Self.read("screening-rayyan.csv")
        #expect(csv.format == .rayyanCSV && csv.records.count == 60)
        #expect(Self.grid(try Self.workspace(csv), ids: { String(Int($0)! - 900000) }) == expected)

        let covidence = try Self.read("screening-covidence.csv", stage: "title and abstract screening")
        #expect(covidence.format == .covidence)
        #expect(Set(covidence.foldings.map(\.spelling)) == ["Yes", "No", "Maybe"])
        let votes = try Self.workspace(covidence)
        #expect(Self.grid(votes, ids: { String($0.dropFirst()) }) == expected)
        #expect(votes.screening.records.filter { $0.consensus != nil }.count == 6)
        // The figures do not depend on the layout.
        let a = try AgreementReport(try plain.screeningRatings().matrix), b = try AgreementReport(try votes.screeningRatings().matrix)
        AgreementReference.expectClose(a.estimate(.fleissKappa)?.value, b.estimate(.fleissKappa)?.value, "fleiss")
        AgreementReference.expectClose(a.estimate(.krippendorffAlpha)?.value, b.estimate(.krippendorffAlpha)?.value, "alpha")
    }

    @Test("a Covidence file with two stages needs stage=")
    func covidenceStages() throws {
        #expect(throws: FileError.self) { try Self.read("screening-covidence.csv") }
        do { _ = try Self.read("screening-covidence.csv") } catch let error as FileError {
            #expect(error.message.contains("2 stages") && error.message.contains("'Full text review'") && error.message.contains("stage="))
        }
        let full = try Self.read("screening-covidence.csv", stage: "Full text review")
        #expect(full.records.count == 4 && full.records.allSatisfy { $0.reviewerVotes.allSatisfy { $0.decision == .include } })
    }

    @Test("synonyms fold, case and spaces ignored; unknown words are not decisions")
    func synonyms() {
        for word in ["Included", "include", " YES ", "y", "1", "TRUE"] { #expect(ScreeningDecision(folding: word) == .include, "\(word)") }
        for word in ["Maybe", "unsure", "?", "0", " M A Y B E"] { #expect(ScreeningDecision(folding: word) == .maybe, "\(word)") }
        for word in ["Excluded", "exclude", "No", "n", "-1", "False"] { #expect(ScreeningDecision(folding: word) == .exclude, "\(word)") }
        for word in ["perhaps", "", "2", "inc", "yes please"] { #expect(ScreeningDecision(folding: word) == nil, "\(word)") }
    }

    @Test("an unknown decision is an error at its cell, with the line for a caret")
    func unknownWordsAreLocated() throws {
        func failure(_ text: String, format: ScreeningImport.Format? = nil) -> FileError? {
            do { _ = try Self.decode(text, format: format); return nil } catch { return error }
        }
        let plain = try #require(failure("id,GT,KW\nR1,include,perhaps\n"))
        #expect(plain.line == 2 && plain.column == 12 && plain.lineText == "R1,include,perhaps")
        #expect(plain.message.hasPrefix("'perhaps' is not a screening decision; expected include, maybe or exclude"))

        let votes = try #require(failure("Covidence #,Reviewer,Vote\n#1,GT,Yes\n#1,KW,Nope\n"))
        #expect(votes.line == 3 && votes.column == 7 && votes.message.hasPrefix("'Nope' is not"))

        let ris = "TY  - JOUR\nTI  - One\nAN  - rayyan-1\nN1  - RAYYAN-INCLUSION: {\"GT\"=>\"Included\", \"KW\"=>\"Perhaps\"}\nER  - \n"
        let risError = try #require(failure(ris))
        #expect(risError.line == 4 && risError.message.hasPrefix("'Perhaps' is not"))
        let lineText = try #require(risError.lineText), column = try #require(risError.column)
        #expect(lineText.dropFirst(column - 1).hasPrefix("\"Perhaps\""))

        let csv = "key,title,notes\n7,One,\"RAYYAN-INCLUSION: {\"\"GT\"\"=>\"\"Sure\"\"}\"\n"
        let csvError = try #require(failure(csv))
        #expect(csvError.line == 2 && csvError.message.hasPrefix("'Sure' is not"))

        // A RAYYAN-INCLUSION note that does not parse is an error too (the reader only warns, keeping it as text).
        let broken = try #require(failure("TY  - JOUR\nAN  - rayyan-1\nN1  - RAYYAN-INCLUSION: {\"GT\"=>\"Included\", \"KW\"}\nER  - \n"))
        #expect(broken.line == 3 && broken.message.contains("RAYYAN-INCLUSION") && broken.column != nil)
        let brokenCSV = try #require(failure("key,title,notes\n7,One,\"RAYYAN-INCLUSION: {\"\"GT\"\" Included}\"\n"))
        #expect(brokenCSV.line == 2 && brokenCSV.message.hasPrefix("rayyan note: in RAYYAN-INCLUSION: expected '=>'"))

        #expect(failure("id,GT,KW\nR1,include,exclude\nR1,exclude,exclude\n")?.message == "record 'R1' appears twice (first on line 2)")
        #expect(failure("id,GT,consensus\nR1,include,exclude\n") == nil)
        #expect(failure("id,GT,GT\nR1,include,exclude\n")?.message.contains("two columns") == true)
        #expect(failure("Covidence #,Reviewer,Vote\n#1,GT,Yes\n#1,GT,No\n")?.message.contains("voted twice") == true)
    }

    @Test("a consensus column is the consensus, records without a decision are left out and said so")
    func consensusAndEmptyRows() throws {
        let read = try Self.decode("record,title,GT,KW,Consensus\nR1,First,include,exclude,include\nR2,,,,\nR3,Third,maybe,,\n")
        #expect(read.reviewers == ["GT", "KW"])
        #expect(read.records.map(\.id) == ["R1", "R3"] && read.records[0].consensus == .include && read.records[0].title == "First")
        #expect(read.notes.isEmpty && read.recordsWithoutDecision == 1)
    }

    @Test("fuzzed tables never crash: each reads or fails with a located error")
    func fuzz() {
        var rng = SplitMix64(seed: 11)
        let pieces = ["id", "GT", "KW", ",", "\n", "\"", "include", "Yes", "maybe", "x", "RAYYAN-INCLUSION: {\"A\"=>\"Included\"}", "TY  - JOUR\n",
                      "AN  - 1\n", "ER  - \n", "N1  - ", "Covidence #", "Reviewer", "Vote", "key", "notes", "title", "é", "\r\n", "consensus", "{", "=>"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(rng.next() % 30) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            do { _ = try Self.decode(text) } catch { #expect(!error.message.isEmpty) }
        }
    }
}
