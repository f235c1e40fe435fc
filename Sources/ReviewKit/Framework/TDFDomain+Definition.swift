extension TDFDomain {
    /// The published definition (Cane, O'Connor & Michie 2012, Table 3).
    public var definition: String {
        switch self {
        case .knowledge: "An awareness of the existence of something"
        case .skills: "An ability or proficiency acquired through practice"
        case .socialProfessionalRoleAndIdentity: "A coherent set of behaviours and displayed personal qualities of an individual in a social or work setting"
        case .beliefsAboutCapabilities: "Acceptance of the truth, reality, or validity about an ability, talent, or facility that a person can put to constructive use"
        case .optimism: "The confidence that things will happen for the best or that desired goals will be attained"
        case .beliefsAboutConsequences: "Acceptance of the truth, reality, or validity about outcomes of a behaviour in a given situation"
        case .reinforcement: "Increasing the probability of a response by arranging a dependent relationship, or contingency, between the response and a given stimulus"
        case .intentions: "A conscious decision to perform a behaviour or a resolve to act in a certain way"
        case .goals: "Mental representations of outcomes or end states that an individual wants to achieve"
        case .memoryAttentionAndDecisionProcesses: "The ability to retain information, focus selectively on aspects of the environment and choose between two or more alternatives"
        case .environmentalContextAndResources: "Any circumstance of a person's situation or environment that discourages or encourages the development of skills and abilities, independence, social competence, and adaptive behaviour"
        case .socialInfluences: "Those interpersonal processes that can cause individuals to change their thoughts, feelings, or behaviours"
        case .emotion: "A complex reaction pattern, involving experiential, behavioural, and physiological elements, by which the individual attempts to deal with a personally significant matter or event"
        case .behaviouralRegulation: "Anything aimed at managing or changing objectively observed or measured actions"
        }
    }

    /// Where the definition comes from.
    public static let definitionSource = "Cane J, O'Connor D, Michie S. Validation of the theoretical domains framework for use in behaviour change and implementation research. Implementation Science 2012;7:37. doi:10.1186/1748-5908-7-37 (Table 3)"

    /// Where the construct list and its numbering 1–84 come from.
    public static let constructSource = "Cane et al. 2012, Table 3, as numbered 1–84 in BMC Health Services Research 2020 (doi:10.1186/s12913-020-4890-7), Table 3"

    /// The theoretical constructs the domain groups (TDF v2: 84 across the 14 domains; some names recur in two domains).
    public var constructs: [String] {
        switch self {
        case .knowledge: ["Knowledge (including knowledge of condition/scientific rationale)", "Procedural knowledge", "Knowledge of task environment"]
        case .skills: ["Skills", "Skills development", "Competence", "Ability", "Interpersonal skills", "Practice", "Skill assessment"]
        case .socialProfessionalRoleAndIdentity: ["Professional identity", "Professional role", "Social identity", "Identity", "Professional boundaries", "Professional confidence", "Group identity", "Leadership", "Organisational commitment"]
        case .beliefsAboutCapabilities: ["Self-confidence", "Perceived competence", "Self-efficacy", "Perceived behavioural control", "Beliefs", "Self-esteem", "Empowerment", "Professional confidence"]
        case .optimism: ["Optimism", "Pessimism", "Unrealistic optimism", "Identity"]
        case .beliefsAboutConsequences: ["Beliefs", "Outcome expectancies", "Characteristics of outcome expectancies", "Anticipated regret", "Consequents"]
        case .reinforcement: ["Rewards (proximal/distal, valued/not valued, probable/improbable)", "Incentives", "Punishment", "Consequents", "Reinforcement", "Contingencies", "Sanctions"]
        case .intentions: ["Stability of intentions", "Stages of change model", "Transtheoretical model and stages of change"]
        case .goals: ["Goals (distal/proximal)", "Goal priority", "Goal/target setting", "Goals (autonomous/controlled)", "Action planning", "Implementation intention"]
        case .memoryAttentionAndDecisionProcesses: ["Memory", "Attention", "Attention control", "Decision making", "Cognitive overload/tiredness"]
        case .environmentalContextAndResources: ["Environmental stressors", "Resources/material resources", "Organisational culture/climate", "Salient events/critical incidents", "Person x environment interaction", "Barriers and facilitators"]
        case .socialInfluences: ["Social pressure", "Social norms", "Group conformity", "Social comparisons", "Group norms", "Social support", "Power", "Intergroup conflict", "Alienation", "Group identity", "Modelling"]
        case .emotion: ["Fear", "Anxiety", "Affect", "Stress", "Depression", "Positive/negative affect", "Burn-out"]
        case .behaviouralRegulation: ["Self-monitoring", "Breaking habit", "Action planning"]
        }
    }

    /// Constructs of this domain whose name also stands in another domain, with that domain.
    public var sharedConstructs: [(construct: String, otherDomain: TDFDomain)] {
        constructs.flatMap { construct in
            TDFDomain.allCases.filter { $0 != self && $0.constructs.contains(construct) }.map { (construct, $0) }
        }
    }

    /// A typical interview prompt for the domain (Michie 2005 / Atkins 2017 style), where one is documented.
    public var interviewPrompt: String? {
        switch self {
        case .knowledge: "Do you know about x?"
        case .skills: "Do you know how to do x?"
        case .memoryAttentionAndDecisionProcesses: "Is x something you usually do?"
        case .beliefsAboutCapabilities: "How difficult or easy is it for you to do x?"
        case .optimism: "How confident are you that the problem of implementing x will be solved?"
        case .beliefsAboutConsequences: "What do you think will happen if you do x?"
        case .emotion: "Does x evoke an emotional response?"
        case .socialInfluences: "Will they observe others doing x?"
        case .behaviouralRegulation: "What preparatory steps are needed to do x?"
        default: nil
        }
    }
}
