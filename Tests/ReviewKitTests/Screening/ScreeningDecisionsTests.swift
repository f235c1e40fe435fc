import Foundation
import Testing

@testable import ReviewKit

/// The screening store: changes undo exactly, snapshots keep it in the optional `@screening` section (older
/// files load without it), and the conflict list groups as Covidence does.
@Suite struct ScreeningDecisionsTests {
    static func bytes(_ w: Workspace) -> [UInt8] { SnapshotWriter.encode(Snapshot(workspace: w)) }

    static let r1 = ScreeningRecord(id: "R1", title: "Peer work\tin wards", votes: [.init(reviewer: "SS", decision: .include), .init(reviewer: "GT", decision: .exclude)])
    static let r2 = ScreeningRecord(id: "R2", votes: [.init(reviewer: "SS", decision: .maybe), .init(reviewer: "GT", decision: .exclude),
                                                      .init(reviewer: "consensus", decision: .exclude)])
    static let r10 = ScreeningRecord(id: "R10", votes: [.init(reviewer: "KW", decision: .include), .init(reviewer: "SS", decision: .include)])

    @Test func changesUndoAndRedoExactly() throws {
        var w = Workspace()
        var states = [Self.bytes(w)]
        var inverses: [WorkspaceChange] = []
        let changes: [WorkspaceChange] = [
            .screening(.set([Self.r10, Self.r1])),
            .screening(.set([Self.r2, ScreeningRecord(id: "R1", votes: [.init(reviewer: "SS", decision: .exclude)])])),
            .screening(.remove(["R10"])),
        ]
        for change in changes {
            inverses.append(try w.apply(change))
            states.append(Self.bytes(w))
        }
        #expect(w.screening.records.map(\.id) == ["R1", "R2"])
        for (index, inverse) in inverses.enumerated().reversed() {
            try w.apply(inverse)
            #expect(Self.bytes(w) == states[index], "undo of change \(index + 1)")
        }
        #expect(w.screening.isEmpty)
    }

    @Test func badRecordsAreRefusedAndChangeNothing() throws {
        var w = Workspace()
        try w.apply(.screening(.set([Self.r1])))
        let before = Self.bytes(w)
        let bad: [WorkspaceChange] = [
            .screening(.set([ScreeningRecord(id: "", votes: [.init(reviewer: "SS", decision: .include)])])),
            .screening(.set([ScreeningRecord(id: "R3", votes: [])])),
            .screening(.set([ScreeningRecord(id: "R3", votes: [.init(reviewer: "SS", decision: .include), .init(reviewer: "SS", decision: .maybe)])])),
            .screening(.set([ScreeningRecord(id: "R3", votes: [.init(reviewer: "Consensus", decision: .include)])])),
            .screening(.set([Self.r2, Self.r2])),
            .screening(.remove(["R9"])),
        ]
        for change in bad {
            #expect(throws: ReviewError.self) { try w.apply(change) }
            #expect(Self.bytes(w) == before)
        }
    }

    @Test func snapshotsKeepTheDecisionsAndOlderFilesLoad() throws {
        var w = Workspace()
        try w.apply(.screening(.set([Self.r10, Self.r1, Self.r2])))
        let text = String(decoding: Self.bytes(w), as: UTF8.self)
        #expect(text.contains("@screening\n# record\treviewer\tdecision\ttitle\nR1\tSS\tinclude\tPeer work\\tin wards\nR1\tGT\texclude\t\nR2\tSS\tmaybe\t\n"))
        let back = try SnapshotReader.decode(Self.bytes(w)).workspace
        #expect(back.screening == w.screening)
        #expect(back.screening.records.map(\.id) == ["R1", "R2", "R10"])
        #expect(back.screening.reviewers == ["SS", "GT", "KW"])
        // An empty store writes no section at all, as before.
        #expect(!String(decoding: Self.bytes(Workspace()), as: UTF8.self).contains("@screening"))
    }

    static func loadError(_ text: String) -> FileError? {
        do throws(FileError) { _ = try SnapshotReader.decode(Array(text.utf8)) } catch { return error }
        return nil
    }

    static func resealed(_ text: String) -> String {
        let body = String(text[..<text.range(of: "checksum crc32 ")!.lowerBound])
        return body + "checksum crc32 " + SnapshotWriter.hex(CRC32.checksum(Array(body.utf8))) + "\n"
    }

