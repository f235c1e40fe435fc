import Foundation
import Testing
@testable import ReviewKit

/// `export json` and `export csv` are written as they are encoded (issue 15): the pieces must join to the
/// whole-buffer document.
@Suite struct ExportStreamingTests {
    @Test func piecesJoinToTheWholeDocumentAndTheFileHoldsIt() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var generator = RandomWorkspace(seed: 0x15)
        var random = generator.workspace(studies: 5, quotes: 300).workspace
        try random.apply(.addQuote(Quote(id: 10_000, text: "Janoušková: “it’s fine” 🙂👩🏽‍⚕️")))
        for workspace in [try EmbeddedReview.load().workspace, Workspace(), random] {
            let whole = JSONExport.encode(workspace)
            for chunkSize in [1, 100, 5000] {
                var joined: [UInt8] = []
                let last = try JSONExport.stream(workspace, chunkSize: chunkSize, progress: nil, cancellation: .none) { (piece) throws(FileError) in
                    joined.append(contentsOf: piece)
                }
                #expect(joined + last == whole, "chunk size \(chunkSize)")
            }
            let url = directory.appendingPathComponent("w.json")
            try JSONExport.write(workspace, to: url)
            #expect(try AtomicFile.read(url) == whole)
        }
    }

    @Test func csvPiecesJoinToTheWholeTableAndTheFileHoldsIt() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var generator = RandomWorkspace(seed: 0x16)
        var random = generator.workspace(studies: 5, quotes: 300).workspace
        try random.apply(.addQuote(Quote(id: 10_000, text: "Janoušková: “it’s fine” 🙂👩🏽‍⚕️")))
        for workspace in [try EmbeddedReview.load().workspace, random] {
            for (bom, guarding) in [(false, false), (true, true)] {
                let whole = CSVExport.encode(.quotes, workspace: workspace, byteOrderMark: bom, guardingFormulas: guarding)
                for chunkSize in [1, 100, 5000] {
                    var joined: [UInt8] = []
                    let last = try CSVExport.stream(.quotes, workspace: workspace, byteOrderMark: bom, guardingFormulas: guarding, chunkSize: chunkSize,
                                                    progress: nil, cancellation: .none) { (piece) throws(FileError) in joined.append(contentsOf: piece) }
                    #expect(joined + last == whole, "chunk size \(chunkSize)")
                }
                let url = directory.appendingPathComponent("quotes.csv")
                try CSVExport.write(.quotes, workspace: workspace, to: url, byteOrderMark: bom, guardingFormulas: guarding)
                #expect(try AtomicFile.read(url) == whole)
            }
        }
    }
}
