import Foundation
import ReviewKit

/// Keeps the crash-recovery journal for a `review` process: offers to recover work a crashed session left,
/// journals this session's changes, and at the end of the run keeps or removes the journal.
///
/// A journal lets go of changes only after a save that was read back (`save`) or an explicit discard (`load …
/// discard`, answering "n", leaving a terminal session after the unsaved-changes warning). Recovered work a
/// run does not save stays in the journal for the next start.
final class JournalKeeper {
    let shell: Shell
    let configuration: LaunchConfiguration
    let interactive: Bool
    /// The journals' folder, as a path: a start that finds no journal there makes no `URL`.
    let directoryPath: String
    /// The crashed session's journal this run recovered, if any.
    private var recovered: JournalRecovery?

    init(shell: Shell, configuration: LaunchConfiguration, interactive: Bool) {
        self.shell = shell
        self.configuration = configuration
        self.interactive = interactive
        directoryPath = Journal.defaultDirectoryPath(environment: configuration.environment)
    }

    /// Looks for journals of sessions that ended abruptly, offers (or, with --recover, performs) recovery,
    /// then opens this session's journal.
    func start() {
        let session = shell.session
        var carried: [JournalRecord] = []
        var recovered: JournalRecovery?
        let (recoveries, problems) = Journal.pendingJournals(atPath: directoryPath)
        for problem in problems { shell.report(.program(.journal, .note, problem.description)) }
        for recovery in recoveries.sorted(by: { $0.started > $1.started }) {
            let summary = "\(recovery.records.count) unsaved change\(recovery.records.count == 1 ? "" : "s") on \(recovery.base.name) from a session that ended abruptly (started \(recovery.started))"
            var decision = configuration.recover && recovered == nil ? "y" : "later"
            if interactive && recovered == nil {
                shell.output.write("Found \(summary).\n")
                if let ignored = recovery.ignored { shell.output.write("  (its last record was incomplete and is left out: \(ignored.reason))\n") }
                switch shell.input.readLine(prompt: "Recover it? [y = recover, n = discard, Enter = keep for later] ") {
                case .line(let answer): decision = answer.trimmingCharacters(in: .whitespaces).lowercased()
                default: decision = "later"
                }
            } else if !configuration.recover || recovered != nil {
                shell.report(.program(.journal, .note, "kept \(summary) in \(recovery.url.path); start review in a terminal, or with --recover, to recover it"))
                continue
            }
            switch decision {
            case "y", "yes":
                guard let base = baseState(for: recovery) else { continue }
                let replay = recovery.replay(onto: base.workspace)
                // Notes and the settings a snapshot keeps are journaled too; they stop where the workspace replay stopped.
                let state = recovery.replaySession(notes: base.notes, settings: base.settings, upTo: replay.applied)
                session.workspace = replay.workspace
                session.notes = state.notes
                if var settings = try? Settings(snapshotValues: state.settings) {
                    settings.keepRunPreferences(of: session.settings)
                    session.settings = settings
                }
                session.hasUnsavedChanges = replay.applied > 0
                session.savedBase = recovery.base
                if let path = recovery.base.path { session.snapshotPath = path; session.sourceDescription = path }
                carried = Array(recovery.records.prefix(replay.applied))
                recovered = recovery
                self.recovered = recovery
                let message = "recovered \(replay.applied) of \(recovery.records.count) change(s); 'save FILE' keeps them"
                let notes = replay.failure.map { ["change \($0.record.sequence) ('\($0.record.command)') could not be replayed: \($0.error.message)"] } ?? []
                if interactive {
                    shell.output.write(([message] + notes.map { "note: " + $0 }).joined(separator: "\n") + "\n")
                } else {
                    shell.report(.program(.journal, .note, message, notes: notes))
                }
            case "n", "no":
                try? recovery.discard()
                shell.output.write("discarded the unsaved changes\n")
            default:
                shell.output.write("kept for later in \(recovery.url.path)\n")
            }
        }
        let directoryPath = self.directoryPath
        let recoveredBase = session.savedBase
        // The recovered journal is removed only once a new journal holds its records.
        var leftToDiscard = recovered
        let open = { [weak session] () throws(FileError) -> any JournalSink in
            guard let session else { throw FileError(path: nil, message: "the session has ended") }
            // Carried records belong to the recovered base; after a 'load' the journal starts afresh.
            let journal = try Journal(url: Journal.newURL(in: URL(fileURLWithPath: directoryPath, isDirectory: true)), base: session.savedBase,
                                      carrying: session.savedBase == recoveredBase ? carried : [])
            try? leftToDiscard?.discard()
            leftToDiscard = nil
            return journal
        }
        // Recovered work goes into a journal at once; otherwise the journal opens with the first change (and
        // an edit is refused while it cannot be opened).
        session.document.openJournal = open
        guard let recovered else { return }
        do throws(FileError) {
            session.document.journal = try open()
            session.document.openJournal = nil
        } catch {
            shell.report(.program(.journal, .warning, "the recovered changes stay in \(recovered.url.path): a new journal could not be started (\(error.description)); 'save FILE' keeps them"))
        }
    }

    /// What a recovered journal was recorded on: the embedded review, an empty one, or its snapshot file,
    /// with the notes and settings it started from.
    private func baseState(for recovery: JournalRecovery) -> (workspace: Workspace, notes: [String], settings: [String: String])? {
        switch recovery.base.source {
        case .empty: return (Workspace(), [], Settings().snapshotValues)
        case .embedded:
            guard let snapshot = try? EmbeddedReview.load() else { return nil }
            return (snapshot.workspace, snapshot.notes, snapshot.settings)
        default:
            guard let path = recovery.base.path else { return nil }
            if JSONWorkspace.isJSONFile(URL(fileURLWithPath: path)) { return exportBaseState(for: recovery, path: path) }
            do throws(FileError) {
                let loaded = try SnapshotFile.load(from: URL(fileURLWithPath: path))
                if !recovery.baseMatches(checksum: loaded.info.checksum) {
                    shell.report(.program(.journal, .note, "\(path) changed since that session loaded it; replaying onto the current file"))
                }
                try? shell.session.restore(loaded.snapshot, path: path)
                return (loaded.snapshot.workspace, loaded.snapshot.notes, loaded.snapshot.settings)
            } catch {
                shell.report(.program(.journal, .warning, "cannot recover: the snapshot it was based on cannot be read: \(error.description)"))
                return nil
            }
        }
    }

    /// Closes the journal at the end of the run.
    ///
    /// Recovered work that was not saved stays in the journal (a `review --recover -c …` run does not lose
    /// it). A run's own unsaved changes are dropped: at a terminal the reviewer was warned and left anyway; a
    /// script or `-c` run makes them again when run again.
    func finish() {
        let session = shell.session
        session.document.openJournal = nil
        guard let journal = session.journal else { return }
        session.journal = nil
        let explicitlyLeft = interactive && shell.warnedAboutUnsavedChanges
        if journal.hasUnsavedRecords && recovered != nil && !explicitlyLeft {
            journal.close()
            shell.report(.program(.journal, .note, "the recovered changes are not saved; they stay in \(journal.url.path) for the next start ('save FILE' keeps them)"))
        } else {
            journal.discard()
        }
    }
}
