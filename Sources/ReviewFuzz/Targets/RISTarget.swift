import ReviewKit

/// Mutated RIS files: the reader never crashes; each file either reads (and then writes again, and plans an
/// import whose change applies) or fails with a located lowercase error naming the file.
public final class RISTarget: FuzzTarget {
    public let name = "ris"
    let workspace: Workspace
    let seeds: [[UInt8]]
    static let fragments: [[UInt8]] = [Array("TY  - ".utf8), Array("ER  -".utf8), Array("\r\n".utf8), Array("AU  - ".utf8), [0xFF, 0xFE],
                                       [0xEF, 0xBB, 0xBF], [0xC3], [0x00], Array("N1  - RAYYAN-INCLUSION: {\"".utf8), Array("=>[".utf8), [0x0D],
                                       Array("PY  - 99999999999999999999".utf8), Array("DO  - 10.1000/ünï".utf8)]

    /// A target seeded with RIS written from made-up records (every field, odd text, Latin-1 and UTF-16 forms).
    public init() throws {
        workspace = try EmbeddedReview.load().workspace
        let records = [
            BibliographicRecord(type: "JOUR", authors: ["Janoušková, M.", "O'Brien, P."], title: "Barriers to “peer” support: a synthesis", year: 2021),
            BibliographicRecord(type: "BOOK", authors: ["Smith, J"], title: "Qualitative; methods\\notes", year: 1999),
            BibliographicRecord(type: "CHAP", authors: [], title: "Untitled 🙂", year: nil),
        ]
        let utf8 = RISWriter.encode(records)
        let latin1 = Array("TY  - JOUR\r\nAU  - M\u{00FC}ller, K.\r\nTI  - Caf\u{00E9} study\r\nPY  - 2019\r\nER  - \r\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "TY  - JOUR\r\nTI  - Ünïcode\r\nER  - \r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        seeds = [utf8, RISWriter.encode(records, lineEnding: .lf, byteOrderMark: true), latin1, utf16,
                 Array("TY  - JOUR\nTI  - Rayyan\nN1  - RAYYAN-INCLUSION: {\"Ann\"=>\"Included\"}\nER  - \n".utf8)]
    }

    public func generate(_ mutator: inout Mutator) -> [UInt8] {
        var bytes = mutator.mutate(mutator.pick(seeds), donor: mutator.pick(seeds))
        if mutator.chance(30) {
            bytes.insert(contentsOf: mutator.pick(Self.fragments), at: mutator.below(bytes.count + 1))
        }
        return bytes
    }

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        let document: RISDocument
        do {
            document = try RISReader.decode(input, path: "fuzz.ris")
        } catch {
            if error.path != "fuzz.ris" { return .finding("a refusal that does not name the file: \(error)") }
            if error.line == nil { return .finding("a refusal without a line: \(error.message)") }
            if let problem = FuzzRules.messageProblem(error.message) { return .finding(problem) }
            return .refused
        }
        _ = RISWriter.encode(document.records)
        let plan = RISImport.plan(document, into: workspace)
        var applied = workspace
        do {
            _ = try applied.apply(plan.change)
        } catch {
            return .finding("the RIS import plan does not apply: \(error.message)")
        }
        return .accepted
    }
}
