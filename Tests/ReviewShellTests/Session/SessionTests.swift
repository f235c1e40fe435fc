import Testing
@testable import ReviewShell
import ReviewKit

/// The session: a document plus settings, notes and cells; what counts as unsaved and what a load keeps.
@Suite struct SessionTests {
    @Test func unsavedChangesComeFromTheDocumentOrTheSession() throws {
        let session = try Session.embedded()
        #expect(!session.hasUnsavedChanges)
        try session.document.apply(.addStudy(Study(id: "S34", label: "x"), at: nil), command: "add")
        #expect(session.hasUnsavedChanges && session.document.isModified)
        session.hasUnsavedChanges = false
        #expect(!session.document.isModified, "saving clears the document's mark too")
        session.notes.append("n")
        session.hasUnsavedChanges = true
        #expect(session.hasUnsavedChanges && !session.document.isModified)
    }

    @Test func loadingKeepsThisSessionsCellsAfterTheLoadedHistory() throws {
        let session = try Session.embedded()
        session.cells = [Cell(number: 1, command: "studies", output: "", failed: false)]
        let snapshot = Snapshot(workspace: Workspace(), settings: [:], notes: ["n"], history: ["a", "b"])
        try session.load(snapshot, path: "x.snapshot", base: .empty)
        #expect(session.cells.map(\.command) == ["a", "b", "studies"])
        #expect(session.cells.map(\.number) == [1, 2, 3])
        #expect(session.workspace.studies.isEmpty && session.document.undoDepth == 0)
        #expect(session.sourceDescription == "x.snapshot")
    }
}

/// The settings catalogue: one declaration per setting for `set`, completion, the table and snapshots.
@Suite struct SettingsTests {
    @Test func everySettingRoundTripsThroughASnapshot() throws {
        var settings = Settings()
        for (name, value) in [("format", "csv"), ("width", "80"), ("bands", "high 8..10; low ..7.5"), ("mapping", "standard"), ("color", "off"), ("pager", "off")] {
            try settings.set(name, to: value)
        }
        // A snapshot keeps format, bands and mapping; width, colour and pager belong to the run (issue 16).
        var kept = try Settings(snapshotValues: settings.snapshotValues)
        #expect(kept.format == .csv && kept.bands == settings.bands && kept.mapping == .standard)
        #expect(kept.width == nil && kept.colour == nil && kept.pager)
        kept.keepRunPreferences(of: settings)
        #expect(kept == settings)
        #expect(Set(settings.snapshotValues.keys) == Settings.keptInSnapshots)
        #expect(Settings.keptInSnapshots.isSubset(of: Set(Settings.catalogue.map(\.name))))
        #expect(settings.snapshotValues["reviewer"] == nil && settings.snapshotValues["blind"] == nil, "who is at the keyboard is not saved")
        #expect(settings.value(of: "COLOR") == "off", "names and aliases match without case")
    }

    @Test func unknownNamesAndBadValuesAreErrorsOfTheirKinds() {
        var settings = Settings()
        #expect(throws: ReviewError.self) { try settings.set("widht", to: "80") }
        do { try settings.set("widht", to: "80") } catch {
            #expect(error.kind == .unknownSetting)
            #expect(error.notes.first == "did you mean 'width'?")
        }
        do { try settings.set("width", to: "10") } catch { #expect(error.kind == .invalidValue) }
        do { _ = try Settings(snapshotValues: ["mapping": "sometimes"]) } catch {
            #expect(error.message == "setting 'mapping' in the snapshot: unknown mapping 'sometimes'; expected seed or standard")
        }
        #expect((try? Settings(snapshotValues: ["pager": "sometimes"])) != nil, "a run setting in an older snapshot is not used")
    }
}