    @Test func aBadScreeningLineIsLocated() throws {
        var w = Workspace()
        try w.apply(.screening(.set([Self.r1])))
        let good = String(decoding: Self.bytes(w), as: UTF8.self)
        let cases: [(String, String, String, Int)] = [
            ("R1\tGT\texclude", "R1\tGT\tperhaps", "unknown screening decision 'perhaps'", 7),
            ("R1\tGT\texclude", "R1\tSS\texclude", "record 'R1' has two decisions by 'SS'", 4),
            ("R1\tGT\texclude\t", "R1\tGT\texclude\tLate title", "a record's title goes on its first line only", 15),
        ]
        for item in cases {
            let error = Self.loadError(Self.resealed(good.replacingOccurrences(of: item.0, with: item.1)))
            #expect(error?.message.hasPrefix(item.2) == true, "\(error?.message ?? "loaded")")
            #expect(error?.column == item.3, "\(item.1)")
        }
        #expect(Self.loadError(Self.resealed(good)) == nil)
    }

    @Test func conflictsGroupAsCovidenceListsThem() throws {
        var w = Workspace()
        func record(_ id: String, _ decisions: [ScreeningDecision?]) -> ScreeningRecord {
            ScreeningRecord(id: id, votes: zip(["A", "B", "C"], decisions).compactMap { name, d in d.map { ScreeningVote(reviewer: name, decision: $0) } })
        }
        try w.apply(.screening(.set([
            record("1", [.include, .include, .include]), record("2", [.maybe, .exclude, nil]), record("3", [.include, .maybe, .exclude]),
            record("4", [.include, nil, .exclude]), record("5", [.include, .maybe, .maybe]), record("6", [.exclude, .maybe, nil]),
            record("7", [.include, nil, nil]),
        ])))
        #expect(w.screeningConflicts().map { "\($0.record.id) \($0.conflict.label)" }
                == ["4 include vs exclude", "2 maybe vs exclude", "6 maybe vs exclude", "5 include vs maybe", "3 include vs maybe vs exclude"])
        #expect(w.screeningConflicts(reviewers: ["A", "B"]).map(\.record.id) == ["2", "6", "3", "5"])
        let (matrix, once) = try w.screeningRatings(reviewers: ["A", "B"])
        #expect(matrix.unitCount == 5 && once == 2)
        #expect(throws: StatisticsError.self) { try w.screeningRatings(reviewers: ["A", "Z"]) }
        #expect(throws: StatisticsError.self) { try Workspace().screeningRatings() }
    }

    @Test func mergeBringsAnotherScreenersDecisionsAndKeepsOursOnConflict() throws {
        var ours = Workspace(), theirs = Workspace()
        try ours.apply(.screening(.set([Self.r1])))
        try theirs.apply(.screening(.set([
            ScreeningRecord(id: "R1", title: "Other title", votes: [.init(reviewer: "KW", decision: .maybe), .init(reviewer: "GT", decision: .include),
                                                                   .init(reviewer: "SS", decision: .include)]),
            Self.r10,
        ])))
        let merge = ReviewerMerge(merging: theirs, into: ours)
        #expect(merge.decisionsAdded == 3 && merge.alreadyPresent == 1)
        #expect(merge.conflicts == ["record R1: GT's screening decision differs between the files; kept this file's"])
        #expect(merge.reviewers == ["KW", "SS"])
        let before = Self.bytes(ours)
        let inverse = try ours.apply(merge.change)
        #expect(ours.screening["R1"]?.votes.map(\.reviewer) == ["SS", "GT", "KW"] && ours.screening["R1"]?.decision(of: "GT") == .exclude)
        #expect(ours.screening["R1"]?.title == Self.r1.title && ours.screening["R10"] == Self.r10)
        try ours.apply(inverse)
        #expect(Self.bytes(ours) == before)
        #expect(ReviewerMerge(merging: ours, into: ours).isEmpty)
    }

    @Test func screeningChangesAreJournaledAndReplay() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = Journal.newURL(in: directory.appendingPathComponent("state/review"))
        let journal = try Journal(url: url, base: .embedded)
        let changes: [WorkspaceChange] = [.screening(.set([Self.r1, Self.r2])), .screening(.set([Self.r10])), .screening(.remove(["R1"]))]
        var expected = Workspace()
        for change in changes {
            try expected.apply(change)
            try journal.append(command: "import screening x.csv", change: change)
        }
        journal.abandon()
        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.records.map(\.change) == changes)
        let replay = recovery.replay(onto: Workspace())
        #expect(replay.applied == 3 && replay.workspace.screening == expected.screening)
        try recovery.discard()
    }
}
