/// Keeps data from driving the terminal: control characters in text bound for a terminal are shown visibly.
///
/// A quote, note or cell imported from someone else's CSV or snapshot may hold ESC sequences (OSC to
/// retitle the window, CSI to clear the screen or move the cursor). On a terminal they are printed as the
/// Unicode control pictures (ESC as ␛, BEL as ␇, CR as ␍, DEL as ␡) and C1 controls as `<U+009B>`; tab and
/// newline stay. Files and machine formats keep the text verbatim: only what goes to a terminal passes here.
public enum TerminalSafety {
    /// The SGR sequences `review` itself writes for colour (bold, red, green, reset), let through unchanged.
    static let ownSequences: [[Unicode.Scalar]] = ["\u{1B}[1m", "\u{1B}[0m", "\u{1B}[1;31m", "\u{1B}[1;32m"].map { Array($0.unicodeScalars) }

    /// `text` with control characters made visible when `onTerminal`; `keepingColour` lets `review`'s own colour through.
    public static func visible(_ text: String, onTerminal: Bool, keepingColour: Bool = false) -> String {
        guard onTerminal, needsWork(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var index = 0
        scan: while index < scalars.count {
            let scalar = scalars[index]
            if keepingColour && scalar == "\u{1B}" {
                for sequence in ownSequences where index + sequence.count <= scalars.count
                    && scalars[index..<(index + sequence.count)].elementsEqual(sequence) {
                    out.append(contentsOf: sequence)
                    index += sequence.count
                    continue scan
                }
            }
            out.append(contentsOf: picture(scalar).unicodeScalars)
            index += 1
        }
        return String(out)
    }

    /// How one scalar is shown: itself, or a visible stand-in for a control character.
    static func picture(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x09, 0x0A: return String(scalar)
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "<U+00" + String(scalar.value, radix: 16, uppercase: true) + ">"
        default: return String(scalar)
        }
    }

    /// Whether any control character other than tab and newline is present (one pass over the bytes).
    static func needsWork(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A { return true }
            if byte == 0x7F { return true }
            // C1 controls U+0080–U+009F are C2 80–C2 9F in UTF-8.
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            previous = byte
        }
        return false
    }
}
