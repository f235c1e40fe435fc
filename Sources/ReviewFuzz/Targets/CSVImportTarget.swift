import ReviewKit

/// Mutated CSV files for `import`: no crash, every refusal a located lowercase error naming the file, and every
/// import that validates applies cleanly and leaves a workspace that can be saved (import, `Workspace.apply`
/// and the snapshot rules agree).
public final class CSVImportTarget: FuzzTarget {
    public let name = "csv"
    let workspace: Workspace
    let seeds: [[UInt8]]

    /// A target seeded with every table of the embedded review and of an awkward one, and a few odd files.
    public init() throws {
        workspace = try EmbeddedReview.load().workspace
        let awkward = FuzzWorkspaces.awkward(workspace).workspace
        var seeds: [[UInt8]] = []
        for kind in CSVTableKind.allCases {
            seeds.append(CSVExport.encode(kind, workspace: workspace))
            seeds.append(CSVExport.encode(kind, workspace: awkward, byteOrderMark: true))
        }
        seeds.append(Array("id;label;year;Reviewer notes\r\nS40;Semi;2020.0;x\r\n".utf8))
        seeds.append(Array("text,study,reference,,\nA quote,S01,(33),,\n".utf8))
        seeds.append(Array("text,domain,direction\n\"knowing \"\"how\"\"\",ecr,barrier\n".utf8))
        // Excel's "Unicode text" (UTF-16 with a byte order mark, tab-separated) and plain "CSV" on Windows (Windows-1252).
        var wide: [UInt8] = [0xFF, 0xFE]
        for unit in "text\tstudy\tReviewer notes\r\nJanoušková 🙂\tS01\t35.0\r\n".utf16 { wide += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        seeds.append(wide)
        seeds.append(Array("id;label;year\r\nS41;Janou".utf8) + [0x9A] + Array("kov".utf8) + [0xE1] + Array(";2019.0\r\n".utf8))
        self.seeds = seeds
    }

    public func generate(_ mutator: inout Mutator) -> [UInt8] {
        mutator.mutate(mutator.pick(seeds), donor: mutator.pick(seeds))
    }

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        // The option is part of the input (its length's parity), so a saved input replays exactly.
        let options = CSVImportOptions(unknownColumns: input.count % 2 == 0 ? .ignore : .refuse)
        let result: CSVImportResult
        do {
            result = try CSVImport.decode(input, options: options, path: "fuzz.csv", into: workspace)
        } catch {
            if error.path != "fuzz.csv" { return .finding("a refusal that does not name the file: \(error)") }
            if error.line == nil { return .finding("a refusal without a line: \(error.message)") }
            if let problem = FuzzRules.messageProblem(error.message) { return .finding(problem) }
            return .refused
        }
        var applied = workspace
        do {
            _ = try applied.apply(result.change)
        } catch {
            return .finding("the import validated but apply refused it: \(error.message) \(error.notes)")
        }
        do throws(ReviewError) { try ValueRules.check(applied) } catch {
            return .finding("the import left a workspace that cannot be saved: \(error.message)")
        }
        return .accepted
    }
}
