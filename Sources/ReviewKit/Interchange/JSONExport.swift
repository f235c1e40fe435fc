import Foundation

/// The whole workspace as one JSON document with a fixed key order (docs/formats.md, "JSON").
///
/// Written by hand rather than with `JSONEncoder` so the key order is the documented one (not
/// alphabetical), each record sits on its own line (diffable, greppable, `jq`-friendly), and a million
/// quotes encode at memory speed. Strings are UTF-8 with `"`, `\` and control characters escaped.
public enum JSONExport {
    /// The layout's name and version, the first two keys of the document.
    public static let formatName = "review-workspace", formatVersion = 2

    /// The JSON bytes of a workspace; `progress` gets the fraction of quotes written.
    /// A cancel of `cancellation` cuts the document short (callers that write check it and write nothing).
    public static func encode(_ workspace: Workspace, progress: ((Double) -> Void)? = nil, cancellation: CancellationToken = .none) -> [UInt8] {
        // With no chunk limit nothing is emitted early: the whole document comes back as the remainder.
        let never: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void = { _ in }
        return (try? stream(workspace, chunkSize: .max, progress: progress, cancellation: cancellation, emit: never)) ?? []
    }

    /// Encodes the document in pieces: whenever `chunkSize` bytes are ready (checked after each quote) they go to
    /// `emit`; the final piece is returned. A cancel stops the quotes early (callers that write check it).
    static func stream(_ workspace: Workspace, chunkSize: Int, progress: ((Double) -> Void)?, cancellation: CancellationToken,
                       emit: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) -> [UInt8] {
        let whole = workspace.quotes.textByteCount + workspace.quotes.count * 200 + 64 * 1024
        var out = JSONBuffer(capacity: chunkSize == .max ? whole : min(whole, chunkSize + 256 * 1024))
        out.raw("{\n  \"format\": "); out.string(formatName)
        out.raw(",\n  \"version\": "); out.int(formatVersion)
        out.raw(",\n  \"metadata\": {")
        for (index, key) in workspace.metadata.keys.sorted().enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    "); out.string(key); out.raw(": "); out.string(workspace.metadata[key]!)
        }
        out.raw(workspace.metadata.isEmpty ? "}" : "\n  }")

