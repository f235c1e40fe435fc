import Testing
@testable import ReviewKit

/// Each workspace rule has one home and one message: a change and a bulk load refuse the same record alike.
@Suite struct WorkspaceRulesTests {
    static let bad: [(Study, ReviewError.Kind, String)] = [
        (Study(id: "S 1", label: "x"), .invalidRecord, "study id 'S 1' must be letters, digits, '-' or '_'"),
        (Study(id: "S1", label: "  "), .invalidRecord, "study S1 needs a label"),
        (Study(id: "S1", label: "x", year: 1700), .invalidRecord, "year 1700 of study S1 is out of range (1800–2200)"),
        (Study(id: "S1", label: "x", participants: -1), .invalidRecord, "participants of study S1 cannot be negative"),
    ]

    @Test func studiesAreRefusedAlikeOneAtATimeAndInBulk() {
        for (study, kind, message) in Self.bad {
            var one = Workspace()
            var single: ReviewError?
            do { try one.apply(.addStudy(study, at: nil)) } catch { single = error }
            var many = Workspace()
            var bulk: ReviewError?
            do { try many.appendStudies([study]) } catch { bulk = error }
            #expect(single?.kind == kind && single?.message == message)
            #expect(bulk?.kind == kind && bulk?.message == message)
            #expect(one.studies.isEmpty && many.studies.isEmpty)
        }
    }

    @Test func duplicatesAndUnknownRecordsHaveTheirKinds() throws {
        var workspace = Workspace()
        try workspace.apply(.addStudy(Study(id: "S1", label: "x"), at: nil))
        #expect(throws: ReviewError(.duplicate, "study id 'S1' is already in use")) { try workspace.apply(.addStudy(Study(id: "S1", label: "y"), at: nil)) }
        #expect(throws: ReviewError(.notFound, "no quote Q9")) { try workspace.apply(.removeQuote(id: 9)) }
        try workspace.apply(.addQuote(Quote(id: 1, text: "q", studyID: "S1")))
        #expect(throws: ReviewError(.conflict, "study S1 is cited by 1 quote; remove them or attribute them elsewhere first")) {
            try workspace.apply(.removeStudy(id: "S1"))
        }
        #expect(workspace.studyIndex(matching: "s1") == 0)
        #expect(workspace.studyIndex(matching: "S2") == nil)
    }
}
