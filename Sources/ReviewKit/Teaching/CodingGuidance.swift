/// Advice for coders, in this project's own words: what to look for in a quote, and how to tell similar domains apart.
///
/// The advice paraphrases the published definitions (Cane, O'Connor & Michie 2012; Michie, van Stralen &
/// West 2011) and is meant to be read next to them; it is teaching text, not part of either framework.
public enum CodingGuidance {
    /// One line saying what a domain is about, used in quiz feedback and the overview.
    public static func focus(_ domain: TDFDomain) -> String {
        switch domain {
        case .knowledge: "whether someone is aware of something and understands it: a role, a procedure, a condition, the reasons behind a practice"
        case .skills: "what someone can actually do, and how well, as a result of practice: interpersonal, cognitive or physical know-how in action"
        case .socialProfessionalRoleAndIdentity: "who a person is and what their role is at work or in a group: boundaries, professional and personal identity, belonging, leadership"
        case .beliefsAboutCapabilities: "how able a person believes they are: confidence, self-efficacy, feeling competent or empowered"
        case .optimism: "a general expectation that things will (or will not) turn out well"
        case .beliefsAboutConsequences: "what a person expects to follow from doing the behaviour: gains, costs, risks, regret"
        case .reinforcement: "rewards, incentives, punishments and sanctions that follow the behaviour and make it more or less likely to happen again"
        case .intentions: "a decision or resolve to do (or stop doing) the behaviour"
        case .goals: "the outcomes or end states a person wants, and how they rank and plan towards them"
        case .memoryAttentionAndDecisionProcesses: "remembering, paying attention and choosing between options"
        case .environmentalContextAndResources: "the setting and its resources: time, money, materials, training, structures, organisational culture, events"
        case .socialInfluences: "what other people do to a person's thoughts, feelings or actions: support, pressure, norms, power, stigma, example"
        case .emotion: "feelings and emotional reactions: fear, anxiety, stress, distress, burn-out, joy"
        case .behaviouralRegulation: "ways of managing one's own behaviour: monitoring it, planning it step by step, breaking habits"
        }
    }

    /// Cues that suggest a domain, for "what to look for when coding".
    public static func cues(_ domain: TDFDomain) -> [String] {
        switch domain {
        case .knowledge:
            ["someone does or does not know that something exists, what it is or why it is done (including knowing the steps of a procedure)",
             "awareness of a role, a service, a policy, a condition or the evidence behind a practice",
             "knowledge that comes from lived experience, when the quote is about knowing or understanding rather than doing"]
        case .skills:
            ["an ability shown or lacking in practice: listening, communicating, building rapport, managing a task",
             "learning, practising or improving a skill; being assessed on it",
             "the quote describes doing something well (or badly), not merely knowing about it"]
        case .socialProfessionalRoleAndIdentity:
            ["what the role includes or excludes, and whether it is clear",
             "professional boundaries: what to share, with whom, how far to go",
             "identity: seeing oneself as a professional, a peer, a service user, or a member of a group; standing within the team"]
        case .beliefsAboutCapabilities:
            ["confidence or doubt about one's own ability to do the behaviour",
             "feeling competent, empowered or valued for what one can do; self-esteem",
             "how easy or hard the person thinks the behaviour is for them"]
        case .optimism:
            ["hope or pessimism about how things will go overall",
             "confidence that a problem will be solved or that goals will be reached, not tied to one's own ability"]
        case .beliefsAboutConsequences:
            ["expected outcomes of doing the behaviour, good or bad, for oneself or for others",
             "weighing costs against benefits; anticipated regret; 'if I do this, then…'"]
        case .reinforcement:
            ["a reward, incentive or benefit that keeps the person doing the behaviour",
             "a punishment or sanction that follows it, or the absence of any consequence",
             "the behaviour being strengthened by what it has brought, for example finding it rewarding"]
        case .intentions:
            ["a stated decision or resolve to act, to continue or to stop",
             "how firm the decision is, and whether it changes over time"]
        case .goals:
            ["what the person wants to achieve, short or long term",
             "priorities among goals; setting targets; planning actions towards a goal"]
        case .memoryAttentionAndDecisionProcesses:
            ["remembering or forgetting to act; attention drawn to or away from something",
             "making decisions, or helping others make them; mental overload or tiredness"]
        case .environmentalContextAndResources:
            ["material and organisational conditions: time, staff, money, space, materials, training on offer",
             "structures and processes such as recruitment, job descriptions, referral routes",
             "organisational culture and climate, stressful conditions, critical incidents"]
        case .socialInfluences:
            ["support or its absence from colleagues, managers, peers or family",
             "pressure, norms, conformity, comparison with others, power imbalances, stigma",
             "others as models: seeing someone else do it; being a model for others"]
        case .emotion:
            ["an emotional reaction the person has to deal with: fear, anxiety, distress, sadness, stress",
             "emotional toll and burn-out; positive or negative mood linked to the behaviour"]
        case .behaviouralRegulation:
            ["self-monitoring: keeping track of whether one has done the behaviour",
             "breaking or changing a habit; planning the steps of an action; routines that keep the behaviour going"]
        }
    }

