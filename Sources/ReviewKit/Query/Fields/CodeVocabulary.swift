/// What the byte codes of a quote-store column mean: the categories they name, in order, and how a typed
/// name resolves to categories.
///
/// A column may be read through a coarser vocabulary than its own: the COM-B source is the component
/// column seen through `sources`, which maps each component's code to its source.
public struct CodeVocabulary: Sendable {
    /// The categories' display names, in the order tables list them (category 1 is `names[0]`).
    public let names: [String]
    /// For each byte code, its category (1-based; 0 = not coded).
    let categoryOfCode: [UInt8]
    /// The categories a typed name means (several for a name that covers a group, such as "motivation").
    let resolve: @Sendable (String, Range<Int>?) throws(ReviewError) -> [Int]
    /// The values completion offers.
    public let completions: [String]

    /// The direction of a quote: barrier or facilitator.
    public static let directions = CodeVocabulary(
        names: Direction.allCases.map(\.name),
        categoryOfCode: identity(Direction.allCases.count),
        resolve: { text, span throws(ReviewError) in [Int(try Framework.directions.value(for: text, what: "direction", at: span).rawValue)] },
        completions: Direction.allCases.map(\.slug))

    /// The COM-B component; a source name ("motivation") means both of its components.
    public static let components = CodeVocabulary(
        names: COMBComponent.allCases.map(\.name),
        categoryOfCode: identity(COMBComponent.allCases.count),
        resolve: { text, span throws(ReviewError) in
            if case .found(let component) = Framework.components.resolve(text) { return [Int(component.rawValue)] }
            if case .found(let source) = Framework.sources.resolve(text) { return source.components.map { Int($0.rawValue) } }
            return [Int(try Framework.components.value(for: text, what: "COM-B component", at: span).rawValue)]
        },
        completions: COMBComponent.allCases.map(\.name) + COMBComponent.Source.allCases.map(\.rawValue))

    /// The COM-B source, read from the component column.
    public static let sources = CodeVocabulary(
        names: COMBComponent.Source.allCases.map(\.name),
        categoryOfCode: (0..<256).map { code in
            guard let component = COMBComponent(rawValue: UInt8(code)) else { return 0 }
            return UInt8(COMBComponent.Source.allCases.firstIndex(of: component.source)! + 1)
        },
        resolve: { text, span throws(ReviewError) in
            let source = try Framework.sources.value(for: text, what: "COM-B source", at: span)
            return [COMBComponent.Source.allCases.firstIndex(of: source)! + 1]
        },
        completions: COMBComponent.Source.allCases.map(\.rawValue))

    /// The TDF domain.
    public static let domains = CodeVocabulary(
        names: TDFDomain.allCases.map(\.name),
        categoryOfCode: identity(TDFDomain.allCases.count),
        resolve: { text, span throws(ReviewError) in [Int(try Framework.domains.value(for: text, what: "TDF domain", at: span).rawValue)] },
        completions: TDFDomain.allCases.map(\.name))

    /// Codes 1…count name categories 1…count.
    private static func identity(_ count: Int) -> [UInt8] {
        (0..<256).map { $0 <= count ? UInt8($0) : 0 }
    }

    /// The byte codes a set of typed names allows (`nil` in `values` is unknown: code 0), indexed by code.
    func allowedCodes(_ values: [String?], spans: [Range<Int>]) throws(ReviewError) -> [Bool] {
        var categories = [Bool](repeating: false, count: names.count + 1)
        for (value, span) in zip(values, spans) {
            guard let value else { categories[0] = true; continue }
            for category in try resolve(value, span) { categories[category] = true }
        }
        return categoryOfCode.map { categories[Int($0)] }
    }
}
