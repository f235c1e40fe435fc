import ReviewKit

extension Settings {
    /// `reviewer` and `blind`: who is coding, and whether they see only their own work. Not saved in snapshots.
    static let reviewerSettings: [Setting] = [
        Setting(name: "reviewer", aliases: ["coder"], summary: "the current reviewer (initials): code and appraise record their work as theirs; none to clear",
                values: ["none"], show: { $0.reviewer ?? "none" }, snapshot: { $0.reviewer ?? "none" },
                machine: { $0.reviewer.map(ResultValue.text) ?? .absent("none") }, change: { settings, value throws(ReviewError) in
                    let name = value.trimmingSpaces
                    if name.lowercased() == "none" || name.isEmpty { settings.reviewer = nil; settings.blind = false; return }
                    try ReviewerName.check(name)
                    settings.reviewer = name
                }),
        Setting(name: "blind", aliases: [], summary: "blind mode: show only the current reviewer's codings and appraisals (on or off)",
                values: ["on", "off"], show: { $0.blind ? "on" : "off" }, snapshot: { $0.blind ? "on" : "off" }, machine: { .boolean($0.blind) }, change: { settings, value throws(ReviewError) in
                    switch value.lowercased() {
                    case "on", "yes", "true":
                        guard settings.reviewer != nil else { throw ReviewError("blind mode needs a reviewer first: set reviewer INITIALS") }
                        settings.blind = true
                    case "off", "no", "false": settings.blind = false
                    default: throw ReviewError("blind must be on or off; got '\(value)'")
                    }
                }),
    ]

    /// The reviewer whose view blind mode shows, when blind mode is on.
    public var blindReviewer: String? { blind ? reviewer : nil }
}
