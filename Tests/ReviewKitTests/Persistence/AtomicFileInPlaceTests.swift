#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import ReviewKit

/// `AtomicFile.writesInPlace`: which paths a writer that adds to its file (`output FILE`) may write piece by piece.
@Suite struct AtomicFileInPlaceTests {
    @Test func regularFilesAndLinksToThemAreReplacedStreamsAreWrittenInPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-inplace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name) }
        #expect(try AtomicFile.writesInPlace(path("new.csv")) == false)
        try "x".write(to: path("old.csv"), atomically: true, encoding: .utf8)
        #expect(try AtomicFile.writesInPlace(path("old.csv")) == false)
        #expect(symlink("old.csv", path("link.csv").path) == 0)
        #expect(try AtomicFile.writesInPlace(path("link.csv")) == false)
        #expect(mkfifo(path("pipe.csv").path, 0o600) == 0)
        #expect(try AtomicFile.writesInPlace(path("pipe.csv")) == true)
        #expect(symlink("/dev/null", path("null.csv").path) == 0)
        #expect(try AtomicFile.writesInPlace(path("null.csv")) == true)
        #expect(try AtomicFile.writesInPlace(URL(fileURLWithPath: "/dev/stdout")) == true)
        #expect(throws: FileError.self) { try AtomicFile.writesInPlace(folder) }
    }
}
