/// JSON string literals (RFC 8259): the one escaper, used by the JSON export and by the shell's JSON output
/// and diagnostics. `"` and `\` are escaped, as are control characters (`\n`, `\r`, `\t`, others `\u00XX`);
/// everything else, emoji and accents included, is written as UTF-8.
public enum JSONString {
    /// Appends a string literal of UTF-8 bytes (valid UTF-8 is the caller's promise), escaping in runs.
    public static func append(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(34)
        var start = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 34 || byte == 92 else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            switch byte {
            case 34: bytes += [92, 34]
            case 92: bytes += [92, 92]
            case 10: bytes += [92, UInt8(ascii: "n")]
            case 13: bytes += [92, UInt8(ascii: "r")]
            case 9: bytes += [92, UInt8(ascii: "t")]
            default:
                let digit = { (value: UInt8) -> UInt8 in value < 10 ? 48 + value : 87 + value }
                bytes += [92, UInt8(ascii: "u"), 48, 48, digit(byte >> 4), digit(byte & 15)]
            }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(34)
    }

    /// A string literal for `text`.
    public static func quoted(_ text: String) -> String {
        var text = text
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        text.withUTF8 { append($0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
