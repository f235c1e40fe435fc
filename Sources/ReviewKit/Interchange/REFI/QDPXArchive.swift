import Foundation
import ZIPFoundation

/// A `.qdpx` file: a zip holding `project.qde` and a flat `sources/` folder of source files.
///
/// Zip reading and writing use ZIPFoundation (weichsel/ZIPFoundation 0.9.20 from the machine's mirror). Archives
/// are built in memory and written atomically through `AtomicFile`; they are read from a file, because
/// ZIPFoundation 0.9.20's in-memory reader traps when a damaged archive points past its end, while its file
/// reader reports an error.
public struct QDPXArchive: Sendable, Equatable {
    /// The project.
    public var project: REFIProject
    /// The files of `sources/` the project refers to, by file name ("<GUID>.txt"), as bytes.
    public var sources: [String: [UInt8]]

    /// Creates an archive.
    public init(project: REFIProject, sources: [String: [UInt8]] = [:]) {
        self.project = project
        self.sources = sources
    }

    /// The largest `project.qde` read (uncompressed).
    static let maximumProjectBytes: UInt64 = 512 << 20
    /// The largest source file read (uncompressed).
    static let maximumSourceBytes: UInt64 = 256 << 20
    /// The most source bytes read in all.
    static let maximumTotalBytes: UInt64 = 1 << 30

    /// Reads a `.qdpx` file.
    public static func read(from url: URL) throws(FileError) -> QDPXArchive {
        try QDPXArchive(bytes: AtomicFile.read(url), path: AtomicFile.displayPath(url))
    }

    /// Reads `.qdpx` bytes: the project, then the files in `sources/` its text sources and notes name with
    /// `internal://`. Entries larger than the limits are refused, so a zip bomb cannot exhaust memory.
    public init(bytes: [UInt8], path: String? = nil) throws(FileError) {
        let name = path ?? "the .qdpx file"
        // A private copy in the temporary folder, removed at once (see the type's comment for why not in memory).
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString).qdpx")
        do {
            try Data(bytes).write(to: copy, options: .withoutOverwriting)
        } catch {
            throw FileError(path: path, message: "cannot read \(name): no room for a temporary copy (\(error.localizedDescription.lowercased()))")
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        let archive: Archive
        do {
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw FileError(path: path, message: "cannot read \(name): it is not a zip archive (a .qdpx is a zip holding project.qde and sources/)")
        }
        let entries = Array(archive)
        guard let qde = entries.first(where: { $0.type == .file && $0.path.lowercased() == "project.qde" })
                ?? entries.first(where: { $0.type == .file && $0.path.lowercased().hasSuffix(".qde") }) else {
            throw FileError(path: path, message: "\(name) holds no project.qde; is it a refi-qda project export?")
        }
        let qdeBytes = try Self.extract(qde, from: archive, limit: Self.maximumProjectBytes, path: path)
        project = try REFIProject(qde: qdeBytes, path: (path ?? "qdpx") + ":" + qde.path)
        var wanted = Set<String>()
        for source in project.sources + project.notes + project.otherSources.compactMap(\.representation) {
            if let file = Self.internalFile(source.plainTextPath) { wanted.insert(file) }
        }
        sources = [:]
        var total: UInt64 = 0
        for entry in entries where entry.type == .file {
            let components = entry.path.split(separator: "/")
            guard components.count == 2, components[0].lowercased() == "sources" else { continue }
            let file = String(components[1])
            guard wanted.contains(file) else { continue }
            total += entry.uncompressedSize
            guard total <= Self.maximumTotalBytes else {
                throw FileError(path: path, message: "\(name) holds more than \(Self.maximumTotalBytes >> 20) MB of source text; not read")
            }
            sources[file] = try Self.extract(entry, from: archive, limit: Self.maximumSourceBytes, path: path)
        }
    }

    /// The file name an `internal://` path names ("internal://ABC.txt" → "ABC.txt"), or nil for other paths.
    public static func internalFile(_ path: String?) -> String? {
        guard let path, path.lowercased().hasPrefix("internal://") else { return nil }
        let file = String(path.dropFirst("internal://".count))
        return file.isEmpty || file.contains("/") ? nil : file
    }

    private static func extract(_ entry: Entry, from archive: Archive, limit: UInt64, path: String?) throws(FileError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw FileError(path: path, message: "\(entry.path) is \(entry.uncompressedSize >> 20) MB uncompressed; the limit is \(limit >> 20) MB")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry) { chunk in
                guard UInt64(bytes.count + chunk.count) <= limit else { throw Archive.ArchiveError.invalidEntrySize }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            throw FileError(path: path, message: "cannot read \(entry.path) from the archive: it is damaged (\(String(describing: error)))")
        }
        return bytes
    }

    /// The `.qdpx` bytes: `project.qde`, then `sources/` files in name order, deflated, all dated `date`
    /// (so the same archive gives the same bytes).
    public func encoded(date: Date = Date(timeIntervalSince1970: 315_532_800)) throws(FileError) -> [UInt8] {
        var files = [("project.qde", Array(project.qdeText.utf8))]
        for name in sources.keys.sorted() { files.append(("sources/" + name, sources[name]!)) }
        return try Self.zip(files, date: date)
    }

    /// Zips files, in the order given, deflated and all dated `date`.
    static func zip(_ files: [(path: String, bytes: [UInt8])], date: Date = Date(timeIntervalSince1970: 315_532_800)) throws(FileError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, bytes) in files {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
            return [UInt8](data)
        } catch {
            throw FileError(message: "cannot build the .qdpx archive: \(String(describing: error))")
        }
    }

    /// Writes the archive to `url` atomically.
    public func write(to url: URL, date: Date = Date(timeIntervalSince1970: 315_532_800)) throws(FileError) {
        try AtomicFile.write(encoded(date: date), to: url)
    }
}
