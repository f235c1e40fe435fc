import Foundation
import Testing
@testable import ReviewKit

/// `export csv PATH`: a path ending in .csv is one table's file, never a folder (issue 10).
@Suite struct CSVExportTargetTests {
    @Test func aCSVPathIsOneFileNamedByItsTable() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let workspace = try EmbeddedReview.load().workspace
        let url = directory.appendingPathComponent("quotes.csv")
        #expect(try CSVExport.export(workspace: workspace, to: url) == [.quotes])
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue)
        #expect(try AtomicFile.read(url) == CSVExport.encode(.quotes, workspace: workspace))
        // A named table to any .csv name.
        #expect(try CSVExport.export(.studies, workspace: workspace, to: directory.appendingPathComponent("mine.CSV")) == [.studies])
        // A .csv name that names no table is a question, not a folder.
        let unnamed = try #require(throws: FileError.self) { try CSVExport.export(workspace: workspace, to: directory.appendingPathComponent("all.csv")) }
        #expect(unnamed.message.hasPrefix("which table?"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("all.csv").path))
        // writeAll refuses a .csv path instead of making a folder by that name.
        #expect(throws: FileError.self) { try CSVExport.writeAll(workspace: workspace, to: directory.appendingPathComponent("four.csv")) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("four.csv").path))
    }

    @Test func anyOtherPathIsAFolderOfFourTables() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let workspace = try EmbeddedReview.load().workspace
        let folder = directory.appendingPathComponent("tables")
        #expect(try CSVExport.export(workspace: workspace, to: folder) == CSVTableKind.allCases)
        // Beside the four tables import reads: the findings and their CERQual judgements (SynthesisCSVTable).
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == Set(CSVTableKind.allCases.map(\.fileName) + SynthesisCSVTable.allCases.map(\.fileName)))
        let file = directory.appendingPathComponent("plain")
        try AtomicFile.write([1], to: file)
        let error = try #require(throws: FileError.self) { try CSVExport.export(workspace: workspace, to: file) }
        #expect(error.message.contains("it is a file, not a folder"))
        #expect(try AtomicFile.read(file) == [1])
    }
}
