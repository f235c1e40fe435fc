import Foundation
import Testing
@testable import ReviewKit

/// Findings and judgements held by the workspace: one change path (`WorkspaceChange.synthesis`) for undo,
/// batches and the journal; the sub-themes a finding cites are protected; snapshots carry them (version 3).
@Suite("Synthesis: held by the workspace")
struct SynthesisWorkspaceTests {
    /// The small review with F1 over sub-themes 1 and 2, judged on adequacy and overall.
    static func judged() throws -> Workspace {
        var workspace = SynthesisFixtures.small
        try workspace.apply(.synthesis(.addFinding(Finding(id: .written(1), statement: "Training and managers\twith a tab", subThemeIDs: [1, 2]), at: nil)))
        var assessment = CERQualAssessment()
        assessment[.adequacy] = .init(.moderate, explanation: "four quotes\nfrom three studies \\ one unattributed")
        assessment.overall = .init(.moderate, explanation: "#moderate")
        try workspace.apply(.synthesis(.setAssessment(.written(1), assessment)))
        try workspace.apply(.synthesis(.setAssessment(.subTheme(3), CERQualAssessment(components: [.coherence: .init(.noOrVeryMinor)]))))
        return workspace
    }

    @Test("a synthesis change applies through the workspace and its inverse restores the synthesis exactly")
    func undo() throws {
        var workspace = SynthesisFixtures.small
        let before = workspace.synthesis
        let inverse = try workspace.apply(.synthesis(.addFinding(Finding(id: .written(1), statement: "x", subThemeIDs: [1]), at: nil)))
        #expect(workspace.synthesis.writtenFindings.count == 1)
        try workspace.apply(inverse)
        #expect(workspace.synthesis == before)
        // A failing batch (an unknown sub-theme in its second change) changes nothing, coding included.
        let failing: WorkspaceChange = .batch([.removeQuote(id: 7), .synthesis(.addFinding(Finding(id: .written(1), statement: "x", subThemeIDs: [99]), at: nil))])
        #expect(throws: ReviewError.self) { try workspace.apply(failing) }
        #expect(workspace.quote(7) != nil && workspace.synthesis == before)
    }

    @Test("a sub-theme a written finding cites, or whose own finding is judged, cannot be removed")
    func protectedSubThemes() throws {
        var workspace = try Self.judged()
        try workspace.apply(.addSubTheme(SubTheme(id: 4, direction: .barrier, component: .automaticMotivation, domain: .emotion, number: 2, label: "Unused"), at: nil))
        try workspace.apply(.synthesis(.updateFinding(Finding(id: .written(1), statement: "Training and managers", subThemeIDs: [1, 2, 4]))))
        #expect { try workspace.apply(.removeSubTheme(id: 4)) } throws: { error in
            (error as? ReviewError)?.message == "sub-theme B/Emot/2 supports finding F1; edit or remove it first"
        }
        try workspace.apply(.synthesis(.updateFinding(Finding(id: .written(1), statement: "Training and managers", subThemeIDs: [1, 2]))))
        try workspace.apply(.synthesis(.setAssessment(.subTheme(4), CERQualAssessment(components: [.adequacy: .init(.serious, explanation: "no quotes")]))))
        #expect { try workspace.apply(.removeSubTheme(id: 4)) } throws: { error in
            (error as? ReviewError)?.message.contains("stands as finding T4, which has a cerqual assessment") == true
        }
        try workspace.apply(.synthesis(.setAssessment(.subTheme(4), nil)))
        try workspace.apply(.removeSubTheme(id: 4))
        #expect(workspace.subTheme(4) == nil)
    }

    @Test("snapshots carry @findings and @cerqual (version 3) and read them back equal, escapes included")
    func snapshotRoundTrip() throws {
        let workspace = try Self.judged()
        let bytes = SnapshotWriter.encode(Snapshot(workspace: workspace))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("review-snapshot 3\n"))
        #expect(text.contains("@findings\n# id\tsubthemes\tstatement\nF1\t1,2\tTraining and managers\\twith a tab\n@cerqual\n"))
        #expect(text.contains("F1\toverall\tmoderate\t#moderate\nT3\tcoherence\tno-or-very-minor\t\n@notes\n"))
        let read = try SnapshotReader.decode(bytes)
        #expect(read.workspace.synthesis == workspace.synthesis)
        #expect(SnapshotWriter.encode(read) == bytes)
    }

    @Test("a workspace without findings or judgements writes neither section; version-2 files load unchanged")
    func optionalSections() throws {
        let workspace = SynthesisFixtures.small
        let bytes = SnapshotWriter.encode(Snapshot(workspace: workspace))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("@findings") && !text.contains("@cerqual"))
        // The same content under the version-2 header (checksum recomputed) reads the same workspace.
        let v2 = Self.resealed("review-snapshot 2" + text.dropFirst("review-snapshot 3".count))
        let read = try SnapshotReader.decodeWithInfo(v2, progress: nil)
        #expect(read.version == 2)
        #expect(read.snapshot.workspace.synthesis.isEmpty && read.snapshot.workspace.quotes.count == workspace.quotes.count)
        // A version-2 file cannot have the version-3 sections.
        let judged = String(decoding: SnapshotWriter.encode(Snapshot(workspace: try Self.judged())), as: UTF8.self)
        let bad = Self.resealed("review-snapshot 2" + judged.dropFirst("review-snapshot 3".count))
        #expect { try SnapshotReader.decode(bad, path: "old.snapshot") } throws: { error in
            (error as? FileError)?.message.hasPrefix("unknown section '@findings'") == true
        }
    }

    @Test("a bad @cerqual row is refused at its line and field")
    func badRow() throws {
        let text = String(decoding: SnapshotWriter.encode(Snapshot(workspace: try Self.judged())), as: UTF8.self)
        let bad = Self.resealed(text.replacingOccurrences(of: "T3\tcoherence\tno-or-very-minor", with: "T3\tcoherence\tsubstantial"))
        #expect { try SnapshotReader.decode(bad, path: "x.snapshot") } throws: { error in
            guard let error = error as? FileError else { return false }
            return error.column == 14 && error.message.hasPrefix("'substantial' is not a concern level") && error.lineText?.hasPrefix("T3\t") == true
        }
    }

    @Test("journal records carry synthesis changes (Codable round trip)")
    func journalCodable() throws {
        let change = WorkspaceChange.batch([.synthesis(.setAssessment(.written(2), CERQualAssessment(components: [.relevance: .init(.minor, explanation: "é ✓")],
                                                                                                        overall: .init(.low, explanation: "")))),
                                            .synthesis(.removeFinding(id: .written(1)))])
        let record = JournalRecord(sequence: 1, command: "cerqual F2 relevance minor", change: change)
        let decoded = try JSONDecoder().decode(JournalRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
    }

    /// The text with its checksum line replaced by the right one.
    static func resealed(_ text: String) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.last?.hasPrefix("checksum crc32 ") == true { lines.removeLast() }
        let body = Array((lines.joined(separator: "\n") + "\n").utf8)
        let crc = CRC32.checksum(body)
        return body + Array("checksum crc32 \(SnapshotWriter.hex(crc))\n".utf8)
    }
}
