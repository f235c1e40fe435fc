/// Helpers shared by the statistics types: label clean-up, label order, the most common count
/// and NaN-aware equality.
enum StatisticsSupport {
    /// The text without leading and trailing whitespace and newlines (Character-wise, so any Unicode space).
    static func trimmed(_ text: String) -> String {
        // Fast path: most cells have no surrounding space.
        if text.first?.isWhitespace != true && text.last?.isWhitespace != true { return text }
        var slice = Substring(text)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }

    /// The trimmed label, or nil when it is empty (a missing rating).
    static func normalized(_ label: String) -> String? {
        let trimmed = StatisticsSupport.trimmed(label)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The key under which labels that differ only by case (and surrounding spaces) are merged.
    static func foldKey(_ label: String) -> String {
        StatisticsSupport.trimmed(label).lowercased()
    }

    /// True when `label` reads as a finite number ("3", "-1", "2.5").
    static func number(_ label: String) -> Double? {
        guard let value = Double(label), value.isFinite else { return nil }
        return value
    }

    /// Numeric order when every label is a finite number, else by case-folded text, then by the text itself.
    static func sorted<S: Sequence>(_ labels: S) -> [String] where S.Element == String {
        let numbers = labels.map { label in (label, number(label)) }
        if numbers.allSatisfy({ $0.1 != nil }) {
            return numbers.sorted { lhs, rhs in
                lhs.1! != rhs.1! ? lhs.1! < rhs.1! : lhs.0 < rhs.0
            }.map(\.0)
        }
        return numbers.map(\.0).sorted { lhs, rhs in
            let (l, r) = (lhs.lowercased(), rhs.lowercased())
            return l != r ? l < r : lhs < rhs
        }
    }

    /// The most frequent value; ties go to the larger value. 0 for an empty list.
    static func mostCommon(_ values: [Int]) -> Int {
        var frequency: [Int: Int] = [:]
        for value in values { frequency[value, default: 0] += 1 }
        return frequency.max { lhs, rhs in
            lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key < rhs.key
        }?.key ?? 0
    }

    /// Σ w (x − x̄)² with x̄ = Σ w x, for weights w that sum to 1: a variance in a form that cannot go
    /// negative by rounding and is exactly 0 when every x is the same.
    static func weightedVariance(_ cells: [(weight: Double, value: Double)]) -> Double {
        let mean = cells.reduce(0) { $0 + $1.weight * $1.value }
        return cells.reduce(0) { $0 + $1.weight * ($1.value - mean) * ($1.value - mean) }
    }

    /// Element-wise equality of two lists of figures in which NaN ("undefined") equals NaN.
    static func sameValues(_ lhs: [Double], _ rhs: [Double]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// "a, b and c" — a list for a message.
    static func list(_ items: [String], quoted: Bool = false) -> String {
        let shown = quoted ? items.map { "\"\($0)\"" } : items
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// "1 rating" / "3 ratings".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
