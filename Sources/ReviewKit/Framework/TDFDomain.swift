/// A domain of the Theoretical Domains Framework, version 2 (Cane, O'Connor & Michie 2012).
///
/// The raw value is the domain's number in Cane et al. (2012) Table 3 and the small code the quote
/// store keeps per quote; `0` means "not coded".
public enum TDFDomain: UInt8, CaseIterable, Sendable, Codable, Comparable {
    case knowledge = 1
    case skills = 2
    case socialProfessionalRoleAndIdentity = 3
    case beliefsAboutCapabilities = 4
    case optimism = 5
    case beliefsAboutConsequences = 6
    case reinforcement = 7
    case intentions = 8
    case goals = 9
    case memoryAttentionAndDecisionProcesses = 10
    case environmentalContextAndResources = 11
    case socialInfluences = 12
    case emotion = 13
    case behaviouralRegulation = 14

    /// The canonical name (Cane et al. 2012, Table 3).
    public var name: String {
        switch self {
        case .knowledge: "Knowledge"
        case .skills: "Skills"
        case .socialProfessionalRoleAndIdentity: "Social/Professional Role and Identity"
        case .beliefsAboutCapabilities: "Beliefs about Capabilities"
        case .optimism: "Optimism"
        case .beliefsAboutConsequences: "Beliefs about Consequences"
        case .reinforcement: "Reinforcement"
        case .intentions: "Intentions"
        case .goals: "Goals"
        case .memoryAttentionAndDecisionProcesses: "Memory, Attention and Decision Processes"
        case .environmentalContextAndResources: "Environmental Context and Resources"
        case .socialInfluences: "Social Influences"
        case .emotion: "Emotion"
        case .behaviouralRegulation: "Behavioural Regulation"
        }
    }

    /// The stable identifier used in snapshots, CSV files and JSON.
    public var slug: String {
        switch self {
        case .knowledge: "knowledge"
        case .skills: "skills"
        case .socialProfessionalRoleAndIdentity: "social-professional-role-identity"
        case .beliefsAboutCapabilities: "beliefs-about-capabilities"
        case .optimism: "optimism"
        case .beliefsAboutConsequences: "beliefs-about-consequences"
        case .reinforcement: "reinforcement"
        case .intentions: "intentions"
        case .goals: "goals"
        case .memoryAttentionAndDecisionProcesses: "memory-attention-decision-processes"
        case .environmentalContextAndResources: "environmental-context-resources"
        case .socialInfluences: "social-influences"
        case .emotion: "emotion"
        case .behaviouralRegulation: "behavioural-regulation"
        }
    }

    /// A short code for narrow tables and matrix headers.
    public var abbreviation: String {
        switch self {
        case .knowledge: "Know"
        case .skills: "Skil"
        case .socialProfessionalRoleAndIdentity: "SPRI"
        case .beliefsAboutCapabilities: "BCap"
        case .optimism: "Opti"
        case .beliefsAboutConsequences: "BCon"
        case .reinforcement: "Rein"
        case .intentions: "Inte"
        case .goals: "Goal"
        case .memoryAttentionAndDecisionProcesses: "MADP"
        case .environmentalContextAndResources: "ECR"
        case .socialInfluences: "SocI"
        case .emotion: "Emot"
        case .behaviouralRegulation: "BReg"
        }
    }

    /// Other names for the domain, including every spelling the seed review and common papers use.
    public var aliases: [String] {
        switch self {
        case .knowledge: ["knowledge", "know"]
        case .skills: ["skills", "skill", "skil"]
        case .socialProfessionalRoleAndIdentity:
            ["social/professional role and identity", "social/professional role/identity", "social, professional role and identity",
             "social professional role and identity", "professional role and identity", "role and identity", "spri", "sprid", "identity"]
        case .beliefsAboutCapabilities: ["beliefs about capabilities", "beliefs about capability", "bcap", "bacap", "bac"]
        case .optimism: ["optimism", "opti"]
        case .beliefsAboutConsequences: ["beliefs about consequences", "beliefs about consequence", "bcon", "bacon"]
        case .reinforcement: ["reinforcement", "reinforcing behaviour", "reinforcing behavior", "rein"]
        case .intentions: ["intentions", "intention", "inte"]
        case .goals: ["goals", "goal"]
        case .memoryAttentionAndDecisionProcesses:
            ["memory, attention and decision processes", "memory, attention, and decision processes",
             "memory, attention, and decision-making processes", "memory, attention and decision-making processes",
             "memory attention and decision processes", "memory, attention and decision making", "madp", "memory"]
        case .environmentalContextAndResources:
            ["environmental context and resources", "environmental context & resources", "environmental context", "ecr", "environment"]
        case .socialInfluences: ["social influences", "social influence", "soci", "si"]
        case .emotion: ["emotion", "emotions", "emot"]
        case .behaviouralRegulation: ["behavioural regulation", "behavioral regulation", "behaviour regulation", "behavior regulation", "breg", "br"]
        }
    }

    /// Orders domains by their number in Cane et al. (2012).
    public static func < (lhs: TDFDomain, rhs: TDFDomain) -> Bool { lhs.rawValue < rhs.rawValue }
}
