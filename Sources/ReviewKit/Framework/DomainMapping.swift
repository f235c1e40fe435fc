/// Which COM-B components each TDF domain sits under: the mapping is data, and more than one is in use.
public enum DomainMapping: String, CaseIterable, Sendable, Codable {
    /// The mapping the seed review states (Shaw et al. 2025, section 3.2): one component per domain, but
    /// Skills under both capabilities; automatic motivation is reinforcement and emotion only.
    case seed
    /// The Behaviour Change Wheel mapping (Michie, Atkins & West 2014; Atkins et al. 2017): Skills split
    /// (cognitive/interpersonal vs physical), Social/Professional Role and Identity and Optimism under both motivations.
    case standard

    /// A one-line description for `set mapping` and `explain`.
    public var summary: String {
        switch self {
        case .seed: "the seed review's mapping (Shaw et al. 2025, §3.2): automatic motivation = reinforcement, emotion"
        case .standard: "the Behaviour Change Wheel mapping (Michie, Atkins & West 2014): skills split; role/identity and optimism under both motivations"
        }
    }

    /// The domains under a component, in TDF order.
    public func domains(of component: COMBComponent) -> [TDFDomain] {
        TDFDomain.allCases.filter { components(of: $0).contains(component) }
    }

    /// The components a domain sits under (one or two).
    public func components(of domain: TDFDomain) -> [COMBComponent] {
        switch (self, domain) {
        case (_, .knowledge), (_, .memoryAttentionAndDecisionProcesses), (_, .behaviouralRegulation): [.psychologicalCapability]
        case (_, .skills): [.psychologicalCapability, .physicalCapability]
        case (_, .environmentalContextAndResources): [.physicalOpportunity]
        case (_, .socialInfluences): [.socialOpportunity]
        case (_, .beliefsAboutCapabilities), (_, .beliefsAboutConsequences), (_, .intentions), (_, .goals): [.reflectiveMotivation]
        case (_, .reinforcement), (_, .emotion): [.automaticMotivation]
        case (.seed, .socialProfessionalRoleAndIdentity), (.seed, .optimism): [.reflectiveMotivation]
        case (.standard, .socialProfessionalRoleAndIdentity), (.standard, .optimism): [.reflectiveMotivation, .automaticMotivation]
        }
    }

    /// The component a quote coded with this domain takes when none is given: the only one the domain
    /// sits under, or nil when it sits under two (then the coder must choose). `code`, `add quote` and
    /// `import quotes` all infer the component with this one function.
    public func inferredComponent(of domain: TDFDomain) -> COMBComponent? {
        let allowed = components(of: domain)
        return allowed.count == 1 ? allowed[0] : nil
    }

    /// Whether coding a quote with this component and domain agrees with the mapping.
    public func allows(_ component: COMBComponent, _ domain: TDFDomain) -> Bool {
        components(of: domain).contains(component)
    }

    /// A note on a (component, domain) pair that needs one, such as the split of Skills.
    public func qualifier(_ component: COMBComponent, _ domain: TDFDomain) -> String? {
        guard domain == .skills else { return nil }
        switch component {
        case .psychologicalCapability: return self == .standard ? "cognitive and interpersonal skills" : nil
        case .physicalCapability: return "physical skills"
        default: return nil
        }
    }
}
