import ReviewKit

/// The session's settings, changed with `set`. Each is declared once in `Settings.catalogue`; `set`, its
/// completion, the settings table and snapshots all read the declaration. Snapshots keep only
/// `keptInSnapshots` (what the saved analysis says and how it reads); the others belong to the run.
public struct Settings: Sendable, Equatable {
    /// How results are printed.
    public var format: OutputFormat = .table
    /// The table width; nil follows the terminal (or 100 when not a terminal).
    public var width: Int?
    /// CASP quality band cut-offs.
    public var bands: QualityBands = .seed
    /// Which domain → COM-B mapping is in use.
    public var mapping: DomainMapping = .seed
    /// Colour: nil = automatic (terminal and no NO_COLOR), or forced on/off.
    public var colour: Bool?
    /// Whether long output goes through a pager on a terminal.
    public var pager = true
    /// Chart characters: nil = automatic (unicode under a UTF-8 locale, else ascii), or forced.
    public var glyphs: ChartStyle.Glyphs?
    /// Whether changes are recorded in the crash-recovery journal (`set journal off` edits without one).
    public var journal = true
    /// The current reviewer (initials or name): `code` and `appraise` record their work as theirs; nil: none.
    public var reviewer: String?
    /// Blind mode: listings, `quote`, `study` and figures show only the current reviewer's codings and appraisals.
    public var blind = false
    /// When tables print one block per row (`set expanded`, psql's `\x`).
    public var expanded: ExpandedDisplay = .auto

    /// Creates default settings.
    public init() {}

    /// The setting a name (or alias) names, case-insensitively.
    public static func setting(named name: String) -> Setting? {
        let key = name.lowercased()
        return catalogue.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The current value of a setting as `set` shows it, or nil for an unknown name.
    public func value(of name: String) -> String? { Self.setting(named: name)?.show(self) }

    /// Changes a setting from text; the error says what values are valid (an unknown name is `.unknownSetting`).
    public mutating func set(_ name: String, to value: String) throws(ReviewError) {
        guard let setting = Self.setting(named: name) else {
            let names = Self.catalogue.map(\.name)
            let suggestions = EditDistance.nearest(to: name, in: names)
            throw ReviewError(.unknownSetting, "unknown setting '\(name)'",
                              notes: (suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"])
                                  + ["settings: " + names.joined(separator: ", ")])
        }
        try setting.change(&self, value)
    }

    /// The settings a snapshot keeps, and so the ones whose change is a change to save (and to journal): they
    /// change what the figures say or how the saved analysis reads. The others (width, colour, pager, glyphs,
    /// journal) belong to this terminal and this run: changing them leaves nothing unsaved, and `load` keeps them.
    public static let keptInSnapshots: Set<String> = ["format", "bands", "mapping"]

    /// Takes this run's own preferences (every setting a snapshot does not keep) from `current`.
    public mutating func keepRunPreferences(of current: Settings) {
        width = current.width
        colour = current.colour
        pager = current.pager
        glyphs = current.glyphs
        journal = current.journal
        reviewer = current.reviewer
        blind = current.blind
        expanded = current.expanded
    }

    /// The settings a snapshot keeps (`keptInSnapshots`), as key/values.
    public var snapshotValues: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.catalogue.filter { Self.keptInSnapshots.contains($0.name) }.map { ($0.name, $0.snapshot(self)) })
    }

    /// Settings restored from a snapshot read from a file: an invalid value is an error at its file and line.
    public init(snapshot: Snapshot) throws(FileError) {
        self.init()
        for setting in Self.catalogue where Self.keptInSnapshots.contains(setting.name) {
            guard let value = snapshot.settings[setting.name] else { continue }
            do { try setting.change(&self, value) } catch { throw snapshot.settingError(setting.name, error.message) }
        }
    }

    /// Settings restored from a snapshot; unknown keys are ignored, invalid values are errors. Snapshots
    /// written before only `keptInSnapshots` were saved also hold width, colour and pager: they are not used.
    public init(snapshotValues values: [String: String]) throws(ReviewError) {
        self.init()
        for setting in Self.catalogue where Self.keptInSnapshots.contains(setting.name) {
            guard let value = values[setting.name] else { continue }
            do { try setting.change(&self, value) } catch {
                throw ReviewError(error.kind, "setting '\(setting.name)' in the snapshot: \(error.message)")
            }
        }
    }
}

/// One setting: its name, what it means, the values completion offers, and how it reads, changes and is saved.
public struct Setting: Sendable {
    /// The name `set` takes.
    public let name: String
    /// Other names accepted.
    public let aliases: [String]
    /// A one-line meaning for the settings table.
    public let summary: String
    /// The values completion offers.
    public let values: [String]
    /// The value as `set` shows it.
    let show: @Sendable (Settings) -> String
    /// The value as a snapshot stores it.
    let snapshot: @Sendable (Settings) -> String
    /// The value in machine output, typed (`Setting+Machine.swift`); nil: the snapshot's text.
    var machine: (@Sendable (Settings) -> ResultValue)? = nil
    /// Changes the setting from typed text.
    let change: @Sendable (inout Settings, String) throws(ReviewError) -> Void
    /// Whether snapshots keep it (`Settings.keptInSnapshots`): who is at the keyboard, blind mode, width and the
    /// like belong to the run, not the file.
    var isSaved: Bool { Settings.keptInSnapshots.contains(name) }
}

