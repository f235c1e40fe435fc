import Foundation
import Synchronization
import Testing
@testable import ReviewKit

/// A cancelled token stops long work at its next check, with the caller's own error marked as an interruption,
/// on tables of two million rows (issue 9: Ctrl-C kept a 2,000,000-row Fleiss computation running for 110 s).
@Suite struct CancellationTokenTests {
    /// A token that cancels itself at its `after`-th check, so a test stops work part way, deterministically.
    final class Tripwire: Sendable {
        let checks = Atomic<Int>(0)
        let after: Int
        init(after: Int) { self.after = after }
        var token: CancellationToken { CancellationToken(linkedTo: { self.checks.wrappingAdd(1, ordering: .relaxed).newValue >= self.after }) }
        var count: Int { checks.load(ordering: .relaxed) }
    }

    static let rows = 2_000_000

    @Test func aTokenIsCancelledByItsOwnFlagOrTheFlagItFollows() throws {
        let token = CancellationToken()
        #expect(!token.isCancelled)
        token.cancel()
        #expect(token.isCancelled)
        #expect(throws: Interrupted.self) { try token.check() }
        token.reset()
        #expect(!token.isCancelled)
        let linked = Atomic<Bool>(false)
        let follower = CancellationToken(linkedTo: { linked.load(ordering: .relaxed) })
        #expect(!follower.isCancelled)
        linked.store(true, ordering: .relaxed)
        #expect(follower.isCancelled)
    }

    @Test func theRatingsReaderStopsPartWayThroughTwoMillionRows() throws {
        // Rows share their storage, so two million of them cost 16 MB.
        let header = ["record_id", "rater_A", "rater_B", "rater_C"]
        let rows = Array(repeating: ["r", "include", "Include ", "maybe"], count: Self.rows / 2) + Array(repeating: ["r", "exclude", "exclude", ""], count: Self.rows / 2)
        let tripwire = Tripwire(after: 50)
        let started = Date()
        let error = try #require(throws: StatisticsError.self) {
            try RatingsMatrix(header: header, rows: rows, cancellation: tripwire.token)
        }
        #expect(error.isInterruption)
        #expect(error.message == "interrupted")
        // Stopped at the 50th check, about 50 × 1,024 rows in: a few percent of the work.
        #expect(tripwire.count == 50)
        print("ratings reader: stopped after \(tripwire.count) checks in \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
    }

    @Test func countingAndFleissStopOnACancelledToken() throws {
        let rows = Array(repeating: ["a", "a", "b"], count: 2000) + Array(repeating: ["b", "b", "a"], count: 3000)
        let matrix = try RatingsMatrix(header: nil, rows: rows, columns: RatingsColumns(subject: .none))
        // Counting the subjects stops part way.
        let tripwire = Tripwire(after: 3)
        #expect(throws: StatisticsError(Interrupted())) { try RatingsTable(matrix, cancellation: tripwire.token) }
        #expect(throws: StatisticsError(Interrupted())) { try TwoRaterTable(matrix.selecting(raters: [0, 1]), cancellation: tripwire.token) }
        // Fleiss on two million subjects stops between its passes.
        let counts = Array(repeating: [2, 1], count: Self.rows / 2) + Array(repeating: [0, 3], count: Self.rows / 2)
        let stop = Tripwire(after: 4)
        let error = try #require(throws: StatisticsError.self) { try FleissKappa(counts: counts, cancellation: stop.token) }
        #expect(error.isInterruption)
        // Uncancelled, the same table gives its kappa (the token changes nothing when nobody asks).
        let small = Array(counts.prefix(1000))
        #expect(try FleissKappa(counts: small, cancellation: CancellationToken()) == FleissKappa(counts: small))
    }

    @Test func readingTwoMillionCSVRecordsStopsWithALocatedInterruption() throws {
        var text = "id,a,b\n"
        text.reserveCapacity(Self.rows * 20)
        for row in 0..<Self.rows { text += "\(row),include,exclude\n" }
        let tripwire = Tripwire(after: 10)
        let error = try #require(throws: FileError.self) { try CSVText.rows(text, path: "big.csv", cancellation: tripwire.token) }
        #expect(error.isInterruption && error.path == "big.csv")
        #expect(tripwire.count < 20, "stopped at check \(tripwire.count); reading the whole file takes over 2,000")
    }

    @Test func aCancelledSaveOrExportLeavesTheFileAsItWas() throws {
        let folder = temporaryDirectory()
        defer { cleanUp(folder) }
        var generator = RandomWorkspace(seed: 9)
        let snapshot = generator.workspace(studies: 4, quotes: 3000)
        let cancelled = CancellationToken()
        cancelled.cancel()
        for name in ["a.snapshot", "a.json", "a.csv", "a.sqlite"] {
            let url = folder.appendingPathComponent(name)
            try Data("old".utf8).write(to: url)
            let error = try #require(throws: FileError.self) {
                switch name {
                case "a.snapshot": _ = try SnapshotFile.write(snapshot, to: url, cancellation: cancelled)
                case "a.json": try JSONExport.write(snapshot.workspace, to: url, cancellation: cancelled)
                case "a.csv": try CSVExport.write(.quotes, workspace: snapshot.workspace, to: url, cancellation: cancelled)
                default: try SQLiteExport.write(snapshot.workspace, to: url, cancellation: cancelled)
                }
            }
            #expect(error.isInterruption, "\(name): \(error)")
            #expect(try String(contentsOf: url, encoding: .utf8) == "old", "\(name)")
            // No temporary file is left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") || $0.contains("tmp") }.isEmpty)
        }
        // Loading and importing stop too, and a load of the file written without a cancel reads it back.
        let url = folder.appendingPathComponent("b.snapshot")
        _ = try SnapshotFile.write(snapshot, to: url)
        #expect(throws: FileError.self) { try SnapshotFile.load(from: url, cancellation: cancelled) }
        #expect(try SnapshotFile.load(from: url).snapshot.workspace.quotes.count == 3000)
        let csv = folder.appendingPathComponent("q.csv")
        try CSVExport.write(.quotes, workspace: snapshot.workspace, to: csv)
        let importError = try #require(throws: FileError.self) {
            try CSVImport.read(from: csv, as: .quotes, into: snapshot.workspace, cancellation: cancelled)
        }
        #expect(importError.isInterruption)
    }
}
