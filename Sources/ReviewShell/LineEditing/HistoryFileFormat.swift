/// The on-disk history format: libedit's own (`_HiStOrY_V2_` then one vis(3)-encoded entry per line).
///
/// Using libedit's format keeps files written by earlier builds (which used `H_SAVE`) readable and
/// lets libedit's `H_LOAD` read ours. Encoding is minimal so the file stays human-readable: a
/// backslash becomes `\\`, newline `\012`, carriage return `\015`, tab `\011`, other C0 controls
/// and DEL `\ooo`; everything else, including spaces and non-ASCII (kept as UTF-8), is written as is.
/// Decoding accepts everything libedit's `strvis` produces (octal, `\\`, `\s`, `\n`-style letters,
/// `\M-x`, `\^x`, `\xHH`) and treats anything malformed literally rather than failing.
enum HistoryFileFormat {
    /// The first line of every history file.
    static let header = "_HiStOrY_V2_"

    /// The whole file for `entries` (oldest first), ending with a newline.
    static func encode(_ entries: [String]) -> String {
        var text = header + "\n"
        for entry in entries {
            text += encodeEntry(entry)
            text += "\n"
        }
        return text
    }

    /// One entry as a single line with no newline in it.
    static func encodeEntry(_ entry: String) -> String {
        var line = ""
        line.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar.value {
            case 0x5C:
                line += "\\\\"
            case 0x00..<0x20, 0x7F:
                let octal = String(scalar.value, radix: 8)
                line += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default:
                line.unicodeScalars.append(scalar)
            }
        }
        return line
    }

    /// What a history file's bytes turned out to be.
    enum Contents: Equatable {
        /// A file in this format, with its entries (oldest first).
        case entries([String])
        /// Text without the header (a foreign file, or one whose header was cut off); the lines decode as entries.
        case headerless([String])
        /// Not text at all (NUL bytes or invalid UTF-8 throughout).
        case binary
    }

    /// Parses a history file's bytes, never failing.
    static func decode(_ bytes: [UInt8]) -> Contents {
        if bytes.isEmpty { return .entries([]) }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        func stripCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if let first = lines.first, Array(stripCR(first)) == Array(header.utf8) {
            let entries = lines.dropFirst().map { decodeEntry(Array(stripCR($0))) }.filter { !$0.isEmpty }
            return .entries(entries)
        }
        if bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil {
            return .binary
        }
        return .headerless(lines.map { decodeEntry(Array(stripCR($0))) }.filter { !$0.isEmpty })
    }

    /// Decodes one vis(3)-encoded line; invalid UTF-8 in the result becomes U+FFFD.
    static func decodeEntry(_ line: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var i = 0
        func isOctal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        func control(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "?") ? 0x7F : byte & 0x1F }
        while i < line.count {
            let byte = line[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < line.count else {
                out.append(byte)
                i += 1
                continue
            }
            let next = line[i + 1]
            switch next {
            case UInt8(ascii: "\\"):
                out.append(next); i += 2
            case _ where isOctal(next):
                var value = 0
                var j = i + 1
                while j < line.count, j < i + 4, isOctal(line[j]) {
                    value = value * 8 + Int(line[j] - UInt8(ascii: "0"))
                    j += 1
                }
                out.append(UInt8(truncatingIfNeeded: value)); i = j
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "a"): out.append(0x07); i += 2
            case UInt8(ascii: "v"): out.append(0x0B); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "s"): out.append(0x20); i += 2
            case UInt8(ascii: "E"), UInt8(ascii: "e"): out.append(0x1B); i += 2
            case UInt8(ascii: "$"): i += 2  // vis's "hidden" marker: stands for nothing
            case UInt8(ascii: "x") where i + 2 < line.count && hexValue(line[i + 2]) != nil:
                var value = hexValue(line[i + 2])!
                var j = i + 3
                if j < line.count, let low = hexValue(line[j]) { value = value * 16 + low; j += 1 }
                out.append(value); i = j
            case UInt8(ascii: "^") where i + 2 < line.count:
                out.append(control(line[i + 2])); i += 3
            case UInt8(ascii: "M") where i + 3 < line.count && line[i + 2] == UInt8(ascii: "-"):
                out.append(line[i + 3] | 0x80); i += 4
            case UInt8(ascii: "M") where i + 3 < line.count && line[i + 2] == UInt8(ascii: "^"):
                out.append(control(line[i + 3]) | 0x80); i += 4
            default:
                // Not an escape we know: keep the backslash and go on, losing nothing.
                out.append(byte); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
