import Foundation
import ReviewKit

/// Keeps the crash-recovery journal for a `review` process: offers to recover work a crashed session left,
/// journals this session's changes, and clears the journal on a clean exit.
final class JournalKeeper {
    let shell: Shell
    let configuration: LaunchConfiguration
    let interactive: Bool
    let directory: URL

    init(shell: Shell, configuration: LaunchConfiguration, interactive: Bool) {
        self.shell = shell
        self.configuration = configuration
        self.interactive = interactive
        directory = Journal.defaultDirectory(environment: configuration.environment)
    }

    /// Looks for journals of sessions that ended abruptly, offers (or, with --recover, performs) recovery,
    /// then opens this session's journal.
    func start() {
        let session = shell.session
        var carried: [JournalRecord] = []
        let (recoveries, problems) = Journal.pendingJournals(in: directory)
        for problem in problems { shell.report(.program(.journal, .note, problem.description)) }
        for recovery in recoveries.sorted(by: { $0.started > $1.started }) {
            let summary = "\(recovery.records.count) unsaved change\(recovery.records.count == 1 ? "" : "s") on \(recovery.base.name) from a session that ended abruptly (started \(recovery.started))"
            var decision = configuration.recover && carried.isEmpty ? "y" : "later"
            if interactive && carried.isEmpty {
                shell.output.write("Found \(summary).\n")
                if let ignored = recovery.ignored { shell.output.write("  (its last record was incomplete and is left out: \(ignored.reason))\n") }
                switch shell.input.readLine(prompt: "Recover it? [y = recover, n = discard, Enter = keep for later] ") {
                case .line(let answer): decision = answer.trimmingCharacters(in: .whitespaces).lowercased()
                default: decision = "later"
                }
            } else if !configuration.recover || !carried.isEmpty {
                shell.report(.program(.journal, .note, "kept \(summary) in \(recovery.url.path); start review in a terminal, or with --recover, to recover it"))
                continue
            }
            switch decision {
            case "y", "yes":
                guard let base = baseWorkspace(for: recovery) else { continue }
                let replay = recovery.replay(onto: base)
                session.workspace = replay.workspace
                session.hasUnsavedChanges = replay.applied > 0
                session.savedBase = recovery.base
                if let path = recovery.base.path { session.snapshotPath = path; session.sourceDescription = path }
                carried = Array(recovery.records.prefix(replay.applied))
                let message = "recovered \(replay.applied) of \(recovery.records.count) change(s); 'save FILE' keeps them"
                let notes = replay.failure.map { ["change \($0.record.sequence) ('\($0.record.command)') could not be replayed: \($0.error.message)"] } ?? []
                if interactive {
                    shell.output.write(([message] + notes.map { "note: " + $0 }).joined(separator: "\n") + "\n")
                } else {
                    shell.report(.program(.journal, .note, message, notes: notes))
                }
                try? recovery.discard()
            case "n", "no":
                try? recovery.discard()
                shell.output.write("discarded the unsaved changes\n")
            default:
                shell.output.write("kept for later in \(recovery.url.path)\n")
            }
        }
        let directory = self.directory
        let report: (Diagnostic) -> Void = { [weak shell] in shell?.report($0) }
        let open: () -> Journal? = { [weak session] in
            guard let session else { return nil }
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            do throws(FileError) {
                return try Journal(url: Journal.newURL(in: directory), base: session.savedBase, carrying: carried)
            } catch {
                report(.program(.journal, .warning, "no crash-recovery journal (\(error.description)); changes are only kept by 'save'"))
                return nil
            }
        }
        // Recovered work goes into a journal at once; otherwise the journal opens with the first change.
        if carried.isEmpty { session.openJournal = open } else { session.journal = open() }
    }

    /// The workspace a recovered journal was recorded on: the embedded review, an empty one, or its snapshot file.
    private func baseWorkspace(for recovery: JournalRecovery) -> Workspace? {
        switch recovery.base.source {
        case .empty: return Workspace()
        case .embedded: return (try? EmbeddedReview.load())?.workspace
        default:
            guard let path = recovery.base.path else { return nil }
            do throws(FileError) {
                let loaded = try SnapshotFile.load(from: URL(fileURLWithPath: path))
                if !recovery.baseMatches(checksum: loaded.info.checksum) {
                    shell.report(.program(.journal, .note, "\(path) changed since that session loaded it; replaying onto the current file"))
                }
                try? shell.session.restore(loaded.snapshot, path: path)
                return loaded.snapshot.workspace
            } catch {
                shell.report(.program(.journal, .warning, "cannot recover: the snapshot it was based on cannot be read: \(error.description)"))
                return nil
            }
        }
    }

    /// Closes and removes the journal: an orderly exit leaves nothing to recover (the launcher says when changes went unsaved).
    func finish() {
        shell.session.journal?.close(discard: true)
        shell.session.journal = nil
    }
}
