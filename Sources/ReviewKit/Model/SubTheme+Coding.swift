/// The sub-theme coding rule, in one place: a quote under a sub-theme carries the sub-theme's direction,
/// COM-B component and TDF domain. Workspace changes, bulk loading, CSV import and the editing commands all
/// check it here.
extension SubTheme {
    /// Whether a coding is this sub-theme's.
    public func fits(direction: Direction?, component: COMBComponent?, domain: TDFDomain?) -> Bool {
        direction == self.direction && component == self.component && domain == self.domain
    }

    /// The first coding field a given value contradicts, with the sub-theme's value for it ("component",
    /// "Psychological capability"); nil when every given value agrees (nil values are not given).
    public func conflict(direction: Direction?, component: COMBComponent?, domain: TDFDomain?) -> (field: String, expected: String)? {
        if let direction, direction != self.direction { return ("direction", self.direction.slug) }
        if let component, component != self.component { return ("component", self.component.name) }
        if let domain, domain != self.domain { return ("domain", self.domain.name) }
        return nil
    }

    /// The error for a quote whose coding is not this sub-theme's.
    public func codingMismatch(quoteID: Int) -> ReviewError {
        ReviewError(.conflict, "quote Q\(quoteID)'s coding does not match its sub-theme \(code) (\(direction.slug), \(component.name), \(domain.name))")
    }
}
