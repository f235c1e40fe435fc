import Foundation
import ReviewKit

/// `import ris|codebook|qdpx FILE`: references and REFI-QDA codebooks and projects, each one undoable change,
/// with everything not mapped, duplicates and uncertain matches listed on standard error.
extension ImportCommand {
    /// Runs an import of another tool's format.
    func run(_ format: InterchangeFormat, file: Word, _ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        if format != .ris, let option = arguments.option("uncertain") {
            throw arguments.error("uncertain= applies to 'import ris'", at: option.span)
        }
        if format != .qdpx, let option = arguments.option("coder") {
            throw arguments.error("coder= applies to 'import qdpx'", at: option.span)
        }
        let url = context.files.url(forReading: file.text)
        switch format {
        case .ris: return try importRIS(url, file: file, arguments, context)
        case .codebook: return try importCodebook(url, file: file, arguments, context)
        case .qdpx: return try importProject(url, file: file, arguments, context)
        }
    }

    private func importRIS(_ url: URL, file: Word, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        var policy = RISImport.UncertainPolicy.leaveOut
        if let option = arguments.option("uncertain") {
            switch option.value.lowercased() {
            case "leave", "leave-out": policy = .leaveOut
            case "new", "add": policy = .addAsNew
            case "attach": policy = .attachWhenSingle
            default: throw arguments.error("uncertain= takes leave, new or attach", at: option.valueSpan)
            }
        }
        let document: RISDocument
        do throws(FileError) { document = try RISReader.read(from: url) } catch { throw Diagnostic(error.naming(file.text)) }
        let workspace = context.workspace
        let plan = RISImport.plan(document, into: workspace, bibliography: workspace.bibliography, uncertain: policy)
        let (change, notes) = plan.workspaceChange(for: workspace)
        for warning in plan.warnings { context.reportInterchange(warning, file: file.text) }
        context.reportInterchange(plan.report + notes)
        var added = 0, matched = 0, duplicates = 0, uncertain = 0
        for item in plan.items {
            switch item.outcome {
            case .new: added += 1
            case .matched: matched += 1
            case .duplicate: duplicates += 1
            case .uncertain: uncertain += 1
            }
        }
        var changes: [WorkspaceChange] = []
        if case .batch(let planned) = change { changes = planned }
        // Rayyan's decisions go to the screening store too, in the same change (ImportCommand+Screening.swift).
        if let screening = try screeningDecisions(in: document, url: url, file: file, context) { changes.append(screening) }
        if !changes.isEmpty { try RecordOptions.commit(.batch(changes), arguments, context) }
        let count = plan.items.count
        return .message("imported \(count) reference\(count == 1 ? "" : "s") from \(file.text): \(added) new stud\(added == 1 ? "y" : "ies"), \(matched) matched to existing studies, "
                        + "\(duplicates) duplicate\(duplicates == 1 ? "" : "s") and \(uncertain) uncertain left out"
                        + (added + matched > 0 ? " ('undo' takes it back)" : ""))
    }

    private func importCodebook(_ url: URL, file: Word, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        let codebook: REFICodebook
        do throws(FileError) { codebook = try REFICodebook.read(from: url) } catch { throw Diagnostic(error.naming(file.text)) }
        let plan = REFICodebookImport.plan(codebook, into: context.workspace, mapping: context.settings.mapping)
        context.reportInterchange(plan.report)
        if !plan.freeCodes.isEmpty {
            context.reportInterchange(["\(plan.freeCodes.count) free code\(plan.freeCodes.count == 1 ? "" : "s") (\(plan.freeCodes.map { "'\($0)'" }.joined(separator: ", "))): a codebook codes no quotes, so they become tags when a quote is tagged (tag Q12 \"\(plan.freeCodes[0])\")"])
        }
        if !plan.changes.isEmpty { try RecordOptions.commit(.batch(plan.changes), arguments, context) }
        let framework = plan.codes.count - plan.codes.filter { if case .freeCode = $0.meaning { return true }; return false }.count
        return .message("read codebook \(file.text): \(plan.codes.count) code\(plan.codes.count == 1 ? "" : "s"), \(framework) in the framework, "
                        + "\(plan.newSubThemes.count) new sub-theme\(plan.newSubThemes.count == 1 ? "" : "s"), \(plan.freeCodes.count) free"
                        + (plan.changes.isEmpty ? "" : " ('undo' takes it back)"))
    }

