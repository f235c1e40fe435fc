import Foundation
import Testing
@testable import ReviewKit

/// `JSONImport`: the JSON export read back, all or nothing, errors naming the JSON path; mangled input never traps.
@Suite struct JSONImportTests {
    let workspace = try! EmbeddedReview.load().workspace

    /// Applies an import to an empty workspace.
    static func imported(_ bytes: [UInt8]) throws -> Workspace {
        var empty = Workspace()
        let result = try JSONImport.decode(bytes, path: "review.json", into: empty)
        _ = try empty.apply(result.change)
        return empty
    }

    @Test func theExportReadsBackAsTheSameWorkspace() throws {
        let back = try Self.imported(JSONExport.encode(workspace))
        #expect(back.metadata == workspace.metadata)
        #expect(back.studies == workspace.studies)
        #expect(back.appraisals == workspace.appraisals)
        #expect(back.subThemes == workspace.subThemes)
        #expect(back.quotes.count == workspace.quotes.count)
        #expect((0..<back.quotes.count).allSatisfy { back.quote(atRow: $0) == workspace.quote(atRow: $0) })
        // And once more: an import of the same file changes nothing.
        var again = back
        let second = try JSONImport.decode(JSONExport.encode(workspace), into: again)
        _ = try again.apply(second.change)
        #expect(second.tables.allSatisfy { $0.added == 0 && $0.updated == 0 })
        #expect(again.quotes.count == back.quotes.count)
    }

    @Test func writtenFindingsAndJudgementsAreCountedInANote() throws {
        let synthesis = SynthesisExportTests.workspace
        let result = try JSONImport.decode(JSONExport.encode(synthesis), into: Workspace())
        let written = synthesis.synthesis.writtenFindings.count
        #expect(written > 0 && result.notes.count == 1 && result.notes[0].hasPrefix("left out \(written) written finding"), "\(result.notes)")
        #expect(try JSONImport.decode(JSONExport.encode(workspace), into: Workspace()).notes.isEmpty, "derived findings only: nothing left out")
    }

    @Test func olderSpellingsAreRead() throws {
        // q1…q10 keys instead of `answers`, quote ids as "Q12", display names instead of slugs.
        let text = #"""
        {"format": "review-workspace", "version": 1,
         "studies": [{"id": "S01", "label": "Ben-Dor I et al.", "reference": 35}],
         "appraisals": [{"study": "S01", "reviewer": "", "q1": "yes", "q2": "can't tell", "q3": "no", "q4": 1, "q5": 0.5, "q6": null, "q7": "yes", "q8": "yes", "q9": "yes", "q10": "yes"}],
         "quotes": [{"id": "Q12", "direction": "Barrier", "component": "Psychological capability", "domain": "Knowledge", "study": "S01", "reference": 35, "page": "p. 7", "text": "a quote"}]}
        """#
        let back = try Self.imported(Array(text.utf8))
        #expect(back.quote(12)?.domain == .knowledge && back.quote(12)?.component == .psychologicalCapability && back.quote(12)?.direction == .barrier)
        #expect(back.appraisals.first?.answers.prefix(6).map { $0?.slug } == ["yes", "cant-tell", "no", "yes", "cant-tell", nil])
    }

    @Test func errorsNameTheFileAndTheJSONPath() {
        func message(_ text: String) -> String {
            do { _ = try Self.imported(Array(text.utf8)); return "imported" } catch { return "\(error)" }
        }
        #expect(message("[1, 2]").contains("$: expected an object"))
        #expect(message(#"{"format": "other"}"#).contains("$.format"))
        #expect(message(#"{"format": "review-workspace", "version": 9}"#).contains("$.version"))
        #expect(message(#"{"format": "review-workspace", "version": 2, "quotes": {}}"#).contains("$.quotes: expected an array"))
        #expect(message(#"{"format": "review-workspace", "version": 2, "quotes": [{"text": "a", "tags": [1]}]}"#).contains("$.quotes[0].tags[0]"))
        let domain = message(#"{"format": "review-workspace", "version": 2, "quotes": [{"text": "a"}, {"text": "b", "domain": "hope"}]}"#)
        #expect(domain.contains("review.json") && domain.contains("$.quotes[1]") && domain.contains("hope"), "\(domain)")
        #expect(message("{\"format\": \"review-workspace\", ").contains("not a JSON document"))
    }

    /// Deterministic mutations of the export (cut short, a byte changed, a value swapped for another type) are
    /// imported or refused with a FileError; nothing traps.
    @Test func mangledExportsNeverTrap() {
        let bytes = JSONExport.encode(workspace)
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(truncatingIfNeeded: state & 0x7FFF_FFFF)
        }
        let replacements: [[UInt8]] = [Array("null".utf8), Array("[]".utf8), Array("{}".utf8), Array("-1".utf8), Array("1e400".utf8), Array("\"\"".utf8), Array("99999999999".utf8)]
        var refused = 0, accepted = 0
        for round in 0..<150 {
            var mutated = bytes
            switch round % 3 {
            case 0: mutated = Array(mutated.prefix(next() % mutated.count))
            case 1: mutated[next() % mutated.count] = UInt8(truncatingIfNeeded: next())
            default:
                // Replace the value after a random ": " with another type.
                let colon = (next() % (mutated.count - 2))
                if let start = (colon..<mutated.count - 1).first(where: { mutated[$0] == 58 && mutated[$0 + 1] == 32 }) {
                    let from = start + 2
                    let end = (from..<mutated.count).first { mutated[$0] == 44 || mutated[$0] == 125 } ?? mutated.count
                    mutated.replaceSubrange(from..<end, with: replacements[next() % replacements.count])
                }
            }
            do { _ = try Self.imported(mutated); accepted += 1 } catch { refused += 1 }
        }
        #expect(refused > 0 && refused + accepted == 150)
    }
}
