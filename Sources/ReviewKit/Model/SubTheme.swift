/// A sub-theme the review developed inductively within one COM-B component, TDF domain and direction.
public struct SubTheme: Sendable, Equatable, Codable, Identifiable {
    /// The stable id, a positive integer (the code shown to reviewers, "B/ECR/2", is derived: `code`).
    public var id: Int
    /// Barrier or facilitator.
    public var direction: Direction
    /// The COM-B component.
    public var component: COMBComponent
    /// The TDF domain.
    public var domain: TDFDomain
    /// The sub-theme's number within its component, domain and direction (as the review's table numbers it).
    public var number: Int
    /// The label ("Lack of resource available (i.e., training)").
    public var label: String

    /// Creates a sub-theme.
    public init(id: Int, direction: Direction, component: COMBComponent, domain: TDFDomain, number: Int, label: String) {
        self.id = id
        self.direction = direction
        self.component = component
        self.domain = domain
        self.number = number
        self.label = label
    }

    /// A readable reference such as "B/ECR/2", unique within a workspace.
    public var code: String {
        "\(direction == .barrier ? "B" : "F")/\(domain.abbreviation)/\(number)"
    }
}
