import Foundation
import Testing
@testable import ReviewKit

/// `SnapshotCache` maps the texts, their starts and the signatures instead of reading them: a mapped store answers
/// exactly like a loaded one, the first change copies what it changes (the cache file is never written), and the
/// parts of the cache that are not verified at load are exactly the mapped texts and signatures.
@Suite struct SnapshotCacheMappingTests {
    func snapshot(seed: UInt64, quotes: Int = 400) -> Snapshot {
        var generator = RandomWorkspace(seed: seed)
        return generator.workspace(studies: 20, quotes: quotes)
    }

    /// The snapshot loaded from text, and loaded again through a warm cache.
    func textAndMapped(_ url: URL, _ cache: URL) throws -> (text: Snapshot, mapped: Snapshot) {
        let text = try SnapshotFile.load(from: url).snapshot
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt)
        let mapped = try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0)
        #expect(mapped.outcome == .cached)
        return (text, mapped.snapshot)
    }

    /// Words of the store's texts (and a few that are in none) to search for.
    func needles(_ quotes: QuoteStore) -> [String] {
        var words = ["zzzqx", "Janoušková", "“", "peer support", ""]
        for row in stride(from: 0, to: quotes.count, by: max(quotes.count / 12, 1)) {
            let text = quotes.text(atRow: row)
            words.append(String(text.split(separator: " ").first ?? ""))
            words.append(String(text.prefix(9)))
            words.append(text)
        }
        return words
    }

    func expectSameAnswers(_ a: QuoteStore, _ b: QuoteStore, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in needles(a) {
            let needle = FoldedNeedle(word)
            #expect(QueryEngine.rowsContaining(needle, in: a) == QueryEngine.rowsContaining(needle, in: b), "\(word)", sourceLocation: sourceLocation)
            #expect(QueryEngine.rowsEqual(to: needle, in: a) == QueryEngine.rowsEqual(to: needle, in: b), "\(word)", sourceLocation: sourceLocation)
        }
        #expect(Array(a.texts) == Array(b.texts), sourceLocation: sourceLocation)
        #expect(QuoteTagCounts(a) == QuoteTagCounts(b), sourceLocation: sourceLocation)
        #expect(a.textBytes == b.textBytes && a.textStarts == b.textStarts && a.signatures == b.signatures, sourceLocation: sourceLocation)
    }

    @Test func aMappedStoreAnswersLikeALoadedOne() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let cache = directory.appendingPathComponent("cache")
        for seed: UInt64 in [11, 12, 13] {
            let url = directory.appendingPathComponent("review-\(seed).snapshot")
            _ = try SnapshotFile.write(snapshot(seed: seed, quotes: seed == 13 ? 0 : 700), to: url)
            let (text, mapped) = try textAndMapped(url, cache)
            let quotes = mapped.workspace.quotes
            #expect(quotes.textBytes.isMapped && quotes.textStarts.isMapped && quotes.signatures.isMapped)
            #expect(!text.workspace.quotes.textBytes.isMapped)
            expectSameWorkspace(mapped.workspace, text.workspace)
            expectSameAnswers(quotes, text.workspace.quotes)
        }
    }

    @Test func changesAfterAMappedLoadCopyAndLeaveTheCacheAlone() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let cache = directory.appendingPathComponent("cache")
        let url = directory.appendingPathComponent("review.snapshot")
        _ = try SnapshotFile.write(snapshot(seed: 21, quotes: 500), to: url)
        let (text, mapped) = try textAndMapped(url, cache)
        let cacheFile = SnapshotCache.cacheURL(for: url, in: cache)
        let cacheBefore = try AtomicFile.read(cacheFile)
        let untouched = mapped.workspace

        // The same edits on the text-loaded and the mapped workspace.
        var a = text.workspace, b = mapped.workspace
        let middle = a.quote(atRow: a.quotes.count / 2)
        var edited = middle
        edited.text = "Edited: naïve “peer” support, Janoušková 👍"
        let last = a.quote(atRow: a.quotes.count - 1)
        var added = last
        added.id = last.id + 7
        added.text = "An added quote"
        let first = a.quote(atRow: 0)
        var undoA: [WorkspaceChange] = [], undoB: [WorkspaceChange] = []
        for change in [WorkspaceChange.updateQuote(edited), .addQuote(added), .removeQuote(id: first.id)] {
            undoA.append(try a.apply(change))
            undoB.append(try b.apply(change))
        }
        #expect(!b.quotes.textBytes.isMapped && !b.quotes.textStarts.isMapped && !b.quotes.signatures.isMapped)
        expectSameWorkspace(b, a)
        expectSameAnswers(b.quotes, a.quotes)
        #expect(b.quote(atRow: b.quotes.row(of: edited.id)!).text == edited.text)

        // Undo the removal and the edit: back to the loaded text, the added quote still there.
        for change in [undoA[2], undoA[0]] { _ = try a.apply(change) }
        for change in [undoB[2], undoB[0]] { _ = try b.apply(change) }
        expectSameWorkspace(b, a)
        expectSameAnswers(b.quotes, a.quotes)
        #expect(b.quote(atRow: b.quotes.row(of: middle.id)!) == middle)

        // The copy taken at load still holds the mapped columns, unchanged by the edits (value semantics).
        #expect(untouched.quotes.textBytes.isMapped)
        expectSameWorkspace(untouched, text.workspace)

        // Saving gives the same bytes; the cache file was not written.
        let savedA = directory.appendingPathComponent("a.snapshot"), savedB = directory.appendingPathComponent("b.snapshot")
        _ = try SnapshotFile.write(Snapshot(workspace: a), to: savedA)
        _ = try SnapshotFile.write(Snapshot(workspace: b), to: savedB)
        #expect(try AtomicFile.read(savedA) == AtomicFile.read(savedB))
        #expect(try AtomicFile.read(cacheFile) == cacheBefore)
        // Saving a mapped workspace as it was loaded also writes the text load's bytes.
        _ = try SnapshotFile.write(Snapshot(workspace: untouched), to: savedB)
        _ = try SnapshotFile.write(Snapshot(workspace: text.workspace), to: savedA)
        #expect(try AtomicFile.read(savedA) == AtomicFile.read(savedB))
    }

    @Test func theCacheFileIsReadOnlyAndItsMappedColumnsArePageAligned() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let cache = directory.appendingPathComponent("cache")
        let url = directory.appendingPathComponent("review.snapshot")
        _ = try SnapshotFile.write(snapshot(seed: 31), to: url)
        let (_, mapped) = try textAndMapped(url, cache)
        let attributes = try FileManager.default.attributesOfItem(atPath: SnapshotCache.cacheURL(for: url, in: cache).path)
        #expect((attributes[.posixPermissions] as? Int) == 0o400)
        // Rebuilding over a read-only cache works (rename, not an overwrite in place).
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt)
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .cached)
        // The old mapping stays valid after the file was replaced.
        #expect(mapped.workspace.quotes.text(atRow: 0) == mapped.workspace.quote(atRow: 0).text)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let quotes = mapped.workspace.quotes
        for address in [quotes.textBytes.withUnsafeBytes { $0.baseAddress }, quotes.textStarts.withUnsafeBytes { $0.baseAddress },
                        quotes.signatures.withUnsafeBytes { $0.baseAddress }] {
            #expect(Int(bitPattern: address) % page == 0)
        }
    }

    /// Damage in the verified part (header, small columns, check value, text starts) makes the cache be rebuilt;
    /// damage in the mapped texts and signatures is not detected at load (by design: detecting it means reading
    /// them) and changes only the damaged quote's text or search, without a crash.
    @Test func onlyTheMappedTextsAndSignaturesAreUnverified() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let cache = directory.appendingPathComponent("cache")
        let url = directory.appendingPathComponent("review.snapshot")
        _ = try SnapshotFile.write(snapshot(seed: 41, quotes: 300), to: url)
        let expected = try SnapshotFile.load(from: url).snapshot
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt)
        let cacheFile = SnapshotCache.cacheURL(for: url, in: cache)
        let good = try AtomicFile.read(cacheFile)
        let quotes = expected.workspace.quotes
        let pageTotal = quotes.pages.reduce(0) { $0 + $1.utf8.count }
        let layout = try #require(SnapshotCache.Layout(count: quotes.count, textCount: quotes.textByteCount, pageTotal: pageTotal))
        #expect(layout.fileSize == good.count)
        let verifiedEnd = SnapshotCache.magic.count + SnapshotCache.headerCount * 8 + quotes.count * 23 + pageTotal + 8
        let startsEnd = layout.startsOffset + (quotes.count + 1) * 8
        let signaturesEnd = layout.signaturesOffset + quotes.count * 32
        var positions = Array(stride(from: 0, to: verifiedEnd, by: 97)) + [verifiedEnd - 1]
        positions += Array(stride(from: layout.startsOffset, to: startsEnd, by: 61)) + [startsEnd - 1]
        for position in positions {
            var damaged = good
            damaged[position] ^= 0x5A
            try AtomicFile.write(damaged, to: cacheFile)
            let loaded = try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0)
            #expect(loaded.outcome == .rebuilt, "byte \(position) of \(good.count)")
            expectSameWorkspace(loaded.snapshot.workspace, expected.workspace)
        }
        // Unverified: a damaged signature or text byte is loaded as it is.
        for position in [layout.signaturesOffset + 5, signaturesEnd - 1, layout.textOffset, layout.textOffset + quotes.textByteCount / 2, good.count - 1] {
            var damaged = good
            damaged[position] = 0xFF
            try AtomicFile.write(damaged, to: cacheFile)
            let loaded = try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0)
            #expect(loaded.outcome == .cached, "byte \(position)")
            let store = loaded.snapshot.workspace.quotes
            let differing = (0..<store.count).filter { store.text(atRow: $0) != quotes.text(atRow: $0) }
            #expect(differing.count == (position >= layout.textOffset ? 1 : 0), "byte \(position)")
            // Searching every text still works: invalid UTF-8 reads as U+FFFD, inside the damaged quote's bytes.
            _ = QueryEngine.rowsContaining(FoldedNeedle("e"), in: store)
            #expect(store.withText(atRow: differing.first ?? 0) { $0.count } == quotes.textByteCount(atRow: differing.first ?? 0))
        }
        // Cut short (the size no longer matches the header) or a byte longer: rebuilt.
        for length in [layout.textOffset, good.count - 1] {
            try AtomicFile.write(Array(good.prefix(length)), to: cacheFile)
            #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt, "cut to \(length)")
        }
        try AtomicFile.write(good + [0], to: cacheFile)
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt)
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .cached)
    }
}
