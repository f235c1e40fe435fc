/// How many terminal columns text takes: combining marks take none, wide (CJK) and emoji take two.
public enum DisplayWidth {
    /// The display width of a string.
    public static func of(_ text: String) -> Int {
        // Most cells are plain (printable ASCII, Latin letters): one column per scalar, no grapheme breaking needed.
        if let plain = text.utf8.withContiguousStorageIfAvailable(plainWidth), let width = plain { return width }
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    /// The display width of one grapheme cluster.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) { return 2 }
        return width(of: first)
    }

    /// The display width of a scalar (0, 1 or 2).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Pads text with spaces to a display width.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let missing = max(0, width - of(text))
        return right ? String(repeating: " ", count: missing) + text : text + String(repeating: " ", count: missing)
    }

    /// Wraps text at word boundaries to lines of at most `width` columns (long words are split).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        // Most cells fit their column: no line strings to build.
        if fitsUnwrapped(text, width: width) || fitsUnwrappedBeyondASCII(text, width: width) { return [text] }
        var lines: [String] = []
        // Any line end breaks the line: CR LF is one Character in Swift and would not match "\n" (quotes cut from
        // Windows sources hold it).
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = ""
            var lineWidth = 0
            for piece in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                // The word stays a Substring and its width is kept by subtraction as pieces are cut off, so
                // a 400 KB word is cut in linear time (measuring and copying the rest per line was quadratic).
                var word = piece
                var wordWidth = of(String(word))
                if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                    lines.append(line); line = ""; lineWidth = 0
                }
                while wordWidth > width {
                    // A word wider than the column: cut it.
                    var head = ""
                    var headWidth = 0
                    while let c = word.first, headWidth + of(c) <= width - (lineWidth > 0 ? lineWidth + 1 : 0) || headWidth == 0 {
                        let cWidth = of(c)
                        head.append(c); headWidth += cWidth; word = word.dropFirst()
                        if headWidth >= width { break }
                    }
                    if lineWidth > 0 { line += " " + head } else { line = head }
                    lines.append(line); line = ""; lineWidth = 0
                    wordWidth -= headWidth
                }
                if word.isEmpty { continue }
                if lineWidth > 0 { line += " "; lineWidth += 1 }
                line += String(word)
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
