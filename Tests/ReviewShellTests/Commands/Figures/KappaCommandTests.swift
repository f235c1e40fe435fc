import Foundation
import Testing
import ReviewKit
@testable import ReviewShell

/// `kappa` reads ratings tables as a reviewer's export has them (identifier column, missing cells, labels in
/// different case), counts without overflow, and labels only kappas; every figure is checked against an
/// independent computation (the Python fixture of docs/agreement.md, or the hand formula in the comment).
@Suite struct KappaCommandTests {
    /// A shell working in the repository root, so `sessions/screening.csv` resolves as in the docs.
    static func shell() throws -> (Shell, BufferedOutput) {
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = ReproduceScriptTests.root.path
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options)
        return (shell, output)
    }

    static func record(_ line: String) throws -> ResultRecord {
        let (shell, _) = try shell()
        let result = try shell.execute(try #require(Invocation(line)))
        switch result {
        case .record(let record): return record
        case .sequence(let items):
            for case .record(let record) in items { return record }
        default: break
        }
        Issue.record("no record from '\(line)'")
        return ResultRecord(fields: [])
    }

    static func failure(_ line: String) throws -> Diagnostic? {
        let (shell, _) = try shell()
        let invocation = try #require(Invocation(line))
        do throws(Diagnostic) { _ = try shell.execute(invocation) } catch { return error }
        return nil
    }

    static func number(_ value: ResultValue?) -> Double? {
        switch value {
        case .number(let v, _)?: return v
        case .integer(let v)?: return Double(v)
        default: return nil
        }
    }

    /// docs/agreement.md: classic Fleiss 0.460 on the 56 records all three screened; record_id left out;
    /// the case variants merged (ScreeningExampleTests checks these against the Python reference).
    @Test func fleissLeavesOutTheIdentifierAndIncompleteSubjects() throws {
        let record = try Self.record("kappa fleiss ratings sessions/screening.csv")
        #expect(record["subjects"] == .integer(56))
        #expect(record["raters"] == .integer(3))
        #expect(record["categories"] == .integer(3))
        #expect(Self.number(record["kappa"]).map { String(format: "%.3f", $0) } == "0.460")
        #expect(record.footnotes.contains { $0.contains("raters: 'reviewer_A', 'reviewer_B' and 'reviewer_C'") && $0.contains("subjects: 'record_id'") })
        #expect(record.footnotes.contains { $0.hasPrefix("left out column 'record_id'") })
        #expect(record.footnotes.contains { $0.hasPrefix("left out 4 of 60 subjects") })
        #expect(record.footnotes.contains { $0.contains("merged") })
    }

    /// Cohen's kappa of reviewers A and B on the 58 records both screened: pa 0.741379, pe 0.436683 → κ 0.541
    /// (computed by hand from the CSV with Python: Σ agreements / n and Σ p_A(k)·p_B(k)).
    @Test func cohenTakesTwoChosenRaters() throws {
        let record = try Self.record("kappa cohen ratings sessions/screening.csv raters=reviewer_A,reviewer_B")
        #expect(record["subjects"] == .integer(58))
        #expect(Self.number(record["kappa"]).map { String(format: "%.4f", $0) } == "0.5409")
        #expect(record.footnotes.contains { $0.contains("left out 2 subjects rated by only one") })
        #expect(record.footnotes.contains { $0.contains("ignored column 'reviewer_C'") })
        let three = try #require(try Self.failure("kappa cohen ratings sessions/screening.csv"))
        #expect(three.message.contains("exactly two raters"))
    }

    @Test func subjectNoneCountsEveryColumnAsARater() throws {
        let error = try #require(try Self.failure("kappa cohen ratings sessions/screening.csv subject=none raters=1,2,3"))
        #expect(error.message.contains("exactly two raters"))
        let record = try Self.record("kappa fleiss ratings sessions/screening.csv subject=record_id raters=reviewer_B,reviewer_C")
        #expect(record["raters"] == .integer(2))
    }

    @Test func hugeCountsAreRefusedWithACaretInsideTheQuotes() throws {
        let line = "kappa fleiss counts \"99999999999,1; 1,99999999999999999\""
        let error = try #require(try Self.failure(line))
        #expect(error.message.contains("too large"))
        // The caret is on the offending cell inside the quoted text (1-based column).
        let start = try #require(line.range(of: "99999999999999999\"")).lowerBound
        #expect(error.column == line.distance(from: line.startIndex, to: start) + 1)
        #expect(error.length == 17)
        let cohen = try #require(try Self.failure("kappa cohen counts \"9254775807,3;2,x\""))
        #expect(cohen.message.contains("'x' is not a whole number"))
        #expect(cohen.column == 36)
    }

    @Test func labelsAgreeWithThePrintedPrecision() throws {
        let moderate = try Self.record("kappa label 0.405")
        #expect(moderate["strength"] == .labelled(.text("moderate"), display: "moderate"))
        #expect(moderate["range"] == .text("0.401–0.600"))
        let negative = try Self.record("kappa label -0.0004")
        #expect(negative["strength"] == .labelled(.text("poor"), display: "poor"))
        let (shell, output) = try Self.shell()
        shell.run("kappa label -0.0004")
        #expect(output.text.contains("-0.0004"))
        let refused = try #require(try Self.failure("kappa label 1.2"))
        #expect(refused.message.contains("between -1 and 1"))
        #expect(try Self.failure("kappa label nan") != nil)
    }
}
