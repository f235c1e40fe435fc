import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// save, load, import, export: files named relative to the working directory, errors naming them as typed.
@Suite struct FileCommandsTests {
    @Test func saveAndLoadRoundTripTheSession() throws {
        let harness = try CommandHarness()
        _ = try harness.result("add study \"Smith\" id=S34")
        _ = try harness.result("note kept")
        #expect(try harness.message("save s.snapshot").hasPrefix("saved 34 studies"))
        #expect(!harness.session.hasUnsavedChanges)
        _ = try harness.result("remove study S34")
        #expect(harness.failure("load s.snapshot")?.message == "there are unsaved changes; 'save' them first, or 'load s.snapshot discard' to drop them")
        #expect(try harness.message("load s.snapshot discard").hasPrefix("loaded s.snapshot: 34 studies"))
        #expect(harness.session.notes == ["kept"])
        #expect(harness.failure("load s.snapshot please")?.message == "unexpected 'please'; did you mean 'discard'?")
        #expect(harness.failure("save a b")?.message == "'save' takes one file name")
    }

    @Test func exportAndImportNameTablesOrRefuseThem() throws {
        let harness = try CommandHarness()
        #expect(try harness.message("export csv quotes q.csv") == "wrote quotes to q.csv")
        #expect(FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("q.csv").path))
        #expect(harness.failure("export csv widgets q.csv")?.notes == ["tables: studies, appraisals, subthemes, quotes"])
        #expect(harness.failure("export yaml x")?.message == "unknown export format 'yaml'")
        #expect(try harness.message("import quotes q.csv").hasPrefix("nothing to import: 46 quotes row(s), all unchanged"))
        #expect(harness.failure("import widgets q.csv")?.message == "unknown table 'widgets'")
        let missing = harness.failure("import none.csv")
        #expect(missing?.kind == .file && missing?.file == "none.csv")
    }
}
