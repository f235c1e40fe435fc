import ReviewKit

/// Mutated REFI-QDA projects (project.qde): no crash; each either reads, and its import plan applies cleanly
/// to an empty and to the embedded workspace and the archive encodes again, or fails with a located lowercase
/// error naming the file.
public final class REFITarget: FuzzTarget {
    public let name = "refi"
    let workspace: Workspace
    let seeds: [[UInt8]]
    let sources: [String: [UInt8]]
    static let fragments = ["<Code guid=\"x\" name=\"Barrier\" isCodable=\"true\">", "</Code>", "startPosition=\"-3\"", "endPosition=\"99999999\"",
                            "<!ENTITY", "&amp;", "&bogus;", "\"", "<", ">", "<![CDATA[", "Knowledge", "targetGUID=\"nope\"", "\u{FEFF}", "\r\n",
                            "startPosition=\"99999999999999999999999\"", "&#x1F600;", "&#0;"].map { Array($0.utf8) }

    /// A target seeded with the project the exporter writes for the embedded review, for an awkward one, and for one
    /// double-coded by two reviewers (who differ on some quotes, one settled by a consensus).
    public init() throws {
        workspace = try EmbeddedReview.load().workspace
        var seeds: [[UInt8]] = []
        var sources: [String: [UInt8]] = [:]
        var coded = workspace
        for row in 0..<min(8, coded.quotes.count) {
            let quote = coded.quote(atRow: row)
            try coded.apply(.setReviewerCoding(ReviewerCoding(quote, reviewer: "AB")))
            let other = row % 3 == 0 ? ReviewerCoding(quoteID: quote.id, reviewer: "Zoë 👩🏽‍⚕️", direction: .facilitator) : ReviewerCoding(quote, reviewer: "Zoë 👩🏽‍⚕️")
            try coded.apply(.setReviewerCoding(other))
            if row == 3 { try coded.apply(.setReviewerCoding(ReviewerCoding(quote, reviewer: ReviewerCoding.consensus))) }
        }
        for base in [workspace, FuzzWorkspaces.awkward(workspace).workspace, coded] {
            // The project.qde is what is mutated; the source texts stay as written.
            let archive = QDPXExport.export(base).archive
            seeds.append(Array(archive.project.qdeText.utf8))
            sources.merge(archive.sources) { first, _ in first }
        }
        self.seeds = seeds
        self.sources = sources
    }

    public func generate(_ mutator: inout Mutator) -> [UInt8] {
        var bytes = mutator.pick(seeds)
        for _ in 0..<(1 + mutator.below(4)) {
            let position = mutator.below(bytes.count + 1)
            // Mostly printable ASCII, so that most mutants stay UTF-8 and reach the parser and the importer.
            let ascii = UInt8(32 + mutator.below(95))
            switch mutator.below(10) {
            case 0, 1: if !bytes.isEmpty { bytes.removeSubrange(min(position, bytes.count - 1)..<min(bytes.count, position + 1 + mutator.below(8))) }
            case 2, 3: bytes.insert(ascii, at: position)
            case 4, 5: bytes.insert(contentsOf: mutator.pick(Self.fragments), at: position)
            case 6, 7: if !bytes.isEmpty { bytes[min(position, bytes.count - 1)] = ascii }
            case 8: bytes = mutator.mutate(bytes, donor: mutator.pick(seeds))
            default: if !bytes.isEmpty { bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: mutator.random.next()) }
            }
        }
        return bytes
    }

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        let project: REFIProject
        do {
            project = try REFIProject(qde: input, path: "fuzz.qde")
        } catch {
            if error.path?.hasPrefix("fuzz.qde") != true { return .finding("a refusal that does not name the file: \(error)") }
            if error.line == nil { return .finding("a refusal without a line: \(error.message)") }
            if let problem = FuzzRules.messageProblem(error.message) { return .finding(problem) }
            return .refused
        }
        let archive = QDPXArchive(project: project, sources: sources)
        for var target in [Workspace(), workspace] {
            let plan = REFIImport.plan(archive, into: target)
            do {
                // As the shell applies it: with references and free codes, and the coders' codings as reviewers'.
                _ = try target.apply(plan.workspaceChange(for: target).change)
            } catch {
                return .finding("the REFI import plan does not apply: \(error.message)")
            }
        }
        do {
            _ = try QDPXArchive(bytes: archive.encoded())
        } catch {
            return .finding("an archive that reads does not encode and read again: \(error)")
        }
        return .accepted
    }
}
