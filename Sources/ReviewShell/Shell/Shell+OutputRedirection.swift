import Foundation
import ReviewKit

/// Results to files: a command's `into FILE` clause, a pending `once FILE` and an open `output FILE`
/// (`OutputRedirection`). The result is rendered by the one `Renderer` in the file's format and written
/// through the atomic writer (`AtomicFile`); the acknowledgement goes to standard error.
extension Shell {
    /// Runs a command line, sending its result where `into`, `once` or `output` say, else to the screen.
    /// Returns the result as the notebook keeps it (with a line saying where it was written).
    func runRedirected(_ invocation: Invocation) throws(Diagnostic) -> CommandResult {
        var command = invocation
        var clauseTarget: OutputTarget?
        if let (stripped, clause) = OutputClause.split(invocation) {
            try refuseClause(on: stripped, at: clause.first!, in: invocation)
            let target = try OutputClause.target(clause, in: invocation, sessionFormat: format, files: context.files)
            if options.readOnly && !target.isStandardOutput {
                throw invocation.error("this is a read-only run ('review run --read-only'): 'into' would write '\(target.path)'; nothing was written",
                                       at: target.span, notes: ["'review run --dry-run SCRIPT' lists every file a script would write"])
            }
            clauseTarget = target
            command = stripped
        }
        let isRedirectionCommand = ["output", "once"].contains(command.name.lowercased())
        let once = isRedirectionCommand || clauseTarget != nil ? nil : session.outputRedirection.once
        let result: CommandResult
        do throws(Diagnostic) {
            result = try execute(command)
        } catch {
            // A failed command uses up `once`, so its file is not filled by some later, unrelated result.
            if once != nil { session.outputRedirection.once = nil }
            throw error
        }
        let target = isRedirectionCommand ? nil : clauseTarget ?? once ?? session.outputRedirection.output
        guard let target, result.holdsData(for: target.format) else {
            if let clauseTarget {
                let what = result.holdsData(for: .table) ? "text, which a \(clauseTarget.format.rawValue.uppercased()) file cannot hold; name a .txt or .md file" : "no result to write"
                throw invocation.error("'\(command.name)' gave \(what)", at: clauseTarget.span)
            }
            showOnScreen(result, of: command)
            return result
        }
        if once != nil { session.outputRedirection.once = nil }
        let appending = clauseTarget == nil && once == nil
        try write(result, to: target, appending: appending, invocation: clauseTarget == nil ? nil : invocation)
        return target.isStandardOutput ? result : .sequence([result, .message("(written to \(target.path))")])
    }

    /// Refuses `into` on a command that shows no result (it edits, reads or writes files, or checks one).
    private func refuseClause(on command: Invocation, at into: Word, in invocation: Invocation) throws(Diagnostic) {
        guard let found = commands.command(named: command.name) else { return }
        if found.name == "expect" {
            throw invocation.error("'expect' checks a result and writes none; put 'into FILE' on the command itself, on a line of its own",
                                   at: into.span.lowerBound..<invocation.text.count)
        }
        if [.editing, .files, .scripting].contains(found.group) || ["set", "quit"].contains(found.name) {
            throw invocation.error("'\(found.name)' shows no result to write; 'into FILE' follows a query, a figure or another command that shows one",
                                   at: into.span)
        }
    }

    /// Shows a result as usual; an export to `-` (standard output) says what it wrote on standard error instead,
    /// so the data on standard output stays clean.
    private func showOnScreen(_ result: CommandResult, of command: Invocation) {
        if case .message(let text) = result, let found = commands.command(named: command.name),
           let arguments = try? ArgumentParser.parse(command, as: found.signature),
           found.filesWritten(by: arguments, in: session).contains("-") {
            acknowledge(text)
            return
        }
        // Machine formats keep standard output for data: acknowledgements and notes go to standard error.
        let (text, messages) = renderer.split(result)
        if !messages.isEmpty { closeProgressLine(); output.writeError(TerminalSafety.visible(messages, onTerminal: options.errorIsTerminal, keepingColour: true)) }
        emit(text)
    }

    /// Writes a line on standard error (JSON when errors are JSON), keeping standard output for data.
    func acknowledge(_ text: String) {
        closeProgressLine()
        output.writeError(options.jsonErrors ? JSONText.render(.message(text)) + "\n" : text + "\n")
    }

