import Testing
@testable import ReviewShell
import ReviewKit

/// add, edit, remove, code, uncode, appraise, undo, redo: every change goes through the document.
@Suite struct EditingCommandsTests {
    @Test func addCodeUndoAndRedoGoThroughTheDocument() throws {
        let harness = try CommandHarness()
        #expect(try harness.message("add quote \"I felt seen\" study=s06 page=\"p. 2\"") == "added Q47 (not coded yet: 'code Q47 domain=… direction=…')")
        #expect(harness.session.workspace.quote(47)?.studyID == "S06", "the study id is matched without case")
        #expect(try harness.message("code Q47 domain=knowledge direction=barrier").hasPrefix("coded Q47: barrier, Psychological capability, Knowledge"))
        #expect(harness.session.document.undoDepth == 2)
        #expect(try harness.message("undo") == "undid: code Q47 domain=knowledge direction=barrier")
        #expect(harness.session.workspace.quote(47)?.domain == nil)
        #expect(try harness.message("redo").hasPrefix("redid: code Q47"))
        #expect(harness.session.workspace.quote(47)?.domain == .knowledge)
        #expect(harness.session.hasUnsavedChanges)
    }

    @Test func aSubThemeFixesTheCodingAndAChangedCodingLeavesIt() throws {
        let harness = try CommandHarness()
        let conflict = harness.failure("code Q1 subtheme=B/Know/1 domain=skills")
        #expect(conflict?.message == "domain= is fixed by the sub-theme B/Know/1; give one or the other")
        #expect(conflict?.column == 34, "the caret is under the value")
        _ = try harness.result("code Q1 domain=emotion direction=barrier")
        #expect(harness.session.workspace.quote(1)?.subTheme == nil, "the old sub-theme no longer fits and is left")
    }

    @Test func optionsAreDeclaredPerRecord() throws {
        let harness = try CommandHarness()
        #expect(harness.failure("edit study S06 colour=blue")?.notes == ["options here: ref, reference, year, country, design, collection, data-collection, analysis, participants, n, authors, author, title, journal, volume, issue, pages, doi, url, abstract, keywords, keyword, label"])
        #expect(harness.failure("edit quote Q1 year=2020")?.kind == .unknownOption)
        #expect(harness.failure("edit study S06")?.message == "say what to change as FIELD=VALUE")
        #expect(harness.failure("add theme barrier")?.kind == .missingArgument)
        #expect(harness.failure("appraise S06 q11=yes")?.message == "unknown question 'q11'; expected q1 … q10 or reviewer=")
        #expect(harness.failure("edit study S06 year=1 ref=2 reference=3")?.kind == .repeatedOption)
        #expect(try harness.message("appraise s06 q1=no").hasPrefix("appraised S06: total"))
    }

    @Test func removeRefusesWhatIsStillUsed() throws {
        let harness = try CommandHarness()
        _ = try harness.result("add study \"Smith\" id=S34")
        _ = try harness.result("add quote \"x\" study=S34")
        #expect(harness.failure("remove study S34")?.kind == .review(.conflict))
        _ = try harness.result("remove quote Q47")
        #expect(try harness.message("remove study s34") == "removed study S34: Smith")
    }
}
