import Foundation
import ReviewKit

/// `load FILE.json`: the project's own JSON export in place of the workspace (docs/formats.md, "JSON").
extension LoadCommand {
    /// The export as a snapshot of this session (its settings kept; no notes or history, which the export does not
    /// hold) and the journal base that names the file, so crash recovery replays onto it as onto a snapshot.
    func loadExport(_ word: Word, in context: CommandContext) throws(Diagnostic) -> (Snapshot, JournalBase) {
        let url = context.files.url(forReading: word.text)
        let loaded: (workspace: Workspace, checksum: UInt32)
        do throws(FileError) {
            loaded = try JSONWorkspace.load(from: url, mapping: context.settings.mapping)
        } catch {
            throw Diagnostic(error.naming(word.text))
        }
        let snapshot = Snapshot(workspace: loaded.workspace, settings: context.session.settings.snapshotValues)
        return (snapshot, JournalBase.jsonExport(url, checksum: loaded.checksum))
    }
}
