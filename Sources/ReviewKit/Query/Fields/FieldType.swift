/// What a field holds: decides the operators it takes and how a typed value is read.
public enum FieldType: Sendable, Equatable {
    /// A framework code named through a vocabulary (direction, COM-B component or source, TDF domain).
    case code
    /// Free text, compared case- and accent-insensitively.
    case text
    /// A whole number.
    case integer
    /// A number with decimals (CASP totals).
    case number
    /// A quote id (Q12).
    case quoteID
    /// A study, by id or label.
    case study
    /// A sub-theme, by code, id or label.
    case subTheme
    /// A CASP answer (yes / can't tell / no, or its score).
    case answer
    /// A quality band name under the cut-offs in use.
    case band

    /// The operators a field of this type takes.
    public var operators: [FilterOperator] {
        switch self {
        case .integer, .number, .answer, .quoteID: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .oneOf]
        case .text: [.equal, .notEqual, .contains, .oneOf]
        case .subTheme, .study: [.equal, .notEqual, .contains, .oneOf]
        case .code, .band: [.equal, .notEqual, .oneOf]
        }
    }

    /// The operators as typed, for help, errors and completion (text also takes `~` for contains).
    public var operatorSpellings: [String] {
        operators.flatMap { op in op == .contains && self == .text ? [op.symbol, "~"] : [op.symbol] }
    }
}

/// A comparison operator of the filter language.
public enum FilterOperator: String, Sendable, CaseIterable {
    /// `=` (also `==`, `is`).
    case equal = "="
    /// `!=` (also `is not`).
    case notEqual = "!="
    /// `<`.
    case less = "<"
    /// `<=`.
    case lessOrEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
    /// `contains` (also `~`): text containment.
    case contains
    /// `in (a, b)`: any of the values.
    case oneOf = "in"

    /// How the operator is written.
    public var symbol: String { rawValue }

    /// The operator a symbol or keyword names (`~` is contains, `==` is equal).
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "~": self = .contains
        case "==": self = .equal
        default: self.init(rawValue: spelling.lowercased())
        }
    }

    /// Whether it orders values (and so needs numbers).
    var orders: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }

    /// Whether a value compares true: unknown equals only unknown and orders with nothing.
    @inline(__always)
    func holds(_ value: Double?, _ target: Double?) -> Bool {
        guard let value, let target else {
            return (self == .equal || self == .notEqual || self == .oneOf) && value == nil && target == nil
        }
        switch self {
        case .equal, .notEqual, .oneOf: return value == target
        case .less: return value < target
        case .lessOrEqual: return value <= target
        case .greater: return value > target
        case .greaterOrEqual: return value >= target
        case .contains: return false
        }
    }
}
