/// A 256-bit summary of the folded character pairs in a text, used to skip texts that cannot contain a needle.
///
/// A needle's pairs must all be set in a text's signature for the text to contain it, so one AND per text
/// rules out almost every non-matching quote before any text is read (the text filter's hot loop).
public struct TextSignature: Sendable, Equatable, Hashable {
    /// The four 64-bit words.
    public var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    /// An empty signature.
    public init() {}

    /// The signature of a text.
    public init(of text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var previous: UInt32 = 0x20
            TextScanner.forEachFoldedScalar(bytes) { scalar in
                self.insert(previous, scalar)
                previous = scalar
            }
        }
    }

    /// The signature of an already folded needle.
    public init(folded scalars: [UInt32]) {
        guard scalars.count >= 2 else { return }
        for index in 1..<scalars.count { insert(scalars[index - 1], scalars[index]) }
    }

    @inline(__always)
    mutating func insert(_ first: UInt32, _ second: UInt32) {
        let hash = (first &* 0x9E37_79B1) ^ (second &* 0x85EB_CA77)
        let bit = Int((hash >> 16) & 0xFF)
        let mask = UInt64(1) << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: a |= mask
        case 1: b |= mask
        case 2: c |= mask
        default: d |= mask
        }
    }

    /// Whether every bit of `other` is set here.
    @inline(__always)
    public func covers(_ other: TextSignature) -> Bool {
        (a & other.a) == other.a && (b & other.b) == other.b && (c & other.c) == other.c && (d & other.d) == other.d
    }
}

/// Byte-level helpers that decode UTF-8 and fold without creating Strings.
public enum TextScanner {
    /// Calls `body` with each folded scalar of a UTF-8 buffer (invalid bytes become U+FFFD).
    @inline(__always)
    public static func forEachFoldedScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                body((lead >= 0x41 && lead <= 0x5A) ? UInt32(lead | 0x20) : UInt32(lead))
                index += 1
                continue
            }
            var value: UInt32
            var length: Int
            if lead & 0xE0 == 0xC0 { value = UInt32(lead & 0x1F); length = 2 }
            else if lead & 0xF0 == 0xE0 { value = UInt32(lead & 0x0F); length = 3 }
            else if lead & 0xF8 == 0xF0 { value = UInt32(lead & 0x07); length = 4 }
            else { body(0xFFFD); index += 1; continue }
            if index + length > count { body(0xFFFD); return }
            for offset in 1..<length { value = (value << 6) | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            if let folded = TextFolding.fold(value) { body(folded) }
        }
    }

    /// Whether the folded text of a UTF-8 buffer contains the folded needle (`needle` non-empty).
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, folded needle: [UInt32], scratch: inout [UInt32]) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        forEachFoldedScalar(bytes) { scratch.append($0) }
        return contains(scratch, needle)
    }

    /// Whether a folded haystack contains a folded needle.
    public static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0 else { return true }
        guard h >= n else { return false }
        let first = needle[0]
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nee in
                var i = 0
                let last = h - n
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n && hay[i + j] == nee[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
