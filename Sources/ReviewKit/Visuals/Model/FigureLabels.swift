/// Short forms of the labels figures print, so narrow charts can use codes with a key.
enum FigureLabels {
    /// The short code for a COM-B component or TDF domain name ("C-psy", "Know"); nil for any other label.
    static func code(for label: String) -> String? {
        if let domain = TDFDomain.allCases.first(where: { $0.name == label }) { return domain.abbreviation }
        if let component = COMBComponent.allCases.first(where: { $0.name == label }) { return component.abbreviation }
        return nil
    }
}

extension CountMatrix {
    /// The matrix with rows and columns swapped.
    var transposed: CountMatrix {
        CountMatrix(rowLabels: columnLabels, columnLabels: rowLabels,
                    counts: columnLabels.indices.map { column in counts.map { $0[column] } })
    }

    /// The largest count (0 for an empty matrix).
    var maximum: Int { counts.reduce(0) { max($0, $1.max() ?? 0) } }
}
