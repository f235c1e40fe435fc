/// A 256-bit summary of the folded character pairs in a text, used to skip texts that cannot contain a needle.
///
/// A needle's pairs must all be set in a text's signature for the text to contain it, so one AND per text
/// rules out almost every non-matching quote before any text is read (the text filter's hot loop).
public struct TextSignature: Sendable, Equatable, Hashable, BitwiseCopyable {
    /// The four 64-bit words.
    public var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    /// An empty signature.
    public init() {}

    /// The signature of a text.
    public init(of text: String) {
        var copy = text
        self = copy.withUTF8 { TextSignature(utf8: $0) }
    }

    /// The signature of a text given as UTF-8 bytes.
    ///
    /// Runs once per quote when a workspace is loaded, so it is written for speed: ASCII bytes fold inline,
    /// and each pair sets its bit by indexing the four words (a branch on the word would mispredict).
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            var previous: UInt32 = 0x20
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                let scalar: UInt32
                if lead < 0x80 {
                    scalar = (lead >= 0x41 && lead <= 0x5A) ? UInt32(lead | 0x20) : UInt32(lead)
                    index &+= 1
                } else {
                    let (value, length) = TextScanner.decode(bytes, at: index)
                    index &+= length
                    guard let folded = TextFolding.fold(value) else { continue }
                    scalar = folded
                }
                let bit = Self.bit(previous, scalar)
                words[bit &>> 6] |= UInt64(1) &<< UInt64(bit & 63)
                previous = scalar
            }
        }
        (a, b, c, d) = words
    }

    /// The signature of an already folded needle.
    public init(folded scalars: [UInt32]) {
        guard scalars.count >= 2 else { return }
        for index in 1..<scalars.count { insert(scalars[index - 1], scalars[index]) }
    }

    /// Which of the 256 bits a pair of folded scalars sets.
    @inline(__always)
    static func bit(_ first: UInt32, _ second: UInt32) -> Int {
        let hash = (first &* 0x9E37_79B1) ^ (second &* 0x85EB_CA77)
        return Int((hash &>> 16) & 0xFF)
    }

    @inline(__always)
    mutating func insert(_ first: UInt32, _ second: UInt32) {
        let bit = Self.bit(first, second)
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

/// A search string folded once and prepared for scanning UTF-8 text in place (see `TextScanner`).
public struct FoldedNeedle: Sendable {
    /// The folded scalars.
    public let scalars: [UInt32]
    /// The signature a text must cover to contain the needle.
    public let signature: TextSignature
    /// For each byte value, whether a scalar starting with that byte can fold to the needle's first scalar.
    let startBytes: [Bool]
    /// Word-at-a-time patterns for the first one or two scalars when they are ASCII: a byte `b` can start a
    /// match in pure-ASCII text only if `(b | fold0) == first0` (and the next byte likewise for `first1`).
    let swar: SWAR?

    /// Broadcast bytes for the word-at-a-time scan.
    struct SWAR: Sendable {
        var first0: UInt64, fold0: UInt64
        var first1: UInt64, fold1: UInt64
        var pair: Bool
        /// Up to four UTF-8 lead bytes (broadcast) whose scalars can fold to the first letter ("ś" → s);
        /// unused slots hold 0xFF bytes, which never occur in UTF-8. Nil when there are more: then every
        /// non-ASCII byte is a candidate.
        var leads: (UInt64, UInt64, UInt64, UInt64)?
    }

    /// Folds and prepares a needle.
    public init(_ text: String) { self.init(folded: TextFolding.foldedScalars(text)) }

    /// Prepares an already folded needle.
    public init(folded scalars: [UInt32]) {
        self.scalars = scalars
        signature = TextSignature(folded: scalars)
        var starts = [Bool](repeating: false, count: 256)
        if let first = scalars.first {
            for byte in 0..<0x80 where TextFolding.fold(UInt32(byte)) == first { starts[byte] = true }
            if first < 0x80 {
                let word = Int(first >> 6), bit = UInt64(1) << UInt64(first & 63)
                for lead in 0xC0..<0x100 where FoldedNeedle.leadBytesFoldingToASCII[lead * 2 + word] & bit != 0 { starts[lead] = true }
            } else {
                for lead in 0xC0..<0x100 { starts[lead] = true }
            }
        }
        startBytes = starts
        func broadcast(_ scalar: UInt32) -> (UInt64, UInt64) {
            let isLetter = scalar >= 0x61 && scalar <= 0x7A  // folded letters are lowercase; OR-ing 0x20 folds A–Z
            return (UInt64(scalar) &* 0x0101_0101_0101_0101, isLetter ? 0x2020_2020_2020_2020 : 0)
        }
        if let first = scalars.first, first < 0x80 {
            let (p0, f0) = broadcast(first)
            let leadBytes = (0xC0..<0x100).filter { starts[$0] }.map { UInt64($0) &* 0x0101_0101_0101_0101 }
            var leads: (UInt64, UInt64, UInt64, UInt64)?
            if leadBytes.count <= 4 {
                let padded = leadBytes + [UInt64](repeating: ~0, count: 4 - leadBytes.count)
                leads = (padded[0], padded[1], padded[2], padded[3])
            }
            if scalars.count >= 2, scalars[1] < 0x80 {
                let (p1, f1) = broadcast(scalars[1])
                swar = SWAR(first0: p0, fold0: f0, first1: p1, fold1: f1, pair: true, leads: leads)
            } else {
                swar = SWAR(first0: p0, fold0: f0, first1: 0, fold1: 0, pair: false, leads: leads)
            }
        } else {
            swar = nil
        }
    }

    /// Whether the needle is empty (it matches every text).
    public var isEmpty: Bool { scalars.isEmpty }

    /// For each UTF-8 lead byte, two words with a bit per ASCII value that some scalar starting with that byte folds to.
    /// Scalars from U+3000 on never fold to ASCII (their folding is their simple lowercase mapping, which
    /// stays outside ASCII), so only U+0080–U+2FFF are examined.
    static let leadBytesFoldingToASCII: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 512)
        for value in UInt32(0x80)..<0x3000 {
            guard let folded = TextFolding.fold(value), folded < 0x80 else { continue }
            let lead = value < 0x800 ? 0xC0 | (value >> 6) : 0xE0 | (value >> 12)
            table[Int(lead) * 2 + Int(folded >> 6)] |= UInt64(1) << UInt64(folded & 63)
        }
        return table
    }()
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
            let (value, length) = decode(bytes, at: index)
            index += length
            if let folded = TextFolding.fold(value) { body(folded) }
        }
    }

    /// Decodes the non-ASCII scalar starting at `index`: its value and its length in bytes.
    /// A stray continuation byte, a bad lead byte or a truncated sequence is one U+FFFD, one byte long.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        var value: UInt32
        let length: Int
        if lead & 0xE0 == 0xC0 { value = UInt32(lead & 0x1F); length = 2 }
        else if lead & 0xF0 == 0xE0 { value = UInt32(lead & 0x0F); length = 3 }
        else if lead & 0xF8 == 0xF0 { value = UInt32(lead & 0x07); length = 4 }
        else { return (0xFFFD, 1) }
        guard index + length <= bytes.count else { return (0xFFFD, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        return (value, length)
    }

    /// Whether the folded text of a UTF-8 buffer contains the needle (an empty needle is in every text).
    ///
    /// Scans the bytes in place, eight at a time: a few word operations find the positions holding the
    /// needle's first two letters (either case), plus every non-ASCII byte, since a non-ASCII scalar may fold
    /// to a needle letter. Only those candidates are checked against a table of the bytes that can begin a
    /// match, then decoded, folded and compared.
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: FoldedNeedle) -> Bool {
        guard !needle.scalars.isEmpty else { return true }
        return needle.startBytes.withUnsafeBufferPointer { starts in
            needle.scalars.withUnsafeBufferPointer { scalars in
                let end = bytes.count
                var index = 0
                if let swar = needle.swar, let base = bytes.baseAddress, end >= 9 {
                    let raw = UnsafeRawPointer(base)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    while index &+ 9 <= end {
                        let x0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                        let x1 = swar.pair ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index &+ 1, as: UInt64.self)) : 0
                        // Position k is a candidate when its byte is the first letter and the next byte is the
                        // second letter or not ASCII (it may fold to it), or when its byte leads a non-ASCII
                        // scalar that may fold to the first letter.
                        var candidates = zeroBytes((x0 | swar.fold0) ^ swar.first0)
                        if swar.pair { candidates &= zeroBytes((x1 | swar.fold1) ^ swar.first1) | (x1 & high) }
                        let nonASCII = x0 & high
                        if nonASCII != 0 {
                            if let leads = swar.leads {
                                candidates |= zeroBytes(x0 ^ leads.0) | zeroBytes(x0 ^ leads.1) | zeroBytes(x0 ^ leads.2) | zeroBytes(x0 ^ leads.3)
                            } else {
                                candidates |= nonASCII
                            }
                        }
                        while candidates != 0 {
                            let k = index &+ (candidates.trailingZeroBitCount &>> 3)
                            if starts[Int(bytes[k])], matchLength(bytes, at: k, scalars) != nil { return true }
                            candidates &= candidates &- 1
                        }
                        index &+= 8
                    }
                }
                while index < end {
                    if starts[Int(bytes[index])], matchLength(bytes, at: index, scalars) != nil { return true }
                    index &+= 1
                }
                return false
            }
        }
    }

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact: no borrow crosses bytes).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    /// Whether the folded text of a UTF-8 buffer equals the needle (marks that fold to nothing are ignored).
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: FoldedNeedle) -> Bool {
        if needle.scalars.isEmpty {
            var empty = true
            forEachFoldedScalar(bytes) { _ in empty = false }
            return empty
        }
        return needle.scalars.withUnsafeBufferPointer { scalars in
            guard let end = matchLength(bytes, at: 0, scalars) else { return false }
            var rest = true
            forEachFoldedScalar(UnsafeBufferPointer(rebasing: bytes[end...])) { _ in rest = false }
            return rest
        }
    }

    /// If the folded text from byte `start` begins with `needle`, the byte offset just after the match.
    @inline(__always)
    static func matchLength(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ needle: UnsafeBufferPointer<UInt32>) -> Int? {
        var index = start
        var matched = 0
        let end = bytes.count
        while matched < needle.count {
            guard index < end else { return nil }
            let byte = bytes[index]
            let value: UInt32
            if byte < 0x80 {
                value = (byte >= 0x41 && byte <= 0x5A) ? UInt32(byte | 0x20) : UInt32(byte)
                index &+= 1
            } else {
                let (raw, length) = decode(bytes, at: index)
                index &+= length
                guard let folded = TextFolding.fold(raw) else { continue }  // a mark that folds away
                value = folded
            }
            guard value == needle[matched] else { return nil }
            matched &+= 1
        }
        return index
    }

    /// Whether the folded text of a UTF-8 buffer contains the folded needle (`needle` non-empty).
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, folded needle: [UInt32], scratch: inout [UInt32]) -> Bool {
        contains(bytes, FoldedNeedle(folded: needle))
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
