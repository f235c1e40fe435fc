import ReviewKit

/// The session's settings, changed with `set` and saved in snapshots.
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

    /// Creates default settings.
    public init() {}

    /// The names `set` accepts, with a one-line description each.
    public static let descriptions: [(name: String, summary: String, values: [String])] = [
        ("format", "how results are printed", OutputFormat.allCases.map(\.rawValue)),
        ("width", "table width in columns, or auto (the terminal's)", ["auto", "80", "100", "120"]),
        ("bands", "CASP quality band cut-offs, e.g. \"high >8..10; moderate 6..7; low ..5\"", ["seed", "\"high >8..10; moderate 6..8; low ..5.5\""]),
        ("mapping", "TDF domain → COM-B mapping: seed (the review's) or standard (Behaviour Change Wheel)", DomainMapping.allCases.map(\.rawValue)),
        ("colour", "ANSI colour: auto (terminal, no NO_COLOR), on or off", ["auto", "on", "off"]),
        ("pager", "page long output on a terminal ($PAGER, else less): on or off", ["on", "off"]),
        ("glyphs", "chart characters: auto (unicode under a UTF-8 locale), unicode or ascii", ["auto", "unicode", "ascii"]),
    ]

    /// The current value of a setting as `set` shows it.
    public func value(of name: String) -> String? {
        switch name {
        case "format": format.rawValue
        case "width": width.map(String.init) ?? "auto"
        case "bands": bands == .seed ? "seed (\(bands.description))" : bands.description
        case "mapping": mapping.rawValue
        case "colour": colour.map { $0 ? "on" : "off" } ?? "auto"
        case "pager": pager ? "on" : "off"
        case "glyphs": glyphs?.rawValue ?? "auto"
        default: nil
        }
    }

    /// Changes a setting from text; the error says what values are valid.
    public mutating func set(_ name: String, to value: String) throws(ReviewError) {
        let key = value.lowercased()
        switch name {
        case "format":
            guard let format = OutputFormat(rawValue: key) else {
                throw ReviewError("unknown format '\(value)'; expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.format = format
        case "width":
            if key == "auto" { width = nil; return }
            guard let number = Int(key), (20...1000).contains(number) else { throw ReviewError("width must be auto or a number of columns from 20 to 1000; got '\(value)'") }
            width = number
        case "bands":
            bands = key == "seed" || key == "default" ? .seed : try QualityBands(parsing: value)
        case "mapping":
            guard let mapping = DomainMapping(rawValue: key) else {
                throw ReviewError("unknown mapping '\(value)'; expected seed or standard")
            }
            self.mapping = mapping
        case "colour", "color":
            switch key {
            case "auto": colour = nil
            case "on", "yes", "true": colour = true
            case "off", "no", "false": colour = false
            default: throw ReviewError("colour must be auto, on or off; got '\(value)'")
            }
        case "pager":
            switch key {
            case "on", "yes", "true", "auto": pager = true
            case "off", "no", "false": pager = false
            default: throw ReviewError("pager must be on or off; got '\(value)'")
            }
        case "glyphs":
            if key == "auto" { glyphs = nil; return }
            guard let glyphs = ChartStyle.Glyphs(rawValue: key) else { throw ReviewError("glyphs must be auto, unicode or ascii; got '\(value)'") }
            self.glyphs = glyphs
        default:
            let suggestions = EditDistance.nearest(to: name, in: Settings.descriptions.map(\.name))
            throw ReviewError("unknown setting '\(name)'", notes: (suggestions.isEmpty ? [] : ["did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"])
                + ["settings: " + Settings.descriptions.map(\.name).joined(separator: ", ")])
        }
    }

    /// The settings as snapshot key/values (only what differs from the defaults is needed, but all are written for clarity).
    public var snapshotValues: [String: String] {
        [
            "format": format.rawValue,
            "width": width.map(String.init) ?? "auto",
            "bands": bands.description,
            "mapping": mapping.rawValue,
            "colour": colour.map { $0 ? "on" : "off" } ?? "auto",
            "pager": pager ? "on" : "off",
            "glyphs": glyphs?.rawValue ?? "auto",
        ]
    }

    /// Settings restored from a snapshot; unknown keys are ignored, invalid values are errors.
    public init(snapshotValues values: [String: String]) throws(ReviewError) {
        self.init()
        for name in ["format", "width", "bands", "mapping", "colour", "pager", "glyphs"] {
            if let value = values[name] {
                do { try set(name, to: value) } catch {
                    throw ReviewError("setting '\(name)' in the snapshot: \(error.message)")
                }
            }
        }
    }
}
