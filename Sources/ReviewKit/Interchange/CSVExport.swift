#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes the CSV tables of `CSVTableKind`, in the columns `CSVImport` reads back (export → import → equal).
///
/// Values in the one machine vocabulary (docs/formats.md, "Machine output"), as the JSON and SQLite exports write them:
/// studies and sub-themes by id; directions, components and domains by slug (`barrier`, `psychological-capability`,
/// `environmental-context-and-resources`); answers as `yes`, `cant-tell`, `no`; quote ids as numbers (`12` for Q12);
/// a quote's sub-theme by its id (`3`), as `export json` and `export sqlite` write it; unknown values as empty cells.
/// Import also reads the display names, `Q12` and the sub-theme codes (`B/ECR/2`) that older exports wrote.
public enum CSVExport {
    /// The CSV bytes of one table; `byteOrderMark` adds the BOM Excel needs to read UTF-8, `guardingFormulas`
    /// guards cells against spreadsheet formulas (`CSVFormulaGuard`; the file then no longer reads back as it was).
    /// A cancel of `cancellation` cuts the table short (callers that write check it and write nothing).
    public static func encode(_ kind: CSVTableKind, workspace: Workspace, byteOrderMark: Bool = false, guardingFormulas: Bool = false,
                              progress: ((Double) -> Void)? = nil, cancellation: CancellationToken = .none) -> [UInt8] {
        // With no chunk limit nothing is emitted early: the whole table comes back as the remainder.
        let never: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void = { _ in }
        return (try? stream(kind, workspace: workspace, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, chunkSize: .max,
                            progress: progress, cancellation: cancellation, emit: never)) ?? []
    }

    /// Encodes a table in pieces: whenever `chunkSize` bytes are ready (checked after each quote) they go to `emit`;
    /// the final piece is returned. A cancel stops the quotes early (callers that write check it).
    static func stream(_ kind: CSVTableKind, workspace: Workspace, byteOrderMark: Bool, guardingFormulas: Bool, chunkSize: Int,
                       progress: ((Double) -> Void)?, cancellation: CancellationToken,
                       emit: (UnsafeBufferPointer<UInt8>) throws(FileError) -> Void) throws(FileError) -> [UInt8] {
        let whole = kind == .quotes ? workspace.quotes.textByteCount + workspace.quotes.count * 96 : 64 * 1024
        var writer = CSV.Writer(byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas,
                                capacity: chunkSize == .max ? whole : min(whole, chunkSize + 256 * 1024))
        writer.row(kind.columns)
        switch kind {
        case .studies:
            for study in workspace.studies {
                let r = study.bibliography
                writer.row([study.id, study.label, text(study.reference), text(study.year), study.country ?? "", study.design ?? "",
                            study.dataCollection ?? "", study.analysis ?? "", text(study.participants),
                            CSVListCell.join(study.authors), r?.title ?? "", r?.journal ?? "", r?.volume ?? "", r?.issue ?? "", r?.pages ?? "",
                            r?.doi ?? "", r?.url ?? "", r?.abstract ?? "", CSVListCell.join(study.keywords)])
            }
        case .appraisals:
            for appraisal in workspace.appraisals {
                writer.row([appraisal.studyID, appraisal.reviewer] + appraisal.answers.map { $0?.slug ?? "" })
            }
        case .subthemes:
            for theme in workspace.subThemes {
                writer.row([String(theme.id), theme.direction.slug, theme.component.slug, theme.domain.slug, String(theme.number), theme.label])
            }
        case .quotes:
            let q = workspace.quotes
            let studyIDs = workspace.studies.map(\.id)
            let step = max(1, q.count / 100)
            var fields = [String](repeating: "", count: 10)
            for row in 0..<q.count {
                if row & 1023 == 0 && cancellation.isCancelled { break }
                fields[0] = String(q.ids[row])
                fields[1] = q.text(atRow: row)
                fields[2] = Direction(rawValue: q.directions[row])?.slug ?? ""
                fields[3] = COMBComponent(rawValue: q.components[row])?.slug ?? ""
                fields[4] = TDFDomain(rawValue: q.domains[row])?.slug ?? ""
                fields[5] = q.subThemes[row] >= 0 ? String(q.subThemes[row]) : ""
                fields[6] = q.studies[row] >= 0 ? studyIDs[Int(q.studies[row])] : ""
                fields[7] = q.references[row] >= 0 ? String(q.references[row]) : ""
                fields[8] = q.pages[row]
                fields[9] = q.tags[row].isEmpty ? "" : CSVListCell.join(q.tags[row])
                writer.row(fields)
                if let progress, row % step == step - 1 { progress(Double(row + 1) / Double(q.count)) }
                if writer.bytes.count >= chunkSize { try writer.flush(emit) }
            }
        }
        progress?(1)
        return writer.bytes
    }

