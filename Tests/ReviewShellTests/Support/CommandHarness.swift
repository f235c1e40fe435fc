import Foundation
@testable import ReviewShell
import ReviewKit

/// A shell on the embedded review (or another session) for command tests: run a line, get its result or its
/// diagnostic, read what was written.
final class CommandHarness {
    let output = BufferedOutput()
    let shell: Shell
    let directory: URL

    /// A harness whose relative file names resolve in a fresh scratch directory; `answers` feed commands that ask.
    init(session: Session? = nil, answers: [String] = [], interactive: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = ShellOptions()
        options.workingDirectory = directory.path
        shell = Shell(session: try session ?? Session.embedded(), input: ScriptedLineSource(answers, isInteractive: interactive), output: output, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var session: Session { shell.session }

    /// The result of a command line (which must succeed).
    func result(_ line: String) throws -> CommandResult { try shell.execute(Invocation(line)!) }

    /// The diagnostic a command line gives, or nil when it succeeds.
    func failure(_ line: String) -> Diagnostic? {
        do { _ = try shell.execute(Invocation(line)!); return nil } catch { return error }
    }

    /// The table a command gives.
    func table(_ line: String) throws -> ResultTable {
        guard case .table(let table) = try result(line) else { throw HarnessError.notA("table", line) }
        return table
    }

    /// The record a command gives (the first one in a sequence).
    func record(_ line: String) throws -> ResultRecord {
        switch try result(line) {
        case .record(let record): return record
        case .sequence(let items):
            for case .record(let record) in items { return record }
        default: break
        }
        throw HarnessError.notA("record", line)
    }

    /// The message a command gives.
    func message(_ line: String) throws -> String {
        guard case .message(let text) = try result(line) else { throw HarnessError.notA("message", line) }
        return text
    }

    /// The column of a table with a key.
    func column(_ table: ResultTable, _ key: String) -> [ResultValue] {
        guard let index = table.columns.firstIndex(where: { $0.key == key }) else { return [] }
        return table.rows.map { $0[index] }
    }

    enum HarnessError: Error { case notA(String, String) }
}
