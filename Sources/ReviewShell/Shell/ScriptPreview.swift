import Foundation
import ReviewKit

/// What `review run --dry-run` shows: every file a script (and the scripts it sources) would write, found by
/// reading its commands without running any.
///
/// A script is code someone else may have written: before running it, a reviewer can see that it writes
/// `results.snapshot` and not `~/.bashrc`. Paths are listed as the script gives them (relative to the
/// script's folder, as the run resolves them); `source` is followed into the sourced file (up to
/// `SourceCommand.maximumDepth`).
struct ScriptPreview {
    /// One file a command would write.
    struct Write: Equatable {
        /// The script and line of the command.
        var file: String
        var line: Int
        /// The command word ("save", "export").
        var command: String
        /// The path as typed (relative to the script's folder).
        var path: String
    }

    let commands: CommandRegistry
    let files: FileResolver
    let session: Session

    /// The writes in `text` (the script `file`), in order; problems (a line that does not parse, a sourced
    /// file that cannot be read) are listed too, since a preview that skips them would understate the writes.
    func writes(in text: String, file: String, depth: Int = 0) -> (writes: [Write], problems: [String]) {
        var writes: [Write] = [], problems: [String] = []
        let reader = CommandReader(CountingLineSource(ScriptLineSource(text: text)))
        while true {
            switch reader.next(prompt: "", continuationPrompt: "") {
            case .command(let line, let number):
                guard var invocation = Invocation(line), let command = commands.command(named: invocation.name) else { continue }
                // A trailing `into FILE` writes that file (Shell+OutputRedirection.swift).
                if let (stripped, clause) = OutputClause.split(invocation) {
                    let path = clause[clause.startIndex + 1].text
                    if path != "-" { writes.append(Write(file: file, line: number, command: "into", path: path)) }
                    invocation = stripped
                }
                let arguments: ParsedArguments
                do throws(Diagnostic) {
                    arguments = try ArgumentParser.parse(invocation, as: command.signature)
                } catch {
                    problems.append("\(file):\(number): '\(invocation.name)' does not parse (\(error.message)); it would fail when run")
                    continue
                }
                for path in command.filesWritten(by: arguments, in: session) where path != "-" {
                    writes.append(Write(file: file, line: number, command: command.name, path: path))
                }
                if command.name == "source", let word = arguments.positional(0) {
                    guard depth < SourceCommand.maximumDepth else {
                        problems.append("\(file):\(number): scripts are nested more than \(SourceCommand.maximumDepth) deep; the run would stop here")
                        continue
                    }
                    // As the run resolves it: relative to the sourcing script's folder.
                    var path = word.text
                    if !path.hasPrefix("/"), !path.hasPrefix("~") {
                        path = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
                    }
                    do throws(Diagnostic) {
                        let nested = try files.readScript(path, named: word.span, in: invocation)
                        let inner = self.writes(in: nested, file: path, depth: depth + 1)
                        writes += inner.writes
                        problems += inner.problems
                    } catch {
                        problems.append("\(file):\(number): \(error.message)")
                    }
                }
            case .end, .interrupted, .problem:
                return (writes, problems)
            }
        }
    }

    /// The listing `--dry-run` prints.
    static func report(_ writes: [Write], problems: [String], scripts: [String]) -> String {
        var out = writes.isEmpty
            ? "\(scripts.joined(separator: ", ")) would write no files\n"
            : "\(scripts.joined(separator: ", ")) would write \(writes.count) file\(writes.count == 1 ? "" : "s") (nothing was run):\n"
        for write in writes { out += "  \(write.file):\(write.line): \(write.command) → \(write.path)\n" }
        for problem in problems { out += "  note: \(problem)\n" }
        return out
    }
}
