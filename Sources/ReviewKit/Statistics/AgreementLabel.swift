import Foundation

/// A kappa-type value as it is printed, with the Landis & Koch band and range that agree with the print.
///
/// Three rules make the label honest:
/// - the band is that of the value *as printed*: 0.405 shown with 2 decimals is "0.41", moderate,
///   in "0.41–0.60"; 0.2004 shown with 3 decimals is "0.200", slight, in "0.000–0.200";
/// - a negative value is printed as it is: −0.0004 with 3 decimals is "-0.0004" (more decimals, up to
///   6, until a digit shows; beyond that "-0.000"), and it is poor, "< 0.000";
/// - a value typed by a person (``init(kappa:decimals:)``, ``init(parsing:)``) must be a finite number
///   in [−1, 1]; NaN, ±∞ and 1.2 are refused.
///
/// Computed coefficients use ``init(coefficient:decimals:)``, which accepts any finite value (Fleiss'
/// or Krippendorff's coefficients with missing ratings can fall below −1; they are poor).
public struct AgreementLabel: Sendable, Equatable, Codable {
    /// The value itself, unrounded.
    public let value: Double
    /// The number of decimals of ``text`` and ``range``.
    public let decimals: Int
    /// The value as printed, e.g. "0.41" or "-0.0004" (ASCII hyphen-minus, so that it reads back as a number).
    public let text: String
    /// The Landis & Koch band of the printed value.
    public let strength: AgreementStrength
    /// The band's range at the same precision, e.g. "0.41–0.60".
    public let range: String

    /// The precision used when none is given: three decimals, as agreement coefficients are usually reported.
    public static let defaultDecimals = 3

    /// Labels a value someone typed or chose, refusing anything that is not a kappa.
    ///
    /// - Parameters:
    ///   - kappa: A finite number in [−1, 1].
    ///   - decimals: How many decimals the value is printed with (1…6).
    /// - Throws: ``StatisticsError`` for NaN, ±∞, or a value outside [−1, 1].
    public init(kappa: Double, decimals: Int = 2) throws(StatisticsError) {
        guard kappa.isFinite else {
            throw StatisticsError("kappa must be a number between -1 and 1; got \(kappa)")
        }
        guard kappa >= -1, kappa <= 1 else {
            throw StatisticsError("kappa must be between -1 and 1; got \(Self.plain(kappa))")
        }
        self.init(coefficient: kappa, decimals: decimals)!
    }

    /// Parses a typed kappa such as "0.405" and labels it at the precision it was typed with
    /// (at least 2 decimals, at most 6; 3 for exponent notation).
    ///
    /// Accepts an optional sign (`-`, `+` or the minus sign `−`), digits, an optional fraction and an
    /// optional exponent. Errors are located at the whole text (`.span`).
    /// - Throws: ``StatisticsError`` for text that is not such a number, or a value outside [−1, 1].
    public init(parsing text: String) throws(StatisticsError) {
        let span = StatisticsError.Location.span(0..<max(1, text.count))
        guard let (value, decimals) = Self.parseNumber(text) else {
            throw StatisticsError(
                "'\(text)' is not a number; expected a kappa between -1 and 1 such as 0.588", location: span)
        }
        do {
            try self.init(kappa: value, decimals: decimals)
        } catch {
            throw StatisticsError(error.message, location: span)
        }
    }

    /// Labels a computed coefficient; nil when it is not finite (an undefined coefficient has no label).
    public init?(coefficient: Double, decimals: Int = AgreementLabel.defaultDecimals) {
        guard coefficient.isFinite else { return nil }
        let places = Self.clampedDecimals(decimals)
        let text = Self.format(coefficient, decimals: places)
        let shownDecimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? places
        self.value = coefficient
        self.decimals = max(places, shownDecimals)
        self.text = text
        self.strength = AgreementStrength(value: coefficient, decimals: self.decimals)
        self.range = strength.range(decimals: self.decimals)
    }

    /// A value printed with `decimals` decimals, keeping a negative value visibly negative: when the
    /// rounding would show zero, up to 6 decimals are used until a digit shows, else "-0.000…".
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let places = clampedDecimals(decimals)
        var text = fixed(value, places)
        if value < 0 {
            var extra = places
            while Double(text) == 0, extra < 6 {
                extra += 1
                text = fixed(value, extra)
            }
            if Double(text) == 0 { text = "-" + fixed(0, places) }
        } else if text.hasPrefix("-") {
            text.removeFirst()  // -0.0 prints as "-0.000"; it is zero
        }
        return text
    }

    /// `value` with exactly `places` decimals (C `%.*f`, round-half-even on the binary value).
    static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    static func clampedDecimals(_ decimals: Int) -> Int { min(max(decimals, 1), 6) }

    /// A short plain rendering for messages, e.g. "1.2".
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Parses `[sign] digits [. digits] [e [sign] digits]`, returning the value and the decimals to show.
    static func parseNumber(_ raw: String) -> (Double, Int)? {
        var text = Substring(StatisticsSupport.trimmed(raw))
        var negative = false
        if let first = text.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            text = text.dropFirst()
        }
        let isDigit = { (c: Character) in c.isASCII && c.isNumber }
        let mantissaEnd = text.firstIndex { $0 == "e" || $0 == "E" } ?? text.endIndex
        let mantissa = text[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !mantissa.isEmpty, parts.allSatisfy({ $0.allSatisfy(isDigit) }),
            parts.contains(where: { !$0.isEmpty })
        else { return nil }
        var decimals = parts.count == 2 ? parts[1].count : 0
        if mantissaEnd != text.endIndex {
            var exponent = text[text.index(after: mantissaEnd)...]
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return nil }
            decimals = defaultDecimals
        }
        guard let magnitude = Double(String(text)) else { return nil }
        return (negative ? -magnitude : magnitude, min(max(decimals, 2), 6))
    }
}
