import Foundation

/// The character encoding a text file was read in; files such as RIS and REFI-QDA sources declare none.
public enum TextEncoding: String, Sendable, Equatable, Codable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8 with byte-order mark"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case latin1 = "latin-1 (iso-8859-1)"
    case windows1252 = "windows-1252"

    /// The name to show a reviewer ("latin-1 (iso-8859-1)").
    public var name: String { rawValue }

    /// Whether the file was not UTF-8, so that a reviewer should be told how it was read.
    public var isWorthMentioning: Bool { self != .utf8 && self != .utf8WithBOM }
}

/// Text decoded from bytes whose encoding was detected, not declared.
public struct DecodedText: Sendable, Equatable {
    /// The text, without any byte-order mark.
    public var text: String
    /// The encoding it was read in.
    public var encoding: TextEncoding
    /// How many invalid sequences were replaced by U+FFFD (only possible for UTF-16 with unpaired surrogates).
    public var replacements: Int
}

/// Detects and decodes the encodings reference managers and QDA tools write: UTF-8 with or without a
/// byte-order mark, UTF-16 with a byte-order mark, and otherwise Latin-1 (Windows-1252 when bytes 0x80–0x9F,
/// which are control codes in Latin-1 but curly quotes and dashes in Windows-1252, occur).
public enum TextDecoding {
    /// Decodes bytes; never fails (every byte sequence is valid Latin-1).
    public static func decode(_ bytes: [UInt8]) -> DecodedText {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if body.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) == nil {
                return DecodedText(text: String(decoding: body, as: UTF8.self), encoding: .utf8WithBOM, replacements: 0)
            }
            return singleByte(body)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        if bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) == nil {
            return DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: .utf8, replacements: 0)
        }
        return singleByte(bytes)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var replacements = bytes.count % 2  // a dangling odd byte
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: scalars.append("\u{FFFD}"); replacements += 1
            }
        }
        if bytes.count % 2 == 1 { scalars.append("\u{FFFD}") }
        return DecodedText(text: String(scalars), encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian, replacements: replacements)
    }

    private static func singleByte(_ bytes: [UInt8]) -> DecodedText {
        let windows = bytes.contains { $0 >= 0x80 && $0 <= 0x9F }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = windows && byte >= 0x80 && byte <= 0x9F ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return DecodedText(text: String(scalars), encoding: windows ? .windows1252 : .latin1, replacements: 0)
    }

    /// Windows-1252 0x80–0x9F (WHATWG Encoding Standard index; the five unassigned bytes map to the C1 controls).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
