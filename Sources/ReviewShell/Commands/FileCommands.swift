import Foundation
import ReviewKit

extension CommandSpec {
    static let save = CommandSpec(
        "save", group: "files",
        summary: "save the whole session (workspace, settings, notes, history) as a snapshot",
        usage: ["save [FILE]"],
        details: """
        Without FILE, saves to the snapshot the session was loaded from or last saved to. The file is plain UTF-8 text in a stable order, \
        so 'git diff' of two snapshots shows what changed (docs/formats.md). Saving is atomic: an interrupted save leaves the previous file intact. \
        A clean save clears the crash-recovery journal.
        """,
        examples: ["save synthesis.snapshot", "save"],
        argument: .file
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard words.count <= 1 else { throw invocation.error("'save' takes one file name", at: words[1].span) }
        guard let path = words.first?.text ?? shell.session.snapshotPath else {
            throw invocation.missing("no snapshot file yet: 'save FILE' names one")
        }
        let url = shell.fileURL(path)
        let info: SnapshotFile.Info
        do throws(FileError) {
            info = try SnapshotFile.write(shell.session.snapshot(), to: url, progress: shell.progress("saving"))
        } catch {
            throw Diagnostic(relabel(error, as: path))
        }
        shell.session.snapshotPath = path
        shell.session.sourceDescription = path
        shell.session.hasUnsavedChanges = false
        shell.session.savedBase = .file(url, info: info)
        shell.session.clearJournal()
        let w = shell.session.workspace
        return .message("saved \(w.studies.count) studies, \(w.quotes.count) quotes, \(shell.session.cells.count + 1) cells to \(path) (\(info.byteCount) bytes, crc32 \(info.checksumText))")
    }

    static let load = CommandSpec(
        "load", group: "files",
        summary: "replace the session with a saved snapshot (checked in full before anything changes)",
        usage: ["load FILE [discard]"],
        details: """
        The snapshot is validated completely (format, version, checksum, every field) before the session is touched; on any error \
        the workspace stays exactly as it was. With unsaved changes, 'load' refuses unless 'discard' is given. 'load embedded' returns to the embedded review.
        """,
        examples: ["load synthesis.snapshot", "load embedded discard"],
        argument: .file
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let word = words.first else { throw invocation.missing("'load' needs a snapshot file") }
        let discard = words.count == 2 && words[1].text.lowercased() == "discard"
        guard words.count == 1 || discard else { throw invocation.error("unexpected '\(words[1].text)'; did you mean 'discard'?", at: words[1].span) }
        if shell.session.hasUnsavedChanges && !discard {
            throw invocation.error("there are unsaved changes; 'save' them first, or 'load \(word.text) discard' to drop them", at: word.span)
        }
        let snapshot: Snapshot
        var path: String? = word.text
        var base = JournalBase.embedded
        if word.text.lowercased() == "embedded" && !FileManager.default.fileExists(atPath: shell.fileURL(word.text).path) {
            snapshot = try engine(invocation) { () throws(ReviewError) in
                do throws(FileError) { return try EmbeddedReview.load() } catch { throw ReviewError(error.message) }
            }
            path = nil
        } else {
            do throws(FileError) {
                let loaded = try SnapshotFile.load(from: shell.fileURL(word.text), progress: shell.progress("loading"))
                snapshot = loaded.snapshot
                base = .file(shell.fileURL(word.text), info: loaded.info)
            } catch {
                throw Diagnostic(relabel(error, as: word.text))
            }
        }
        guard !Interrupt.wasRequested else { throw invocation.error("load interrupted by Ctrl-C; the session is as it was", at: word.span) }
        let cells = shell.session.cells
        try engine(invocation) { () throws(ReviewError) in try shell.session.restore(snapshot, path: path) }
        if path == nil { shell.session.sourceDescription = EmbeddedReview.shortName }
        // The commands of this session stay in the notebook after the loaded history.
        shell.session.cells = shell.session.cells + cells.map { cell in
            var cell = cell
            cell.number += shell.session.cells.count
            return cell
        }
        shell.session.savedBase = base
        shell.session.clearJournal()
        let w = shell.session.workspace
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        return .message("loaded \(path ?? EmbeddedReview.shortName): " + [count(w.studies.count, "study").replacingAll("studys", with: "studies").replacingAll("1 studies", with: "1 study"),
                        count(w.quotes.count, "coded quote"), count(w.subThemes.count, "sub-theme"), count(snapshot.notes.count, "note"), count(snapshot.history.count, "history cell")].joined(separator: ", "))
    }

