import Testing
@testable import ReviewShell

/// `ResultValue.format` writes numbers with fixed decimals from the digits of the scaled whole number. Checked two
/// ways: against the exact decimal a random whole number and a number of decimals stand for (`n / 10^d`, written
/// out by hand below), and against the formatter it replaced (kept here as it was) wherever that one wrote plain
/// digits.
@Suite struct ResultValueFormatTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    /// The formatter before: the number's shortest description, patched to the decimals wanted.
    static func previousFormat(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = decimals == 0 ? String(Int(rounded)) : String(rounded)
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            let fraction = text.split(separator: ".", omittingEmptySubsequences: false)[1].count
            if fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
            if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
        }
        return text
    }

    /// `whole` × 10^-`decimals` written out: sign, integer part, point, fraction padded with zeros.
    static func decimal(_ whole: Int64, decimals: Int) -> String {
        var digits = String(whole.magnitude)
        if decimals > 0 {
            digits = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
            digits = String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals))
        }
        return (whole < 0 ? "-" : "") + digits
    }

    @Test func randomDecimalsAreWrittenExactly() {
        var generator = Generator(state: 41)
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...6, using: &generator)
            let magnitude = Int64.random(in: 0...[9, 999, 99_999, 9_999_999_999].randomElement(using: &generator)!, using: &generator)
            let whole = Bool.random(using: &generator) ? -magnitude : magnitude
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let value = Double(whole) / scale
            #expect(ResultValue.format(value, decimals: decimals) == Self.decimal(whole, decimals: decimals), "\(value) to \(decimals)")
        }
    }

    @Test func matchesThePreviousFormatterWhereItWrotePlainDigits() {
        var generator = Generator(state: 43)
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...4, using: &generator)
            let value = Double.random(in: -2_000...2_000, using: &generator) * [1, 0.01, 0.0001].randomElement(using: &generator)!
            let previous = Self.previousFormat(value, decimals: decimals)
            guard !previous.contains("e") else { continue }
            #expect(ResultValue.format(value, decimals: decimals) == previous, "\(value) to \(decimals)")
        }
    }

    @Test func edgesAndWhatThePreviousFormatterGotWrong() {
        #expect(ResultValue.format(0.00001, decimals: 5) == "0.00001")  // was "1e-05.00000"
        #expect(ResultValue.format(0.000004, decimals: 5) == "0.00000")
        #expect(ResultValue.format(-0.0004, decimals: 3) == "0.000")  // no negative zero
        #expect(ResultValue.format(-0.0, decimals: 0) == "0")
        #expect(ResultValue.format(2.5, decimals: 0) == "3")
        #expect(ResultValue.format(-2.5, decimals: 0) == "-3")
        #expect(ResultValue.format(0.588, decimals: 3) == "0.588")
        #expect(ResultValue.format(12, decimals: 1) == "12.0")
        #expect(ResultValue.format(1e17, decimals: 0) == "100000000000000000")
        #expect(ResultValue.format(1e300, decimals: 0) == "1e+300")  // no trap converting to Int
        #expect(ResultValue.format(.nan, decimals: 2) == "n/a")
        #expect(ResultValue.format(.infinity, decimals: 2) == "inf")
        #expect(ResultValue.format(-.infinity, decimals: 2) == "-inf")
        #expect(ResultValue.format(1.5, decimals: -1) == "2")
    }
}