    private func importProject(_ url: URL, file: Word, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        let options = REFIImportOptions(mapping: context.settings.mapping, primaryCoder: arguments.option("coder")?.value)
        let workspace = context.workspace
        let plan: REFIImportPlan
        do throws(FileError) { plan = try REFIImport.read(from: url, into: workspace, options: options) } catch { throw Diagnostic(error.naming(file.text)) }
        if let coder = options.primaryCoder, !plan.coders.contains(coder) {
            throw arguments.error("no coder '\(coder)' in \(file.text)", at: arguments.option("coder")!.valueSpan,
                                  notes: plan.coders.isEmpty ? [] : ["coders: " + plan.coders.joined(separator: ", ")])
        }
        let (change, notes) = plan.workspaceChange(for: workspace)
        var changes: [WorkspaceChange] = []
        if case .batch(let planned) = change { changes = planned }
        // The review's own export carries the workspace's metadata in the project description.
        var metadata = workspace.metadata
        for (key, value) in plan.metadata where metadata[key] == nil { metadata[key] = value }
        if metadata != workspace.metadata { changes.append(.setMetadata(metadata)) }

        context.reportInterchange(plan.notices + plan.coderReport + notes)
        context.reportInterchange(plan.unmapped, severity: .warning)
        if !changes.isEmpty { try RecordOptions.commit(.batch(changes), arguments, context) }
        // Notes (memos) join the session's notes, saying what they were attached to.
        for note in plan.notes {
            var text = note.text
            switch note.target {
            case .project: if let title = note.title, !title.hasPrefix("Note ") { text = "\(title): \(text)" }
            case .study(let id): text = "[\(id)] " + text
            case .quote(let id): text = "[Q\(id)] " + text
            case .code(let path): text = "[code \(path)] " + text
            }
            context.session.notes.append(text)
        }
        let newStudies = plan.studies.filter { $0.match == .new }.count
        let newQuotes = plan.quotes.filter { !$0.isExisting }.count
        let tagged = plan.quotes.filter { !$0.tags.isEmpty }.count
        var parts = ["\(plan.studies.count) source\(plan.studies.count == 1 ? "" : "s") (\(newStudies) new stud\(newStudies == 1 ? "y" : "ies"))",
                     "\(plan.quotes.count) coded passage\(plan.quotes.count == 1 ? "" : "s") (\(newQuotes) new quote\(newQuotes == 1 ? "" : "s"))",
                     "\(plan.codebook.newSubThemes.count) new sub-theme\(plan.codebook.newSubThemes.count == 1 ? "" : "s")"]
        if !plan.appraisals.isEmpty { parts.append("\(plan.appraisals.count) appraisal\(plan.appraisals.count == 1 ? "" : "s")") }
        if tagged > 0 { parts.append("free codes on \(tagged) quote\(tagged == 1 ? "" : "s")") }
        let coded = changes.reduce(0) { count, change in
            if case .setReviewerCoding(let coding) = change, !coding.isConsensus { return count + 1 }
            return count
        }
        let reviewers = plan.coders.filter { name in plan.quotes.contains { $0.codings[name] != nil } }
        if coded > 0 {
            parts.append("\(coded) coding\(coded == 1 ? "" : "s") by \(reviewers.count) reviewer\(reviewers.count == 1 ? "" : "s") (\(reviewers.joined(separator: ", ")))")
        }
        if !plan.notes.isEmpty { parts.append("\(plan.notes.count) note\(plan.notes.count == 1 ? "" : "s") added to the notes") }
        return .message("imported project '\(plan.projectName)' from \(file.text): " + parts.joined(separator: ", ")
                        + (changes.isEmpty ? "" : " ('undo' takes it back)"))
    }
}