    /// Renders a result in the target's format and writes it: to standard output for `-`, else through the
    /// atomic writer; `appending` adds it to what `output` has written to the file so far.
    private func write(_ result: CommandResult, to target: OutputTarget, appending: Bool, invocation: Invocation?) throws(Diagnostic) {
        // Acknowledgements inside the result go to standard error, never into the data file.
        let (text, messages) = Renderer(format: target.format, width: width, colour: false).split(result)
        if !messages.isEmpty { closeProgressLine(); output.writeError(TerminalSafety.visible(messages, onTerminal: options.errorIsTerminal, keepingColour: true)) }
        var state = appending ? session.outputRedirection.written : OutputRedirection.WrittenFile()
        let first = state.results == 0
        var piece: [UInt8]
        var rows = result.dataRowCount
        switch target.format {
        case .csv, .tsv:
            var table = OutputTable.rows(text, format: target.format)
            let header = table.first
            rows = max(0, table.count - 1)
            if !first, let existing = state.header {
                guard header == existing else {
                    throw Diagnostic(.file, .error, "'\(target.path)' holds a table with the columns \(existing.joined(separator: ", ")); this result has other columns, and a \(target.format.rawValue.uppercased()) file holds one table",
                                     notes: ["'output' another file for it, or send it elsewhere with 'into FILE'"])
                }
                table.removeFirst()
            }
            state.header = state.header ?? header
            piece = OutputTable.bytes(table, format: target.format, byteOrderMark: first && target.byteOrderMark,
                                      guardingFormulas: target.guardsFormulas, lineEnding: target.isStandardOutput || target.format == .tsv ? .lf : .crlf)
        case .table, .markdown:
            piece = Array(((first ? "" : "\n") + text).utf8)
        case .json:
            piece = Array(text.utf8)
        }
        if target.isStandardOutput {
            emit(String(decoding: piece, as: UTF8.self))
            if let failure = output.writeFailure { throw Diagnostic.outputFailed(failure) }
            return
        }
        let url = target.url ?? context.files.url(target.path)
        do throws(FileError) {
            let inPlace = try AtomicFile.writesInPlace(url)
            if first || inPlace {
                try AtomicFile.write(piece, to: url)
            } else {
                try AtomicFile.write(state.bytes + piece, to: url)
            }
        } catch {
            let message = "cannot write '\(target.path)': " + error.message
            if let invocation { throw invocation.error(message, at: target.span) }
            throw Diagnostic(.file, .error, message)
        }
        state.bytes += piece
        state.results += 1
        state.rows += rows
        if appending { session.outputRedirection.written = state }
        let count = result.holdsData(for: .csv) ? "\(rows) row\(rows == 1 ? "" : "s")" : "the text"
        acknowledge(appending && !first ? "added \(count) to \(target.path) (\(state.rows) rows in all)" : "wrote \(count) to \(target.path)")
    }
}

/// A delimited result as rows of cells, and back, so `output` can check and join tables and guard cells.
enum OutputTable {
    /// The rows of CSV or TSV text as the `Renderer` wrote it (both quoted per RFC 4180, TSV with tabs between fields).
    static func rows(_ text: String, format: OutputFormat) -> [[String]] {
        var parsed: [[String]] = []
        let bytes = Array(text.utf8)
        let read: Bool = bytes.withUnsafeBufferPointer { buffer in
            do throws(FileError) {
                try CSV.forEachRecord(buffer, path: nil, delimiter: format == .tsv ? 9 : 44) { record in
                    parsed.append((0..<record.count).map { record.field($0) })
                }
                return true
            } catch { return false }
        }
        if read { return parsed }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The bytes of rows in CSV (the one CSV writer) or TSV, with an optional byte-order mark and formula guard.
    static func bytes(_ rows: [[String]], format: OutputFormat, byteOrderMark: Bool, guardingFormulas: Bool,
                      lineEnding: CSV.Writer.LineEnding) -> [UInt8] {
        if format == .csv {
            var writer = CSV.Writer(byteOrderMark: byteOrderMark, guardingFormulas: guardingFormulas, lineEnding: lineEnding)
            for row in rows { writer.row(row) }
            return writer.bytes
        }
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for row in rows {
            out += Array(row.map { Renderer.tsvField(guardingFormulas ? CSVFormulaGuard.guarded($0) : $0) }.joined(separator: "\t").utf8)
            out += lineEnding == .crlf ? [13, 10] : [10]
        }
        return out
    }
}

extension CommandResult {
    /// Whether the result holds something a file of this format can take: a table, record or figure, or
    /// text for a text format (a message is an acknowledgement, not a result).
    func holdsData(for format: OutputFormat) -> Bool {
        switch self {
        case .empty, .message: false
        case .table, .record, .figure: true
        case .text: format != .csv && format != .tsv
        case .sequence(let items): items.contains { $0.holdsData(for: format) }
        }
    }

    /// How many data rows the result holds: a table's rows, one for a record or a figure.
    var dataRowCount: Int {
        switch self {
        case .table(let table): table.rows.count
        case .record, .figure: 1
        case .sequence(let items): items.reduce(0) { $0 + $1.dataRowCount }
        default: 0
        }
    }
}
