import Foundation
import Testing
@testable import ReviewKit

@Suite struct JournalTests {
    /// A base workspace and a sequence of valid changes on it, as a session would journal them.
    func session(_ count: Int, seed: UInt64 = 1) -> (base: Workspace, changes: [(String, WorkspaceChange)]) {
        var generator = RandomWorkspace(seed: seed)
        let base = generator.workspace(studies: 3, quotes: 5).workspace
        var workspace = base
        var changes: [(String, WorkspaceChange)] = []
        for index in 0..<count {
            let change: WorkspaceChange
            switch index % 3 {
            case 0: change = .addQuote(Quote(id: workspace.nextQuoteID, text: "quote \(index)\t“\(generator.text())”"))
            case 1: change = .updateStudy({ var s = workspace.studies[0]; s.label = "label \(index) \(generator.text())"; return s }())
            default: change = .batch([.addQuote(Quote(id: workspace.nextQuoteID, text: "batched \(index)", studyID: workspace.studies[1].id))])
            }
            try! workspace.apply(change)
            changes.append(("command \(index) \"x\"", change))
        }
        return (base, changes)
    }

    @Test func recordsRoundTripAndReplay() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (base, changes) = session(12)
        let url = Journal.newURL(in: directory.appendingPathComponent("state/review"))
        let journal = try Journal(url: url, base: .embedded)
        for (command, change) in changes { try journal.append(command: command, change: change) }
        #expect(journal.recordCount == 12)
        // While the session is alive its journal is not "pending".
        #expect(throws: FileError.self) { try Journal.pending(at: url) }
        #expect(Journal.pendingJournals(in: url.deletingLastPathComponent()).recoveries.isEmpty)
        journal.abandon()  // as if the process died: file and lock left, lock released

        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.base == .embedded)
        #expect(recovery.ignored == nil)
        #expect(recovery.records.map(\.command) == changes.map(\.0))
        #expect(recovery.records.map(\.change) == changes.map(\.1))
        #expect(recovery.records.map(\.sequence) == Array(1...12))
        #expect(recovery.baseMatches(checksum: EmbeddedReview.checksum))
        let replay = recovery.replay(onto: base)
        #expect(replay.applied == 12)
        #expect(replay.failure == nil)
        var expected = base
        for (_, change) in changes { try expected.apply(change) }
        expectSameWorkspace(replay.workspace, expected)
        #expect(Journal.pendingJournals(in: url.deletingLastPathComponent()).recoveries.count == 1)
        try recovery.discard()
        #expect(try Journal.pending(at: url) == nil)
    }

    @Test func clearAndDiscard() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-test.log")
        let (_, changes) = session(3)
        let journal = try Journal(url: url, base: .empty)
        for (command, change) in changes { try journal.append(command: command, change: change) }
        let saved = JournalBase(source: .file, name: "x.snapshot", path: "/tmp/x.snapshot", checksum: "0123abcd")
        try journal.discardRecords(newBase: saved)
        #expect(journal.recordCount == 0)
        try journal.append(command: "after save", change: changes[0].1)
        journal.abandon()
        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.base == saved)
        #expect(recovery.records.map(\.command) == ["after save"])
        #expect(!recovery.baseMatches(checksum: 1))
        let again = try Journal(url: url, base: .empty)
        again.discard()
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try Journal.pending(at: url) == nil)
    }

    @Test func tornWritesAtEveryOffsetRecoverAPrefix() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-torn.log")
        let (_, changes) = session(8)
        let journal = try Journal(url: url, base: .empty)
        var ends: [Int] = []  // file size after each record
        ends.append(try AtomicFile.read(url).count)
        for (command, change) in changes {
            try journal.append(command: command, change: change)
            ends.append(try AtomicFile.read(url).count)
        }
        journal.abandon()
        let full = try AtomicFile.read(url)
        for length in 0...full.count {
            let prefix = Array(full[0..<length])
            if length < ends[0] {
                // Cut inside the header or base line: not replayable, but never a crash.
                _ = try? Journal.parse(prefix, url: url)
                continue
            }
            let recovery = try Journal.parse(prefix, url: url)
            let complete = ends.lastIndex { $0 <= length }!
            #expect(recovery.records.count == complete, "cut at \(length)")
            #expect(recovery.records.map(\.change) == Array(changes.prefix(complete).map(\.1)))
            if ends.contains(length) {
                #expect(recovery.ignored == nil)
            } else {
                let ignored = try #require(recovery.ignored)
                #expect(ignored.isTornWrite)
                #expect(ignored.byteOffset == ends[complete])
                #expect(ignored.line == complete + 3)
            }
        }
    }

    @Test func damagedRecordsAreIgnoredWithEverythingAfterThem() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-damaged.log")
        let (_, changes) = session(6)
        let journal = try Journal(url: url, base: .empty)
        for (command, change) in changes { try journal.append(command: command, change: change) }
        journal.abandon()
        let full = try AtomicFile.read(url)
        let lineStarts = [0] + full.indices.filter { full[$0] == 10 }.map { $0 + 1 }.dropLast()
        var generator = RandomWorkspace(seed: 4)
        for _ in 0..<300 {
            let offset = lineStarts[2] + generator.below(full.count - lineStarts[2])
            var damaged = full
            damaged[offset] ^= UInt8(1) << UInt8(generator.below(8))
            let recovery = try Journal.parse(damaged, url: url)
            let recordIndex = lineStarts.lastIndex { $0 <= offset }! - 2  // 0-based record hit
            #expect(recovery.records.count == recordIndex, "flip at \(offset)")
            let ignored = try #require(recovery.ignored)
            #expect(ignored.line == recordIndex + 3)
            #expect(ignored.linesAfter == changes.count - recordIndex - 1 || damaged[offset] == 10 || full[offset] == 10)
        }
        #expect(throws: FileError.self) { try Journal.parse(Array("not a journal\n".utf8), url: url) }
    }

    @Test func concurrentCopiesAtRandomOffsetsAlwaysRecoverAPrefix() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-live.log")
        let (_, changes) = session(60, seed: 9)
        let journal = try Journal(url: url, base: .empty)
        let done = Flag()
        let snapshots = Collector()
        // A second thread copies the live file and cuts each copy at a random byte, like a crash mid-write.
        let copier = Thread {
            var generator = RandomWorkspace(seed: 77)
            while !done.isSet {
                guard let bytes = try? AtomicFile.read(url), !bytes.isEmpty else { continue }
                snapshots.add(Array(bytes[0..<generator.below(bytes.count + 1)]))
            }
        }
        copier.start()
        for (command, change) in changes { try journal.append(command: command, change: change) }
        done.set()
        while !copier.isFinished { usleep(1000) }
        journal.discard()
        let copies = snapshots.items
        #expect(!copies.isEmpty)
        for copy in copies {
            guard let recovery = try? Journal.parse(copy, url: url) else { continue }  // cut inside the header
            #expect(recovery.records.map(\.change) == Array(changes.prefix(recovery.records.count).map(\.1)))
        }
    }

    @Test func secondSessionCannotTakeALiveJournal() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("journal-live.log")
        let journal = try Journal(url: url, base: .empty)
        let error = try #require(throws: FileError.self) { try Journal(url: url, base: .empty) }
        #expect(error.message.contains("in use"))
        journal.discard()
    }

    @Test func recoveryCarriesRecordsIntoANewJournal() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (base, changes) = session(4)
        let old = directory.appendingPathComponent("journal-old.log")
        let journal = try Journal(url: old, base: .empty)
        for (command, change) in changes { try journal.append(command: command, change: change) }
        journal.abandon()
        let recovery = try #require(try Journal.pending(at: old))
        let replay = recovery.replay(onto: base)
        let fresh = try Journal(url: Journal.newURL(in: directory), base: recovery.base, carrying: Array(recovery.records.prefix(replay.applied)))
        try recovery.discard()
        #expect(fresh.recordCount == 4)
        fresh.abandon()
        let again = try #require(Journal.pendingJournals(in: directory).recoveries.first)
        #expect(again.records.map(\.change) == changes.map(\.1))
    }

    @Test func replayStopsAtTheFirstChangeThatNoLongerApplies() throws {
        let (base, changes) = session(5)
        let url = URL(fileURLWithPath: "/nonexistent/journal.log")
        let recovery = JournalRecovery(url: url, base: .empty, pid: 1, started: "", records:
            changes.enumerated().map { JournalRecord(sequence: $0.offset + 1, command: $0.element.0, change: $0.element.1) }, ignored: nil)
        let replay = recovery.replay(onto: Workspace())  // the wrong base
        #expect(replay.applied < 5)
        #expect(replay.failure != nil)
        #expect(recovery.replay(onto: base).applied == 5)
    }

    @Test func defaultDirectoryFollowsXDG() {
        #expect(Journal.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/review")
        #expect(Journal.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path == "/h/.local/state/review")
        #expect(Journal.defaultDirectory(environment: [:]).path.hasPrefix("/tmp/review-"))
        let name = Journal.newURL(in: URL(fileURLWithPath: "/s")).lastPathComponent
        #expect(name.hasPrefix("journal-") && name.hasSuffix(".log"))
    }

    /// The path a start looks in, made without `URL`, is the folder Foundation's path joining gives.
    @Test(arguments: [["XDG_STATE_HOME": "/s", "HOME": "/h"], ["XDG_STATE_HOME": "/s/", "HOME": "/h"], ["XDG_STATE_HOME": "/"],
                      ["HOME": "/home/Janoušková"], ["HOME": "/h/"], ["XDG_STATE_HOME": "relative", "HOME": "/h"], [:]])
    func defaultDirectoryPathIsTheFoldersPath(environment: [String: String]) {
        let path = Journal.defaultDirectoryPath(environment: environment)
        #expect(path == URL(fileURLWithPath: path).path)
        let joined = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0).appendingPathComponent("review") : nil }
            ?? environment["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0).appendingPathComponent(".local/state/review") : nil }
        #expect(path == (joined?.path ?? "/tmp/review-\(getuid())"))
    }

    /// A folder's pending journals are the same asked by path or by URL (the start asks by path).
    @Test func pendingJournalsByPathAndByURLAgree() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (_, changes) = session(2)
        let journal = try Journal(url: Journal.newURL(in: directory), base: .embedded)
        for (command, change) in changes { try journal.append(command: command, change: change) }
        journal.abandon()
        let byPath = Journal.pendingJournals(atPath: directory.path)
        let byURL = Journal.pendingJournals(in: directory)
        #expect(byPath.recoveries.count == 1 && byPath.problems.isEmpty)
        #expect(byPath.recoveries.map(\.url) == byURL.recoveries.map(\.url))
        #expect(byPath.recoveries.map(\.records.count) == [2])
        #expect(byURL.recoveries.map(\.records.count) == [2])
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]] = []
    var items: [[UInt8]] { lock.withLock { storage } }
    func add(_ item: [UInt8]) { lock.withLock { storage.append(item) } }
}
