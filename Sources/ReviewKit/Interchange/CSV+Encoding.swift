import Foundation

extension CSV {
    /// The error message for the first byte that is not UTF-8, naming Windows-1252 (Latin-1) when the file looks like it.
    ///
    /// Excel's plain "CSV (Comma delimited)" on Windows, and many older tools, write Windows-1252: `é` is the
    /// single byte 0xE9, which is never valid UTF-8 before plain text. The file looks like Windows-1252 when no
    /// byte before `offset` is part of a UTF-8 character (all ASCII so far) and every byte of the line decodes in
    /// Windows-1252; the message then shows the character the byte stands for there, so the reviewer sees their
    /// `é` and knows which "Save as" to choose.
    static func invalidUTF8Message(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let byte = bytes[offset]
        let hex = "0x" + String(byte, radix: 16)
        let advice = "save the file as UTF-8 (\"CSV UTF-8\" in Excel)"
        if let character = windows1252Character(bytes, at: offset) {
            return "invalid UTF-8 byte \(hex): the file looks like Windows-1252 (Latin-1) text, where this byte is '\(character)'; \(advice)"
        }
        return "invalid UTF-8 byte \(hex); \(advice)"
    }

    /// The character byte `offset` stands for in Windows-1252, when the text up to it is ASCII and the rest of its
    /// line is valid Windows-1252; nil otherwise.
    static func windows1252Character(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Character? {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return nil }  // says it is UTF-8
        while start < offset {
            if bytes[start] >= 0x80 { return nil }
            start += 1
        }
        // The bytes Windows-1252 leaves undefined.
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        var end = offset
        while end < bytes.count && end - offset < 4096 && bytes[end] != 10 && bytes[end] != 13 {
            if undefined.contains(bytes[end]) { return nil }
            end += 1
        }
        guard let decoded = String(bytes: [bytes[offset]], encoding: .windowsCP1252), decoded.count == 1 else { return nil }
        return decoded.first
    }
}
