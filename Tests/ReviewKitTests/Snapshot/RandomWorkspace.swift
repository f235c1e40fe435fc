import Foundation
import Testing
@testable import ReviewKit

/// A seeded generator of valid workspaces with awkward text: tabs, newlines, backslashes, quotes,
/// commas, leading '#' and '@', accents, emoji, empty notes.
struct RandomWorkspace {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }

    static let pieces = ["a", "b", "Z", "7", " ", ",", "\"", "\t", "\n", "\r\n", "\\", "\\t", "#", "@", "é", "ü", "ß", "“", "”", "’",
                         "…", "漢", "🙂", "p. 12", "peer", "support", ";", "|", "\u{0301}", "'", "=", "\u{7F}", "\u{1}"]

    mutating func text(_ length: Int = 8) -> String {
        var out = ""
        for _ in 0..<(1 + below(length)) { out += Self.pieces[below(Self.pieces.count)] }
        return out
    }

    /// Text that is not blank.
    mutating func words() -> String { "w" + text() }

    mutating func optionalText() -> String? { chance(0.3) ? nil : words() }

    mutating func workspace(studies studyCount: Int = 12, quotes quoteCount: Int = 80) -> Snapshot {
        var workspace = Workspace()
        for _ in 0..<(below(4)) { workspace.metadata[text()] = chance(0.2) ? "" : text(20) }
        var studies: [Study] = []
        for index in 0..<studyCount {
            studies.append(Study(id: "S\(index + 1)" + (chance(0.2) ? "-x_\(below(9))" : ""), label: words(),
                                 reference: chance(0.5) ? 1 + below(500) : nil, year: chance(0.5) ? 1990 + below(35) : nil,
                                 country: optionalText(), design: optionalText(), dataCollection: optionalText(), analysis: optionalText(),
                                 participants: chance(0.5) ? below(300) : nil))
        }
        try! workspace.appendStudies(studies)
        // Some studies hold a reference (every field, lists, screening, other RIS fields).
        for study in studies where chance(0.3) {
            let record = BibliographicRecord(type: chance(0.5) ? "JOUR" : "RPRT", authors: (0..<below(4)).map { _ in words() }, title: optionalText(),
                                             year: chance(0.5) ? 1990 + below(35) : nil, date: optionalText(), journal: optionalText(),
                                             volume: optionalText(), issue: optionalText(), pages: optionalText(),
                                             doi: chance(0.5) ? "10.\(1000 + below(9000))/x\(below(1000))" : nil, url: optionalText(),
                                             abstract: optionalText(), keywords: (0..<below(4)).map { _ in words() }, notes: chance(0.3) ? [words()] : [],
                                             accessionNumber: optionalText(),
                                             screening: chance(0.3) ? RayyanScreening(decisions: [.init(reviewer: words(), decision: .included)], labels: [words()]) : nil,
                                             otherFields: chance(0.3) ? [RISField(tag: "M3", value: words())] : [])
            try! workspace.apply(.updateStudy(workspace.study(study.id)!.attaching(record)))
        }
        for study in studies where chance(0.8) {
            for reviewer in ["", "AB", "c d"].prefix(1 + below(3)) {
                let answers: [CASPAnswer?] = (0..<10).map { _ in chance(0.1) ? nil : CASPAnswer(rawValue: UInt8(below(3))) }
                try! workspace.apply(.setAppraisal(Appraisal(studyID: study.id, reviewer: reviewer, answers: answers)))
            }
        }
        var themes: [SubTheme] = []
        for index in 0..<(3 + below(10)) {
            let theme = SubTheme(id: index * 3 + 1, direction: Direction(rawValue: UInt8(1 + below(2)))!,
                                 component: COMBComponent(rawValue: UInt8(1 + below(6)))!, domain: TDFDomain(rawValue: UInt8(1 + below(14)))!,
                                 number: index + 1, label: words())
            themes.append(theme)
            try! workspace.apply(.addSubTheme(theme, at: nil))
        }
        var id = 0
        for _ in 0..<quoteCount {
            id += 1 + below(3)
            var quote = Quote(id: id, text: words())
            if chance(0.5) {
                let theme = themes[below(themes.count)]
                quote.subTheme = theme.id
                quote.direction = theme.direction; quote.component = theme.component; quote.domain = theme.domain
            } else if chance(0.6) {
                quote.direction = Direction(rawValue: UInt8(1 + below(2)))
                quote.component = chance(0.8) ? COMBComponent(rawValue: UInt8(1 + below(6))) : nil
                quote.domain = chance(0.8) ? TDFDomain(rawValue: UInt8(1 + below(14))) : nil
            }
            quote.studyID = chance(0.8) ? studies[below(studies.count)].id : nil
            quote.reference = chance(0.4) ? 1 + below(900) : nil
            quote.page = chance(0.5) ? words() : nil
            if chance(0.25) {
                for _ in 0..<(1 + below(3)) {
                    let tag = QuoteTags.normalized(words())
                    guard (try? QuoteTags.check(tag)) != nil, let tags = QuoteTags.adding(tag, to: quote.tags) else { continue }
                    quote.tags = tags
                }
            }
            try! workspace.apply(.addQuote(quote))
        }
        var settings: [String: String] = [:]
        for _ in 0..<below(4) { settings[text()] = text() }
        let notes = (0..<below(5)).map { _ in chance(0.3) ? "" : text(12) }
        let history = (0..<below(6)).map { _ in chance(0.2) ? "" : text(12) }
        return Snapshot(workspace: workspace, settings: settings, notes: notes, history: history)
    }
}

/// Checks two workspaces hold the same data, item by item.
func expectSameWorkspace(_ a: Workspace, _ b: Workspace, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.metadata == b.metadata, sourceLocation: sourceLocation)
    #expect(a.studies == b.studies, sourceLocation: sourceLocation)
    #expect(a.appraisals == b.appraisals, sourceLocation: sourceLocation)
    #expect(a.subThemes == b.subThemes, sourceLocation: sourceLocation)
    #expect(a.quotes.count == b.quotes.count, sourceLocation: sourceLocation)
    guard a.quotes.count == b.quotes.count else { return }
    for row in 0..<a.quotes.count where a.quote(atRow: row) != b.quote(atRow: row) {
        Issue.record("quote row \(row) differs: \(a.quote(atRow: row)) vs \(b.quote(atRow: row))", sourceLocation: sourceLocation)
        return
    }
}

/// A fresh temporary directory, removed by the caller with `cleanUp`.
func temporaryDirectory(_ name: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("reviewkit-\(name.filter { $0.isLetter || $0.isNumber })-\(UInt32.random(in: 0...UInt32.max))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func cleanUp(_ url: URL) { try? FileManager.default.removeItem(at: url) }
