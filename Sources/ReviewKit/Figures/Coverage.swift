/// How the coded material spreads over COM-B, the TDF and direction: counts of sub-themes and quotes.
public struct Coverage: Sendable {
    /// One (component, domain, direction) cell with data.
    public struct Cell: Sendable, Equatable {
        /// The COM-B component.
        public let component: COMBComponent
        /// The TDF domain.
        public let domain: TDFDomain
        /// Barrier or facilitator.
        public let direction: Direction
        /// Sub-themes in the cell.
        public let subThemes: Int
        /// Quotes in the cell.
        public let quotes: Int
    }

    /// Cells with at least one sub-theme or quote, in COM-B, TDF, direction order.
    public let cells: [Cell]
    /// Quotes not (fully) coded.
    public let uncodedQuotes: Int
    /// Quote counts per domain (index = domain raw value).
    public let quotesPerDomain: [Int]
    /// Quote counts per component (index = component raw value).
    public let quotesPerComponent: [Int]
    /// Sub-theme counts per domain.
    public let subThemesPerDomain: [Int]
    /// Sub-theme counts per component.
    public let subThemesPerComponent: [Int]

    /// Counts the workspace's coding.
    public init(workspace: Workspace) {
        let q = workspace.quotes
        var quoteCells = [Int](repeating: 0, count: 7 * 15 * 3)
        var uncoded = 0
        for row in 0..<q.count {
            let c = Int(q.components[row]), d = Int(q.domains[row]), r = Int(q.directions[row])
            if c == 0 || d == 0 || r == 0 { uncoded += 1; continue }
            quoteCells[(c * 15 + d) * 3 + r] += 1
        }
        var themeCells = [Int](repeating: 0, count: 7 * 15 * 3)
        for theme in workspace.subThemes {
            themeCells[(Int(theme.component.rawValue) * 15 + Int(theme.domain.rawValue)) * 3 + Int(theme.direction.rawValue)] += 1
        }
        var cells: [Cell] = []
        var perDomain = [Int](repeating: 0, count: 15), perComponent = [Int](repeating: 0, count: 7)
        var themesDomain = [Int](repeating: 0, count: 15), themesComponent = [Int](repeating: 0, count: 7)
        for component in COMBComponent.allCases {
            for domain in TDFDomain.allCases {
                for direction in Direction.allCases {
                    let index = (Int(component.rawValue) * 15 + Int(domain.rawValue)) * 3 + Int(direction.rawValue)
                    let quotes = quoteCells[index], themes = themeCells[index]
                    perDomain[Int(domain.rawValue)] += quotes
                    perComponent[Int(component.rawValue)] += quotes
                    themesDomain[Int(domain.rawValue)] += themes
                    themesComponent[Int(component.rawValue)] += themes
                    if quotes > 0 || themes > 0 {
                        cells.append(Cell(component: component, domain: domain, direction: direction, subThemes: themes, quotes: quotes))
                    }
                }
            }
        }
        self.cells = cells
        uncodedQuotes = uncoded
        quotesPerDomain = perDomain
        quotesPerComponent = perComponent
        subThemesPerDomain = themesDomain
        subThemesPerComponent = themesComponent
    }

    /// Domains with no quotes and no sub-themes.
    public var domainsWithoutData: [TDFDomain] {
        TDFDomain.allCases.filter { quotesPerDomain[Int($0.rawValue)] == 0 && subThemesPerDomain[Int($0.rawValue)] == 0 }
    }

    /// Components with no quotes and no sub-themes.
    public var componentsWithoutData: [COMBComponent] {
        COMBComponent.allCases.filter { quotesPerComponent[Int($0.rawValue)] == 0 && subThemesPerComponent[Int($0.rawValue)] == 0 }
    }

    /// Domains with data.
    public var domainsWithData: [TDFDomain] { TDFDomain.allCases.filter { !domainsWithoutData.contains($0) } }

    /// Quote or sub-theme count for a (component, domain, direction) cell.
    public func count(_ component: COMBComponent, _ domain: TDFDomain, _ direction: Direction? = nil, subThemes: Bool = false) -> Int {
        cells.filter { $0.component == component && $0.domain == domain && (direction == nil || $0.direction == direction) }
            .reduce(0) { $0 + (subThemes ? $1.subThemes : $1.quotes) }
    }
}
