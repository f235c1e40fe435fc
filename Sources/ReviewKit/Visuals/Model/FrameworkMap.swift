/// The review's findings laid out on COM-B and the TDF, as the embedded review's summary figure (Figure 3)
/// shows them: each COM-B component with its TDF domains (under a `DomainMapping`), and in each domain the
/// barrier and facilitator sub-themes with their quote counts. Domains and components without data are kept.
public struct FrameworkMap: Sendable, Equatable {
    /// A sub-theme and how many quotes it holds.
    public struct Theme: Sendable, Equatable {
        /// The sub-theme.
        public let subTheme: SubTheme
        /// Quotes coded to it.
        public let quotes: Int
    }

    /// One TDF domain under one component.
    public struct Domain: Sendable, Equatable {
        /// The domain.
        public let domain: TDFDomain
        /// Barrier sub-themes in table order.
        public let barriers: [Theme]
        /// Facilitator sub-themes in table order.
        public let facilitators: [Theme]
        /// True when the mapping does not place this domain under the component, yet sub-themes are coded so.
        public let outsideMapping: Bool
        /// A note the mapping makes on the pair (e.g. "physical skills").
        public let qualifier: String?

        /// Whether any sub-theme is coded here.
        public var hasData: Bool { !barriers.isEmpty || !facilitators.isEmpty }
    }

    /// One COM-B component.
    public struct Component: Sendable, Equatable {
        /// The component.
        public let component: COMBComponent
        /// Its domains, mapped ones in TDF order, then any coded outside the mapping.
        public let domains: [Domain]

        /// Whether any of its domains has data.
        public var hasData: Bool { domains.contains { $0.hasData } }
    }

    /// The six components in COM-B order.
    public let components: [Component]
    /// The mapping used.
    public let mapping: DomainMapping

    /// Builds the map from the workspace's sub-themes and quotes.
    public init(workspace: Workspace, mapping: DomainMapping) {
        self.mapping = mapping
        var quotesPerTheme: [Int32: Int] = [:]
        for theme in workspace.quotes.subThemes where theme >= 0 { quotesPerTheme[theme, default: 0] += 1 }
        components = COMBComponent.allCases.map { component in
            let themes = workspace.subThemes.filter { $0.component == component }
            let mapped = mapping.domains(of: component)
            let extra = TDFDomain.allCases.filter { domain in !mapped.contains(domain) && themes.contains { $0.domain == domain } }
            let domains = (mapped + extra).map { domain in
                func list(_ direction: Direction) -> [Theme] {
                    themes.filter { $0.domain == domain && $0.direction == direction }
                        .map { Theme(subTheme: $0, quotes: quotesPerTheme[Int32(clamping: $0.id)] ?? 0) }
                }
                return Domain(domain: domain, barriers: list(.barrier), facilitators: list(.facilitator),
                              outsideMapping: !mapped.contains(domain), qualifier: mapping.qualifier(component, domain))
            }
            return Component(component: component, domains: domains)
        }
    }
}
