import ReviewKit

extension Shell {
    /// Refuses a command that would write a file in a read-only run (`review run --read-only`).
    func refuseWrites(_ command: any Command, _ arguments: ParsedArguments, _ invocation: Invocation) throws(Diagnostic) {
        // Standard output (`-`) is no file: a read-only run may print.
        guard let file = command.filesWritten(by: arguments, in: session).first(where: { $0 != "-" }) else { return }
        throw invocation.error("this is a read-only run ('review run --read-only'): '\(command.name)' would write '\(file)'; nothing was written",
                               at: invocation.nameSpan, notes: ["'review run --dry-run SCRIPT' lists every file a script would write"])
    }
}

extension Diagnostic {
    /// Standard output could not be written: the result is lost, so the command failed.
    static func outputFailed(_ reason: String) -> Diagnostic {
        .program(.file, .error, "cannot write the output: \(reason)")
    }
}
