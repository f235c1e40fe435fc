/// A small XML writer: elements, attributes in the order given, and escaping, with two-space indentation
/// except inside elements that hold text.
///
/// Hand-written rather than XMLCoder's encoder because REFI-QDA needs a fixed element order, attributes versus
/// elements chosen per field, recursive codes and exact control over whitespace in text, which an encoder
/// configured through coding keys makes harder to see than forty lines of writer.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    /// Opens an element; attributes with nil values are left out.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<" + name + Self.attributes(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard let name = open.popLast() else { return }
        indent()
        text += "</" + name + ">\n"
    }

    /// An element with no children.
    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<" + name + Self.attributes(attributes) + "/>\n"
    }

    /// An element holding text, written on one line so no whitespace is added to the text.
    mutating func leaf(_ name: String, _ value: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<" + name + Self.attributes(attributes) + ">" + Self.escape(value, attribute: false) + "</" + name + ">\n"
    }

    private mutating func indent() { text += String(repeating: "  ", count: open.count) }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        var out = ""
        for (name, value) in pairs {
            guard let value else { continue }
            out += " " + name + "=\"" + escape(value, attribute: true) + "\""
        }
        return out
    }

    /// Escapes text for XML 1.0. Carriage returns (and, in attributes, tabs and line feeds) are written as
    /// character references so that a parser's line-end normalisation gives back the same text; characters
    /// XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
    static func escape(_ value: String, attribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case "\t", "\n": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }
}
