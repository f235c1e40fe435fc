/// Publication figures as self-contained SVG: valid XML, no external fonts, scripts or images, text as
/// text with an accessible `<title>` and `<desc>`, sized in points for a journal page (at most 493 pt,
/// 174 mm, wide). Deterministic: the same workspace and options give the same bytes.
///
/// PNG is not produced: there is no dependency-free rasteriser. Convert with `rsvg-convert -d 300 -p 300
/// fig.svg -o fig.png` (librsvg2-bin) or `chromium --headless --screenshot` (docs/figures/README.md).
public enum SVGFigure {
    /// The width of every figure in points: the full text width of a journal page (174 mm).
    public static let pageWidth = 493.0
}

/// Options shared by all SVG figures.
public struct FigureOptions: Sendable, Equatable {
    /// Colours for CASP answers (robvis's default or its colour-blind set).
    public var palette: AppraisalPalette
    /// Prefix for the ids inside the SVG (title, description, markers), unique per figure on one page.
    public var idPrefix: String
    /// Whether to start with an XML declaration (false when the SVG is inlined in HTML).
    public var standalone: Bool

    /// Creates options.
    public init(palette: AppraisalPalette = .cochrane, idPrefix: String = "figure", standalone: Bool = true) {
        self.palette = palette
        self.idPrefix = idPrefix
        self.standalone = standalone
    }
}
