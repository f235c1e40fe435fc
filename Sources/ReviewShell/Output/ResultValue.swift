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

    /// Formats a number with fixed decimals; NaN prints "n/a".
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
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
