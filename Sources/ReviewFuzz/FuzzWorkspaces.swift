import ReviewKit

/// Seed workspaces for the readers: the embedded review with awkward text added (tabs, newlines, backslashes,
/// quotes, commas, a leading '#' and '@', accents, combining marks, emoji), so every escape is exercised.
enum FuzzWorkspaces {
    static let awkwardTexts = ["tab\there", "line\nbreak", "back\\slash", "\"quoted\", with comma", "#not a comment", "@quotes",
                               "Janoušková’s “curly” — 🙂", "e\u{0301}", "semi;colon", "\r\nCRLF", "\\t literal", "漢字"]

    /// `base` plus a study and one quote per awkward text (ids after the last ones used).
    static func awkward(_ base: Workspace) -> Snapshot {
        var workspace = base
        let study = Study(id: "SX1", label: "Awkward, “text”\tstudy", reference: 901, year: 2024, country: "Česko", design: "a\\b",
                          dataCollection: nil, analysis: "😀 x", participants: 3)
        _ = try? workspace.apply(.addStudy(study, at: nil))
        var id = 9000
        for text in awkwardTexts {
            id += 1
            _ = try? workspace.apply(.addQuote(Quote(id: id, text: text, direction: .barrier, studyID: "SX1", page: "p. \(id)")))
        }
        return Snapshot(workspace: workspace, settings: ["format": "table"], notes: ["a note\twith tab", ""], history: ["studies", "quotes count"])
    }
}
