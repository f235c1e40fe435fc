import Testing
@testable import ReviewKit

/// The seeded generator randomised tests use: the project's one SplitMix64, so they repeat exactly.
typealias SeededGenerator = SplitMix64

/// The in-place byte scanner (word-at-a-time fast path, candidate table, signatures) against the plain
/// definition: fold both strings to scalars and look for the needle as a contiguous run.
@Suite struct TextScannerTests {
    /// Pieces chosen to hit every path: ASCII letters in both cases, letters whose accented or decomposed
    /// forms fold to them, curly punctuation, the KELVIN SIGN (three bytes that fold to one ASCII letter),
    /// letters that stay non-ASCII, and spaces.
    static let pieces = ["s", "t", "S", "T", "st", "ST", "ś", "Ś", "ş", "e", "é", "É", "e\u{301}", "k", "K", "\u{212A}",
                         "’", "'", "“", "\"", "–", "-", " ", " ", "x", "i", "ö", "o", "ø", "ł", "l", "σ", "Σ", "…", ".", "m"]

    static func randomText(_ rng: inout SeededGenerator, maxPieces: Int) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        return (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func reference(_ haystack: String, _ needle: String) -> Bool {
        TextScanner.contains(TextFolding.foldedScalars(haystack), TextFolding.foldedScalars(needle))
    }

    static func scan(_ haystack: String, _ needle: String) -> Bool {
        var text = haystack
        let prepared = FoldedNeedle(needle)
        return text.withUTF8 { TextScanner.contains($0, prepared) }
    }

    @Test func matchesTheFoldedDefinitionOnRandomTexts() {
        var rng = SeededGenerator(seed: 42)
        var found = 0
        for _ in 0..<20_000 {
            let haystack = Self.randomText(&rng, maxPieces: 40)
            let needle: String
            if Bool.random(using: &rng), !haystack.isEmpty {
                // A piece of the haystack itself, re-cased, so matches are common.
                let scalars = Array(haystack.unicodeScalars)
                let start = Int.random(in: 0..<scalars.count, using: &rng)
                let length = Int.random(in: 1...min(6, scalars.count - start), using: &rng)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<(start + length)])
                needle = Bool.random(using: &rng) ? String(view).uppercased() : String(view)
            } else {
                needle = Self.randomText(&rng, maxPieces: 3)
            }
            let expected = Self.reference(haystack, needle)
            if expected { found += 1 }
            #expect(Self.scan(haystack, needle) == expected, "\(haystack.debugDescription) contains \(needle.debugDescription)")
        }
        #expect(found > 5_000)
    }

    @Test func findsNeedlesAtEveryOffsetAroundWordBoundaries() {
        // Lengths and offsets around the 8-byte blocks and the 9-byte look-ahead.
        for length in 0..<30 {
            for offset in 0...length {
                let filler = String(repeating: "x", count: length)
                let text = String(filler.prefix(offset)) + "StIgMa" + String(filler.dropFirst(offset))
                #expect(Self.scan(text, "stigma"), "\(text)")
                #expect(Self.scan(text, "igm"))
                #expect(!Self.scan(text, "stigmata"))
                let accented = String(filler.prefix(offset)) + "Śtigma" + String(filler.dropFirst(offset))
                #expect(Self.scan(accented, "stigma"), "\(accented)")
                let kelvin = String(filler.prefix(offset)) + "\u{212A}ivisto" + String(filler.dropFirst(offset))
                #expect(Self.scan(kelvin, "kivisto"), "\(kelvin)")
            }
        }
    }

    @Test func curlyAndStraightQuotesMatchEachOther() {
        #expect(Self.scan("“I’m not exposed in our service”", "i'm not"))
        #expect(Self.scan("I'm here", "I’m"))
        #expect(Self.scan("a “quoted” word", "\"quoted\""))
        #expect(Self.scan("self–disclose", "self-disclose"))
        #expect(!Self.scan("I’m", "im"))
    }

    @Test func equalsComparesWholeFoldedTexts() {
        func equals(_ text: String, _ needle: String) -> Bool {
            var text = text
            let prepared = FoldedNeedle(needle)
            return text.withUTF8 { TextScanner.equals($0, prepared) }
        }
        #expect(equals("Janoušková", "JANOUSKOVA"))
        #expect(equals("cafe\u{301}", "café"))
        #expect(!equals("cafés", "café"))
        #expect(!equals("café", "cafés"))
        #expect(equals("", ""))
        #expect(!equals("a", ""))
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let a = Self.randomText(&rng, maxPieces: 6), b = Self.randomText(&rng, maxPieces: 6)
            #expect(equals(a, b) == (TextFolding.foldedScalars(a) == TextFolding.foldedScalars(b)), "\(a.debugDescription) = \(b.debugDescription)")
        }
    }

    @Test func signaturesNeverRuleOutAMatch() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<5_000 {
            let haystack = Self.randomText(&rng, maxPieces: 30)
            let needle = Self.randomText(&rng, maxPieces: 3)
            guard Self.reference(haystack, needle) else { continue }
            #expect(TextSignature(of: haystack).covers(FoldedNeedle(needle).signature), "\(haystack.debugDescription) / \(needle.debugDescription)")
        }
        #expect(TextSignature(of: "stigma").covers(TextSignature(folded: TextFolding.foldedScalars("tigm"))))
    }

    @Test func signatureOfBytesMatchesThePairDefinition() {
        // The fast constructor must set exactly the bits of inserting each folded pair (leading space included).
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let text = Self.randomText(&rng, maxPieces: 25)
            var expected = TextSignature()
            var previous: UInt32 = 0x20
            for scalar in TextFolding.foldedScalars(text) {
                expected.insert(previous, scalar)
                previous = scalar
            }
            #expect(TextSignature(of: text) == expected)
        }
    }

    @Test func invalidBytesDecodeAsReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE2, 0x80, 0x63, 0xC3]
        var scalars: [UInt32] = []
        bytes.withUnsafeBufferPointer { TextScanner.forEachFoldedScalar($0) { scalars.append($0) } }
        #expect(scalars == [0x61, 0xFFFD, 0x62, 0xFFFD, 0xFFFD, 0x63, 0xFFFD])
    }
}
