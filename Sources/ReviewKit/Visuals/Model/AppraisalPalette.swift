/// The colours figures give CASP answers, after robvis (McGuinness & Higgins 2021).
///
/// robvis draws risk-of-bias judgements; a CASP answer is recoded to one (yes → Low, can't tell → Some
/// concerns, no → High, unanswered → No information), as a robvis-ready export must be. Colours and
/// glyphs are robvis's ("cochrane" and colour-blind sets), recorded in docs/figures/README.md with their source.
public enum AppraisalPalette: String, Sendable, CaseIterable {
    /// robvis's default ("cochrane") colours.
    case cochrane
    /// robvis's colour-blind-friendly set.
    case colourBlind = "colour-blind"

    /// The fill for an answer (nil: not answered).
    public func fill(_ answer: CASPAnswer?) -> String {
        switch (self, answer) {
        case (.cochrane, .yes): "#02C100"
        case (.cochrane, .cantTell): "#E2DF07"
        case (.cochrane, .no): "#BF0000"
        case (.cochrane, nil): "#4EA1F7"
        case (.colourBlind, .yes): "#fed98e"
        case (.colourBlind, .cantTell): "#fe9929"
        case (.colourBlind, .no): "#d95f0e"
        case (.colourBlind, nil): "#ffffff"
        }
    }
}

/// How one CASP answer is marked in every chart and figure: a robvis judgement and a glyph that
/// tells it apart without colour.
public struct AnswerMark: Sendable, Equatable {
    /// The answer (nil: not answered).
    public let answer: CASPAnswer?

    /// Creates the mark of an answer.
    public init(_ answer: CASPAnswer?) { self.answer = answer }

    /// The robvis judgement the answer is recoded to.
    public var judgement: String {
        switch answer {
        case .yes: "Low"
        case .cantTell: "Some concerns"
        case .no: "High"
        case nil: "No information"
        }
    }

    /// The answer as a reader sees it ("yes", "can't tell", "no", "not answered").
    public var name: String { answer?.name ?? "not answered" }

    /// robvis's glyph: "+", "−" (U+2212), "x", "?".
    public var glyph: String {
        switch answer {
        case .yes: "+"
        case .cantTell: "\u{2212}"
        case .no: "x"
        case nil: "?"
        }
    }

    /// The glyph in ASCII: "+", "-", "x", "?".
    public var asciiGlyph: String { answer == .cantTell ? "-" : glyph }

    /// Every mark in legend order: yes, can't tell, no, not answered.
    public static let all: [AnswerMark] = [AnswerMark(.yes), AnswerMark(.cantTell), AnswerMark(.no), AnswerMark(nil)]

    var terminalColour: TerminalColour {
        switch answer {
        case .yes: .green
        case .cantTell: .yellow
        case .no: .red
        case nil: .blue
        }
    }
}
