/// A field's value for one quote or study, typed: what sorting, grouping and result columns use.
///
/// Values order as the tables print them: numbers by value, named codes in their framework order, text by
/// its folded form (case and accents ignored); an unknown value sorts after every known one.
public enum FieldValue: Sendable, Hashable {
    /// Unknown or not applicable.
    case missing
    /// A number (whole numbers, CASP totals and scores).
    case number(Double)
    /// A name with a fixed place in an order (a TDF domain, a study in the review's order, a band).
    case ordered(String, rank: Int)
    /// Free text.
    case text(String)

    /// Text, or unknown when nil or empty.
    public init(text: String?) {
        guard let text, !text.isEmpty else { self = .missing; return }
        self = .text(text)
    }

    /// A whole number, or unknown when nil.
    public init(integer value: Int?) { self = value.map { .number(Double($0)) } ?? .missing }

    /// A number, or unknown when nil.
    public init(number value: Double?) { self = value.map(FieldValue.number) ?? .missing }

    /// The value as displayed: "—" when unknown, whole numbers without decimals.
    public var display: String {
        switch self {
        case .missing: "—"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .ordered(let text, _), .text(let text): text
        }
    }

    /// Whether the value is unknown.
    public var isMissing: Bool { self == .missing }

    /// The sort key: class first (numbers, ordered names, text, unknown), then the value.
    var sortKey: SortKey {
        switch self {
        case .missing: SortKey(kind: 3, number: 0, rank: 0, folded: "", raw: "")
        case .number(let value): SortKey(kind: 0, number: value, rank: 0, folded: "", raw: "")
        case .ordered(let text, let rank): SortKey(kind: 1, number: 0, rank: rank, folded: "", raw: text)
        case .text(let text): SortKey(kind: 2, number: 0, rank: 0, folded: TextFolding.fold(text), raw: text)
        }
    }

    /// A value's position in the order, computed once per distinct value when ranks are built.
    struct SortKey: Comparable {
        let kind: Int
        let number: Double
        let rank: Int
        let folded: String
        let raw: String

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.kind != b.kind { return a.kind < b.kind }
            if a.number != b.number { return a.number < b.number }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.folded != b.folded { return a.folded < b.folded }
            return a.raw < b.raw
        }
    }
}