    /// Writes one table to `url` atomically.
    public static func write(_ kind: CSVTableKind, workspace: Workspace, to url: URL, byteOrderMark: Bool = false, guardingFormulas: Bool = false,
                             progress: ((Double) -> Void)? = nil, cancellation: CancellationToken = .none) throws(FileError) {
        // Written as it is encoded, a few MiB at a time: a whole-table buffer would be a second copy of every quote.
        let expected = kind == .quotes ? workspace.quotes.textByteCount + workspace.quotes.count * 96 : 64 * 1024
        try AtomicFile.writeStreaming(to: url, expectedBytes: expected, progress: progress, failingAt: nil) { (emit) throws(FileError) in
            let last = try stream(kind, workspace: workspace, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, chunkSize: 4 << 20,
                                  progress: nil, cancellation: cancellation, emit: emit)
            // A cancel cut the table short: throwing here removes the temporary file and keeps the old one.
            if cancellation.isCancelled { throw FileError(Interrupted(), path: AtomicFile.displayPath(url)) }
            try last.withUnsafeBufferPointer { (piece) throws(FileError) in try emit(piece) }
        }
        progress?(1)
    }

    /// Writes all four tables (`studies.csv`, `appraisals.csv`, `subthemes.csv`, `quotes.csv`) into a folder,
    /// creating the folder when it is missing (its parent must exist), and beside them the findings and their
    /// CERQual judgements (`SynthesisCSVTable`: `findings.csv`, `finding_subthemes.csv`, `finding_sources.csv`,
    /// `cerqual.csv`), which `import` does not read, and the screening decisions (`screening.csv`).
    ///
    /// A path ending in `.csv` is refused: it names one file, and a folder by that name is never what was meant.
    public static func writeAll(workspace: Workspace, to directory: URL, byteOrderMark: Bool = false, guardingFormulas: Bool = false,
                                cancellation: CancellationToken = .none) throws(FileError) {
        let display = AtomicFile.displayPath(directory)
        guard directory.pathExtension.lowercased() != "csv" else {
            throw FileError(path: display, message: "cannot write four tables to one .csv file; name the table to write ('export csv quotes FILE.csv'), or give a folder")
        }
        try makeFolder(directory, display: display)
        for kind in CSVTableKind.allCases {
            try write(kind, workspace: workspace, to: directory.appendingPathComponent(kind.fileName), byteOrderMark: byteOrderMark,
                      guardingFormulas: guardingFormulas, cancellation: cancellation)
        }
        try SynthesisCSVTable.writeAll(workspace, to: directory, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas)
    }

    /// What `export csv PATH` writes: the tables it wrote, in order.
    ///
    /// A path ending in `.csv` is one table: the one its file name names (`quotes.csv`, `studies.csv`), or
    /// `table` when given. Any other path is a folder that receives all four tables (created when missing).
    /// With `table` and a folder path, the one table goes into that folder under its usual name.
    @discardableResult
    public static func export(_ table: CSVTableKind? = nil, workspace: Workspace, to url: URL, byteOrderMark: Bool = false, guardingFormulas: Bool = false,
                              progress: ((Double) -> Void)? = nil, cancellation: CancellationToken = .none) throws(FileError) -> [CSVTableKind] {
        let display = AtomicFile.displayPath(url)
        if url.pathExtension.lowercased() == "csv" || url.path == "/dev/stdout" || AtomicFile.Destination.openDescriptorNumber(url.path) != nil {
            let stem = url.deletingPathExtension().lastPathComponent.lowercased()
            guard let kind = table ?? CSVTableKind(rawValue: stem) else {
                throw FileError(path: display, message: "which table? a .csv file holds one table: name it ('export csv quotes FILE.csv'); tables: \(CSVTableKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try write(kind, workspace: workspace, to: url, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, progress: progress, cancellation: cancellation)
            return [kind]
        }
        var isFolder: ObjCBool = false
        if let table, !(FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue) {
            // One named table to a path without .csv that is not a folder: that file.
            try write(table, workspace: workspace, to: url, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, progress: progress, cancellation: cancellation)
            return [table]
        }
        if let table {
            try write(table, workspace: workspace, to: url.appendingPathComponent(table.fileName), byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, progress: progress, cancellation: cancellation)
            return [table]
        }
        try writeAll(workspace: workspace, to: url, byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, cancellation: cancellation)
        return CSVTableKind.allCases
    }

    /// Creates the folder for `writeAll` when it is missing; refuses a path that is a file.
    private static func makeFolder(_ url: URL, display: String) throws(FileError) {
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw FileError(path: display, message: "cannot write the four tables: it is a file, not a folder; name the table to write one ('export csv quotes FILE.csv')")
            }
            return
        }
        guard mkdir(url.path, 0o777) == 0 else {
            throw AtomicFile.folderError(errno, folder: AtomicFile.directory(of: url.path), display: display)
        }
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
}
