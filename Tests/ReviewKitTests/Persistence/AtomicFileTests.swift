#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import ReviewKit

/// What a path names decides how it is written: a file is replaced atomically, a link is followed (safely),
/// a pipe or device is written in place, and nothing else is touched (issue 10 "Files are written safely",
/// issue 16 "Security").
@Suite struct AtomicFileTests {
    static let isRoot = geteuid() == 0
    /// A user id that is not ours and owns nothing (files are chowned to it to stand for another user).
    static let otherUser: uid_t = 54_321

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: links

    @Test func writingThroughASymlinkReplacesItsTargetAndKeepsTheLink() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let target = directory.appendingPathComponent("real.csv").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("link.csv").path
        #expect(symlink("real.csv", link) == 0)  // relative, resolved against the link's folder
        try AtomicFile.write(Array("new".utf8), to: URL(fileURLWithPath: link))
        #expect(fileType(link) == S_IFLNK)
        #expect(contents(target) == "new")

        // A dangling link creates the file it points to, like the kernel's open(O_CREAT).
        let dangling = directory.appendingPathComponent("dangling").path
        #expect(symlink(directory.appendingPathComponent("created.txt").path, dangling) == 0)
        try AtomicFile.write(Array("made".utf8), to: URL(fileURLWithPath: dangling))
        #expect(fileType(dangling) == S_IFLNK)
        #expect(contents(directory.appendingPathComponent("created.txt").path) == "made")
    }

    @Test(.enabled(if: isRoot, "chowning a link to another user needs root"))
    func aSymlinkPlantedByAnotherUserInASharedFolderIsNotFollowed() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let shared = directory.appendingPathComponent("tmp").path
        #expect(mkdir(shared, 0o777) == 0)
        #expect(chmod(shared, 0o1777) == 0)  // like /tmp: sticky and world-writable
        let victim = directory.appendingPathComponent("victim.txt").path
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        let planted = shared + "/report.csv"
        #expect(symlink(victim, planted) == 0)
        #expect(lchown(planted, Self.otherUser, Self.otherUser) == 0)

        let error = try #require(throws: FileError.self) { try AtomicFile.write(Array("mine".utf8), to: URL(fileURLWithPath: planted)) }
        #expect(error.message.contains("refusing to follow a symbolic link owned by another user"), "\(error)")
        #expect(contents(victim) == "precious")
        #expect(fileType(planted) == S_IFLNK)

        // The folder's owner may link (the kernel allows it too), and so may we.
        #expect(chown(shared, Self.otherUser, Self.otherUser) == 0)
        try AtomicFile.write(Array("allowed".utf8), to: URL(fileURLWithPath: planted))
        #expect(contents(victim) == "allowed")
        #expect(chown(shared, 0, 0) == 0)
        let own = shared + "/own.csv"
        #expect(symlink(victim, own) == 0)
        try AtomicFile.write(Array("ours".utf8), to: URL(fileURLWithPath: own))
        #expect(contents(victim) == "ours")

        // A regular file another user left in the shared folder is not replaced either (protected_regular).
        let theirs = shared + "/theirs.csv"
        try "theirs".write(toFile: theirs, atomically: false, encoding: .utf8)
        #expect(chown(theirs, Self.otherUser, Self.otherUser) == 0)
        #expect(throws: FileError.self) { try AtomicFile.write(Array("x".utf8), to: URL(fileURLWithPath: theirs)) }
        #expect(contents(theirs) == "theirs")
    }

    // MARK: owner and mode

    @Test(.enabled(if: isRoot, "giving a file to another user needs root"))
    func replacingAFileKeepsItsOwnerGroupAndMode() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let path = directory.appendingPathComponent("shared.snapshot").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chown(path, Self.otherUser, Self.otherUser + 1) == 0)
        #expect(chmod(path, 0o640) == 0)
        try AtomicFile.write(Array("new".utf8), to: URL(fileURLWithPath: path))
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_uid == Self.otherUser && info.st_gid == Self.otherUser + 1, "owner \(info.st_uid):\(info.st_gid)")
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(contents(path) == "new")
    }

    @Test func replacingAFileKeepsItsMode() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let path = directory.appendingPathComponent("private.txt").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write(Array("new".utf8), to: URL(fileURLWithPath: path))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o600)
    }

    // MARK: pipes, devices and other non-files

    @Test func aNamedPipeIsWrittenInPlace() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let fifo = directory.appendingPathComponent("out.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Nobody reading: refused at once, not blocked on.
        let lonely = try #require(throws: FileError.self) { try AtomicFile.write(Array("x".utf8), to: URL(fileURLWithPath: fifo)) }
        #expect(lonely.message.contains("no process is reading"), "\(lonely)")
        // With a reader, the bytes go through the pipe and the pipe stays a pipe.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try AtomicFile.write(Array("through the pipe".utf8), to: URL(fileURLWithPath: fifo))
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "through the pipe")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test(.enabled(if: isRoot, "mknod needs root"))
    func aCharacterDeviceIsWrittenInPlaceAndOthersAreRefused() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        // A private copy of /dev/null (1, 3), so a regression cannot replace the system's.
        let null = directory.appendingPathComponent("null").path
        guard mknod(null, S_IFCHR | 0o666, device(1, 3)) == 0 else { return }  // a container without CAP_MKNOD
        try AtomicFile.write(Array("gone".utf8), to: URL(fileURLWithPath: null))
        try AtomicFile.replace(URL(fileURLWithPath: null)) { url in try Data("db".utf8).write(to: url) }
        #expect(fileType(null) == S_IFCHR)
        // A block device (a loop device number) is never written.
        let block = directory.appendingPathComponent("disk").path
        #expect(mknod(block, S_IFBLK | 0o600, device(7, 200)) == 0)
        let error = try #require(throws: FileError.self) { try AtomicFile.write(Array("x".utf8), to: URL(fileURLWithPath: block)) }
        #expect(error.message.contains("block device"))
        #expect(fileType(block) == S_IFBLK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["disk", "null"])
    }

    @Test func anOpenDescriptorIsWrittenInPlace() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        for path in ["/dev/fd/\(ends[1])", "/proc/self/fd/\(ends[1])"] where FileManager.default.fileExists(atPath: path) {
            try AtomicFile.write(Array("via \(path)\n".utf8), to: URL(fileURLWithPath: path))
        }
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(ends[0], &buffer, buffer.count)
        let text = String(decoding: buffer[0..<max(count, 0)], as: UTF8.self)
        #expect(text.contains("via /dev/fd/\(ends[1])"), "\(text)")
    }

    @Test func aLinkToStandardOutputWritesToTheDescriptor() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let link = directory.appendingPathComponent("out").path
        #expect(symlink("/dev/fd/\(ends[1])", link) == 0)
        try AtomicFile.write(Array("linked".utf8), to: URL(fileURLWithPath: link))
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(ends[0], &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "linked")
        #expect(fileType(link) == S_IFLNK)
    }

    @Test func directoriesAndSocketsAreRefused() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let folder = try #require(throws: FileError.self) { try AtomicFile.write([1], to: directory) }
        #expect(folder.message.contains("directory"))
        let socketPath = directory.appendingPathComponent("s.sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        let socketError = try #require(throws: FileError.self) { try AtomicFile.write([1], to: URL(fileURLWithPath: socketPath)) }
        #expect(socketError.message.contains("socket"))
        #expect(fileType(socketPath) == S_IFSOCK)
    }

    // MARK: temporaries

    @Test func staleTemporariesOfOurNamingAreRemovedOnTheNextSave() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        // A writer that has exited: its pid no longer exists.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let names = [
            "stale": ".s.snapshot.tmp-\(dead)-abc123",
            "staleSQLite": ".x.sqlite.tmp-\(dead)-zz9-wal",
            "live": ".s.snapshot.tmp-1-def456",                        // pid 1 is running
            "ours": ".s.snapshot.tmp-\(getpid())-a1",                   // this process: maybe mid-write
            "notOurs": ".s.snapshot.tmp-\(dead)-ABC",                   // not our naming (upper case)
            "plain": "s.snapshot.tmp-\(dead)-abc",                      // not hidden
            "folder": ".d.tmp-\(dead)-abc",                              // a directory
        ]
        for (key, name) in names where key != "folder" {
            try "partial".write(toFile: directory.appendingPathComponent(name).path, atomically: false, encoding: .utf8)
        }
        #expect(mkdir(directory.appendingPathComponent(names["folder"]!).path, 0o700) == 0)
        var abandonedName: String?
        if Self.isRoot {
            // Another user's temporary is theirs to clean, even if its writer is gone.
            let theirs = ".t.csv.tmp-\(dead)-q1"
            try "theirs".write(toFile: directory.appendingPathComponent(theirs).path, atomically: false, encoding: .utf8)
            #expect(chown(directory.appendingPathComponent(theirs).path, Self.otherUser, Self.otherUser) == 0)
            abandonedName = theirs
        }
        // An old one whose writer pid is alive (reused) is removed after a day without writes.
        let old = ".o.csv.tmp-1-old"
        try "old".write(toFile: directory.appendingPathComponent(old).path, atomically: false, encoding: .utf8)
        var times = [timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0), timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, directory.appendingPathComponent(old).path, &times, 0) == 0)

        try AtomicFile.write(Array("saved".utf8), to: directory.appendingPathComponent("s.snapshot"))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        var expected: Set<String> = ["s.snapshot", names["live"]!, names["ours"]!, names["notOurs"]!, names["plain"]!, names["folder"]!]
        if let abandonedName { expected.insert(abandonedName) }
        #expect(left == expected)
    }

    @Test func temporaryNamesAreRecognisedExactly() {
        #expect(AtomicFile.temporaryWriter(".a.snapshot.tmp-123-abc") == 123)
        #expect(AtomicFile.temporaryWriter(".a.db.tmp-9-z-journal") == 9)
        #expect(AtomicFile.temporaryWriter(".tmp-1-a") == nil)  // no file name before the marker
        #expect(AtomicFile.temporaryWriter("a.tmp-1-a") == nil)
        #expect(AtomicFile.temporaryWriter(".a.tmp-x-a") == nil)
        #expect(AtomicFile.temporaryWriter(".a.tmp-1-") == nil)
        #expect(AtomicFile.temporaryWriter(".a.tmp-99999999999-a") == nil)
        let made = (AtomicFile.temporaryPath(for: "/x/y/name.csv") as NSString).lastPathComponent
        #expect(AtomicFile.temporaryWriter(made) == getpid())
    }

    // MARK: reading

    @Test func aNamedPipeWithNoWriterIsRefusedInsteadOfBlocking() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let fifo = directory.appendingPathComponent("in.snapshot").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do { _ = try AtomicFile.read(URL(fileURLWithPath: fifo)); outcome.set("read") } catch { outcome.set((error as? FileError)?.message ?? "\(error)") }
            done.signal()
        }
        if done.wait(timeout: .now() + 15) == .timedOut {
            Issue.record("reading a FIFO with no writer blocked")
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)  // let the blocked reader go
            if writer >= 0 { close(writer) }
            _ = done.wait(timeout: .now() + 5)
            return
        }
        #expect(outcome.value.contains("no process is writing"), "\(outcome.value)")
    }

    @Test func aNamedPipeWithAWriterIsReadToItsEnd() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let fifo = directory.appendingPathComponent("in.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = Array(String(repeating: "row,of,data\n", count: 20_000).utf8)
        Thread.detachNewThread {
            usleep(200_000)  // the writer comes a little after the reader, as a producer started beside review would
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            payload.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
        #expect(try AtomicFile.read(URL(fileURLWithPath: fifo)) == payload)
    }

    @Test func devicesDirectoriesAndTerminalsGetAccurateMessages() throws {
        let zero = try #require(throws: FileError.self) { try AtomicFile.read(URL(fileURLWithPath: "/dev/zero")) }
        #expect(zero.message == "cannot read: it is a device (such as /dev/zero or /dev/null), not a file")
        #expect(zero.path == "/dev/zero")
        let folder = try #require(throws: FileError.self) { try AtomicFile.read(URL(fileURLWithPath: "/")) }
        #expect(folder.message.contains("directory"))
        let missing = try #require(throws: FileError.self) { try AtomicFile.read(URL(fileURLWithPath: "/nonexistent/x")) }
        #expect(missing.message == "cannot read: no such file")
    }

    @Test func standardInputFedByAPipeCanBeRead() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = Array("from a pipe".utf8)
        text.withUnsafeBytes { _ = write(ends[1], $0.baseAddress!, $0.count) }
        close(ends[1])
        defer { close(ends[0]) }
        #expect(try AtomicFile.read(URL(fileURLWithPath: "/dev/fd/\(ends[0])")) == text)
    }

    @Test func folderErrorsSayWhatIsWrongWithTheFolder() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let missing = try #require(throws: FileError.self) {
            try AtomicFile.write([1], to: directory.appendingPathComponent("no/such/folder/x.csv"))
        }
        #expect(missing.message.hasPrefix("cannot save: the folder '") && missing.message.hasSuffix("does not exist"), "\(missing)")
        #expect(AtomicFile.folderError(EACCES, folder: directory.path, display: "x").message == "cannot save: the folder '\(directory.path)' is not writable (permission denied)")
        #expect(AtomicFile.folderError(EROFS, folder: ".", display: "x").message == "cannot save: the current folder is on a read-only file system")
    }
}

/// A Linux device number (`makedev`, a macro Swift cannot call).
func device(_ major: UInt64, _ minor: UInt64) -> dev_t {
    dev_t((minor & 0xFF) | ((major & 0xFFF) << 8) | ((minor & ~0xFF) << 12) | ((major & ~0xFFF) << 32))
}

/// A value one thread sets and another reads after a semaphore.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.lock(); text = value; lock.unlock() }
    var value: String { lock.lock(); defer { lock.unlock() }; return text }
}
