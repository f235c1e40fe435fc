import Foundation

/// Stable REFI-QDA GUIDs: name-based UUIDs (RFC 9562 §5.5, version 5, SHA-1), so that exporting the same
/// review twice gives the same GUIDs and a QDA tool recognises its codes again.
public enum REFIGUID {
    /// The RFC 9562 namespace for URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
    static let urlNamespace: [UInt8] = [0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]

    /// The namespace of every GUID `review` derives: UUIDv5(URL namespace, "urn:review:refi-qda").
    public static let namespace: [UInt8] = bytes(namespace: urlNamespace, name: "urn:review:refi-qda")

    /// The version 5 UUID of a name in a namespace, as 16 bytes.
    public static func bytes(namespace: [UInt8], name: String) -> [UInt8] {
        var digest = Array(SHA1.hash(namespace + Array(name.utf8)).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  // RFC 9562 variant
        return digest
    }

    /// The GUID of a name in `review`'s namespace, uppercase 8-4-4-4-12 as QDA tools write it.
    public static func make(_ name: String, in namespace: [UInt8] = REFIGUID.namespace) -> String {
        format(bytes(namespace: namespace, name: name))
    }

    /// Formats 16 bytes as an uppercase GUID.
    public static func format(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append("-") }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return out
    }

    /// A GUID in the form the schema allows (8-4-4-4-12 hex digits, optionally in braces), compared ignoring case and braces.
    public static func key(_ guid: String) -> String {
        var text = Substring(guid.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("{") && text.hasSuffix("}") && text.count >= 2 { text = text.dropFirst().dropLast() }
        return text.uppercased()
    }

    /// Whether a GUID matches the schema's pattern.
    public static func isValid(_ guid: String) -> Bool {
        var scalars = Array(guid.unicodeScalars)
        if scalars.first == "{" {
            guard scalars.last == "}", scalars.count == 38 else { return false }
            scalars = Array(scalars[1..<37])
        }
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) { guard scalar == "-" else { return false }; continue }
            guard scalar.properties.isASCIIHexDigit else { return false }
        }
        return true
    }
}

/// SHA-1 (FIPS 180-4), used only to derive name-based UUIDs (RFC 9562 requires it for version 5; no security rests on it).
///
/// Hand-written because Foundation on Linux has no digest API and swift-crypto would bring BoringSSL into the
/// build for one hash; a test checks it against FIPS 180 example vectors and Python's `uuid.uuid5`.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var data = message
        let bitLength = UInt64(message.count) &* 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let b = chunk + 4 * i
                w[i] = UInt32(data[b]) << 24 | UInt32(data[b + 1]) << 16 | UInt32(data[b + 2]) << 8 | UInt32(data[b + 3])
            }
            for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for i in 0..<80 {
                let f: UInt32, k: UInt32
                switch i {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
                e = d; d = c; c = rotate(b, 30); b = a; a = temp
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { value in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) } }
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value << count | value >> (32 - count) }
}
