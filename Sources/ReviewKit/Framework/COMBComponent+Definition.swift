extension COMBComponent.Source {
    /// The published definition of the source (Michie, van Stralen & West 2011, as cited in BMC HSR 2018, doi:10.1186/s12913-018-3778-2).
    public var definition: String {
        switch self {
        case .capability: "the individual's psychological and physical capacity to engage in the activity concerned, and includes having the necessary knowledge and skills"
        case .opportunity: "all the factors that lie outside the individual that make the behaviour possible or prompt it"
        case .motivation: "all those cognitive processes that direct behaviour, including habitual processes, emotional responding, as well as analytical decision-making"
        }
    }

    /// Where the definitions come from.
    public static let definitionSource = "Michie S, van Stralen MM, West R. The behaviour change wheel: a new method for characterising and designing behaviour change interventions. Implementation Science 2011;6:42 (as cited in BMC Health Services Research 2018, doi:10.1186/s12913-018-3778-2)"
}

extension COMBComponent {
    /// A short explanation, in this project's own words, of what the component covers.
    public var summary: String {
        switch self {
        case .psychologicalCapability: "what a person knows, can think through, remember and regulate: knowledge, cognitive and interpersonal skills, attention and decisions"
        case .physicalCapability: "bodily skill, strength and stamina: being physically able to do the behaviour"
        case .physicalOpportunity: "what the environment affords: time, place, money, materials, training, organisational structures"
        case .socialOpportunity: "what other people and culture afford: support, norms, cues, power, stigma"
        case .reflectiveMotivation: "deliberate evaluation and planning: beliefs, goals, intentions, identity"
        case .automaticMotivation: "wants, emotions, impulses and habits that arise from associative learning"
        }
    }
}
