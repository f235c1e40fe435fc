import Foundation

/// Collects SVG elements and writes them as one self-contained document.
///
/// Coordinates are points (1/72 inch): the root element's width and height are given in `pt` with a
/// matching viewBox, so a figure prints at its intended size. All text is escaped; all numbers go through
/// `SVGNumber`, so the same figure is the same bytes on every platform.
struct SVGCanvas {
    /// How text lines up with its x coordinate.
    enum Anchor: String { case start, middle, end }

    /// The figure's width in points.
    let width: Double
    /// The figure's height in points (grows as content is added; set before writing).
    var height: Double
    /// Prefix for ids in the document, so several figures can share one HTML page.
    let idPrefix: String
    private(set) var body: [String] = []

    /// The font stack: metric-compatible sans-serif faces first, all system fonts (nothing is downloaded).
    static let fontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

    init(width: Double, height: Double = 0, idPrefix: String) {
        self.width = width
        self.height = height
        self.idPrefix = Markup.identifier(idPrefix)
    }

    private func n(_ value: Double) -> String { SVGNumber.text(value) }

    mutating func raw(_ element: String) { body.append(element) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       strokeWidth: Double = 0.5, radius: Double = 0, dashed: Bool = false, tooltip: String? = nil) {
        var element = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if radius > 0 { element += " rx=\"\(n(radius))\"" }
        if dashed { element += " stroke-dasharray=\"3 2\"" }
        if let tooltip { element += "><title>\(Markup.escape(tooltip))</title></rect>" } else { element += "/>" }
        body.append(element)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        var element = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"0.5\"" }
        if let tooltip { element += "><title>\(Markup.escape(tooltip))</title></circle>" } else { element += "/>" }
        body.append(element)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", width: Double = 0.75, arrow: Bool = false) {
        var element = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if arrow { element += " marker-end=\"url(#\(idPrefix)-arrow)\"" }
        body.append(element + "/>")
    }

    /// A polyline path through points (for elbow arrows).
    mutating func path(_ points: [(Double, Double)], stroke: String = "#000000", width: Double = 0.75, arrow: Bool = false) {
        guard let first = points.first else { return }
        var d = "M\(n(first.0)) \(n(first.1))"
        for point in points.dropFirst() { d += " L\(n(point.0)) \(n(point.1))" }
        var element = "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if arrow { element += " marker-end=\"url(#\(idPrefix)-arrow)\"" }
        body.append(element + "/>")
    }

    mutating func text(_ text: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, bold: Bool = false,
                       italic: Bool = false, fill: String = "#000000", rotate: Double? = nil) {
        var element = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { element += " font-weight=\"bold\"" }
        if italic { element += " font-style=\"italic\"" }
        if fill != "#000000" { element += " fill=\"\(fill)\"" }
        if let rotate { element += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body.append(element + ">\(Markup.escape(text))</text>")
    }

    /// Several lines of text starting at baseline `y`, `leading` apart; returns the baseline after the last.
    @discardableResult
    mutating func lines(_ lines: [String], x: Double, y: Double, size: Double, leading: Double, anchor: Anchor = .start,
                        bold: Bool = false, italic: Bool = false, fill: String = "#000000") -> Double {
        var baseline = y
        for line in lines {
            text(line, x: x, y: baseline, size: size, anchor: anchor, bold: bold, italic: italic, fill: fill)
            baseline += leading
        }
        return baseline
    }

    mutating func openGroup(label: String? = nil, id: String? = nil) {
        var element = "<g"
        if let id { element += " id=\"\(idPrefix)-\(Markup.identifier(id))\"" }
        body.append(element + ">")
        if let label { body.append("<title>\(Markup.escape(label))</title>") }
    }

    mutating func closeGroup() { body.append("</g>") }

    /// The document: an XML declaration when `standalone`, then the `svg` element with its accessible
    /// title and description, an arrowhead marker, a white background and the body.
    func document(title: String, description: String, standalone: Bool = true) -> String {
        let w = n(width), h = n(height)
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)pt\" height=\"\(h)pt\" viewBox=\"0 0 \(w) \(h)\""
        out += " role=\"img\" aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\" font-family=\"\(Self.fontFamily)\">\n"
        out += "<title id=\"\(idPrefix)-title\">\(Markup.escape(title))</title>\n"
        out += "<desc id=\"\(idPrefix)-desc\">\(Markup.escape(description))</desc>\n"
        out += "<defs><marker id=\"\(idPrefix)-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
        out += "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#000000\"/></marker></defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        for element in body { out += element + "\n" }
        out += "</svg>\n"
        return out
    }
}

/// Colour helpers for figures.
enum FigureColour {
    /// Black or white, whichever reads better on a `#RRGGBB` fill (WCAG relative luminance).
    static func text(on fill: String) -> String {
        luminance(fill) < 0.28 ? "#ffffff" : "#000000"
    }

    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return 1 }
        func channel(_ i: Int) -> Double {
            let value = Double(Int(String(digits[i..<i + 2]), radix: 16) ?? 255) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    /// ColorBrewer "Blues" (9 classes; Brewer, Penn State), sequential and colour-blind safe.
    static let blues = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]

    /// The heat-map fill of a count: white for zero, then Blues classes 1–8 by the share of the largest count.
    static func heat(_ count: Int, maximum: Int) -> String {
        guard count > 0, maximum > 0 else { return "#ffffff" }
        let step = Int((Double(count) / Double(maximum) * 7).rounded())
        return blues[1 + min(7, max(0, step))]
    }

    /// Barrier and facilitator marks (ColorBrewer Dark2 orange and teal, distinguishable with colour-blindness).
    static let barrier = "#d95f02"
    static let facilitator = "#1b9e77"
}
