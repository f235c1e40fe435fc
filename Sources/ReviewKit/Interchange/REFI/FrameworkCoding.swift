/// A quote's coding in the review's framework, any part of which may be missing: what one coder applied
/// to one passage, or what a code of a codebook means.
public struct FrameworkCoding: Sendable, Equatable, Hashable, Codable {
    /// Barrier or facilitator.
    public var direction: Direction?
    /// The COM-B component.
    public var component: COMBComponent?
    /// The TDF domain.
    public var domain: TDFDomain?
    /// The sub-theme id (in the workspace the coding belongs to).
    public var subTheme: Int?

    /// Creates a coding.
    public init(direction: Direction? = nil, component: COMBComponent? = nil, domain: TDFDomain? = nil, subTheme: Int? = nil) {
        self.direction = direction
        self.component = component
        self.domain = domain
        self.subTheme = subTheme
    }

    /// The coding a quote holds.
    public init(_ quote: Quote) {
        self.init(direction: quote.direction, component: quote.component, domain: quote.domain, subTheme: quote.subTheme)
    }

    /// A reviewer's (or the consensus) coding.
    public init(_ coding: ReviewerCoding) {
        self.init(direction: coding.direction, component: coding.component, domain: coding.domain, subTheme: coding.subTheme)
    }

    /// Whether nothing is coded.
    public var isEmpty: Bool { direction == nil && component == nil && domain == nil && subTheme == nil }

    /// The two codings combined, or nil when they disagree on a part both have.
    public func merged(with other: FrameworkCoding) -> FrameworkCoding? {
        func pick<T: Equatable>(_ a: T?, _ b: T?) -> (T?, Bool) {
            guard let a else { return (b, true) }
            guard let b else { return (a, true) }
            return (a, a == b)
        }
        let (direction, d) = pick(direction, other.direction)
        let (component, c) = pick(component, other.component)
        let (domain, t) = pick(domain, other.domain)
        let (subTheme, s) = pick(subTheme, other.subTheme)
        guard d, c, t, s else { return nil }
        return FrameworkCoding(direction: direction, component: component, domain: domain, subTheme: subTheme)
    }

    /// This coding on a quote (text, study and citation kept).
    public func applied(to quote: Quote) -> Quote {
        var quote = quote
        quote.direction = direction
        quote.component = component
        quote.domain = domain
        quote.subTheme = subTheme
        return quote
    }

    /// A short readable form: "barrier / Psychological capability / Knowledge / sub-theme 3".
    public var summary: String {
        let parts = [direction?.slug, component?.name, domain?.name, subTheme.map { "sub-theme \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "uncoded" : parts.joined(separator: " / ")
    }
}
