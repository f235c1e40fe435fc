/// How a terminal chart is drawn: how wide, with which characters, and whether in colour.
///
/// Charts are pure functions of the workspace and a style: the same input gives the same text, byte for byte.
/// Colour is only ever added on top of a glyph, so a chart reads the same under `NO_COLOR` or in monochrome.
public struct ChartStyle: Sendable, Equatable {
    /// The character repertoire a chart may use.
    public enum Glyphs: String, Sendable, CaseIterable {
        /// Block elements, box drawing and typographic signs (needs a UTF-8 locale and font).
        case unicode
        /// Printable ASCII only, for `LANG=C`, old consoles and plain-text email.
        case ascii
    }

    /// The narrowest layout a chart attempts; narrower requests are laid out at this width.
    public static let minimumWidth = 50
    /// The widest layout a chart uses; wider requests are laid out at this width.
    public static let maximumWidth = 400

    /// The terminal width in columns, clamped to `minimumWidth...maximumWidth`.
    public let width: Int
    /// Which characters to draw with.
    public var glyphs: Glyphs
    /// Whether to add ANSI colour (SGR) codes around glyphs.
    public var colour: Bool

    /// Creates a style; `width` is clamped to `minimumWidth...maximumWidth`.
    public init(width: Int = 80, glyphs: Glyphs = .unicode, colour: Bool = false) {
        self.width = min(max(width, Self.minimumWidth), Self.maximumWidth)
        self.glyphs = glyphs
        self.colour = colour
    }

    var set: ChartGlyphSet { glyphs == .unicode ? .unicode : .ascii }
}

/// The characters one glyph repertoire draws with.
struct ChartGlyphSet: Sendable {
    /// A full bar cell.
    let bar: Character
    /// Shades for heat-map cells, lightest (one) to darkest; zero is drawn with `empty`.
    let shades: [Character]
    /// A zero cell.
    let empty: Character
    /// Vertical rule.
    let vertical: Character
    /// Horizontal rule.
    let horizontal: Character
    /// Ends a cut label.
    let ellipsis: String
    /// Range dash ("2–3").
    let dash: String
    /// Multiplication sign in titles ("COM-B × TDF").
    let times: String

    static let unicode = ChartGlyphSet(bar: "█", shades: ["░", "▒", "▓", "█"], empty: "·", vertical: "│", horizontal: "─",
                                       ellipsis: "…", dash: "–", times: "×")
    static let ascii = ChartGlyphSet(bar: "#", shades: [".", ":", "*", "#"], empty: " ", vertical: "|", horizontal: "-",
                                     ellipsis: "...", dash: "-", times: "x")
}

/// ANSI SGR colours the charts use (the 16-colour set, so they work in every terminal that has colour).
enum TerminalColour: String, Sendable {
    case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", grey = "90", bold = "1"

    /// Wraps text in this colour when colour is on.
    func paint(_ text: String, _ on: Bool) -> String {
        on && !text.isEmpty ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
