/// The framework catalogue: COM-B components, TDF domains and directions, with name resolution.
public enum Framework {
    /// Resolves component names, including the top-level sources ("capability" means both capabilities).
    public static let components = NameMatcher<COMBComponent>(
        COMBComponent.allCases.map { ($0.name, $0.aliases + [$0.slug], $0) }
    )

    /// Resolves TDF domain names and every alias the seed and common papers use.
    public static let domains = NameMatcher<TDFDomain>(
        TDFDomain.allCases.map { ($0.name, $0.aliases + [$0.slug], $0) }
    )

    /// Resolves "barrier" / "facilitator" and their short forms.
    public static let directions = NameMatcher<Direction>(
        Direction.allCases.map { ($0.name, $0.aliases, $0) }
    )

    /// Resolves the top-level COM-B sources.
    public static let sources = NameMatcher<COMBComponent.Source>(
        COMBComponent.Source.allCases.map { ($0.name, [$0.rawValue + "s"], $0) }
    )
}
