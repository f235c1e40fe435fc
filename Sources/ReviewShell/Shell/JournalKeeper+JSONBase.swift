import Foundation
import ReviewKit

extension JournalKeeper {
    /// The state a journal recorded after `load FILE.json` replays onto: the export's workspace, this session's
    /// settings and no notes (the export holds neither). nil after a warning when the file cannot be read.
    func exportBaseState(for recovery: JournalRecovery, path: String) -> (workspace: Workspace, notes: [String], settings: [String: String])? {
        do throws(FileError) {
            let loaded = try JSONWorkspace.load(from: URL(fileURLWithPath: path), mapping: shell.session.settings.mapping)
            if !recovery.baseMatches(checksum: loaded.checksum) {
                shell.report(.program(.journal, .note, "\(path) changed since that session loaded it; replaying onto the current file"))
            }
            let snapshot = Snapshot(workspace: loaded.workspace, settings: shell.session.settings.snapshotValues)
            // Not `path`: a save must never write a snapshot over the JSON file.
            try? shell.session.restore(snapshot, path: nil)
            shell.session.sourceDescription = path
            return (loaded.workspace, [], snapshot.settings)
        } catch {
            shell.report(.program(.journal, .warning, "cannot recover: the JSON export it was based on cannot be read: \(error.description)"))
            return nil
        }
    }
}
