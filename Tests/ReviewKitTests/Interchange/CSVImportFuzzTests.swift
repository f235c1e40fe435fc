import Foundation
import Testing
@testable import ReviewKit

/// Mutated CSV files: no crash, every refusal a located error, and every import that validates applies
/// cleanly and leaves a workspace that can be saved (import, `Workspace.apply` and the snapshot rules agree).
///
/// A short seeded campaign runs with the tests; `REVIEW_FUZZ_ITERATIONS` and `REVIEW_FUZZ_SEED` run a longer one.
@Suite struct CSVImportFuzzTests {
    @Test func mutatedCSVImportsValidateOrFailWithALocatedError() throws {
        let workspace = try EmbeddedReview.load().workspace
        var generator = RandomWorkspace(seed: 10)
        let other = generator.workspace(studies: 6, quotes: 40).workspace
        var seeds: [[UInt8]] = []
        for kind in CSVTableKind.allCases {
            seeds.append(CSVExport.encode(kind, workspace: workspace))
            seeds.append(CSVExport.encode(kind, workspace: other, byteOrderMark: true))
        }
        seeds.append(Array("id;label;year;Reviewer notes\r\nS40;Semi;2020.0;x\r\n".utf8))
        seeds.append(Array("text,study,reference,,\nA quote,S01,(33),,\n".utf8))
        var mutator = Mutator(seed: Mutator.seed(0x5EED_0010))
        let iterations = Mutator.iterations(default: 300)
        var accepted = 0, refused = 0
        for iteration in 0..<iterations {
            let seed = seeds[mutator.below(seeds.count)]
            let bytes = mutator.mutate(seed, donor: seeds[mutator.below(seeds.count)])
            let options = CSVImportOptions(unknownColumns: mutator.chance(50) ? .ignore : .refuse)
            do {
                let result = try CSVImport.decode(bytes, options: options, path: "fuzz.csv", into: workspace)
                accepted += 1
                var applied = workspace
                do {
                    try applied.apply(result.change)
                } catch {
                    Issue.record("iteration \(iteration): the import validated but apply refused it: \(error.message) \(error.notes)")
                    continue
                }
                do { try ValueRules.check(applied) } catch {
                    Issue.record("iteration \(iteration): the import left a workspace that cannot be saved: \(error.message)")
                }
            } catch {
                refused += 1
                #expect(error.path == "fuzz.csv", "iteration \(iteration): \(error)")
                #expect(error.line != nil, "iteration \(iteration): no line in '\(error.message)'")
                #expect(error.message.first?.isUppercase != true, "iteration \(iteration): \(error.message)")
            }
        }
        #expect(refused > 0 && accepted > 0, "accepted \(accepted), refused \(refused)")
        print("csv import fuzz: \(iterations) inputs, \(accepted) accepted, \(refused) refused with a located error")
    }
}