    /// Short invented phrasings of the kind that often signal a domain (not quotes from any study).
    public static func phrasings(_ domain: TDFDomain) -> [String] {
        switch domain {
        case .knowledge: ["I didn't know there was…", "nobody told us what the role was", "I understand why we do it"]
        case .skills: ["I've got much better at listening", "I learned how to…", "I'm not good at…"]
        case .socialProfessionalRoleAndIdentity: ["that's not my job", "as a peer worker I…", "I'm still a service user too"]
        case .beliefsAboutCapabilities: ["I know I can do this", "I'm not sure I'd cope", "it's easy for me to…"]
        case .optimism: ["it'll work out in the end", "nothing is ever going to change"]
        case .beliefsAboutConsequences: ["if I tell them, they'll…", "it would only make things worse", "it's worth it because…"]
        case .reinforcement: ["it's so rewarding", "that's what keeps me coming back", "there's no penalty if you don't"]
        case .intentions: ["I've decided to…", "I'm going to keep doing it", "I won't do that again"]
        case .goals: ["what I really want is…", "my priority is…", "one day I'd love to…"]
        case .memoryAttentionAndDecisionProcesses: ["I forget to…", "there's too much to keep track of", "I had to decide whether…"]
        case .environmentalContextAndResources: ["there's no training on offer", "we don't have the time", "there was a proper interview and job description"]
        case .socialInfluences: ["my manager said not to…", "the team rallied round", "they still see us as patients"]
        case .emotion: ["it was miserable", "I felt frightened", "I was completely drained"]
        case .behaviouralRegulation: ["I keep a note of…", "I set myself a reminder", "I had to break the habit of…"]
        }
    }

    /// The domains most often confused with this one, each with how to tell them apart.
    public static func confusions(_ domain: TDFDomain) -> [(other: TDFDomain, advice: String)] {
        pairAdvice.compactMap { pair in
            if pair.a == domain { return (pair.b, pair.advice) }
            if pair.b == domain { return (pair.a, pair.advice) }
            return nil
        }
    }

    /// How to tell two domains apart, when the project has advice for that pair.
    public static func confusion(between first: TDFDomain, and second: TDFDomain) -> String? {
        pairAdvice.first { ($0.a == first && $0.b == second) || ($0.a == second && $0.b == first) }?.advice
    }

    private static let pairAdvice: [(a: TDFDomain, b: TDFDomain, advice: String)] = [
        (.knowledge, .skills,
         "Knowledge vs Skills: knowing that something exists, what it is or how it is meant to be done is Knowledge; being able to do it well, through practice, is Skills. 'I know the steps' is Knowledge; 'I've practised until I can do it' is Skills."),
        (.socialProfessionalRoleAndIdentity, .socialInfluences,
         "Social/Professional Role and Identity vs Social Influences: ask whose behaviour the quote is about. The person's own role, boundaries and sense of self point to the role and identity domain; what other people do to them (support, pressure, power, stigma) points to Social Influences. Exclusion can go either way: Shaw et al. (2025) coded being left out of the team as role and identity, and a lack of support from staff as Social Influences."),
        (.beliefsAboutCapabilities, .beliefsAboutConsequences,
         "Beliefs about Capabilities vs Beliefs about Consequences: 'can I do it?' is about capabilities; 'what will happen if I do it?' is about consequences. Both are beliefs, and the construct 'Beliefs' is listed under both domains, so decide by what the belief is about."),
        (.reinforcement, .emotion,
         "Reinforcement vs Emotion: both sit under automatic motivation. Emotion is the feeling itself, a reaction the person has to deal with; Reinforcement is a consequence that makes the behaviour more (or less) likely to be repeated. 'It was miserable' is Emotion; 'it is so rewarding that I keep going' is Reinforcement."),
        (.skills, .beliefsAboutCapabilities,
         "Skills vs Beliefs about Capabilities: Skills is the ability itself; Beliefs about Capabilities is the person's confidence in it. 'I listen well' describes a skill; 'I feel confident I can do this job' describes a belief."),
        (.beliefsAboutConsequences, .reinforcement,
         "Beliefs about Consequences vs Reinforcement: an expected outcome ('if I do this, I'll burn out') is a belief about consequences; a reward or sanction that has followed the behaviour and shapes whether it is repeated is Reinforcement. The construct 'Consequents' is listed under both."),
        (.beliefsAboutConsequences, .emotion,
         "Beliefs about Consequences vs Emotion: fear of an outcome can be either. If the quote is mainly about what the person expects to happen, code the belief; if it is mainly about the feeling and coping with it, code Emotion."),
        (.beliefsAboutCapabilities, .optimism,
         "Beliefs about Capabilities vs Optimism: confidence in one's own ability is a belief about capabilities; confidence that things in general will turn out well is Optimism."),
        (.intentions, .goals,
         "Intentions vs Goals: an intention is a decision to do a particular behaviour; a goal is an outcome the person wants to reach. 'I've decided to carry on' is an intention; 'I want peer groups across the country' is a goal."),
        (.goals, .behaviouralRegulation,
         "Goals vs Behavioural Regulation: 'Action planning' is listed under both. Wanting and prioritising an outcome is Goals; the practical means of managing one's own behaviour (monitoring, reminders, breaking habits) is Behavioural Regulation."),
        (.knowledge, .memoryAttentionAndDecisionProcesses,
         "Knowledge vs Memory, Attention and Decision Processes: not knowing something is Knowledge; knowing it but forgetting, not noticing or struggling to choose at the moment of action is Memory, Attention and Decision Processes."),
        (.environmentalContextAndResources, .socialInfluences,
         "Environmental Context and Resources vs Social Influences: resources, structures and organisational culture are part of the environment (physical opportunity); what particular people say and do is Social Influences (social opportunity)."),
        (.socialProfessionalRoleAndIdentity, .beliefsAboutCapabilities,
         "Social/Professional Role and Identity vs Beliefs about Capabilities: 'Professional confidence' is listed under both. Confidence tied to one's role and standing points to role and identity; confidence in one's ability to do the task points to Beliefs about Capabilities."),
    ]

