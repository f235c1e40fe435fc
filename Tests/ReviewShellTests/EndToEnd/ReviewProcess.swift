import Foundation

/// Runs the built `review` binary with arguments and piped standard input.
struct ReviewProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `review` executable beside the test bundle (swift test builds it with the tests).
    static var executable: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("review")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/review")
    }

    static func run(_ arguments: [String], input: Data = Data(), environment: [String: String] = [:], directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("review-e2e-state").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func run(_ arguments: [String], stdin text: String, environment: [String: String] = [:]) throws -> Output {
        try run(arguments, input: Data(text.utf8), environment: environment)
    }
}
