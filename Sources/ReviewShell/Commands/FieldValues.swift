import ReviewKit

/// A sortable, displayable value of a field for one quote or study.
enum FieldValue: Comparable, Hashable {
    case missing
    case number(Double)
    case text(String, key: String)

    var display: String {
        switch self {
        case .missing: "—"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .text(let text, _): text
        }
    }

    var resultValue: ResultValue {
        switch self {
        case .missing: .missing
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value, decimals: 1)
        case .text(let text, _): .text(text)
        }
    }

    static func text(_ text: String?) -> FieldValue {
        guard let text, !text.isEmpty else { return .missing }
        return .text(text, key: TextFolding.fold(text))
    }

    static func < (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing): false
        case (.missing, _): false  // unknown sorts last
        case (_, .missing): true
        case (.number(let a), .number(let b)): a < b
        case (.number, .text): true
        case (.text, .number): false
        case (.text(_, let a), .text(_, let b)): a < b
        }
    }
}

/// Reads field values of quotes and studies for sorting and grouping.
struct FieldReader {
    let context: QueryContext
    var workspace: Workspace { context.workspace }
    var engine: QueryEngine { QueryEngine(context) }

    /// A quote field's value at a store row; codes sort in framework order.
    func quoteValue(_ field: Field, viaStudy: Bool, row: Int) -> FieldValue {
        let q = workspace.quotes
        if viaStudy {
            let study = q.studies[row]
            return study < 0 ? .missing : studyValue(field, index: Int(study))
        }
        switch field.name {
        case "id": return .number(Double(q.ids[row]))
        case "text": return .text(q.texts[row])
        case "direction": return code(Direction(rawValue: q.directions[row]).map { ($0.rawValue, $0.name) })
        case "component": return code(COMBComponent(rawValue: q.components[row]).map { ($0.rawValue, $0.name) })
        case "source": return code(COMBComponent(rawValue: q.components[row]).map { (UInt8(COMBComponent.Source.allCases.firstIndex(of: $0.source)!), $0.source.name) })
        case "domain": return code(TDFDomain(rawValue: q.domains[row]).map { ($0.rawValue, $0.name) })
        case "subtheme":
            let id = q.subThemes[row]
            guard id >= 0, let theme = workspace.subTheme(Int(id)) else { return .missing }
            return .text(theme.code + " " + theme.label, key: String(format6(workspace.subThemes.firstIndex(of: theme)!)))
        case "study":
            let study = q.studies[row]
            guard study >= 0 else { return .missing }
            let s = workspace.studies[Int(study)]
            return .text("\(s.id) \(s.label)", key: format6(Int(study)))
        case "reference": return q.references[row] < 0 ? .missing : .number(Double(q.references[row]))
        case "page": return .text(q.pages[row])
        default: return .missing
        }
    }

    /// A study field's value.
    func studyValue(_ field: Field, index: Int) -> FieldValue {
        switch field.kind {
        case .integer, .number, .answer:
            return engine.studyNumber(field.name, index).map(FieldValue.number) ?? .missing
        case .band:
            guard let name = context.bandName(ofStudy: index) else { return .missing }
            let position = context.bands.bands.firstIndex { $0.name == name } ?? context.bands.bands.count
            return .text(name, key: format6(position))
        default:
            if field.name == "id" { return .text(workspace.studies[index].id, key: format6(index)) }
            return .text(engine.studyText(field.name, index))
        }
    }

    private func code(_ value: (UInt8, String)?) -> FieldValue {
        guard let value else { return .missing }
        return .text(value.1, key: format6(Int(value.0)))
    }

    private func format6(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
