/// Escaping for XML and HTML output (SVG figures, the HTML report).
///
/// Every piece of workspace text that reaches a figure or the report goes through `escape`, so a study
/// called `Smith & <Jones> "2020"` or a quote with emoji stays text and the file stays well-formed XML.
enum Markup {
    /// Text safe in XML character data and in a double- or single-quoted attribute.
    ///
    /// `& < > " '` become references; characters XML 1.0 forbids (C0 controls other than tab, line feed and
    /// carriage return, U+FFFE, U+FFFF) and C1 controls, which HTML reports as errors, become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A string usable as an XML id and CSS identifier: letters, digits, `-` and `_`, starting with a letter.
    static func identifier(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "-"
            }
        }
        if out.isEmpty || !(out.unicodeScalars.first!.properties.isAlphabetic) { out = "f" + out }
        return out
    }
}

/// Numbers as SVG writes them: at most two decimals, no exponent, no "-0", the same text on every platform.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 1e15 else { return "0" }
        var n = Int(hundredths)
        if n == 0 { return "0" }
        let negative = n < 0
        n = abs(n)
        var text = String(n / 100)
        let fraction = n % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return negative ? "-" + text : text
    }
}
