import Foundation
import Testing
@testable import ReviewKit

/// `CSVImport.readForAppend`: a quotes import that only adds quotes comes back as one `QuoteAppend`, applied in one
/// pass, undone by truncation, journaled as a reference to its file; the result must equal the ordinary import's.
@Suite struct CSVImportBulkTests {
    /// A random review, its quotes written to `quotes.csv` in `directory`, and the same review without its quotes.
    func fixture(_ directory: URL, seed: UInt64, quotes: Int = 300) throws -> (full: Workspace, empty: Workspace, csv: URL) {
        var generator = RandomWorkspace(seed: seed)
        let generated = generator.workspace(studies: 15, quotes: quotes).workspace
        var empty = Workspace()
        try empty.appendStudies(generated.studies)
        for theme in generated.subThemes { try empty.apply(.addSubTheme(theme, at: nil)) }
        var full = empty  // what importing the quotes into `empty` must give
        try full.appendQuotes((0..<generated.quotes.count).map { generated.quote(atRow: $0) })
        let csv = directory.appendingPathComponent("quotes.csv")
        try CSVExport.write(.quotes, workspace: full, to: csv)
        return (full, empty, csv)
    }

    @Test func bulkImportEqualsTheOrdinaryImport() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        for seed: UInt64 in 1...4 {
            let (full, empty, csv) = try fixture(directory, seed: seed)
            let ordinary = try CSVImport.read(from: csv, as: .quotes, into: empty)
            #expect(ordinary.appended == nil)
            let bulk = try CSVImport.readForAppend(from: csv, into: empty)
            let appended = try #require(bulk.appended)
            #expect(bulk.changes.isEmpty)
            #expect(appended.count == full.quotes.count && appended.holdsRows)
            #expect(bulk.added == ordinary.added && bulk.rows == ordinary.rows)
            #expect(appended.source.size == (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int))
            #expect(appended.source.checksum == SnapshotWriter.hex(CRC32.checksum(try AtomicFile.read(csv))))
            var viaOrdinary = empty, viaBulk = empty
            try viaOrdinary.apply(ordinary.change)
            try viaBulk.apply(bulk.change)
            expectSameWorkspace(viaBulk, full)
            expectSameWorkspace(viaBulk, viaOrdinary)
            #expect(viaBulk.quotes.signatures == viaOrdinary.quotes.signatures)
        }
    }

    @Test func undoTruncatesToTheExactStateAndRedoReadsTheFileAgain() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (full, empty, csv) = try fixture(directory, seed: 7)
        // Quotes already in the workspace stay; the import appends after them (new ids past the last one).
        var before = empty
        try before.apply(.addQuote(Quote(id: 1, text: "kept “before” the import — Janoušková", studyID: empty.studies[0].id)))
        var renumbered = Workspace()
        try renumbered.appendStudies(full.studies)
        for theme in full.subThemes { try renumbered.apply(.addSubTheme(theme, at: nil)) }
        try renumbered.appendQuotes((0..<full.quotes.count).map { row in
            var quote = full.quote(atRow: row)
            quote.id += 1000
            return quote
        })
        try CSVExport.write(.quotes, workspace: renumbered, to: csv)

        let result = try CSVImport.readForAppend(from: csv, into: before)
        var workspace = before
        let inverse = try workspace.apply(result.change)
        guard case .truncateQuotes(let truncation) = inverse else { Issue.record("the inverse is \(inverse)"); return }
        #expect(truncation.keeping == 1 && !truncation.appended.holdsRows)
        #expect(workspace.quotes.count == 1 + full.quotes.count)
        let imported = workspace

        let redo = try workspace.apply(inverse)  // undo
        expectSameWorkspace(workspace, before)
        #expect(workspace.quotes.signatures == before.quotes.signatures)
        #expect(workspace.quotes.textBytes == before.quotes.textBytes)
        #expect(workspace.quotes.textStarts == before.quotes.textStarts)
        guard case .appendQuotes(let again) = redo else { Issue.record("the redo is \(redo)"); return }
        #expect(!again.holdsRows)

        _ = try workspace.apply(redo)  // redo: reads the file again
        expectSameWorkspace(workspace, imported)

        // Once the file changes, the redo is refused and nothing changes.
        _ = try workspace.apply(inverse)
        let bytes = try AtomicFile.read(csv)
        try AtomicFile.write(bytes + Array("Q999999,one more,,,,,,,\n".utf8), to: csv)
        #expect(throws: ReviewError.self) { try workspace.apply(redo) }
        expectSameWorkspace(workspace, before)
    }

    @Test func theJournalHoldsAReferenceAndRecoveryReadsTheFileAgain() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (full, empty, csv) = try fixture(directory, seed: 11, quotes: 2_000)
        let result = try CSVImport.readForAppend(from: csv, into: empty)
        let url = Journal.newURL(in: directory.appendingPathComponent("state"))
        let journal = try Journal(url: url, base: .empty)
        try journal.append(command: "import quotes quotes.csv", change: result.change)
        let undo = try { var w = empty; return try w.apply(result.change) }()
        try journal.append(command: "undo", change: undo)
        try journal.append(command: "redo", change: .appendQuotes(result.appended!.reference))
        let csvSize = try AtomicFile.read(csv).count
        let journalSize = try AtomicFile.read(url).count
        #expect(journalSize < 2_000 && csvSize > 100_000, "journal \(journalSize) bytes for a \(csvSize)-byte import")
        journal.abandon()

        let recovery = try #require(try Journal.pending(at: url))
        #expect(recovery.records.count == 3)
        let replay = recovery.replay(onto: empty)
        #expect(replay.applied == 3 && replay.failure == nil)
        expectSameWorkspace(replay.workspace, full)

        // A changed file is not replayed: the replay stops before the import and says why.
        var bytes = try AtomicFile.read(csv)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x61 ? 0x62 : 0x61
        try AtomicFile.write(bytes, to: csv)
        let stale = recovery.replay(onto: empty)
        #expect(stale.applied == 0)
        #expect(stale.failure?.error.message.contains("changed since it was imported") == true)
        expectSameWorkspace(stale.workspace, empty)
    }

    @Test func importsThatAreNotPureAppendsTakeTheOrdinaryPath() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let (full, empty, csv) = try fixture(directory, seed: 3)
        // An existing id in the file makes a row an update: the import is no longer a pure append.
        var partial = empty
        try partial.apply(.addQuote(full.quote(atRow: 5)))
        let mixed = try CSVImport.readForAppend(from: csv, into: partial)
        #expect(mixed.appended == nil)
        var viaMixed = partial, viaOrdinary = partial
        try viaMixed.apply(mixed.change)
        try viaOrdinary.apply(try CSVImport.read(from: csv, as: .quotes, into: partial).change)
        expectSameWorkspace(viaMixed, viaOrdinary)
        expectSameWorkspace(viaMixed, full)

        // Rows without an id are numbered after the rest, as the ordinary import numbers them.
        let text = "text,domain,direction,id\nfirst,knowledge,barrier,\nsecond,,,Q7\nthird “quoted”,beliefs about consequences,facilitator,\n"
        try AtomicFile.write(Array(text.utf8), to: csv)
        let bulk = try CSVImport.readForAppend(from: csv, into: empty)
        #expect(bulk.appended?.count == 3)
        var a = empty, b = empty
        try a.apply(bulk.change)
        try b.apply(try CSVImport.read(from: csv, into: empty).change)
        expectSameWorkspace(a, b)
        #expect(a.quotes.ids == [7, 8, 9])

        // A bad cell is reported as the ordinary import reports it, and nothing is returned.
        try AtomicFile.write(Array("text,domain\nfine,knowledge\nbad,not a domain\n".utf8), to: csv)
        #expect(throws: FileError.self) { try CSVImport.readForAppend(from: csv, into: empty) }
    }
}
