/// Writes snapshots in the `review-snapshot` text format (docs/formats.md): deterministic, diffable, checksummed.
///
/// The same snapshot always gives the same bytes: map keys in sorted order, everything else in workspace
/// order, `\n` line ends, no trailing spaces, lowercase checksum.
public enum SnapshotWriter {
    /// The bytes of a snapshot, in the current format version.
    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        encode(snapshot, progress: nil)
    }

    /// The bytes of a snapshot; `progress` gets the fraction of quotes written so far.
    public static func encode(_ snapshot: Snapshot, progress: ((Double) -> Void)?) -> [UInt8] {
        // With no chunk limit nothing is emitted early: the whole snapshot comes back as the remainder.
        let never: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void = { _ in }
        return (try? stream(snapshot, chunkSize: .max, progress: progress, emit: never)) ?? []
    }

    /// Encodes a snapshot in pieces: whenever `chunkSize` bytes are ready they go to `emit` (so a file can be
    /// written, and the disk kept busy, while the rest is encoded); the final piece is returned.
    static func stream(_ snapshot: Snapshot, chunkSize: Int, progress: ((Double) -> Void)?, cancellation: CancellationToken = .none,
                       emit: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) -> [UInt8] {
        let workspace = snapshot.workspace
        let q = workspace.quotes
        let estimate = 64 * 1024 + q.count * 64 + q.textByteCount
        var out = ByteBuffer(capacity: chunkSize == .max ? estimate + estimate / 64 : chunkSize + 256 * 1024)
        var crc = CRC32()
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
        let directionSlugs = slugTable(Direction.allCases, \.slug)
        let componentSlugs = slugTable(COMBComponent.allCases, \.slug)
        let domainSlugs = slugTable(TDFDomain.allCases, \.slug)
        var studyIDs: [[UInt8]] = []
        studyIDs.reserveCapacity(workspace.studies.count)
        for study in workspace.studies {
            var escaped = ByteBuffer(capacity: study.id.utf8.count + 4)
            escaped.escaped(study.id)
            studyIDs.append(escaped.bytes)
        }
        let step = max(1, q.count / 100)
        for row in 0..<q.count {
            try cancellation.check(every: row) { FileError($0) }
            out.byte(UInt8(ascii: "Q")); out.decimal(Int(q.ids[row])); out.tab()
            out.append(directionSlugs[Int(q.directions[row])]); out.tab()
            out.append(componentSlugs[Int(q.components[row])]); out.tab()
            out.append(domainSlugs[Int(q.domains[row])]); out.tab()
            if q.subThemes[row] >= 0 { out.decimal(Int(q.subThemes[row])) }; out.tab()
            if q.studies[row] >= 0 { out.append(studyIDs[Int(q.studies[row])]) }; out.tab()
            if q.references[row] >= 0 { out.decimal(Int(q.references[row])) }; out.tab()
            out.escaped(q.pages[row]); out.tab()
            q.withText(atRow: row) { out.escaped(utf8: $0) }; out.newline()
            if let progress, row % step == step - 1 { progress(Double(row + 1) / Double(q.count)) }
            if out.bytes.count >= chunkSize {
                try out.bytes.withUnsafeBufferPointer { (chunk) throws(FileError) in
                    crc.update(chunk)
                    try emit(chunk)
                }
                out.bytes.removeAll(keepingCapacity: true)
            }
        }

        // Version 3: the PRISMA 2020 flow, when any box is recorded (the section is optional).
        if !workspace.prisma.isEmpty {
            out.line("@prisma")
            out.line(PRISMAFlow.snapshotHeader)
            for pair in workspace.prisma.keyValuePairs { out.fields([pair.key, pair.value]) }
        }
        // Optional (version 3): only a workspace with written findings or judgements has them, so a
        // workspace without any saves as it did before apart from the version line.
        if !workspace.synthesis.writtenFindings.isEmpty {
            out.line("@" + Synthesis.findingsSection)
            out.line(Synthesis.findingsHeader)
            for row in workspace.synthesis.findingRows { out.fields(row) }
        }
        if !workspace.synthesis.assessments.isEmpty {
            out.line("@" + Synthesis.cerqualSection)
            out.line(Synthesis.cerqualHeader)
            for row in workspace.synthesis.cerqualRows { out.fields(row) }
        }

        // Optional (version 3): the studies' references and the quotes' free codes, when there are any.
        if workspace.studies.contains(where: { $0.bibliography != nil }) {
            out.line("@" + SnapshotReferences.bibliographySection)
            out.line(SnapshotReferences.bibliographyHeader)
            for study in workspace.studies {
                guard let record = study.bibliography else { continue }
                for line in SnapshotReferences.lines(of: study.id, record) { out.fields(line) }
            }
        }
        if q.tags.contains(where: { !$0.isEmpty }) {
            out.line("@" + SnapshotReferences.tagsSection)
            out.line(SnapshotReferences.tagsHeader)
            for row in 0..<q.count where !q.tags[row].isEmpty {
                for tag in q.tags[row] { out.fields(["Q\(q.ids[row])", tag]) }
            }
        }
        // Optional (version 3): reviewers' codings and the consensus, only when there are any.
        if !workspace.reviewerCodings.isEmpty {
            out.line("@codings")
            out.line("# quote\treviewer\tdirection\tcomponent\tdomain\tsubtheme")
            for coding in workspace.reviewerCodings {
                out.fields(["Q\(coding.quoteID)", coding.reviewer, coding.direction?.slug ?? "", coding.component?.slug ?? "",
                            coding.domain?.slug ?? "", coding.subTheme.map(String.init) ?? ""])
            }
        }

        // Optional (version 3): the reviewers' screening decisions, only when there are any.
        if !workspace.screening.isEmpty {
            out.line("@" + SnapshotScreening.section)
            out.line(SnapshotScreening.header)
            for line in SnapshotScreening.lines(workspace.screening) { out.fields(line) }
        }

        out.line("@notes")
        for note in snapshot.notes { out.fields([note]) }
        out.line("@history")
        for entry in snapshot.history { out.fields([entry]) }
        out.line("@end")
        out.bytes.withUnsafeBufferPointer { crc.update($0) }
        out.line("checksum crc32 " + hex(crc.value))
        progress?(1)
        return out.bytes
    }

    /// Eight lowercase hex digits.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Slug bytes by raw value; index 0 (not coded) is empty.
    private static func slugTable<T: RawRepresentable>(_ cases: [T], _ slug: (T) -> String) -> [[UInt8]] where T.RawValue == UInt8 {
        var table = [[UInt8]](repeating: [], count: 256)
        for value in cases { table[Int(value.rawValue)] = Array(slug(value).utf8) }
        return table
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
    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
    mutating func tab() { bytes.append(9) }
    mutating func newline() { bytes.append(10) }
    mutating func line(_ text: String) { raw(text); newline() }

    /// A non-negative or negative whole number in decimal, without allocating.
    mutating func decimal(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")); decimal(-value); return }
        if value < 10 { bytes.append(48 + UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[19 - count] = 48 + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// One line of escaped, tab-separated fields; a leading `#` or `@` is escaped so the line is not a comment or section.
    mutating func fields(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { tab() }
            if index == 0, let first = value.utf8.first, first == UInt8(ascii: "#") || first == UInt8(ascii: "@") {
                bytes.append(92)
            }
            escaped(value)
        }
        newline()
    }

    /// A field with tab, newline, return and backslash escaped.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { escaped(utf8: $0) }
    }

    /// UTF-8 bytes with tab, newline, return and backslash escaped (eight bytes checked at a time).
    mutating func escaped(utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var start = 0
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !ByteBuffer.mayNeedEscape(word) { index += 8; continue }
            }
            let end = min(index + 8, count)
            while index < end {
                let byte = base[index]
                let replacement: UInt8
                switch byte {
                case 9: replacement = UInt8(ascii: "t")
                case 10: replacement = UInt8(ascii: "n")
                case 13: replacement = UInt8(ascii: "r")
                case 92: replacement = 92
                default: index += 1; continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                bytes.append(92)
                bytes.append(replacement)
                index += 1
                start = index
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Whether any of eight bytes is a tab, newline, return or backslash (a SWAR zero-byte test per pattern).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        @inline(__always) func zero(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        return (zero(word ^ 0x0909_0909_0909_0909) | zero(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | zero(word ^ 0x0D0D_0D0D_0D0D_0D0D) | zero(word ^ 0x5C5C_5C5C_5C5C_5C5C)) != 0
    }
}
