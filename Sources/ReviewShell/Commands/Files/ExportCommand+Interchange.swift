import Foundation
import ReviewKit

/// `export ris|codebook|qdpx FILE`: the studies' references, the framework as a REFI-QDA codebook, or the whole
/// review as a REFI-QDA project; what the format cannot carry is listed on standard error.
extension ExportCommand {
    /// Runs an export to another tool's format.
    func run(_ format: InterchangeFormat, file: Word, _ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        if let third = arguments.positional(2) { throw arguments.error("unexpected '\(third.text)'", at: third.span) }
        let workspace = context.workspace
        let url = context.files.url(forWriting: file.text)
        do throws(FileError) {
            switch format {
            case .ris:
                let bibliography = workspace.bibliography
                try RISExport.write(workspace, bibliography: bibliography, to: url)
                let minimal = workspace.studies.count - bibliography.count
                if minimal > 0 {
                    context.reportInterchange(["\(minimal) stud\(minimal == 1 ? "y has" : "ies have") no reference yet; written as a minimal record (label as title, year, a note naming the study)"])
                }
                return .message("wrote \(workspace.studies.count) reference\(workspace.studies.count == 1 ? "" : "s") to \(file.text) (RIS, UTF-8, CRLF)")
            case .codebook:
                let codebook = ReviewCodebook(workspace: workspace, mapping: context.settings.mapping, tags: context.tagNamesInOrder)
                try codebook.codebook.write(to: url)
                return .message("wrote the codebook (\(codebook.codebook.allCodes.count) codes) to \(file.text) (REFI-QDA 1.5 codebook)")
            case .qdpx:
                let options = REFIExportOptions(mapping: context.settings.mapping, bands: context.settings.bands, notes: context.session.notes)
                let result = QDPXExport.export(workspace, options: options)
                try result.archive.write(to: url)
                context.reportInterchange(result.report, severity: .warning)
                let project = result.archive.project
                let selections = project.sources.reduce(0) { $0 + $1.selections.count }
                // The first user holds the quotes' own coding; the others are the reviewers and the consensus.
                let reviewers = project.users.dropFirst().compactMap(\.name)
                return .message("wrote REFI-QDA project to \(file.text): \(project.sources.count) source\(project.sources.count == 1 ? "" : "s"), "
                                + "\(selections) coded passage\(selections == 1 ? "" : "s"), \(result.codebook.codebook.allCodes.count) codes, "
                                + "\(project.cases.count) case\(project.cases.count == 1 ? "" : "s"), \(project.notes.count) note\(project.notes.count == 1 ? "" : "s")"
                                + (reviewers.isEmpty ? "" : ", codings as users \(reviewers.joined(separator: ", ")) beside the quotes' own"))
            }
        } catch {
            throw Diagnostic(error.naming(file.text))
        }
    }
}