extension Settings {
    /// Every setting, in the order `set` lists them.
    public static let catalogue: [Setting] = [
        Setting(name: "format", aliases: [], summary: "how results are printed", values: OutputFormat.allCases.map(\.rawValue),
                show: { $0.format.rawValue }, snapshot: { $0.format.rawValue }, machine: { .text($0.format.rawValue) }) { settings, value throws(ReviewError) in
            guard let format = OutputFormat(rawValue: value.lowercased()) else {
                throw ReviewError("unknown format '\(value)'; expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.format = format
        },
        Setting(name: "width", aliases: [], summary: "table width in columns, or auto (the terminal's)", values: ["auto", "80", "100", "120"],
                show: { $0.width.map(String.init) ?? "auto" }, snapshot: { $0.width.map(String.init) ?? "auto" },
                machine: { $0.width.map(ResultValue.integer) ?? .absent("auto") }) { settings, value throws(ReviewError) in
            let key = value.lowercased()
            if key == "auto" { settings.width = nil; return }
            guard let number = Int(key), (20...1000).contains(number) else {
                throw ReviewError("width must be auto or a number of columns from 20 to 1000; got '\(value)'")
            }
            settings.width = number
        },
        Setting(name: "bands", aliases: [], summary: "CASP quality band cut-offs, e.g. \"high >8..10; moderate 6..7; low ..5\"",
                values: ["seed", "\"high >8..10; moderate 6..8; low ..5.5\""],
                show: { $0.bands == .seed ? "seed (\($0.bands.description))" : $0.bands.description }, snapshot: { $0.bands.description },
                machine: { .text($0.bands.description) }) { settings, value throws(ReviewError) in
            let key = value.lowercased()
            settings.bands = key == "seed" || key == "default" ? .seed : try QualityBands(parsing: value)
        },
        Setting(name: "mapping", aliases: [], summary: "TDF domain → COM-B mapping: seed (the review's) or standard (Behaviour Change Wheel)",
                values: DomainMapping.allCases.map(\.rawValue), show: { $0.mapping.rawValue }, snapshot: { $0.mapping.rawValue }, machine: { .text($0.mapping.rawValue) }) { settings, value throws(ReviewError) in
            guard let mapping = DomainMapping(rawValue: value.lowercased()) else { throw ReviewError("unknown mapping '\(value)'; expected seed or standard") }
            settings.mapping = mapping
        },
        Setting(name: "colour", aliases: ["color"], summary: "ANSI colour: auto (terminal, no NO_COLOR), on or off", values: ["auto", "on", "off"],
                show: { $0.colour.map { $0 ? "on" : "off" } ?? "auto" }, snapshot: { $0.colour.map { $0 ? "on" : "off" } ?? "auto" },
                machine: { $0.colour.map(ResultValue.boolean) ?? .absent("auto") }) { settings, value throws(ReviewError) in
            switch value.lowercased() {
            case "auto": settings.colour = nil
            case "on", "yes", "true": settings.colour = true
            case "off", "no", "false": settings.colour = false
            default: throw ReviewError("colour must be auto, on or off; got '\(value)'")
            }
        },
        Setting(name: "pager", aliases: [], summary: "page long output on a terminal ($PAGER, else less): on or off", values: ["on", "off"],
                show: { $0.pager ? "on" : "off" }, snapshot: { $0.pager ? "on" : "off" }, machine: { .boolean($0.pager) }) { settings, value throws(ReviewError) in
            switch value.lowercased() {
            case "on", "yes", "true", "auto": settings.pager = true
            case "off", "no", "false": settings.pager = false
            default: throw ReviewError("pager must be on or off; got '\(value)'")
            }
        },
        Setting(name: "glyphs", aliases: [], summary: "chart characters: auto (unicode under a UTF-8 locale), unicode or ascii", values: ["auto", "unicode", "ascii"],
                show: { $0.glyphs?.rawValue ?? "auto" }, snapshot: { $0.glyphs?.rawValue ?? "auto" },
                machine: { $0.glyphs.map { .text($0.rawValue) } ?? .absent("auto") }) { settings, value throws(ReviewError) in
            let key = value.lowercased()
            if key == "auto" { settings.glyphs = nil; return }
            guard let glyphs = ChartStyle.Glyphs(rawValue: key) else { throw ReviewError("glyphs must be auto, unicode or ascii; got '\(value)'") }
            settings.glyphs = glyphs
        },
        Setting(name: "journal", aliases: [], summary: "record changes in the crash-recovery journal: on, or off to edit when it cannot be written",
                values: ["on", "off"], show: { $0.journal ? "on" : "off" }, snapshot: { $0.journal ? "on" : "off" }, machine: { .boolean($0.journal) }) { settings, value throws(ReviewError) in
            switch value.lowercased() {
            case "on", "yes", "true": settings.journal = true
            case "off", "no", "false": settings.journal = false
            default: throw ReviewError("journal must be on or off; got '\(value)'")
            }
        },
    ] + Settings.reviewerSettings
        + Settings.displaySettings
}
