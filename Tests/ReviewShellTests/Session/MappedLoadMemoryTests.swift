#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import ReviewShell
@testable import ReviewKit

/// Issue 15: after `--load` through a warm cache, `quotes count` answers without reading a page of the quote
/// texts or their signatures (they are mapped from the cache and count toward memory only once read).
@Suite struct MappedLoadMemoryTests {
    /// How many of the memory pages under `buffer` this process has mapped (Linux `/proc/self/pagemap`, bit 63:
    /// present), or nil where that cannot be read.
    static func residentPages(_ buffer: UnsafeRawBufferPointer) -> Int? {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let first = Int(bitPattern: base) / page, last = (Int(bitPattern: base) + buffer.count - 1) / page
        let fd = open("/proc/self/pagemap", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var entries = [UInt64](repeating: 0, count: last - first + 1)
        let bytes = entries.count * 8
        let got = entries.withUnsafeMutableBytes { pread(fd, $0.baseAddress, bytes, off_t(first * 8)) }
        guard got == bytes else { return nil }
        return entries.reduce(0) { $0 + ($1 >> 63 == 1 ? 1 : 0) }
        #else
        return nil
        #endif
    }

    #if os(Linux)
    @Test func quotesCountAfterAMappedLoadReadsNoTextOrSignature() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The embedded review with 6,000 more quotes of about 400 bytes: 2.4 MB of text, 190 KB of signatures.
        var workspace = try Session.embedded().workspace
        let studies = workspace.studies.map(\.id)
        var id = (workspace.quotes.ids.last.map(Int.init) ?? 0) + 1
        let sentence = "Peer support made the difference for me, said one participant, and the nurses agreed; "
        for index in 0..<6_000 {
            let text = "Q\(index): " + String(repeating: sentence, count: 4) + "Janoušková 👍"
            _ = try workspace.apply(.addQuote(Quote(id: id, text: text, domain: TDFDomain.allCases[index % TDFDomain.allCases.count],
                                                    studyID: studies[index % studies.count])))
            id += 1
        }
        let url = directory.appendingPathComponent("big.snapshot")
        _ = try SnapshotFile.write(Snapshot(workspace: workspace), to: url)
        let cache = directory.appendingPathComponent("cache")
        #expect(try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0).outcome == .rebuilt)

        // What Launcher.startingSession does for `--load`, through the warm cache.
        let loaded = try SnapshotCache.load(from: url, cacheDirectory: cache, minimumBytes: 0)
        #expect(loaded.outcome == .cached)
        let session = Session(workspace: loaded.snapshot.workspace, source: url.path)
        try session.restore(loaded.snapshot, path: url.path)
        session.savedBase = .file(url, info: loaded.info)
        let harness = try CommandHarness(session: session)
        let quotes = harness.session.workspace.quotes
        #expect(quotes.textBytes.isMapped && quotes.signatures.isMapped)
        let texts = quotes.textBytes.withUnsafeBytes { $0 }, signatures = quotes.signatures.withUnsafeBytes { $0 }
        let textPages = try #require(Self.residentPages(texts)), signaturePages = try #require(Self.residentPages(signatures))
        #expect(harness.session.workspace.quotes.count == workspace.quotes.count)

        guard case .figure(let figure) = try harness.result("quotes count") else {
            Issue.record("quotes count gave no figure")
            return
        }
        #expect("\(figure)".contains("\(workspace.quotes.count)"))
        // The kernel maps up to 16 neighbouring pages around a page that is read (fault-around): nothing more.
        #expect(textPages <= 16 && signaturePages <= 16, "before: \(textPages) text pages, \(signaturePages) signature pages")
        let afterText = try #require(Self.residentPages(texts)), afterSignatures = try #require(Self.residentPages(signatures))
        #expect(afterText <= 16 && afterSignatures <= 16, "after quotes count: \(afterText) of \(texts.count / 4096) text pages, \(afterSignatures) signature pages")

        // The probe can see reads: a text search reads the signatures and the texts.
        _ = try harness.result("quotes where text contains participant count")
        #expect(try #require(Self.residentPages(texts)) > texts.count / 4096 / 2)
        #expect(try #require(Self.residentPages(signatures)) > signatures.count / 4096 / 2)
        #expect(harness.session.workspace.quotes.textBytes.isMapped)
    }
    #endif
}
