import Foundation
import Testing
@testable import ReviewKit

/// The `@findings` and `@cerqual` snapshot sections: fixed layout, round trip, located errors, fuzzing.
@Suite("Synthesis: snapshot sections")
struct SynthesisSnapshotTests {
    let workspace = SynthesisFixtures.embedded

    static func lines(_ rows: [[String]], from first: Int = 10) -> [Synthesis.SnapshotLine] {
        rows.enumerated().map { index, fields in Synthesis.SnapshotLine(line: first + index, fields: fields, text: fields.joined(separator: "\t")) }
    }

    func sample() throws -> Synthesis {
        var synthesis = Synthesis()
        try synthesis.apply(synthesis.addFinding("Staff lack knowledge of the peer role", subThemes: [1, 2]), in: workspace)
        try synthesis.apply(synthesis.addFinding("Janoušková’s “peer” roles 🙂\tand tabs", subThemes: [7]), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), .methodologicalLimitations, .init(.moderate, explanation: "contributing studies cannot be matched to CASP")), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), .coherence, .init(.noOrVeryMinor)), in: workspace)
        try synthesis.apply(synthesis.judging(.written(1), overall: .init(.moderate, explanation: "line one\nline two")), in: workspace)
        try synthesis.apply(synthesis.judging(.subTheme(19), .adequacy, .init(.serious, explanation: "one quote")), in: workspace)
        return synthesis
    }

    @Test("rows in a fixed order: findings as written; judgements by finding, component order, then overall")
    func rows() throws {
        let synthesis = try sample()
        #expect(synthesis.findingRows == [
            ["F1", "1,2", "Staff lack knowledge of the peer role"],
            ["F2", "7", "Janoušková’s “peer” roles 🙂\tand tabs"],
        ])
        #expect(synthesis.cerqualRows == [
            ["F1", "methodological-limitations", "moderate", "contributing studies cannot be matched to CASP"],
            ["F1", "coherence", "no-or-very-minor", ""],
            ["F1", "overall", "moderate", "line one\nline two"],
            ["T19", "adequacy", "serious", "one quote"],
        ])
    }

    @Test("what is written reads back equal")
    func roundTrip() throws {
        let synthesis = try sample()
        let read = try Synthesis(findingLines: Self.lines(synthesis.findingRows), cerqualLines: Self.lines(synthesis.cerqualRows), path: "x.snapshot")
        #expect(read == synthesis)
        #expect(try Synthesis(findingLines: [], cerqualLines: [], path: nil) == Synthesis())
    }

    @Test("bad rows give the line, the column of the field, and what was expected", arguments: [
        (["F1", "1,2"], false, 8, "@findings rows have 3 fields"),
        (["T1", "1", "x"], false, 1, "'T1' is not a written finding id"),
        (["F1", "1,,2", "x"], false, 4, "sub-themes must be ids"),
        (["F1", "1,-2", "x"], false, 4, "sub-themes must be ids"),
        (["F1", "1,1", "x"], false, 4, "listed twice"),
        (["F1", "1", " "], false, 6, "has no statement"),
        (["F1", "overal", "high", ""], true, 4, "'overal' is not a cerqual component"),
        (["F1", "coherence", "substantial", ""], true, 14, "'substantial' is not a concern level"),
        (["F1", "overall", "very low", ""], true, 12, "'very low' is not a confidence level"),
        (["Q1", "coherence", "minor", ""], true, 1, "'Q1' is not a finding id"),
    ] as [([String], Bool, Int, String)])
    func errors(fields: [String], cerqual: Bool, column: Int, fragment: String) {
        let line = Synthesis.SnapshotLine(line: 42, fields: fields, text: fields.joined(separator: "\t"))
        let error = #expect(throws: FileError.self) {
            try Synthesis(findingLines: cerqual ? [] : [line], cerqualLines: cerqual ? [line] : [], path: "s.snapshot")
        }
        #expect(error?.line == 42)
        #expect(error?.column == column)
        #expect(error?.path == "s.snapshot")
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        #expect(error?.message.first?.isUppercase == false)
    }

    @Test("duplicates are refused")
    func duplicates() {
        let finding = ["F1", "1", "x"]
        #expect(throws: FileError.self) { try Synthesis(findingLines: Self.lines([finding, finding]), cerqualLines: [], path: nil) }
        let row = ["F1", "coherence", "minor", "a"]
        #expect(throws: FileError.self) { try Synthesis(findingLines: [], cerqualLines: Self.lines([row, row]), path: nil) }
        let overall = ["F1", "overall", "low", "a"]
        #expect(throws: FileError.self) { try Synthesis(findingLines: [], cerqualLines: Self.lines([overall, overall]), path: nil) }
    }

    @Test("random lines never crash the reader: each is read or refused with a located error")
    func fuzz() {
        var rng = SplitMix64(seed: 20250611)
        let pieces = ["F1", "T7", "F", "f2", "0", "1,2", ",", "-1", "99999999999", "overall", "coherence", "minor", "very-low", "serious",
                      "", " ", "\t", "🙂", "Janoušková", "substantial", "methodological-limitations", "high", "\n", "\\", "#", "@"]
        for _ in 0..<3000 {
            let count = Int(rng.next() % 6)
            let fields = (0..<count).map { _ in (0..<Int(rng.next() % 3 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
            let line = Synthesis.SnapshotLine(line: 3, fields: fields, text: rng.next() % 2 == 0 ? fields.joined(separator: "\t") : nil)
            for cerqual in [false, true] {
                do {
                    _ = try Synthesis(findingLines: cerqual ? [] : [line], cerqualLines: cerqual ? [line] : [], path: nil)
                } catch {
                    #expect(error.line == 3)
                    #expect((error.column ?? 0) >= 1)
                }
            }
        }
    }
}
