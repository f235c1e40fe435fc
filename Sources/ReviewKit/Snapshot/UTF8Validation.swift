/// Finds the first byte that is not part of valid UTF-8, eight ASCII bytes at a time.
public enum UTF8Validation {
    /// The offset of the first invalid byte, or nil when the whole buffer is valid UTF-8.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // Skip ASCII quickly.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < count else { return nil }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            if lead & 0xE0 == 0xC0 { length = 2; minimum = 0x80; value = UInt32(lead & 0x1F) }
            else if lead & 0xF0 == 0xE0 { length = 3; minimum = 0x800; value = UInt32(lead & 0x0F) }
            else if lead & 0xF8 == 0xF0 { length = 4; minimum = 0x10000; value = UInt32(lead & 0x07) }
            else { return i }
            guard i + length <= count else { return i }
            for k in 1..<length {
                let byte = bytes[i + k]
                guard byte & 0xC0 == 0x80 else { return i }
                value = (value << 6) | UInt32(byte & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return i }
            i += length
        }
        return nil
    }
}
