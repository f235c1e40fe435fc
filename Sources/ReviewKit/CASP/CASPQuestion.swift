/// One of the ten questions of the CASP Qualitative Studies Checklist (Critical Appraisal Skills Programme, 2018).
public struct CASPQuestion: Sendable, Equatable, Identifiable {
    /// The question number, 1–10.
    public let id: Int
    /// The headline wording of the 2018 form.
    public let text: String
    /// A short label for narrow tables.
    public let shortLabel: String
    /// The checklist section: A (are the results valid?), B (what are the results?), C (will the results help locally?).
    public let section: Character
    /// The hint printed under the question, where it could be checked against the form.
    public let hint: String?

    /// Whether this is a screening question (Q1–2: "is it worth continuing?").
    public var isScreening: Bool { id <= 2 }

    /// The ten questions, in order.
    public static let all: [CASPQuestion] = [
        .init(id: 1, text: "Was there a clear statement of the aims of the research?", shortLabel: "aims", section: "A",
              hint: "What was the goal of the research? Why it was thought important? Its relevance."),
        .init(id: 2, text: "Is a qualitative methodology appropriate?", shortLabel: "methodology", section: "A",
              hint: "If the research seeks to interpret or illuminate the actions and/or subjective experiences of research participants. Is qualitative research the right methodology for addressing the research goal?"),
        .init(id: 3, text: "Was the research design appropriate to address the aims of the research?", shortLabel: "design", section: "A", hint: nil),
        .init(id: 4, text: "Was the recruitment strategy appropriate to the aims of the research?", shortLabel: "recruitment", section: "A", hint: nil),
        .init(id: 5, text: "Was the data collected in a way that addressed the research issue?", shortLabel: "data collection", section: "A", hint: nil),
        .init(id: 6, text: "Has the relationship between researcher and participants been adequately considered?", shortLabel: "reflexivity", section: "A",
              hint: "If the researcher critically examined their own role, potential bias and influence during (a) formulation of the research questions (b) data collection, including sample recruitment and choice of location; how the researcher responded to events during the study and whether they considered the implications of any changes in the research design."),
        .init(id: 7, text: "Have ethical issues been taken into consideration?", shortLabel: "ethics", section: "B", hint: nil),
        .init(id: 8, text: "Was the data analysis sufficiently rigorous?", shortLabel: "analysis", section: "B", hint: nil),
        .init(id: 9, text: "Is there a clear statement of findings?", shortLabel: "findings", section: "B", hint: nil),
        .init(id: 10, text: "How valuable is the research?", shortLabel: "value", section: "C", hint: nil),
    ]

    /// The citation CASP asks for.
    public static let source = "Critical Appraisal Skills Programme (2018). CASP Qualitative Checklist. Licence CC BY-NC-SA."
}
