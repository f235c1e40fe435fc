/// A component of the COM-B model (Michie, van Stralen & West 2011).
///
/// The raw value is the small code the quote store keeps per quote; `0` means "not coded".
public enum COMBComponent: UInt8, CaseIterable, Sendable, Codable, Comparable {
    case psychologicalCapability = 1
    case physicalCapability = 2
    case physicalOpportunity = 3
    case socialOpportunity = 4
    case reflectiveMotivation = 5
    case automaticMotivation = 6

    /// The three top-level sources of behaviour a component belongs to.
    public enum Source: String, CaseIterable, Sendable {
        case capability, opportunity, motivation

        /// The display name, e.g. "Capability".
        public var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        /// The two components of this source.
        public var components: [COMBComponent] {
            COMBComponent.allCases.filter { $0.source == self }
        }
    }

    /// The display name, as a review table prints it ("Psychological capability").
    public var name: String {
        switch self {
        case .psychologicalCapability: "Psychological capability"
        case .physicalCapability: "Physical capability"
        case .physicalOpportunity: "Physical opportunity"
        case .socialOpportunity: "Social opportunity"
        case .reflectiveMotivation: "Reflective motivation"
        case .automaticMotivation: "Automatic motivation"
        }
    }

    /// The stable identifier used in snapshots, CSV files and JSON.
    public var slug: String {
        switch self {
        case .psychologicalCapability: "psychological-capability"
        case .physicalCapability: "physical-capability"
        case .physicalOpportunity: "physical-opportunity"
        case .socialOpportunity: "social-opportunity"
        case .reflectiveMotivation: "reflective-motivation"
        case .automaticMotivation: "automatic-motivation"
        }
    }

    /// A short code for narrow tables ("PsyC", "PhyO", …).
    public var abbreviation: String {
        switch self {
        case .psychologicalCapability: "C-psy"
        case .physicalCapability: "C-phy"
        case .physicalOpportunity: "O-phy"
        case .socialOpportunity: "O-soc"
        case .reflectiveMotivation: "M-ref"
        case .automaticMotivation: "M-aut"
        }
    }

    /// The top-level source (capability, opportunity or motivation).
    public var source: Source {
        switch self {
        case .psychologicalCapability, .physicalCapability: .capability
        case .physicalOpportunity, .socialOpportunity: .opportunity
        case .reflectiveMotivation, .automaticMotivation: .motivation
        }
    }

    /// Other names a reviewer may type for this component (matched case- and accent-insensitively).
    public var aliases: [String] {
        switch self {
        case .psychologicalCapability: ["psychological capability", "capability psychological", "psychological", "psych capability", "c-psy", "cpsy"]
        case .physicalCapability: ["physical capability", "capability physical", "c-phy", "cphy"]
        case .physicalOpportunity: ["physical opportunity", "physical opportunities", "opportunity physical", "o-phy", "ophy"]
        case .socialOpportunity: ["social opportunity", "social opportunities", "opportunity social", "social", "o-soc", "osoc"]
        case .reflectiveMotivation: ["reflective motivation", "motivation reflective", "reflective", "m-ref", "mref"]
        case .automaticMotivation: ["automatic motivation", "motivation automatic", "automatic", "m-aut", "maut"]
        }
    }

    /// Orders components as the COM-B model lists them.
    public static func < (lhs: COMBComponent, rhs: COMBComponent) -> Bool { lhs.rawValue < rhs.rawValue }
}
