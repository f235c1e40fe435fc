/// A field as a query names it: a field of the subject, or (from a quote) a field of the quote's study.
public struct FieldReference: Sendable, Hashable {
    /// The field.
    public let field: Field
    /// Whether a quote query reaches a study field through the quote's study (`study.casp`).
    public let viaStudy: Bool

    /// Refers to a field, directly or through the quote's study.
    public init(_ field: Field, viaStudy: Bool = false) {
        self.field = field
        self.viaStudy = viaStudy
    }

    /// The name as typed in full ("domain", "study.casp").
    public var name: String { (viaStudy ? "study." : "") + field.name }

    /// The stable snake_case key of a result column for it ("domain", "study_casp").
    public var key: String { (viaStudy ? "study_" : "") + field.key }
}

extension Field {
    /// The fields of a subject, in `help fields` order.
    public static func fields(of subject: Subject) -> [Field] { subject == .quote ? quoteFields : studyFields }

    /// Looks up a field by name or alias for a subject; quote queries also accept `study.NAME`.
    public static func named(_ name: String, for subject: Subject) -> FieldReference? {
        let key = name.lowercased()
        if subject == .quote, key.hasPrefix("study.") {
            let rest = String(key.dropFirst(6))
            return studyFields.first { $0.isNamed(rest) }.map { FieldReference($0, viaStudy: true) }
        }
        return fields(of: subject).first { $0.isNamed(key) }.map { FieldReference($0) }
    }

    /// Every name a subject's queries accept, for completion and suggestions.
    public static func names(for subject: Subject) -> [String] {
        subject == .quote ? quoteFields.map(\.name) + studyFields.map { "study." + $0.name } : studyFields.map(\.name)
    }

    /// `help fields`: every field with its one-line description, quote fields first.
    public static var helpText: String {
        var text = "Quote fields (quotes, themes, matrix where …):\n"
        for field in quoteFields { text += "  " + padded(field.name, 10) + "  " + field.summary + "\n" }
        text += "  study.FIELD   any study field below, for the quote's study\n\nStudy fields (studies where …):\n"
        for field in studyFields { text += "  " + padded(field.name, 12) + "  " + field.summary + "\n" }
        return text
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
