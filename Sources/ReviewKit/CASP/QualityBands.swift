import Foundation

/// Named ranges of CASP totals ("high", "moderate", "low"), with checks for gaps and overlaps.
///
/// Cut-offs are in half points internally so that 8.5 and 7.5 are exact. A band's range is written
/// `lower..upper` with either end open (`>8..10`, `..5`, `6..7`); bounds are inclusive unless marked `>` or `<`.
public struct QualityBands: Sendable, Equatable, Codable {
    /// One band: a name and an interval of totals.
    public struct Band: Sendable, Equatable, Codable {
        /// The band's name ("high").
        public var name: String
        /// The lowest total in half points, or nil for no lower limit.
        public var lower: Int?
        /// Whether the lower limit itself is excluded (`>8`).
        public var lowerExclusive: Bool
        /// The highest total in half points, or nil for no upper limit.
        public var upper: Int?
        /// Whether the upper limit itself is excluded (`<6`).
        public var upperExclusive: Bool

        /// Whether a total (in half points) falls in this band.
        public func contains(halfPoints total: Int) -> Bool {
            if let lower { if lowerExclusive ? total <= lower : total < lower { return false } }
            if let upper { if upperExclusive ? total >= upper : total > upper { return false } }
            return true
        }

        /// The range as it is typed and printed (">8..10").
        public var rangeText: String {
            let low = lower.map { (lowerExclusive ? ">" : "") + QualityBands.format($0) } ?? ""
            let high = upper.map { (upperExclusive ? "<" : "") + QualityBands.format($0) } ?? ""
            return "\(low)..\(high)"
        }
    }

    /// The bands, highest first.
    public var bands: [Band]

    /// Creates bands.
    public init(bands: [Band]) { self.bands = bands }

    /// The seed review's cut-offs as its text states them (section 2.4): high > 8–10, moderate 6–7, low ≤ 5.
    ///
    /// Read literally they leave totals of 5.5, 7.5 and 8.0 in no band; the engine reports those rather than guess.
    public static let seed = QualityBands(bands: [
        Band(name: "high", lower: 16, lowerExclusive: true, upper: 20, upperExclusive: false),
        Band(name: "moderate", lower: 12, lowerExclusive: false, upper: 14, upperExclusive: false),
        Band(name: "low", lower: nil, lowerExclusive: false, upper: 10, upperExclusive: false),
    ])

    /// The bands a total falls in (none, one, or several when cut-offs overlap).
    public func bands(containing halfPoints: Int) -> [Band] {
        bands.filter { $0.contains(halfPoints: halfPoints) }
    }

    /// The single band of a total, or nil when it falls in none or in several.
    public func band(for halfPoints: Int) -> Band? {
        let found = bands(containing: halfPoints)
        return found.count == 1 ? found[0] : nil
    }

    /// The band name of an incomplete appraisal, which has no total and so no band.
    public static let incompleteName = "incomplete"
    /// The band name of a total that falls in no band.
    public static let noneName = "none"

    /// The band name of a total: its band, "none", or, when cut-offs overlap, every band it falls in
    /// joined by "+" ("high+moderate"): one name, so a study is counted once, as in both.
    public func bandName(halfPoints total: Int) -> String {
        // Joined by hand: `joined(separator:)` is not specialised for this, and its generic form's first use looks
        // its types up at run time (a scan of every conformance record, a tenth of a millisecond of `review -c`).
        var name = ""
        var first = true
        for band in bands(containing: total) {
            if !first { name += "+" }
            name += band.name
            first = false
        }
        return first ? Self.noneName : name
    }

    /// The band name of an appraisal: "incomplete" when a question is unanswered, else that of its total.
    public func bandName(of appraisal: Appraisal) -> String {
        appraisal.completeTotalHalfPoints.map { bandName(halfPoints: $0) } ?? Self.incompleteName
    }

