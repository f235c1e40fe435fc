import ReviewKit

extension Settings {
    /// How tables are laid out on the screen: `expanded` (psql's `\x auto|on|off`).
    static let displaySettings: [Setting] = [
        Setting(name: "expanded", aliases: ["x"], summary: "one block per table row: auto (when a table cannot fit the width), on or off",
                values: ExpandedDisplay.allCases.map(\.rawValue), show: { $0.expanded.rawValue }, snapshot: { $0.expanded.rawValue },
                machine: { .text($0.expanded.rawValue) },
                change: { settings, value throws(ReviewError) in
                    switch value.lowercased() {
                    case "auto": settings.expanded = .auto
                    case "on", "yes", "true": settings.expanded = .on
                    case "off", "no", "false": settings.expanded = .off
                    default: throw ReviewError("expanded must be auto, on or off; got '\(value)'")
                    }
                }),
    ]
}
