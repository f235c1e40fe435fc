/// Writes snapshots in the `review-snapshot` text format (docs/formats.md): deterministic, diffable, checksummed.
public enum SnapshotWriter {
    /// The bytes of a snapshot.
    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        let workspace = snapshot.workspace
        var out = ByteBuffer(capacity: workspace.quotes.count * 300 + 64 * 1024)
        out.line("\(Snapshot.formatName) \(Snapshot.formatVersion)")
        out.line("# A review workspace saved by `review`; format described in docs/formats.md.")
        out.line("# Tab-separated; in fields \\t \\n \\r \\\\ stand for tab, newline, return, backslash; empty = unknown.")

        out.line("@meta")
        for key in workspace.metadata.keys.sorted() { out.fields([key, workspace.metadata[key]!]) }

        out.line("@settings")
        for key in snapshot.settings.keys.sorted() { out.fields([key, snapshot.settings[key]!]) }

        out.line("@studies")
        out.line("# id\tlabel\treference\tyear\tcountry\tdesign\tdata-collection\tanalysis\tparticipants")
        for study in workspace.studies {
            out.fields([study.id, study.label, study.reference.map(String.init) ?? "", study.year.map(String.init) ?? "",
                        study.country ?? "", study.design ?? "", study.dataCollection ?? "", study.analysis ?? "",
                        study.participants.map(String.init) ?? ""])
        }

        out.line("@appraisals")
        out.line("# study\treviewer\tq1\tq2\tq3\tq4\tq5\tq6\tq7\tq8\tq9\tq10")
        for appraisal in workspace.appraisals {
            out.fields([appraisal.studyID, appraisal.reviewer] + appraisal.answers.map { $0?.slug ?? "" })
        }

        out.line("@subthemes")
        out.line("# id\tdirection\tcomponent\tdomain\tnumber\tlabel")
        for theme in workspace.subThemes {
            out.fields([String(theme.id), theme.direction.slug, theme.component.slug, theme.domain.slug, String(theme.number), theme.label])
        }

        out.line("@quotes")
        out.line("# id\tdirection\tcomponent\tdomain\tsubtheme\tstudy\treference\tpage\ttext")
        let q = workspace.quotes
        let studyIDs = workspace.studies.map(\.id)
        for row in 0..<q.count {
            out.raw("Q"); out.raw(String(q.ids[row])); out.tab()
            out.raw(Direction(rawValue: q.directions[row])?.slug ?? ""); out.tab()
            out.raw(COMBComponent(rawValue: q.components[row])?.slug ?? ""); out.tab()
            out.raw(TDFDomain(rawValue: q.domains[row])?.slug ?? ""); out.tab()
            if q.subThemes[row] >= 0 { out.raw(String(q.subThemes[row])) }; out.tab()
            if q.studies[row] >= 0 { out.escaped(studyIDs[Int(q.studies[row])]) }; out.tab()
            if q.references[row] >= 0 { out.raw(String(q.references[row])) }; out.tab()
            out.escaped(q.pages[row]); out.tab()
            out.escaped(q.texts[row]); out.newline()
        }

        out.line("@notes")
        for note in snapshot.notes { out.fields([note]) }
        out.line("@history")
        for entry in snapshot.history { out.fields([entry]) }
        out.line("@end")
        let checksum = out.bytes.withUnsafeBufferPointer { CRC32.checksum($0) }
        out.line("checksum crc32 " + hex(checksum))
        return out.bytes
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// A growable byte buffer with the escaping the snapshot format uses.
struct ByteBuffer {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func tab() { bytes.append(9) }
    mutating func newline() { bytes.append(10) }
    mutating func line(_ text: String) { raw(text); newline() }

    mutating func fields(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { tab() }
            escaped(value)
        }
        newline()
    }

    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                let replacement: UInt8
                switch byte {
                case 9: replacement = UInt8(ascii: "t")
                case 10: replacement = UInt8(ascii: "n")
                case 13: replacement = UInt8(ascii: "r")
                case 92: replacement = 92
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(92)
                bytes.append(replacement)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