        out.raw(",\n  \"studies\": [")
        for (index, study) in workspace.studies.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"id\": "); out.string(study.id)
            out.raw(", \"label\": "); out.string(study.label)
            out.raw(", \"reference\": "); out.int(study.reference)
            out.raw(", \"year\": "); out.int(study.year)
            out.raw(", \"country\": "); out.string(study.country)
            out.raw(", \"design\": "); out.string(study.design)
            out.raw(", \"data_collection\": "); out.string(study.dataCollection)
            out.raw(", \"analysis\": "); out.string(study.analysis)
            out.raw(", \"participants\": "); out.int(study.participants)
            let reference = study.bibliography
            out.raw(", \"authors\": "); out.strings(study.authors)
            out.raw(", \"title\": "); out.string(reference?.title)
            out.raw(", \"journal\": "); out.string(reference?.journal)
            out.raw(", \"volume\": "); out.string(reference?.volume)
            out.raw(", \"issue\": "); out.string(reference?.issue)
            out.raw(", \"pages\": "); out.string(reference?.pages)
            out.raw(", \"doi\": "); out.string(reference?.doi)
            out.raw(", \"url\": "); out.string(reference?.url)
            out.raw(", \"abstract\": "); out.string(reference?.abstract)
            out.raw(", \"keywords\": "); out.strings(study.keywords)
            out.raw("}")
        }
        out.raw(workspace.studies.isEmpty ? "]" : "\n  ]")

        out.raw(",\n  \"appraisals\": [")
        for (index, appraisal) in workspace.appraisals.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"study\": "); out.string(appraisal.studyID)
            out.raw(", \"reviewer\": "); out.string(appraisal.reviewer)
            out.raw(", \"answers\": [")
            for (q, answer) in appraisal.answers.enumerated() {
                if q > 0 { out.raw(", ") }
                out.string(answer?.slug)
            }
            out.raw("], \"total\": "); out.raw(MarkdownExport.score(appraisal.totalHalfPoints))
            out.raw("}")
        }
        out.raw(workspace.appraisals.isEmpty ? "]" : "\n  ]")

        out.raw(",\n  \"subthemes\": [")
        for (index, theme) in workspace.subThemes.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"id\": "); out.int(theme.id)
            out.raw(", \"code\": "); out.string(theme.code)
            out.raw(", \"direction\": "); out.string(theme.direction.slug)
            out.raw(", \"component\": "); out.string(theme.component.slug)
            out.raw(", \"domain\": "); out.string(theme.domain.slug)
            out.raw(", \"number\": "); out.int(theme.number)
            out.raw(", \"label\": "); out.string(theme.label)
            out.raw("}")
        }
        out.raw(workspace.subThemes.isEmpty ? "]" : "\n  ]")

        out.raw(",\n  \"quotes\": [")
        let q = workspace.quotes
        let studyIDs = workspace.studies.map(\.id)
        let step = max(1, q.count / 100)
        for row in 0..<q.count {
            if row & 1023 == 0 && cancellation.isCancelled { break }
            out.raw(row == 0 ? "\n    " : ",\n    ")
            out.raw("{\"id\": "); out.int(Int(q.ids[row]))
            out.raw(", \"direction\": "); out.string(Direction(rawValue: q.directions[row])?.slug)
            out.raw(", \"component\": "); out.string(COMBComponent(rawValue: q.components[row])?.slug)
            out.raw(", \"domain\": "); out.string(TDFDomain(rawValue: q.domains[row])?.slug)
            out.raw(", \"subtheme\": "); out.int(q.subThemes[row] >= 0 ? Int(q.subThemes[row]) : nil)
            out.raw(", \"study\": "); out.string(q.studies[row] >= 0 ? studyIDs[Int(q.studies[row])] : nil)
            out.raw(", \"reference\": "); out.int(q.references[row] >= 0 ? Int(q.references[row]) : nil)
            out.raw(", \"page\": "); out.string(q.pages[row].isEmpty ? nil : q.pages[row])
            out.raw(", \"tags\": "); out.strings(q.tags[row])
            out.raw(", \"text\": "); q.withText(atRow: row) { out.string(utf8: $0) }
            out.raw("}")
            if let progress, row % step == step - 1 { progress(Double(row + 1) / Double(q.count)) }
            if out.bytes.count >= chunkSize {
                try out.bytes.withUnsafeBufferPointer { (chunk) throws(FileError) in try emit(chunk) }
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        out.raw(q.count == 0 ? "]" : "\n  ]")
        SynthesisExport(workspace).appendJSON(to: &out)
        ScreeningExport.appendJSON(workspace.screening, to: &out)
        JSONWorkspace.appendJSON(prismaAndCodingsOf: workspace, to: &out)
        out.raw("\n}\n")
        progress?(1)
        return out.bytes
    }

    /// Writes the JSON document to `url` atomically.
    public static func write(_ workspace: Workspace, to url: URL, progress: ((Double) -> Void)? = nil,
                             cancellation: CancellationToken = .none) throws(FileError) {
        // Written as it is encoded, a few MiB at a time: a whole-document buffer would be a second copy of every quote.
        let quotes = workspace.quotes
        let expected = 64 * 1024 + quotes.count * 200 + quotes.textByteCount
        try AtomicFile.writeStreaming(to: url, expectedBytes: expected, progress: progress, failingAt: nil) { (emit) throws(FileError) in
            let last = try stream(workspace, chunkSize: 4 << 20, progress: nil, cancellation: cancellation, emit: emit)
            // A cancel cut the document short: throwing here removes the temporary file and keeps the old one.
            if cancellation.isCancelled { throw FileError(Interrupted(), path: AtomicFile.displayPath(url)) }
            try last.withUnsafeBufferPointer { (piece) throws(FileError) in try emit(piece) }
        }
        progress?(1)
    }
}

/// A byte buffer for the JSON export (strings escaped by `JSONString`).
struct JSONBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func int(_ value: Int?) {
        guard let value else { raw("null"); return }
        raw(String(value))
    }

    mutating func string(_ value: String?) {
        guard var value else { raw("null"); return }
        value.withUTF8 { string(utf8: $0) }
    }

    mutating func string(utf8: UnsafeBufferPointer<UInt8>) { JSONString.append(utf8, to: &bytes) }

    /// An array of strings (`[]` when empty).
    mutating func strings(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(", ") }
            string(value)
        }
        raw("]")
    }
}
