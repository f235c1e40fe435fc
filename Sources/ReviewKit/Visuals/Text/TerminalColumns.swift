/// How many terminal columns text takes, for laying out charts in ReviewKit.
///
/// ReviewKit cannot import ReviewShell's `DisplayWidth`, so the charts carry this small measure of their own:
/// combining marks and format characters take no column; East Asian wide and fullwidth characters and
/// emoji shown as emoji (emoji presentation, or a variation selector 16 / zero-width joiner sequence) take
/// two; everything else one. Measured per grapheme cluster, so "é" written as e + U+0301 is one column.
enum TerminalColumns {
    /// The columns a string takes.
    static func width(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + width($1) }
    }

    /// The columns one grapheme cluster takes (0, 1 or 2).
    static func width(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 && scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) { return 2 }
        return width(first)
    }

    /// The columns a lone scalar takes.
    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// Pads text with spaces to `columns`, on the right (default) or on the left.
    static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let missing = max(0, columns - width(text))
        let spaces = String(repeating: " ", count: missing)
        return alignRight ? spaces + text : text + spaces
    }

    /// Cuts text to at most `columns`, ending it with `ellipsis` when anything was cut.
    static func truncate(_ text: String, to columns: Int, ellipsis: String) -> String {
        guard width(text) > columns else { return text }
        let room = columns - width(ellipsis)
        guard room > 0 else { return String(repeating: ".", count: max(0, columns)) }
        var kept = ""
        var used = 0
        for character in text {
            let w = width(character)
            if used + w > room { break }
            kept.append(character)
            used += w
        }
        while kept.last == " " { kept.removeLast() }
        return kept + ellipsis
    }
}

extension TerminalColumns {
    /// Wraps text at spaces into lines of at most `columns`, indenting every line after the first by
    /// `hangingIndent` spaces; a word longer than a line is cut.
    static func wrap(_ text: String, columns: Int, hangingIndent: Int = 0) -> [String] {
        let columns = max(columns, hangingIndent + 8)
        let indent = String(repeating: " ", count: hangingIndent)
        var pieces: [String] = []
        for word in text.split(separator: " ") {
            var rest = Substring(word)
            let limit = columns - hangingIndent
            while width(String(rest)) > limit {
                var head = ""
                var used = 0
                while let c = rest.first, used + width(c) <= limit { head.append(c); used += width(c); rest = rest.dropFirst() }
                if head.isEmpty { head = String(rest.removeFirst()) }
                pieces.append(head)
            }
            if !rest.isEmpty { pieces.append(String(rest)) }
        }
        var lines: [String] = []
        var line = ""
        var used = 0
        for piece in pieces {
            let w = width(piece)
            let limit = columns - (lines.isEmpty ? 0 : hangingIndent)
            if used == 0 {
                line = piece; used = w
            } else if used + 1 + w <= limit {
                line += " " + piece; used += 1 + w
            } else {
                lines.append((lines.isEmpty ? "" : indent) + line)
                line = piece; used = w
            }
        }
        if used > 0 || lines.isEmpty { lines.append((lines.isEmpty ? "" : indent) + line) }
        return lines
    }
}
