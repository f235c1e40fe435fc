#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// Every command that writes a file, through the built binary, against the cases of issue 10 ("Files are
/// written safely", docs/formats.md): a symbolic link writes its target and stays a link; a named pipe and a
/// character device are written in place and stay what they are; a folder is refused and left alone.
@Suite(.serialized) struct WriterSafetyTests {
    /// A writer: the command lines that write `FILE` (one name with the writer's extension).
    struct Writer: CustomStringConvertible {
        var commands: [String]
        var ext: String
        /// Whether it succeeds on a pipe or a device (a save reads its file back, which a pipe cannot give).
        var writesStreams = true
        var description: String { commands.joined(separator: "; ") }

        func lines(_ file: String) -> [String] { commands.map { $0.replacingOccurrences(of: "FILE", with: file) } }
    }

    static let writers: [Writer] = [
        Writer(commands: ["export csv quotes FILE"], ext: "csv"),
        Writer(commands: ["export csv cerqual FILE"], ext: "csv"),
        Writer(commands: ["export json FILE"], ext: "json"),
        Writer(commands: ["export sqlite FILE"], ext: "db"),
        Writer(commands: ["export markdown FILE"], ext: "md"),
        Writer(commands: ["export prisma FILE"], ext: "csv"),
        Writer(commands: ["export robvis FILE"], ext: "csv"),
        Writer(commands: ["export ris FILE"], ext: "ris"),
        Writer(commands: ["export codebook FILE"], ext: "qdc"),
        Writer(commands: ["export qdpx FILE"], ext: "qdpx"),
        Writer(commands: ["save FILE"], ext: "snapshot", writesStreams: false),
        Writer(commands: ["history save FILE"], ext: "review"),
        Writer(commands: ["notebook export FILE"], ext: "md"),
        Writer(commands: ["figure casp FILE"], ext: "svg"),
        Writer(commands: ["report FILE"], ext: "html"),
        Writer(commands: ["bands into FILE"], ext: "csv"),
        Writer(commands: ["once FILE", "bands"], ext: "json"),
        Writer(commands: ["output FILE", "bands", "output off"], ext: "md"),
    ]

    @Test(arguments: writers)
    func aWriterKeepsLinksPipesDevicesAndFolders(_ writer: Writer) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appendingPathComponent(name).path }

        // A link to a file that does not exist yet in a sub-folder: the target is written, the link stays.
        try FileManager.default.createDirectory(atPath: path("target"), withIntermediateDirectories: false)
        #expect(symlink("target/real.\(writer.ext)", path("link.\(writer.ext)")) == 0)
        // A named pipe, read as it is written (non-blocking, so the test never hangs).
        #expect(mkfifo(path("pipe.\(writer.ext)"), 0o600) == 0)
        let reader = open(path("pipe.\(writer.ext)"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        // A character device: a private copy of /dev/null when root may make one, else a link to /dev/null.
        let device = path("device.\(writer.ext)")
        var null = stat()
        let made = geteuid() == 0 && stat("/dev/null", &null) == 0 && mknod(device, S_IFCHR | 0o666, null.st_rdev) == 0
        if !made { #expect(symlink("/dev/null", device) == 0) }
        // A folder by the file's name.
        try FileManager.default.createDirectory(atPath: path("folder.\(writer.ext)"), withIntermediateDirectories: false)
        try "keep".write(toFile: path("folder.\(writer.ext)/inside.txt"), atomically: false, encoding: .utf8)

        var arguments = ["--keep-going"]
        for name in ["link", "pipe", "device", "folder"] {
            for line in writer.lines("\(name).\(writer.ext)") { arguments += ["-c", line] }
        }
        let received = PipeDrain(reader)
        let result = try FileSafetyTests.run(arguments, in: directory, timeout: 60)
        let bytes = received.finish()

        // The link is still a link, and its target is a regular file with the content.
        #expect(fileType(path("link.\(writer.ext)")) == S_IFLNK, "\(writer)")
        #expect(fileType(path("target/real.\(writer.ext)")) == S_IFREG, "\(writer): \(result.stderr)")
        #expect(((try? FileManager.default.attributesOfItem(atPath: path("target/real.\(writer.ext)"))[.size] as? Int) ?? 0) > 0, "\(writer)")
        // The pipe is still a pipe and got the content; the device is still a device.
        #expect(fileType(path("pipe.\(writer.ext)")) == S_IFIFO, "\(writer)")
        if writer.writesStreams { #expect(!bytes.isEmpty, "\(writer): nothing came through the pipe; \(result.stderr)") }
        let deviceType = fileType(device)
        #expect(deviceType == S_IFCHR || deviceType == S_IFLNK, "\(writer)")
        if deviceType == S_IFLNK { #expect(fileType("/dev/null") == S_IFCHR) }
        // The folder is refused and keeps what it held.
        #expect(fileType(path("folder.\(writer.ext)")) == S_IFDIR, "\(writer)")
        #expect((try? String(contentsOfFile: path("folder.\(writer.ext)/inside.txt"), encoding: .utf8)) == "keep", "\(writer)")
        #expect(result.stderr.contains("folder.\(writer.ext)"), "\(writer): the refusal names the folder: \(result.stderr)")
        #expect(result.status == 1, "\(writer): only the folder (and a save to a stream) fails: \(result.stderr)")
        if writer.writesStreams {
            #expect(result.stderr.components(separatedBy: "error:").count == 2, "\(writer): one error, for the folder: \(result.stderr)")
        }
        // No temporary file is left behind anywhere.
        for folder in [directory.path, path("target")] {
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "\(writer): \(leftovers)")
        }
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }
}

/// Reads a non-blocking pipe on a thread until told to finish, so a writer never blocks on a full pipe.
final class PipeDrain: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var done = false
    private let finished = DispatchSemaphore(value: 0)
    private let fd: Int32

    init(_ fd: Int32) {
        self.fd = fd
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                lock.lock()
                if count > 0 { bytes += buffer[0..<count] }
                let stop = done && count <= 0
                lock.unlock()
                if stop { break }
                if count <= 0 { usleep(5_000) }
            }
            finished.signal()
        }
    }

    /// Stops after reading what is left; returns everything read.
    func finish() -> [UInt8] {
        lock.lock()
        done = true
        lock.unlock()
        _ = finished.wait(timeout: .now() + 10)
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }
}
