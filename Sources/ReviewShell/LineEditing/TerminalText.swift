/// Terminal column arithmetic for the line editor: display widths, ANSI escapes, and where text wraps.
///
/// Self-contained (no wcwidth) so it is locale-independent and testable; it approximates
/// Unicode East Asian Width well enough for cursor bookkeeping and candidate columns.
enum TerminalText {
    /// Columns `text` occupies on a terminal, ignoring ANSI escape sequences.
    static func width(_ text: String) -> Int {
        stripEscapes(text).reduce(0) { $0 + width(of: $1) }
    }

    /// Columns one Character occupies: 0 for combining marks and controls, 2 for wide and emoji, else 1.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        // An emoji sequence (flag, skin tone, ZWJ, VS16) is drawn as one wide glyph.
        if first.properties.isEmojiPresentation
            || scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji {
            return 2
        }
        if isWide(first) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    /// `text` with ANSI CSI (`ESC [ ... final`) and OSC (`ESC ] ... BEL/ST`) sequences removed.
    static func stripEscapes(_ text: String) -> String {
        var result = ""
        for segment in segments(text) {
            if case let .visible(part) = segment { result += part }
        }
        return result
    }

    /// A piece of a prompt: printable text, or an escape sequence the terminal does not display.
    enum Segment: Equatable {
        case visible(String)
        case escape(String)
    }

    /// Splits `text` into visible runs and escape sequences.
    static func segments(_ text: String) -> [Segment] {
        var segments: [Segment] = []
        var visible = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func flushVisible() {
            if !visible.isEmpty { segments.append(.visible(visible)); visible = "" }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\u{1B}", index + 1 < scalars.count else {
                visible.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            var end = index + 1
            switch scalars[end] {
            case "[":  // CSI: parameters and intermediates, then a final byte in @...~
                end += 1
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
                end = min(end + 1, scalars.count)
            case "]":  // OSC: up to BEL or ESC \
                end += 1
                while end < scalars.count, scalars[end] != "\u{07}", scalars[end] != "\u{1B}" { end += 1 }
                if end < scalars.count, scalars[end] == "\u{1B}" { end += 1 }
                end = min(end + 1, scalars.count)
            default:  // a two-character escape
                end += 1
            }
            flushVisible()
            var escape = ""
            escape.unicodeScalars.append(contentsOf: scalars[index..<end])
            segments.append(.escape(escape))
            index = end
        }
        flushVisible()
        return segments
    }

    /// The (row, column) after drawing `text` starting at `column` 0 of row 0 on a terminal
    /// `columns` wide, the way libedit lays out its buffer: "\n" starts a new row, a tab advances
    /// to the next multiple of 8, control characters show as two-column `^X`, a wide character
    /// that does not fit wraps whole, and filling a row exactly moves to the next one.
    static func position(after text: String, startingAt column: Int = 0, columns: Int) -> (row: Int, column: Int) {
        let columns = max(1, columns)
        var row = column / columns
        var col = column % columns
        for character in text {
            if character == "\n" || character == "\r\n" {
                row += 1
                col = 0
                continue
            }
            let cells: Int
            if character == "\t" {
                cells = 8 - col % 8
            } else if let scalar = character.unicodeScalars.first,
                      scalar.value < 0x20 || scalar.value == 0x7F {
                cells = 2
            } else {
                cells = width(of: character)
            }
            if col + cells > columns {
                row += 1
                col = 0
            }
            col += cells
            if col >= columns {
                row += 1
                col = 0
            }
        }
        return (row, col)
    }

    /// Lays `items` out in columns (down, then across, like `ls`) within `width` columns, two spaces apart.
    static func columnLayout(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(Self.width)
        let cellWidth = (widths.max() ?? 0) + 2
        let perRow = max(1, (max(1, width) + 2) / cellWidth)
        let rows = (items.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            var column = row
            while column < items.count {
                let next = column + rows
                line += items[column]
                if next < items.count {
                    line += String(repeating: " ", count: cellWidth - widths[column])
                }
                column = next
            }
            lines.append(line)
        }
        return lines
    }

    /// Whether `scalar` is East Asian Wide or Fullwidth (the common ranges).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
