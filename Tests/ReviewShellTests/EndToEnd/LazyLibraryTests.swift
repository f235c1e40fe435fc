import Foundation
import Testing

/// `review` starts without libsqlite3 and libedit (issue 15): they are loaded with dlopen when an export
/// writes a database or the line editor starts. glibc's loader lists every library it loads under
/// `LD_DEBUG=files`, which makes this visible from outside the process.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/lib/x86_64-linux-gnu/libc.so.6")
                 || FileManager.default.fileExists(atPath: "/lib/aarch64-linux-gnu/libc.so.6")))
struct LazyLibraryTests {
    /// The libraries the loader reports loading, by file name.
    func loadedLibraries(_ arguments: [String], directory: URL? = nil) throws -> [String] {
        let output = try ReviewProcess.run(arguments, environment: ["LD_DEBUG": "files"], directory: directory)
        #expect(output.status == 0, "\(output.stderr.suffix(2000))")
        return output.stderr.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "file=") else { return nil }
            let name = line[range.upperBound...].prefix { $0 != " " && $0 != ";" }
            return String(name.split(separator: "/").last ?? name)
        }
    }

    @Test func aCommandLoadsNeitherSQLiteNorLibedit() throws {
        let loaded = try loadedLibraries(["-c", "studies"])
        #expect(loaded.contains { $0.hasPrefix("libswiftCore") }, "LD_DEBUG=files reported nothing: \(loaded)")
        for library in ["libsqlite3", "libedit", "libtinfo", "libbsd", "libmd"] {
            #expect(!loaded.contains { $0.hasPrefix(library) }, "\(library) loaded: \(loaded)")
        }
    }

    @Test func aSQLiteExportLoadsSQLiteButNotLibedit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-lazy-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try loadedLibraries(["-c", "export sqlite review.db"], directory: directory)
        #expect(loaded.contains { $0.hasPrefix("libsqlite3") }, "\(loaded)")
        #expect(!loaded.contains { $0.hasPrefix("libedit") }, "\(loaded)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("review.db").path))
    }
}