    /// What to look for when a quote may belong to a COM-B component.
    public static func cues(_ component: COMBComponent) -> [String] {
        switch component {
        case .psychologicalCapability:
            ["the factor is inside the person's mind: what they know, understand, remember, attend to or can do mentally and interpersonally",
             "ask: could this person do it, mentally, if they wanted to and had the chance?"]
        case .physicalCapability:
            ["the factor is the body: strength, stamina, dexterity, physical skills",
             "interview studies of professional roles seldom report it, so check that a 'skill' in the quote is really bodily before choosing this"]
        case .physicalOpportunity:
            ["the factor is outside the person and is not a person: time, money, materials, place, training on offer, organisational structures and culture",
             "ask: does the setting make the behaviour possible, easy or hard?"]
        case .socialOpportunity:
            ["the factor is other people: support, norms, pressure, power, stigma, role models",
             "ask: do the people around make the behaviour possible, expected or frowned on?"]
        case .reflectiveMotivation:
            ["deliberate thinking that directs behaviour: beliefs about what one can do and what will follow, goals, plans, intentions, one's role and identity",
             "the person weighs, evaluates or decides"]
        case .automaticMotivation:
            ["drives that work without deliberate thought: feelings, impulses, habits, and the pull of rewards",
             "the person is moved rather than persuaded"]
        }
    }

    /// How to tell a component from the one most often confused with it.
    public static func contrast(_ component: COMBComponent) -> String {
        switch component {
        case .psychologicalCapability, .physicalCapability:
            "Psychological vs physical capability: mental and interpersonal capacity (knowing, thinking, listening, communicating) is psychological; bodily capacity is physical. Most skills in interview data are psychological."
        case .physicalOpportunity, .socialOpportunity:
            "Physical vs social opportunity: both are outside the person. Things, time, money and structures are physical; people and the norms they carry are social."
        case .reflectiveMotivation, .automaticMotivation:
            "Reflective vs automatic motivation: weighing, believing, planning and deciding are reflective; feelings, habits and rewards that act without reflection are automatic."
        }
    }

    /// What a reviewer should look for in a study report when answering a CASP question (1–10).
    public static func caspAdvice(_ question: Int) -> [String] {
        switch question {
        case 1: ["a plain statement of what the study set out to find out", "why the question matters, and to whom"]
        case 2: ["whether the question is about experiences, meanings or processes, which interviews and observation suit better than measurement"]
        case 3: ["whether the authors say why they chose their design (for example interviews rather than focus groups, or a named approach) and how it fits the aim"]
        case 4: ["how participants were found and chosen, and why those people could speak to the aim", "who declined or dropped out, and whether that is discussed"]
        case 5: ["where and how data were gathered, and why that way", "how talk was recorded (audio, transcripts, notes) and whether the methods changed during the study", "whether the authors discuss having enough data (for example saturation)"]
        case 6: ["whether the researchers reflect on their own position: how their background, assumptions and relationship with participants could shape the questions, the data and the analysis"]
        case 7: ["ethical approval, informed consent and confidentiality", "how sensitive issues raised during the study were handled"]
        case 8: ["a clear account of how the analysis was done and how themes were reached", "enough data shown to support the findings; contradictory cases considered", "whether the researchers examine their own role in the analysis"]
        case 9: ["findings stated explicitly and tied to the aim", "whether evidence for and against is discussed, and how credibility was checked (more than one analyst, participant checking, triangulation)"]
        case 10: ["what the study adds to what was known, and for whom", "whether the authors discuss how far the findings transfer to other settings, and what research should follow"]
        default: []
        }
    }
}
