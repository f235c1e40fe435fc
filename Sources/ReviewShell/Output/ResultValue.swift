import ReviewKit

/// A value in a result cell, kept typed: formatting happens only when a renderer shows it, so machine output
/// and `expect` get the number behind "< 0.001" or "2 / 2".
public enum ResultValue: Sendable, Equatable, CustomStringConvertible {
    /// Text.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// A number shown with a fixed number of decimals.
    case number(Double, decimals: Int)
    /// A p-value: shown "< 0.001" below that, else to three decimals; "n/a" when undefined.
    case pValue(Double)
    /// Two counts shown "a / b" (sub-themes / quotes).
    case pair(Int, Int)
    /// Several values shown "a, b, c".
    case list([ResultValue])
    /// Yes or no (JSON true/false).
    case boolean(Bool)
    /// Unknown.
    case missing
    /// Not applicable, for a reason a word says ("no data", "none"); null plus a `KEY_reason` field in machine output.
    case absent(String)
    // Only this case holds a ResultValue, so only it is boxed: with the whole enum `indirect`, every cell was a heap
    // allocation (a 5,500-row `matrix study` made and freed over 100,000 per run).
    /// A value machine output carries (a slug, a number) shown in tables as `display` (an abbreviation, a name):
    /// `.labelled(.text("barrier"), display: "B")`, `.labelled(.integer(12), display: "Q12")` (docs/formats.md, "Machine output").
    indirect case labelled(ResultValue, display: String)

    /// The display form.
    public var description: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value, let decimals): ResultValue.format(value, decimals: decimals)
        case .pValue(let p): p.isFinite ? (p < 0.001 ? "< 0.001" : ResultValue.format(p, decimals: 3)) : "n/a"
        case .pair(let first, let second): "\(first) / \(second)"
        case .list(let items): items.map(\.description).joined(separator: ", ")
        case .boolean(let value): value ? "yes" : "no"
        case .missing: "—"
        case .absent(let reason): reason
        case .labelled(_, let display): display
        }
    }

    /// The value as a number, when it is one.
    public var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value, _), .pValue(let value): value.isNaN ? nil : value
        case .text(let text): Double(text)
        case .pair, .list, .boolean, .missing, .absent: nil
        case .labelled(let value, _): value.numericValue
        }
    }

    /// The type of value it is.
    public var type: ResultValueType {
        switch self {
        case .text, .missing, .absent: .text
        case .integer: .integer
        case .number: .number
        case .pValue: .pValue
        case .pair: .pair
        case .list: .list
        case .boolean: .boolean
        case .labelled(let value, _): value.type
        }
    }

    /// The value machine output carries: a labelled value's own value, everything else as it is.
    public var machineValue: ResultValue {
        if case .labelled(let value, _) = self { return value.machineValue }
        return self
    }

    /// A field's value as a result cell: whole numbers as integers, other numbers to one decimal.
    public init(_ value: FieldValue) {
        switch value {
        case .missing: self = .missing
        case .number(let number): self = number == number.rounded() && abs(number) < 1e15 ? .integer(Int(number)) : .number(number, decimals: 1)
        case .ordered(let text, _), .text(let text): self = .text(text)
        }
    }

    /// Formats a number with fixed decimals (rounded half away from zero); NaN prints "n/a".
    ///
    /// Written from the digits of the scaled, rounded whole number: no `Double` description to patch (which has
    /// exponents for small and large numbers: 0.00001 was "1e-05.00000") and no Foundation string search (its
    /// first use cost a tenth of a millisecond at every start-up). Up to 10¹⁵ the digits are exact, and they are
    /// the ones the shortest description of `rounded / scale` gives (whole numbers: up to Int64's range); beyond
    /// that, magnitudes no review figure reaches, the number's own description is given.
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let decimals = max(0, decimals)
        var scale = 1.0
        for _ in 0..<min(decimals, 308) { scale *= 10 }
        let scaled = (value * scale).rounded()
        // Whole numbers keep every digit up to Int64's range, as `String(Int(_:))` gave them.
        guard decimals == 0 ? scaled.magnitude < 9e18 : scaled.magnitude < 1e15 && decimals <= 15 else {
            let rounded = scaled / scale
            return rounded.isFinite ? String(rounded) : String(value)
        }
        let whole = Int64(scaled)
        var digits = Array(String(whole.magnitude).utf8)
        if decimals > 0 {
            if digits.count <= decimals { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals - digits.count + 1), at: 0) }
            digits.insert(UInt8(ascii: "."), at: digits.count - decimals)
        }
        if whole < 0 { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }
}

/// The type of the values a result column holds.
public enum ResultValueType: String, Sendable, CaseIterable {
    /// Text (unknown and not-applicable values included).
    case text
    /// Whole numbers.
    case integer
    /// Numbers with decimals.
    case number
    /// p-values.
    case pValue = "p_value"
    /// Pairs of counts.
    case pair
    /// Lists of values.
    case list
    /// Yes or no.
    case boolean

    /// Whether values of this type line up on the right in a table.
    var alignsRight: Bool { self == .integer || self == .number || self == .pValue || self == .pair }
}
