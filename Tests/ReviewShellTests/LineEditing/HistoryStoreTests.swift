import Foundation
import Testing
@testable import ReviewShell
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the temporary directory, removed by `cleanUp()`.
private struct Scratch {
    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("history-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }
    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

private func mode(of path: String) -> mode_t {
    var status = stat()
    guard stat(path, &status) == 0 else { return 0 }
    return status.st_mode & 0o777
}

@Suite struct HistoryStoreTests {
    @Test func roundTripsMultiLineAndNonASCIIEntriesThroughTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("state/review/history")
        let entries = ["select \"a\nb\" from t", "Janoušková “quoted” 😀", "back\\slash", "x\r\ny"]
        let store = HistoryStore(url: url, limit: 10)
        for entry in entries { #expect(store.add(entry)) }
        #expect(store.problem == nil)
        let reloaded = HistoryStore(url: url, limit: 10)
        #expect(reloaded.entries == entries)
        #expect(reloaded.problem == nil)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("_HiStOrY_V2_\n"))
        #expect(text.split(separator: "\n").count == entries.count + 1)
    }

    @Test func createsPrivateDirectoriesAndFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("a/b/history")
        let previous = umask(0)  // even with a permissive umask the file must be private
        defer { umask(previous) }
        HistoryStore(url: url).add("x")
        #expect(mode(of: url.path) == 0o600)
        #expect(mode(of: scratch.url("a/b").path) == 0o700)
        #expect(mode(of: scratch.url("a").path) == 0o700)
    }

    @Test func tightensModeOfAnExistingFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        try Data("_HiStOrY_V2_\nold\n".utf8).write(to: url)
        chmod(url.path, 0o644)
        let store = HistoryStore(url: url)
        #expect(store.entries == ["old"])
        store.add("new")
        #expect(mode(of: url.path) == 0o600)
        #expect(HistoryStore(url: url).entries == ["old", "new"])
    }

    @Test func keepsOnlyTheNewestEntries() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        let store = HistoryStore(url: url, limit: 3)
        for number in 1...7 { store.add("command \(number)") }
        #expect(store.entries == ["command 5", "command 6", "command 7"])
        #expect(HistoryStore(url: url, limit: 3).entries == ["command 5", "command 6", "command 7"])
        // A smaller limit on load keeps the newest.
        #expect(HistoryStore(url: url, limit: 2).entries == ["command 6", "command 7"])
    }

    @Test func collapsesConsecutiveDuplicatesOnly() {
        let store = HistoryStore(url: nil)
        #expect(store.add("a"))
        #expect(!store.add("a"))
        #expect(store.add("b"))
        #expect(store.add("a"))
        #expect(store.entries == ["a", "b", "a"])
    }

    @Test func skipsEmptyBlankLeadingSpaceAndHugeEntries() {
        let store = HistoryStore(url: nil)
        #expect(!store.add(""))
        #expect(!store.add("   "))
        #expect(!store.add("\n"))
        #expect(!store.add(" secret command"))
        #expect(!store.add(String(repeating: "x", count: HistoryStore.maxEntryBytes + 1)))
        #expect(store.add("\tindented with a tab"))
        #expect(store.entries == ["\tindented with a tab"])
    }

    @Test func mergesEntriesWrittenByAnotherSession() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        let first = HistoryStore(url: url)
        let second = HistoryStore(url: url)
        first.add("from first")
        second.add("from second")
        first.add("first again")
        #expect(HistoryStore(url: url).entries == ["from first", "from second", "first again"])
    }

    @Test func foreignTextFileIsMovedAsideAndItsLinesRecovered() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        // What Debian's history_truncate_file leaves behind: entries without the header.
        let original = Data("select\\040*\\040from\\040t\nls\n".utf8)
        try original.write(to: url)
        let store = HistoryStore(url: url)
        #expect(store.entries == ["select * from t", "ls"])
        #expect(store.problem == .unrecognised(path: url.path, movedTo: url.path + ".unrecognised", recovered: 2))
        #expect(try Data(contentsOf: URL(fileURLWithPath: url.path + ".unrecognised")) == original)
        store.add("next")
        #expect(HistoryStore(url: url).entries == ["select * from t", "ls", "next"])
    }

    @Test func binaryFileIsMovedAsideNotDestroyed() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        try Data("already taken".utf8).write(to: URL(fileURLWithPath: url.path + ".unrecognised"))
        let garbage = Data([0x00, 0xFF, 0xFE, 0x0A, 0x80, 0x00])
        try garbage.write(to: url)
        let store = HistoryStore(url: url)
        #expect(store.entries.isEmpty)
        #expect(store.problem == .unrecognised(path: url.path, movedTo: url.path + ".unrecognised-2", recovered: 0))
        #expect(try Data(contentsOf: URL(fileURLWithPath: url.path + ".unrecognised-2")) == garbage)
        store.add("fresh")
        #expect(HistoryStore(url: url).entries == ["fresh"])
    }

    @Test func unreadableFileIsLeftAloneAndNeverOverwritten() throws {
        guard geteuid() != 0 else { return }  // root reads everything; nothing to test
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        try Data("_HiStOrY_V2_\nprecious\n".utf8).write(to: url)
        chmod(url.path, 0o000)
        defer { chmod(url.path, 0o600) }
        let store = HistoryStore(url: url)
        #expect(store.problem != nil)
        store.add("new")
        #expect(store.entries == ["new"])
        chmod(url.path, 0o600)
        #expect(HistoryStore(url: url).entries == ["precious"])
    }

    @Test func directoryInTheWayIsReportedNotFatal() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let url = scratch.url("history")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let store = HistoryStore(url: url)
        #expect(store.add("still works in memory"))
        #expect(store.entries == ["still works in memory"])
        #expect(store.problem != nil)
    }

    @Test func savesThroughASymlinkWithoutReplacingIt() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let target = scratch.url("real-history")
        let link = scratch.url("history")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        HistoryStore(url: link).add("via link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(HistoryStore(url: target).entries == ["via link"])
    }

    @Test func leavesNoTemporaryFilesBehind() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let store = HistoryStore(url: scratch.url("history"))
        for number in 1...5 { store.add("c\(number)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path) == ["history"])
    }
}