    static let `import` = CommandSpec(
        "import", group: "files",
        summary: "import studies, CASP appraisals, sub-themes or coded quotes from a CSV file (all or nothing)",
        usage: ["import FILE.csv", "import studies|appraisals|subthemes|quotes FILE.csv"],
        details: """
        CSV per RFC 4180, UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields may hold commas, quotes and newlines. \
        The header names the columns (any order; docs/formats.md lists them); the table is recognised from the header when not named. \
        Rows with an existing id update it, new ids are added. Every row is checked first: one bad cell (named by file, row and column) \
        and nothing is imported. 'undo' takes a whole import back.
        """,
        examples: ["import studies extraction.csv", "import quotes coded-quotes.csv"],
        subcommands: CSVTableKind.allCases.map(\.rawValue),
        argument: .file, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard !words.isEmpty else { throw invocation.missing("'import' needs a CSV file") }
        var kind: CSVTableKind?
        var fileWord = words[0]
        if words.count == 2 {
            guard let named = CSVTableKind(rawValue: words[0].text.lowercased()) else {
                throw invocation.error("unknown table '\(words[0].text)'", at: words[0].span, notes: ["tables: " + CSVTableKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            kind = named
            fileWord = words[1]
        } else if words.count > 2 {
            throw invocation.error("unexpected '\(words[2].text)'", at: words[2].span)
        }
        let result: CSVImportResult
        do throws(FileError) {
            result = try CSVImport.read(from: shell.fileURL(fileWord.text), as: kind, into: shell.session.workspace, progress: shell.progress("importing"))
        } catch {
            throw Diagnostic(relabel(error, as: fileWord.text))
        }
        guard !Interrupt.wasRequested else { throw invocation.error("import interrupted by Ctrl-C; nothing was imported", at: fileWord.span) }
        guard !result.changes.isEmpty else {
            return .message("nothing to import: \(result.rows) \(result.kind.rawValue) row(s), all unchanged")
        }
        try engine(invocation) { () throws(ReviewError) in try shell.session.apply(result.change, command: invocation.text) }
        return .message("imported \(result.kind.rawValue) from \(fileWord.text): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged ('undo' takes it back)")
    }

    static let export = CommandSpec(
        "export", group: "files",
        summary: "export CSV, Markdown tables, JSON or a SQLite database",
        usage: [
            "export csv DIRECTORY | export csv studies|appraisals|subthemes|quotes FILE.csv",
            "export markdown FILE.md [casp|barriers|facilitators]",
            "export json FILE.json",
            "export sqlite FILE.db",
        ],
        details: """
        CSV files have the columns 'import' reads (a round trip gives the same workspace). Markdown prints Table 2 and the barrier and \
        facilitator tables as the paper does; without a table name it writes all three. The SQLite database (schema in docs/formats.md) opens \
        in sqlite3, R (RSQLite) and pandas. Every export is written atomically.
        """,
        examples: ["export csv extraction/", "export csv quotes quotes.csv", "export markdown tables.md", "export markdown barriers.md barriers", "export sqlite review.db", "export json review.json"],
        subcommands: ["csv", "markdown", "json", "sqlite"],
        argument: .file
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let format = words.first else { throw invocation.missing("export what? csv, markdown, json or sqlite") }
        let workspace = shell.session.workspace
        let kind = format.text.lowercased()
        guard ["csv", "markdown", "md", "json", "sqlite", "db"].contains(kind) else {
            throw invocation.error("unknown export format '\(format.text)'", at: format.span, notes: ["expected csv, markdown, json or sqlite"])
        }
        guard words.count >= 2 else { throw invocation.missing("name the file to write, e.g. 'export \(kind) FILE'") }
        var table: CSVTableKind?
        var fileWord = words[1]
        var markdownTable = "all"
        if kind == "csv" && words.count == 3 {
            guard let named = CSVTableKind(rawValue: words[1].text.lowercased()) else {
                throw invocation.error("unknown table '\(words[1].text)'", at: words[1].span, notes: ["tables: " + CSVTableKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            table = named
            fileWord = words[2]
        } else if (kind == "markdown" || kind == "md") && words.count == 3 {
            markdownTable = words[2].text.lowercased()
            guard ["casp", "table2", "barriers", "barrier", "facilitators", "facilitator", "all"].contains(markdownTable) else {
                throw invocation.error("unknown table '\(words[2].text)'", at: words[2].span, notes: ["expected casp, barriers or facilitators"])
            }
        } else if words.count > 2 {
            throw invocation.error("unexpected '\(words[2].text)'", at: words[2].span)
        }
        let url = shell.fileURL(fileWord.text)
        do throws(FileError) {
            switch kind {
            case "csv":
                if let table {
                    try CSVExport.write(table, workspace: workspace, to: url, progress: shell.progress("exporting"))
                    return .message("wrote \(table.rawValue) to \(fileWord.text)")
                }
                // A folder named for the four CSV files is created when missing (its parent must exist).
                if !FileManager.default.fileExists(atPath: url.path) { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) }
                try CSVExport.writeAll(workspace: workspace, to: url)
                return .message("wrote " + CSVTableKind.allCases.map(\.fileName).joined(separator: ", ") + " to \(fileWord.text)")
            case "markdown", "md":
                let text: String
                switch markdownTable {
                case "casp", "table2": text = MarkdownExport.caspTable(workspace)
                case "barriers", "barrier": text = MarkdownExport.themeTable(workspace, direction: .barrier)
                case "facilitators", "facilitator": text = MarkdownExport.themeTable(workspace, direction: .facilitator)
                default: text = MarkdownExport.document(workspace)
                }
                try MarkdownExport.write(text, to: url)
                return .message("wrote Markdown to \(fileWord.text)")
            case "json":
                try JSONExport.write(workspace, to: url, progress: shell.progress("exporting"))
                return .message("wrote JSON to \(fileWord.text)")
            default:
                try SQLiteExport.write(workspace, to: url, progress: shell.progress("exporting"))
                return .message("wrote SQLite database to \(fileWord.text)")
            }
        } catch {
            throw Diagnostic(relabel(error, as: fileWord.text))
        }
    }
}

/// Names the file in an error as the reviewer typed it.
private func relabel(_ error: FileError, as path: String) -> FileError {
    var error = error
    if error.path != nil { error.path = path }
    return error
}

extension Shell {
    /// A progress callback that shows "label… N%" on the terminal once an operation has run for a second.
    func progress(_ label: String) -> ((Double) -> Void)? {
        guard options.outputIsTerminal, input.isInteractive else { return nil }
        let start = Date()
        var shown = -1
        let output = self.output
        return { fraction in
            guard Date().timeIntervalSince(start) > 1 else { return }
            let percent = Int(fraction * 100)
            guard percent != shown else { return }
            shown = percent
            output.writeError("\r\(label)… \(percent)%" + (percent >= 100 ? "\r\u{1B}[K" : ""))
        }
    }
}