    /// A typed band name made canonical: each "+"-joined part must be a band (or the whole "none" or
    /// "incomplete"); parts are put in the cut-offs' order and case, so "Moderate+high" reads "high+moderate".
    /// Nil when a part is not a band.
    public func canonicalName(_ typed: String) -> String? {
        let folded = typed.lowercased().trimmingCharacters(in: .whitespaces)
        if folded == Self.noneName || folded == Self.incompleteName { return folded }
        let parts = folded.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        var indexes: [Int] = []
        for part in parts {
            guard let index = bands.firstIndex(where: { $0.name.lowercased() == part }) else { return nil }
            if !indexes.contains(index) { indexes.append(index) }
        }
        guard !indexes.isEmpty else { return nil }
        return indexes.sorted().map { bands[$0].name }.joined(separator: "+")
    }

    /// Every possible total (0–10 in steps of 0.5) that falls in no band.
    public var gaps: [Int] { (0...20).filter { bands(containing: $0).isEmpty } }

    /// Every possible total that falls in more than one band, with the bands' names.
    public var overlaps: [(halfPoints: Int, names: [String])] {
        (0...20).compactMap { total in
            let names = bands(containing: total).map(\.name)
            return names.count > 1 ? (total, names) : nil
        }
    }

    /// The cut-offs as one line ("high >8..10; moderate 6..7; low ..5").
    public var description: String {
        // Joined by hand, as in `bandName(halfPoints:)`: the generic `joined(separator:)` looks its types up at run time.
        var text = ""
        for (index, band) in bands.enumerated() { text += (index == 0 ? "" : "; ") + band.name + " " + band.rangeText }
        return text
    }

    /// Parses cut-offs written as `NAME RANGE[; NAME RANGE…]`, e.g. "high >8..10; moderate 6..8; low ..5.5".
    public init(parsing text: String) throws(ReviewError) {
        var bands: [Band] = []
        for part in text.split(separator: ";") {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2 else {
                throw ReviewError("band '\(part.trimmingSpaces)' must be a name and a range, e.g. 'high >8..10'")
            }
            let name = String(words[0]), range = String(words[1])
            guard let dots = range.range(of: "..") else {
                throw ReviewError("range '\(range)' of band '\(name)' needs '..' between its limits, e.g. 6..7, >8..10 or ..5")
            }
            func limit(_ raw: Substring, marker: Character) throws(ReviewError) -> (Int?, Bool) {
                var raw = raw
                let exclusive = raw.first == marker
                if exclusive { raw = raw.dropFirst() }
                if raw.isEmpty { return (nil, false) }
                guard let value = Double(raw), value >= 0, value <= 10, (value * 2).rounded() == value * 2 else {
                    throw ReviewError("limit '\(raw)' of band '\(name)' must be a total from 0 to 10 in steps of 0.5")
                }
                return (Int(value * 2), exclusive)
            }
            let (lower, lowerExclusive) = try limit(range[..<dots.lowerBound], marker: ">")
            let (upper, upperExclusive) = try limit(range[dots.upperBound...], marker: "<")
            // A band no total can fall in ("high 10..0", ">8..8") is a typo, never a cut-off: refuse it (limits in half points).
            let lowest = (lower ?? 0) + (lowerExclusive ? 1 : 0), highest = (upper ?? 20) - (upperExclusive ? 1 : 0)
            guard lowest <= highest else {
                throw ReviewError("band '\(name)' \(range) holds no total: its lower limit is above its upper one; write the lower limit first, e.g. 'high >8..10'")
            }
            bands.append(Band(name: name, lower: lower, lowerExclusive: lowerExclusive, upper: upper, upperExclusive: upperExclusive))
        }
        guard !bands.isEmpty else { throw ReviewError("no bands given; write e.g. 'high >8..10; moderate 6..8; low ..5.5'") }
        self.bands = bands
    }

    /// Formats half points as a total ("8.5", "10").
    public static func format(_ halfPoints: Int) -> String {
        halfPoints % 2 == 0 ? String(halfPoints / 2) : "\(halfPoints / 2).5"
    }
}

extension Substring {
    var trimmingSpaces: String { String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
}
