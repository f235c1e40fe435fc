import Foundation

/// An estimate of how wide text is when set in the figures' font, for wrapping and sizing boxes.
///
/// SVG text is laid out by the viewer, so the writer can only estimate. The estimate uses the advance
/// widths of Helvetica (Adobe's published AFM metrics, in 1/1000 em; Arial and Liberation Sans share them)
/// for ASCII, the base letter's width for accented Latin letters, 1 em for wide East Asian characters and
/// emoji, and 0.556 em otherwise. A viewer without those fonts falls back to a wider face (DejaVu Sans,
/// Verdana: up to about 15 % wider), so every width is multiplied by `fallbackAllowance` and layouts built
/// on it still fit.
enum TextMetrics {
    /// Room left for a fallback sans-serif wider than Helvetica.
    static let fallbackAllowance = 1.16

    /// Helvetica advance widths for U+0020…U+007E.
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p … ~
    ]

    /// The width of text at `size` points (bold about 8 % wider).
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var units = 0
        for character in text { units += advance(character) }
        return Double(units) * size / 1000 * (bold ? 1.08 : 1) * fallbackAllowance
    }

    /// The advance of one character in 1/1000 em.
    static func advance(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let v = first.value
        if v >= 0x20 && v <= 0x7E { return ascii[Int(v) - 0x20] }
        switch v {
        case 0x2018, 0x2019, 0x201A: return 222
        case 0x201C, 0x201D, 0x201E: return 333
        case 0x2013, 0x2212: return 556
        case 0x2014, 0x2026: return 1000
        case 0x00D7: return 584
        case 0x00A0: return 278
        default: break
        }
        if TerminalColumns.width(character) == 2 { return 1000 }
        if first.properties.isAlphabetic, v < 0x250,
           let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first, base.value < 0x7F, base.value >= 0x20 {
            return ascii[Int(base.value) - 0x20]
        }
        return 556
    }

    /// Breaks text into lines no wider than `width` points (a word wider than a line is cut).
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            while self.width(word, size: size, bold: bold) > width {
                var head = ""
                for character in word {
                    if self.width(head + String(character), size: size, bold: bold) > width && !head.isEmpty { break }
                    head.append(character)
                }
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(head)
                word = String(word.dropFirst(head.count))
            }
            if word.isEmpty { continue }
            let candidate = line.isEmpty ? word : line + " " + word
            if self.width(candidate, size: size, bold: bold) <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Text cut with "…" to fit `width` points.
    static func truncate(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
        guard self.width(text, size: size, bold: bold) > width else { return text }
        var kept = ""
        for character in text {
            if self.width(kept + String(character) + "…", size: size, bold: bold) > width { break }
            kept.append(character)
        }
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}
