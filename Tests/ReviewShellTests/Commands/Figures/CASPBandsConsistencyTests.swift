import Foundation
import Testing
@testable import ReviewShell

/// An incomplete CASP appraisal has no total and no band, and overlapping cut-offs count each study once,
/// as in both, the same way in `bands`, `studies where band = …`, `studies group by band` and `casp stats`.
///
/// Independent figures, from the seed's Table 2 (33 studies): totals ≥ 8.5 → 22 studies, 8.0 → 3, 7.5 → 5,
/// 7.0 → 2, 4.5 → 1. Under "high 8..10; moderate 6..8; low ..5" that is high only 22, high and moderate 3,
/// moderate only 7, low 1: 33 in all. The mean of the 33 totals is 8.65 (docs/user-guide.md).
@Suite struct CASPBandsConsistencyTests {
    static func run(_ script: String) throws -> (Shell, BufferedOutput) {
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output)
        _ = shell.runScript(script, file: "casp.review")
        return (shell, output)
    }

    @Test func anIncompleteAppraisalHasNoTotalAndIsLeftOutOfCounts() throws {
        let (shell, output) = try Self.run("""
            add study "Partial P et al." id=S34
            appraise S34 q1=yes q2=yes q3="can't tell" q4=no
            expect mean = 8.65 from casp stats
            expect studies_appraised = 33 from casp stats
            expect studies[high] = 22 from bands
            expect studies[none] = 8 from bands
            expect rows = 1 from studies where band = incomplete
            expect rows = 0 from studies where casp <= 5 and id = S34
            """)
        #expect(shell.exitStatus == 0, "\(output.errors)")
        #expect(output.errors.isEmpty)
        #expect(output.text.contains("appraised S34: incomplete (4 of 10), no total until every question is answered"))
        let (_, listing) = try Self.run("""
            add study "Partial P et al." id=S34
            appraise S34 q1=yes q2=yes q3="can't tell" q4=no
            casp stats
            bands
            casp
            studies where id = S34
            """)
        #expect(listing.text.components(separatedBy: "1 incomplete appraisal has no total, so it is left out of band counts and statistics: S34").count == 4)
        #expect(listing.text.contains("33 with a total + 1 incomplete + 0 not appraised = 34 studies"))
        #expect(listing.text.contains("incomplete (4 of 10)"))
        #expect(!listing.text.contains("2.5"))
    }

    @Test func overlappingCutOffsCountEachStudyOnceEverywhere() throws {
        let (shell, output) = try Self.run("""
            set bands "high 8..10; moderate 6..8; low ..5"
            expect studies[high] = 22 from bands
            expect studies[moderate] = 7 from bands
            expect studies[high+moderate] = 3 from bands
            expect studies[low] = 1 from bands
            expect rows = 22 from studies where band = high count
            expect rows = 3 from studies where band = "high+moderate" count
            expect rows = 3 from studies where band = "moderate+high" count
            expect rows = 7 from studies where band = moderate count
            expect count[high] = 22 from studies group by band
            expect count[high+moderate] = 3 from studies group by band
            expect count[moderate] = 7 from studies group by band
            """)
        #expect(shell.exitStatus == 0, "\(output.errors)")
        #expect(output.errors.isEmpty)
        let (_, bands) = try Self.run("set bands \"high 8..10; moderate 6..8; low ..5\"\nbands")
        #expect(bands.text.contains("3 studies fall in two overlapping bands and are counted once, as in both"))
        #expect(bands.text.contains("33 with a total + 0 incomplete + 0 not appraised = 33 studies"))
    }
}
