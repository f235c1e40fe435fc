#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import ReviewKit

/// Files through the built binary: what a path names decides how `review` writes or reads it, nothing
/// blocks forever, and another user's files keep their owner (issues 10 and 16).
@Suite(.serialized) struct FileSafetyTests {
    static let isRoot = geteuid() == 0

    /// Runs `review` in `directory` with a deadline (killed after it), optionally as another user (root only).
    static func run(_ arguments: [String], in directory: URL, as user: uid_t? = nil, state: URL? = nil,
                    timeout: Double = 60) throws -> (status: Int32, stdout: String, stderr: String, seconds: Double) {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", ReviewProcess.executable.path] + arguments
        } else {
            process.executableURL = ReviewProcess.executable
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["XDG_STATE_HOME"] = (state ?? directory.appendingPathComponent(".state")).path
        process.environment = environment
        process.currentDirectoryURL = directory
        let logs = FileManager.default.temporaryDirectory
        let output = logs.appendingPathComponent("review-out-\(UUID().uuidString)"), errors = logs.appendingPathComponent("review-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output); try? FileManager.default.removeItem(at: errors) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(start) < timeout { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, read(output), read(errors), Date().timeIntervalSince(start))
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    // MARK: writing

    @Test func exportingOneTableToACSVNameNeverMakesAFolder() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let named = try Self.run(["-c", "export csv quotes quotes.csv"], in: directory)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(fileType(directory.appendingPathComponent("quotes.csv").path) == S_IFREG)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("quotes.csv"))

        // 'export csv quotes.csv' made a folder named quotes.csv holding four files.
        let bare = try Self.run(["-c", "export csv quotes.csv"], in: directory)
        #expect(bare.stderr.contains("cannot write four tables to one .csv file") || bare.status == 0, "\(bare.stderr)")
        #expect(fileType(directory.appendingPathComponent("quotes.csv").path) != S_IFDIR, "\(bare.stdout)\(bare.stderr)")
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(fileType(directory.appendingPathComponent("quotes.csv").path) == S_IFREG)
    }

    @Test func exportingToALinkToStandardOutputWritesToStandardOutput() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(symlink("/dev/stdout", directory.appendingPathComponent("out.csv").path) == 0)
        let result = try Self.run(["-c", "export csv quotes out.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("id,text,direction,component,domain,subtheme,study,reference,page,tags\r\n"), "\(result.stdout.prefix(200))")
        #expect(fileType(directory.appendingPathComponent("out.csv").path) == S_IFLNK)
        #expect(fileType("/dev/stdout") == S_IFLNK)
    }

    @Test func exportingToANamedPipeWritesThroughIt() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Outcome()
        let reading = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let handle = FileHandle(forReadingAtPath: fifo)  // blocks until review opens it for writing
            received.set(String(decoding: handle?.readDataToEndOfFile() ?? Data(), as: UTF8.self))
            reading.signal()
        }
        let result = try Self.run(["-c", "export csv studies pipe.csv"], in: directory, timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(reading.wait(timeout: .now() + 10) == .success)
        #expect(received.value.hasPrefix("id,label,reference"))
        #expect(fileType(fifo) == S_IFIFO)
    }

    @Test func aSaveThatWouldNotLoadIsRefusedAndTheOldFileKept() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Self.run(["-c", "save t.snapshot"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: directory.appendingPathComponent("t.snapshot"))
        let result = try Self.run(["--load", "t.snapshot", "-c", "add study \"A\" ref=2147483648", "-c", "save t.snapshot"], in: directory)
        #expect(result.status != 0)
        // The edit itself is refused now, by the rule the snapshot reader uses, with the caret under the value.
        #expect(result.stderr.contains("reference must be a whole number from 1 to 2147483647; got '2147483648'"), "\(result.stderr)")
        #expect(try Data(contentsOf: directory.appendingPathComponent("t.snapshot")) == before)
        let load = try Self.run(["--load", "t.snapshot", "-c", "studies count"], in: directory)
        #expect(load.stdout == "studies: 33 (of 33)\n", "\(load.stderr)")
    }

    @Test(.enabled(if: isRoot, "needs root to act as a second user"))
    func anotherUsersFileKeepsItsOwnerOrIsNotReplaced() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(chmod(directory.path, 0o777) == 0)
        let state = directory.appendingPathComponent("nobody-state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        #expect(chown(state.path, 65_534, 65_534) == 0)
        let theirs = directory.appendingPathComponent("shared.csv").path
        try "root's data\n".write(toFile: theirs, atomically: false, encoding: .utf8)
        #expect(chmod(theirs, 0o666) == 0)  // writable by anyone, owned by root
        let result = try Self.run(["-c", "export csv studies shared.csv"], in: directory, as: 65_534, state: state)
        #expect(result.status != 0)
        #expect(result.stderr.contains("belongs to another user"), "\(result.stderr)")
        var info = stat()
        #expect(stat(theirs, &info) == 0 && info.st_uid == 0)
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "root's data\n")

        // As root, saving over nobody's file keeps nobody as its owner.
        let owned = directory.appendingPathComponent("nobody.csv").path
        try "x\n".write(toFile: owned, atomically: false, encoding: .utf8)
        #expect(chown(owned, 65_534, 65_534) == 0 && chmod(owned, 0o604) == 0)
        let asRoot = try Self.run(["-c", "export csv studies nobody.csv"], in: directory)
        #expect(asRoot.status == 0, "\(asRoot.stderr)")
        #expect(stat(owned, &info) == 0 && info.st_uid == 65_534 && info.st_mode & 0o777 == 0o604)
    }

    @Test(.enabled(if: isRoot, "needs root to act as a second user"))
    func aReadOnlyFolderIsNamedAsSuch() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("nobody-state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        #expect(chown(state.path, 65_534, 65_534) == 0)
        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        #expect(chmod(locked.path, 0o555) == 0 && chmod(directory.path, 0o755) == 0)
        let result = try Self.run(["-c", "save locked/t.snapshot"], in: directory, as: 65_534, state: state)
        #expect(result.status != 0)
        #expect(result.stderr.contains("locked/t.snapshot: error: cannot save: the folder '"), "\(result.stderr)")
        #expect(result.stderr.contains("/locked' is not writable (permission denied)"), "\(result.stderr)")
    }

    // MARK: reading

    @Test func loadingANamedPipeWithNoWriterDoesNotHang() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(mkfifo(directory.appendingPathComponent("in.snapshot").path, 0o600) == 0)
        for command in [["-c", "load in.snapshot"], ["-c", "import in.snapshot"], ["--load", "in.snapshot", "-c", "studies count"]] {
            let result = try Self.run(command, in: directory, timeout: 20)
            #expect(result.seconds < 15, "\(command) took \(result.seconds) s")
            #expect(result.status != 0)
            #expect(result.stderr.contains("no process is writing to it"), "\(command): \(result.stderr)")
        }
    }

    @Test func loadingADeviceSaysItIsADevice() throws {
        let directory = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(["-c", "load /dev/zero"], in: directory, timeout: 20)
        #expect(result.status != 0)
        #expect(result.stderr.contains("/dev/zero: error: cannot read: it is a device (such as /dev/zero or /dev/null), not a file"), "\(result.stderr)")
        #expect(!result.stderr.contains("permission denied"))
    }

    func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("review-filesafety-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A value one thread sets and another reads after a semaphore.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.lock(); text = value; lock.unlock() }
    var value: String { lock.lock(); defer { lock.unlock() }; return text }
}
