import Foundation

/// Writes the CSV tables of `CSVTableKind`, in the columns `CSVImport` reads back (export → import → equal).
///
/// Values: studies and sub-themes by id; directions as `barrier`/`facilitator`; components and domains by
/// display name ("Psychological capability", "Environmental Context and Resources"); answers as `yes`,
/// `can't tell`, `no`; quote ids as `Q12`; a quote's sub-theme by its code (`B/ECR/2`), or by its label or
/// id when the code is shared; unknown values as empty cells.
public enum CSVExport {
    /// The CSV bytes of one table; `byteOrderMark` adds the BOM Excel needs to read UTF-8.
    public static func encode(_ kind: CSVTableKind, workspace: Workspace, byteOrderMark: Bool = false,
                              progress: ((Double) -> Void)? = nil) -> [UInt8] {
        var writer = CSV.Writer(byteOrderMark: byteOrderMark,
                                capacity: kind == .quotes ? workspace.quotes.textByteCount + workspace.quotes.count * 96 : 64 * 1024)
        writer.row(kind.columns)
        switch kind {
        case .studies:
            for study in workspace.studies {
                writer.row([study.id, study.label, text(study.reference), text(study.year), study.country ?? "", study.design ?? "",
                            study.dataCollection ?? "", study.analysis ?? "", text(study.participants)])
            }
        case .appraisals:
            for appraisal in workspace.appraisals {
                writer.row([appraisal.studyID, appraisal.reviewer] + appraisal.answers.map { $0?.name ?? "" })
            }
        case .subthemes:
            for theme in workspace.subThemes {
                writer.row([String(theme.id), theme.direction.slug, theme.component.name, theme.domain.name, String(theme.number), theme.label])
            }
        case .quotes:
            let references = subThemeReferences(workspace)
            let q = workspace.quotes
            let studyIDs = workspace.studies.map(\.id)
            let step = max(1, q.count / 100)
            var fields = [String](repeating: "", count: 9)
            for row in 0..<q.count {
                fields[0] = "Q\(q.ids[row])"
                fields[1] = q.text(atRow: row)
                fields[2] = Direction(rawValue: q.directions[row])?.slug ?? ""
                fields[3] = COMBComponent(rawValue: q.components[row])?.name ?? ""
                fields[4] = TDFDomain(rawValue: q.domains[row])?.name ?? ""
                fields[5] = q.subThemes[row] >= 0 ? references[Int(q.subThemes[row])] ?? String(q.subThemes[row]) : ""
                fields[6] = q.studies[row] >= 0 ? studyIDs[Int(q.studies[row])] : ""
                fields[7] = q.references[row] >= 0 ? String(q.references[row]) : ""
                fields[8] = q.pages[row]
                writer.row(fields)
                if let progress, row % step == step - 1 { progress(Double(row + 1) / Double(q.count)) }
            }
        }
        progress?(1)
        return writer.bytes
    }

    /// Writes one table to `url` atomically.
    public static func write(_ kind: CSVTableKind, workspace: Workspace, to url: URL, byteOrderMark: Bool = false,
                             progress: ((Double) -> Void)? = nil) throws(FileError) {
        let bytes = encode(kind, workspace: workspace, byteOrderMark: byteOrderMark, progress: progress.map { report in { report(0.7 * $0) } })
        try AtomicFile.write(bytes, to: url, progress: progress.map { report in { report(0.7 + 0.3 * $0) } })
    }

    /// Writes all four tables (`studies.csv`, `appraisals.csv`, `subthemes.csv`, `quotes.csv`) into a directory.
    public static func writeAll(workspace: Workspace, to directory: URL, byteOrderMark: Bool = false) throws(FileError) {
        for kind in CSVTableKind.allCases {
            try write(kind, workspace: workspace, to: directory.appendingPathComponent(kind.fileName), byteOrderMark: byteOrderMark)
        }
    }

    /// How quotes.csv names each sub-theme: its code when unique, else its label when unique, else its id.
    static func subThemeReferences(_ workspace: Workspace) -> [Int: String] {
        var codeCounts: [String: Int] = [:], labelCounts: [String: Int] = [:]
        for theme in workspace.subThemes {
            codeCounts[theme.code.lowercased(), default: 0] += 1
            labelCounts[TextFolding.nameKey(theme.label), default: 0] += 1
        }
        var names: [Int: String] = [:]
        for theme in workspace.subThemes {
            if codeCounts[theme.code.lowercased()] == 1 {
                names[theme.id] = theme.code
            } else if labelCounts[TextFolding.nameKey(theme.label)] == 1, codeCounts[TextFolding.nameKey(theme.label)] == nil,
                      Int(theme.label.trimmingCharacters(in: .whitespaces)) == nil,
                      theme.label == theme.label.trimmingCharacters(in: .whitespaces) {
                names[theme.id] = theme.label
            } else {
                names[theme.id] = String(theme.id)
            }
        }
        return names
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
}
