import Foundation
import ReviewKit

/// `import screening FILE`: reviewers' screening decisions into the workspace's store, one undoable change.
extension ImportCommand {
    func importScreening(_ file: Word, _ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        for key in ["uncertain", "coder", "delimiter", "extra"] {
            if let option = arguments.option(key) { throw arguments.error("\(key)= does not apply to 'import screening'", at: option.span) }
        }
        var format: ScreeningImport.Format?
        var rayyan = false
        if let option = arguments.option("format") {
            switch option.value.lowercased() {
            case "plain": format = .plain
            case "covidence": format = .covidence
            case "rayyan": rayyan = true
            default: throw arguments.error("format= takes plain, rayyan or covidence", at: option.valueSpan)
            }
        }
        let url = context.files.url(forReading: file.text)
        let read: ScreeningImport
        do throws(FileError) {
            if rayyan {
                // Rayyan exports RIS or CSV: the content tells which.
                let bytes = try AtomicFile.read(url)
                read = try ScreeningImport.decode(bytes, path: file.text, format: ScreeningImport.looksLikeRIS(bytes) ? .rayyanRIS : .rayyanCSV,
                                                  stage: arguments.option("stage")?.value)
            } else {
                read = try ScreeningImport.read(from: url, format: format, stage: arguments.option("stage")?.value)
            }
        } catch {
            throw Diagnostic(error.naming(file.text))
        }
        return try Self.store(read, from: file.text, arguments, context)
    }

    /// Reports what was read and folded, applies the change, and says what it did.
    static func store(_ read: ScreeningImport, from file: String, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        let empty = read.recordsWithoutDecision
        context.reportInterchange(read.notes + (empty > 0 ? ["\(empty) record\(empty == 1 ? "" : "s") without any decision left out"] : []) + foldingReport(read))
        let (change, added, updated, unchanged) = read.change(for: context.workspace)
        if let change { try RecordOptions.commit(change, arguments, context) }
        let reviewers = read.reviewers
        let consensus = read.records.filter { $0.consensus != nil }.count
        let decisions = read.decisionCount - consensus
        return .message("imported screening decisions (\(read.format.label)) from \(file): \(decisions) decision\(decisions == 1 ? "" : "s") on "
                        + "\(read.records.count) record\(read.records.count == 1 ? "" : "s") by \(reviewers.joined(separator: ", "))"
                        + (consensus > 0 ? " and a consensus on \(consensus)" : "")
                        + "; \(added) new, \(updated) updated, \(unchanged) unchanged" + (change == nil ? "" : " ('undo' takes it back)"))
    }

    /// One line saying which spellings were folded to which decision, how often.
    static func foldingReport(_ read: ScreeningImport) -> [String] {
        guard !read.foldings.isEmpty else { return [] }
        let total = read.foldings.reduce(0) { $0 + $1.count }
        return ["folded \(total) decision\(total == 1 ? "" : "s") to include / maybe / exclude: "
                + read.foldings.map { "'\($0.spelling)' → \($0.decision.rawValue) (\($0.count))" }.joined(separator: ", ")]
    }

    /// The screening decisions of a Rayyan RIS file being imported as references, as a change for the same batch
    /// (nil when the file has none). A decision that cannot be read leaves the references to import and says how
    /// to import the decisions once the file is fixed.
    func screeningDecisions(in document: RISDocument, url: URL, file: Word, _ context: CommandContext) throws(Diagnostic) -> WorkspaceChange? {
        guard document.records.contains(where: { !($0.screening?.decisions.isEmpty ?? true) }) else { return nil }
        do throws(FileError) {
            let read = try ScreeningImport.read(from: url, format: .rayyanRIS)
            context.reportInterchange(read.notes + Self.foldingReport(read))
            let (change, added, updated, _) = read.change(for: context.workspace)
            context.reportInterchange(["rayyan decisions: \(read.decisionCount) on \(read.records.count) record\(read.records.count == 1 ? "" : "s") by \(read.reviewers.joined(separator: ", ")) "
                                       + "stored as screening decisions (\(added) new, \(updated) updated); see 'agreement screening' and 'disagreements screening'"])
            return change
        } catch {
            var diagnostic = Diagnostic(error.naming(file.text))
            diagnostic.kind = .interchange
            diagnostic.severity = .warning
            context.host.report(diagnostic)
            context.reportInterchange(["the references are imported without their screening decisions; fix the file and run 'import screening \(file.text)'"])
            return nil
        }
    }
}
